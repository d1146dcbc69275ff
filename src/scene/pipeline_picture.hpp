#pragma once
// [SECTION] the agreements pipeline chart as a display list: stacked areas per status over time,
// axes, the total and the timeline's dates — drawn by the timeline panel and by the report

#include <array>
#include <optional>
#include <string>

#include "analysis/agreement_pipeline.hpp"
#include "core/model.hpp"
#include "scene/display_list.hpp"

namespace nestmap {

/// Each status's name and colour as the map labels them; the default taxonomy's where a map
/// lacks a label (a damaged or hand-made file).
struct PipelineStatusStyle {
  std::string name;
  Color color;
};
std::array<PipelineStatusStyle, AgreementPipeline::kStatusCount> pipelineStatusStyles(const Model& model);

/// An axis step of 1, 2 or 5 times a power of ten that splits `max` in about `ticks` parts; at least 1.
int niceStep(int max, int ticks);

/// The chart's colours: the window's theme, or print.
struct PipelineColors {
  Rgba text = rgba(30, 30, 30), axis = rgba(110, 110, 110), grid = rgba(0, 0, 0, 40);
  Rgba marker = rgba(16, 97, 217), compare = rgba(110, 110, 110, 230);
};

/// Where composePipeline() put the plot, for hovering and tests.
struct PipelineLayout {
  PixelRect plot;  ///< the area the samples span (inside the axes); empty when there was no room
  Date from, to;
  int yMax = 0;
  double x(Date date) const;
  double y(int count) const;
};

/// Adds the chart inside `area`: count grid lines and labels on the left, month (or year) ticks
/// along the bottom, one area per status stacked from "idee" up, the total as a line, and
/// `marker` (solid) and `compareMarker` (dashed) as vertical lines when they fall in the span.
/// Without samples it says so in the middle.
PipelineLayout composePipeline(DisplayListBuilder& out, const AgreementPipeline::Result& pipeline,
                               const std::array<PipelineStatusStyle, AgreementPipeline::kStatusCount>& styles,
                               const PixelRect& area, float fontSize, const PipelineColors& colors,
                               std::optional<Date> marker = {}, std::optional<Date> compareMarker = {});

}  // namespace nestmap
