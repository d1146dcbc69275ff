#pragma once
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/agreement_pipeline.hpp"
#include "core/model.hpp"

namespace nestmap {

/// The pipeline chart: how many agreements stood in each status over the
/// project, as stacked areas in the map's status colours, for every prison or
/// one; hovering shows the counts of the nearest sample.
struct PipelineChart {
  /// Where the last frame drew things, so tests can point at them.
  struct Hooks {
    ImVec2 plotMin{0, 0}, plotMax{0, 0};  ///< the area the samples span (inside the axes)
    ImVec2 prisonComboCenter{0, 0};
    std::vector<std::pair<RowId, ImVec2>> prisonItems;  ///< while the combo is open: each entry's centre; 0 = all
    std::optional<float> markerX, compareMarkerX;       ///< the date markers drawn, if any
    int hoveredSample = -1;                             ///< the sample under the mouse, -1 when none
    std::vector<std::string> tooltip;                   ///< the tooltip's lines this frame, empty when none
  };

  /// Draws the chart at the current cursor of the current window, `size`
  /// big: the prison combo and the legend on one line, the chart below.
  /// `marker` (the timeline's date) and `compareMarker` are drawn as vertical
  /// lines. Recounts only when `revision`, `span` or the prison changed.
  void draw(const Model& model, std::uint64_t revision, const DateSpan& span, std::optional<Date> marker,
            std::optional<Date> compareMarker, ImVec2 size);

  /// The prison shown; 0 for all.
  RowId prison() const { return m_prison; }
  void setPrison(RowId prisonId) { m_prison = prisonId; }
  /// The counts shown (as of the last draw).
  const AgreementPipeline::Result& result() const { return m_result; }
  /// The screen x of sample `i` in the last frame's layout.
  float sampleX(std::size_t i) const;
  /// The sample nearest to screen `x` in the last frame's layout; -1 when there is none.
  int sampleAt(float x) const;
  const Hooks& hooks() const { return m_hooks; }

 private:
  void refresh(const Model& model, std::uint64_t revision, const DateSpan& span);
  float dateX(Date date) const;
  void drawHeader(const Model& model);
  void drawPlot(const Model& model, std::optional<Date> marker, std::optional<Date> compareMarker, ImVec2 size);

  RowId m_prison = 0;
  // What the shown counts were made from; recounted when any of it changes.
  std::uint64_t m_revision = ~std::uint64_t{0};
  DateSpan m_span;
  RowId m_countedPrison = -1;
  AgreementPipeline::Result m_result;
  std::vector<std::pair<RowId, std::string>> m_prisons;  ///< every prison of the map, by name
  Hooks m_hooks;
};

}  // namespace nestmap
