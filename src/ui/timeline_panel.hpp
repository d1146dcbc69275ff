#pragma once
#include <imgui.h>

#include <cstdint>
#include <optional>

#include "analysis/agreement_pipeline.hpp"
#include "core/model.hpp"
#include "ui/pipeline_chart.hpp"

namespace nestmap {

class Document;

/// The timeline: a bar with a date slider over the project's span, a button
/// back to today, a play button that animates the span in about 12 seconds
/// and a date to compare with; below it, when there is room, the pipeline
/// chart with a marker at the slider's date. It only holds the dates: the
/// caller shows the map as of asOf() and the differences with compareWith().
struct TimelinePanel {
  /// Seconds of frame time that playing the whole span takes.
  static constexpr double kPlaySeconds = 12.0;

  /// Where the last frame drew its widgets, so tests can click them.
  struct Hooks {
    ImVec2 playCenter{0, 0}, todayCenter{0, 0}, compareCheckCenter{0, 0};
    ImVec2 sliderMin{0, 0}, sliderMax{0, 0};                ///< the date slider's frame
    ImVec2 compareSliderMin{0, 0}, compareSliderMax{0, 0};  ///< the comparison date's slider
  };

  /// Draws the panel over `pos`, `size`: the bar on top and the chart below it
  /// when `size` leaves room (a rect of barHeight() shows the bar alone).
  /// Playing advances by ImGui's io.DeltaTime. `revision` must change whenever
  /// `model` does: the span and the counts are only recomputed then.
  void draw(const Model& model, std::uint64_t revision, ImVec2 pos, ImVec2 size);
  /// The same for a document: draw(doc.model(), doc.revision(), pos, size).
  void draw(const Document& doc, ImVec2 pos, ImVec2 size);
  /// The height of the bar alone, window padding included.
  static float barHeight();

  /// The day the map should show; nullopt when the date filter is off (today's map).
  std::optional<Date> asOf() const { return m_asOf; }
  /// The day to compare the map with; nullopt when comparing is off.
  std::optional<Date> compareWith() const { return m_compare ? std::optional<Date>(m_compareDate) : std::nullopt; }
  bool playing() const { return m_playing; }
  /// Whether asOf() or compareWith() differ from what they were after the previous draw().
  bool changed() const { return m_changed; }

  /// Sets the date filter (nullopt: off) and stops playing; kept within the span at the next draw.
  void setAsOf(std::optional<Date> date);
  /// Sets the comparison date (nullopt: comparing off).
  void setCompareWith(std::optional<Date> date);
  /// The day the span ends on; Date::today() unless set (tests fix it).
  void setToday(Date today) { m_today = today; }
  /// The project's span as of the last draw.
  const DateSpan& span() const { return m_span; }

  PipelineChart& chart() { return m_chart; }
  const PipelineChart& chart() const { return m_chart; }
  const Hooks& hooks() const { return m_hooks; }

 private:
  void refreshSpan(const Model& model, std::uint64_t revision);
  void advance(float seconds);
  void togglePlay();
  void drawBar();

  std::optional<Date> m_today;
  std::uint64_t m_spanRevision = ~std::uint64_t{0};
  Date m_spanToday;
  DateSpan m_span;

  std::optional<Date> m_asOf;
  bool m_compare = false;
  Date m_compareDate;
  bool m_compareDateSet = false;  ///< false until a comparison date was chosen: it starts at the span's start
  bool m_playing = false;
  double m_playDays = 0;  ///< days into the span the animation stands; fractional between frames

  std::optional<Date> m_lastAsOf, m_lastCompare;  ///< as the previous draw left them
  bool m_changed = false;

  PipelineChart m_chart;
  Hooks m_hooks;
};

}  // namespace nestmap
