#include "ui/timeline_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/i18n.hpp"
#include "edit/document.hpp"
#include "core/date_text.hpp"

namespace nestmap {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
constexpr ImGuiSliderFlags kSliderFlags = ImGuiSliderFlags_NoInput | ImGuiSliderFlags_AlwaysClamp;

ImVec2 center(ImVec2 min, ImVec2 max) { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }

/// A slider's label is a printf format: a literal text must have its '%' doubled.
std::string asFormat(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '%') out += '%';
  }
  return out;
}

Date clampTo(Date date, const DateSpan& span) { return std::clamp(date, span.from, span.to); }

}  // namespace

void TimelinePanel::draw(const Document& doc, ImVec2 pos, ImVec2 size) { draw(doc.model(), doc.revision(), pos, size); }

float TimelinePanel::barHeight() { return ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().WindowPadding.y; }

void TimelinePanel::setAsOf(std::optional<Date> date) {
  m_asOf = date;
  m_playing = false;
}

void TimelinePanel::setCompareWith(std::optional<Date> date) {
  m_compare = date.has_value();
  if (date) {
    m_compareDate = *date;
    m_compareDateSet = true;
  }
}

void TimelinePanel::refreshSpan(const Model& model, std::uint64_t revision) {
  const Date today = m_today.value_or(Date::today());
  if (revision != m_spanRevision || today != m_spanToday) {
    m_span = projectSpan(model, today);
    m_spanRevision = revision;
    m_spanToday = today;
  }
  // Dates from before an edit (or set from outside) stay on the slider.
  if (m_asOf) m_asOf = clampTo(*m_asOf, m_span);
  if (m_compareDateSet) m_compareDate = clampTo(m_compareDate, m_span);
}

void TimelinePanel::advance(float seconds) {
  if (!m_playing) return;
  const int days = m_span.days();
  m_playDays += static_cast<double>(seconds) * days / kPlaySeconds;
  if (days == 0 || m_playDays >= days) {
    m_asOf = m_span.to;
    m_playing = false;
    return;
  }
  m_asOf = Date{m_span.from.days + static_cast<std::int32_t>(std::floor(m_playDays))};
}

void TimelinePanel::togglePlay() {
  if (m_playing) {
    m_playing = false;
    return;
  }
  if (m_span.days() == 0) return;
  // From where the slider stands; from the start when it is off or at the end.
  m_playDays = m_asOf && *m_asOf < m_span.to ? m_asOf->days - m_span.from.days : 0;
  m_asOf = Date{m_span.from.days + static_cast<std::int32_t>(m_playDays)};
  m_playing = true;
}

void TimelinePanel::draw(const Model& model, std::uint64_t revision, ImVec2 pos, ImVec2 size) {
  refreshSpan(model, revision);
  advance(ImGui::GetIO().DeltaTime);
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (ImGui::Begin("##timeline", nullptr, kPanelFlags)) {
    drawBar();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.y >= 6 * ImGui::GetFrameHeightWithSpacing())
      m_chart.draw(model, revision, m_span, m_asOf, compareWith(), avail);
  }
  ImGui::End();
  const std::optional<Date> compare = compareWith();
  m_changed = m_asOf != m_lastAsOf || compare != m_lastCompare;
  m_lastAsOf = m_asOf;
  m_lastCompare = compare;
}

void TimelinePanel::drawBar() {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float h = ImGui::GetFrameHeight();
  const std::string todayText = tr("timeline.today");
  const std::string compareText = tr("timeline.compare");
  const float todayWidth = ImGui::CalcTextSize(todayText.c_str()).x + 2 * style.FramePadding.x;
  const float checkWidth = h + style.ItemInnerSpacing.x + ImGui::CalcTextSize(compareText.c_str()).x;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float compareWidth = std::clamp(avail * 0.2f, 100.0f, 260.0f);
  const float sliderWidth =
      std::max(80.0f, avail - h - todayWidth - checkWidth - compareWidth - 4 * style.ItemSpacing.x);
  const bool emptySpan = m_span.days() == 0;

  // Play and pause, drawn as shapes: the interface font need not hold ▶ and ⏸.
  ImGui::BeginDisabled(emptySpan);
  if (ImGui::Button("##play", ImVec2(h, h))) togglePlay();
  {
    const ImVec2 c = center(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    m_hooks.playCenter = c;
    const float r = h * 0.25f;
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    ImDrawList* list = ImGui::GetWindowDrawList();
    if (m_playing) {
      list->AddRectFilled(ImVec2(c.x - r * 0.8f, c.y - r), ImVec2(c.x - r * 0.25f, c.y + r), color);
      list->AddRectFilled(ImVec2(c.x + r * 0.25f, c.y - r), ImVec2(c.x + r * 0.8f, c.y + r), color);
    } else {
      list->AddTriangleFilled(ImVec2(c.x - r * 0.7f, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x - r * 0.7f, c.y + r),
                              color);
    }
  }
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", tr(m_playing ? "timeline.pause" : "timeline.play").c_str());

  // The date filter: off shows today's map, and says so.
  ImGui::SameLine();
  ImGui::SetNextItemWidth(sliderWidth);
  int day = m_asOf ? m_asOf->days : m_span.to.days;
  const std::string label = m_asOf ? longDate(*m_asOf) : trf("timeline.today_label", {longDate(m_span.to)});
  const bool moved =
      ImGui::SliderInt("##as_of", &day, m_span.from.days, m_span.to.days, asFormat(label).c_str(), kSliderFlags);
  m_hooks.sliderMin = ImGui::GetItemRectMin();
  m_hooks.sliderMax = ImGui::GetItemRectMax();
  // Taking hold of the slider sets the filter even where the value stays (today's end).
  if (moved || ImGui::IsItemActivated()) {
    m_asOf = Date{day};
    m_playing = false;
  }
  ImGui::EndDisabled();

  ImGui::SameLine();
  if (ImGui::Button((todayText + "###today").c_str())) {
    m_asOf.reset();
    m_playing = false;
  }
  m_hooks.todayCenter = center(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("timeline.today_tip").c_str());

  ImGui::SameLine();
  bool compare = m_compare;
  if (ImGui::Checkbox((compareText + "###compare").c_str(), &compare)) {
    m_compare = compare;
    if (compare && !m_compareDateSet) {
      m_compareDate = m_span.from;
      m_compareDateSet = true;
    }
  }
  m_hooks.compareCheckCenter = ImVec2(ImGui::GetItemRectMin().x + h * 0.5f, ImGui::GetItemRectMin().y + h * 0.5f);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("timeline.compare_tip").c_str());

  ImGui::SameLine();
  ImGui::BeginDisabled(!m_compare || emptySpan);
  ImGui::SetNextItemWidth(std::max(60.0f, ImGui::GetContentRegionAvail().x));
  int compareDay = (m_compareDateSet ? m_compareDate : m_span.from).days;
  if (ImGui::SliderInt("##compare_with", &compareDay, m_span.from.days, m_span.to.days,
                       asFormat(longDate(Date{compareDay})).c_str(), kSliderFlags) ||
      ImGui::IsItemActivated()) {
    m_compareDate = Date{compareDay};
    m_compareDateSet = true;
  }
  m_hooks.compareSliderMin = ImGui::GetItemRectMin();
  m_hooks.compareSliderMax = ImGui::GetItemRectMax();
  ImGui::EndDisabled();
}

}  // namespace nestmap
