#include "ui/pipeline_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "analysis/nest_coverage.hpp"
#include "core/i18n.hpp"
#include "core/date_text.hpp"

namespace nestmap {
namespace {

constexpr std::size_t kStatusCount = AgreementPipeline::kStatusCount;
constexpr ImU32 kMarkerColor = IM_COL32(16, 97, 217, 255);
constexpr ImU32 kCompareColor = IM_COL32(110, 110, 110, 230);

const std::string& localName(const std::string& nl, const std::string& en) {
  return language() == Language::Dutch || en.empty() ? nl : en;
}

ImU32 toU32(const Color& c, int alpha = 255) { return IM_COL32(c.r, c.g, c.b, alpha); }

ImU32 withAlpha(ImU32 color, float alpha) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
  c.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

struct StatusStyle {
  std::string name;
  ImU32 color = 0;
};

/// Each status's name and colour as the map labels them; the default
/// taxonomy's where a map lacks a label (a damaged or hand-made file).
std::array<StatusStyle, kStatusCount> statusStyles(const Model& m) {
  constexpr ImU32 kDefaults[kStatusCount] = {IM_COL32(158, 158, 158, 255), IM_COL32(242, 177, 52, 255),
                                             IM_COL32(78, 159, 216, 255),  IM_COL32(59, 95, 192, 255),
                                             IM_COL32(46, 158, 91, 255),   IM_COL32(142, 108, 192, 255),
                                             IM_COL32(209, 73, 91, 255)};
  std::array<StatusStyle, kStatusCount> out;
  for (std::size_t i = 0; i < kStatusCount; ++i)
    out[i] = {tr(std::string("status.") + std::string(key(kAllAgreementStatuses[i]))), kDefaults[i]};
  for (const auto& [id, label] : m.statusLabels)
    out[static_cast<std::size_t>(label.status)] = {localName(label.nameNl, label.nameEn), toU32(label.color)};
  return out;
}

/// An axis step of 1, 2 or 5 times a power of ten that splits `max` in about `ticks` parts; at least 1.
int niceStep(int max, int ticks) {
  const double raw = static_cast<double>(max) / ticks;
  if (raw <= 1) return 1;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * magnitude >= raw) return static_cast<int>(m * magnitude);
  return static_cast<int>(10 * magnitude);
}

/// A small square of `color` on the text line; `dy` lowers it to text aligned to frame padding.
void swatch(ImU32 color, float dy = 0) {
  const float line = ImGui::GetTextLineHeight();
  const float size = line * 0.8f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float pad = (line - size) * 0.5f + dy;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + size, p.y + pad + size), color,
                                            size * 0.2f);
  ImGui::Dummy(ImVec2(size, line));
}

ImVec2 center(ImVec2 min, ImVec2 max) { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }

}  // namespace

void PipelineChart::refresh(const Model& model, std::uint64_t revision, const DateSpan& span) {
  if (revision != m_revision) {
    m_prisons.clear();
    if (const ActorType* type = model.actorTypeByKey(kPrisonTypeKey))
      for (const auto& [id, actor] : model.actors)
        if (actor.typeId == type->id) m_prisons.emplace_back(id, actor.name);
    std::sort(m_prisons.begin(), m_prisons.end(),
              [](const auto& a, const auto& b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
  }
  // A prison deleted (or undone) since it was picked: back to all of them.
  if (m_prison && std::none_of(m_prisons.begin(), m_prisons.end(), [&](const auto& p) { return p.first == m_prison; }))
    m_prison = 0;
  if (revision == m_revision && span == m_span && m_prison == m_countedPrison) return;
  m_revision = revision;
  m_span = span;
  m_countedPrison = m_prison;
  m_result = AgreementPipeline::run(model, {span, AgreementPipeline::stepFor(span), m_prison});
}

float PipelineChart::dateX(Date date) const {
  const auto& samples = m_result.samples;
  const float left = m_hooks.plotMin.x, width = m_hooks.plotMax.x - m_hooks.plotMin.x;
  if (samples.size() < 2 || samples.back().date == samples.front().date) return left + width * 0.5f;
  const float t = static_cast<float>(date.days - samples.front().date.days) /
                  static_cast<float>(samples.back().date.days - samples.front().date.days);
  return left + t * width;
}

float PipelineChart::sampleX(std::size_t i) const {
  return i < m_result.samples.size() ? dateX(m_result.samples[i].date) : m_hooks.plotMin.x;
}

int PipelineChart::sampleAt(float x) const {
  int best = -1;
  float bestDistance = 0;
  for (std::size_t i = 0; i < m_result.samples.size(); ++i) {
    const float d = std::fabs(sampleX(i) - x);
    if (best < 0 || d < bestDistance) {
      best = static_cast<int>(i);
      bestDistance = d;
    }
  }
  return best;
}

void PipelineChart::draw(const Model& model, std::uint64_t revision, const DateSpan& span, std::optional<Date> marker,
                         std::optional<Date> compareMarker, ImVec2 size) {
  m_hooks.markerX.reset();
  m_hooks.compareMarkerX.reset();
  m_hooks.hoveredSample = -1;
  m_hooks.tooltip.clear();
  refresh(model, revision, span);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::PushID("pipeline_chart");
  drawHeader(model);
  // The header may change the prison: count again before drawing.
  refresh(model, revision, span);
  const ImVec2 below = ImGui::GetCursorScreenPos();
  const ImVec2 plotSize(size.x, size.y - (below.y - start.y));
  if (plotSize.x >= 40 && plotSize.y >= 3 * ImGui::GetTextLineHeight())
    drawPlot(model, marker, compareMarker, plotSize);
  ImGui::PopID();
}

void PipelineChart::drawHeader(const Model& model) {
  std::string preview = tr("pipeline.all_prisons");
  for (const auto& [id, name] : m_prisons)
    if (id == m_prison) preview = name;
  const float comboWidth = std::min(260.0f, ImGui::GetContentRegionAvail().x * 0.35f);
  const ImVec2 comboPos = ImGui::GetCursorScreenPos();
  m_hooks.prisonComboCenter = ImVec2(comboPos.x + comboWidth * 0.5f, comboPos.y + ImGui::GetFrameHeight() * 0.5f);
  m_hooks.prisonItems.clear();
  ImGui::SetNextItemWidth(comboWidth);
  if (ImGui::BeginCombo("##prison", preview.c_str())) {
    auto item = [&](RowId id, const std::string& label) {
      ImGui::PushID(static_cast<int>(id));
      if (ImGui::Selectable(label.c_str(), m_prison == id)) m_prison = id;
      m_hooks.prisonItems.emplace_back(id, center(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()));
      ImGui::PopID();
    };
    item(0, tr("pipeline.all_prisons"));
    for (const auto& [id, name] : m_prisons) item(id, name);
    ImGui::EndCombo();
  } else if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s", tr("pipeline.prison_tip").c_str());
  }

  // The legend, in workflow order, wrapping when the line is full.
  const auto styles = statusStyles(model);
  const ImGuiStyle& style = ImGui::GetStyle();
  for (const StatusStyle& s : styles) {
    const float width =
        ImGui::GetTextLineHeight() * 0.8f + style.ItemInnerSpacing.x + ImGui::CalcTextSize(s.name.c_str()).x;
    ImGui::SameLine(0, style.ItemSpacing.x * 2);
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    ImGui::AlignTextToFramePadding();
    swatch(s.color, style.FramePadding.y);
    ImGui::SameLine(0, style.ItemInnerSpacing.x);
    ImGui::TextUnformatted(s.name.c_str());
  }
}

void PipelineChart::drawPlot(const Model& model, std::optional<Date> marker, std::optional<Date> compareMarker,
                             ImVec2 size) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##plot", size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const ImU32 textColor = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 axisColor = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 gridColor = withAlpha(ImGui::GetColorU32(ImGuiCol_Border), 0.5f);
  const auto& samples = m_result.samples;

  const int maxTotal = m_result.maxTotal();
  const int step = niceStep(std::max(maxTotal, 1), 4);
  const int yMax = std::max(step, (maxTotal + step - 1) / step * step);
  const float left = ImGui::CalcTextSize(std::to_string(yMax).c_str()).x + 10;
  m_hooks.plotMin = ImVec2(pos.x + left, pos.y + line * 0.5f);
  m_hooks.plotMax = ImVec2(pos.x + size.x - 12, pos.y + size.y - line - 8);
  const ImVec2 lo = m_hooks.plotMin, hi = m_hooks.plotMax;
  if (hi.x - lo.x < 10 || hi.y - lo.y < 10) return;

  if (samples.empty() || maxTotal == 0) {
    const std::string text = tr("pipeline.empty");
    const ImVec2 t = ImGui::CalcTextSize(text.c_str());
    list->AddText(ImVec2(center(lo, hi).x - t.x * 0.5f, center(lo, hi).y - t.y * 0.5f), axisColor, text.c_str());
    return;
  }
  auto yOf = [&](int value) { return hi.y - (hi.y - lo.y) * static_cast<float>(value) / static_cast<float>(yMax); };

  // Counts: grid lines and labels on the left.
  for (int v = 0; v <= yMax; v += step) {
    const float y = yOf(v);
    list->AddLine(ImVec2(lo.x, y), ImVec2(hi.x, y), gridColor);
    const std::string label = std::to_string(v);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    list->AddText(ImVec2(lo.x - 6 - w, y - line * 0.5f), axisColor, label.c_str());
  }

  // Dates: ticks on the firsts of months, as many months apart as the labels need.
  const Date from = samples.front().date, to = samples.back().date;
  const int months = (to.year() - from.year()) * 12 + to.month() - from.month();
  const float labelWidth = ImGui::CalcTextSize(shortMonth(from).c_str()).x + 16;
  int monthStep = 1;
  for (int candidate : {1, 2, 3, 6, 12, 24, 60, 120}) {
    monthStep = candidate;
    if (static_cast<float>(months / candidate + 1) * labelWidth <= hi.x - lo.x) break;
  }
  list->AddLine(ImVec2(lo.x, hi.y), ImVec2(hi.x, hi.y), axisColor);
  for (int y = from.year(), m = from.month();;) {
    const Date first = *Date::fromYmd(y, m, 1);
    if (first > to) break;
    const bool onStep = monthStep < 12 ? (m - 1) % monthStep == 0 : m == 1 && y % (monthStep / 12) == 0;
    if (first >= from && onStep) {
      const float x = dateX(first);
      list->AddLine(ImVec2(x, hi.y), ImVec2(x, hi.y + 4), axisColor);
      const std::string label = monthStep < 12 ? shortMonth(first) : std::to_string(y);
      const float w = ImGui::CalcTextSize(label.c_str()).x;
      const float textX = std::clamp(x - w * 0.5f, pos.x, pos.x + size.x - w);
      list->AddText(ImVec2(textX, hi.y + 5), axisColor, label.c_str());
    }
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }

  // Stacked areas, idea at the bottom: one quad per status between two samples.
  // Without anti-aliased fill the quads meet without hairline seams.
  const auto styles = statusStyles(model);
  const ImDrawListFlags flags = list->Flags;
  list->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  if (samples.size() == 1) {
    const float x = sampleX(0);
    int below = 0;
    for (std::size_t s = 0; s < kStatusCount; ++s) {
      const int c = samples[0].counts[s];
      if (c) list->AddRectFilled(ImVec2(x - 4, yOf(below + c)), ImVec2(x + 4, yOf(below)), styles[s].color);
      below += c;
    }
  }
  for (std::size_t i = 0; i + 1 < samples.size(); ++i) {
    const float x0 = sampleX(i), x1 = sampleX(i + 1);
    int below0 = 0, below1 = 0;
    for (std::size_t s = 0; s < kStatusCount; ++s) {
      const int c0 = samples[i].counts[s], c1 = samples[i + 1].counts[s];
      if (c0 || c1) {
        const ImVec2 quad[4] = {ImVec2(x0, yOf(below0)), ImVec2(x0, yOf(below0 + c0)), ImVec2(x1, yOf(below1 + c1)),
                                ImVec2(x1, yOf(below1))};
        list->AddConvexPolyFilled(quad, 4, styles[s].color);
      }
      below0 += c0;
      below1 += c1;
    }
  }
  list->Flags = flags;
  for (std::size_t i = 0; i + 1 < samples.size(); ++i)
    list->AddLine(ImVec2(sampleX(i), yOf(samples[i].total())), ImVec2(sampleX(i + 1), yOf(samples[i + 1].total())),
                  withAlpha(textColor, 0.6f), 1.5f);

  // The timeline's dates.
  auto inRange = [&](Date d) { return from <= d && d <= to; };
  if (compareMarker && inRange(*compareMarker)) {
    const float x = dateX(*compareMarker);
    for (float y = lo.y; y < hi.y; y += 8)
      list->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + 4, hi.y)), kCompareColor, 2);
    m_hooks.compareMarkerX = x;
  }
  if (marker && inRange(*marker)) {
    const float x = dateX(*marker);
    list->AddLine(ImVec2(x, lo.y), ImVec2(x, hi.y), kMarkerColor, 2);
    m_hooks.markerX = x;
  }

  // Hover: a guide at the nearest sample and its counts.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (!hovered || mouse.x < lo.x - 6 || mouse.x > hi.x + 6) return;
  const int index = sampleAt(mouse.x);
  if (index < 0) return;
  m_hooks.hoveredSample = index;
  const AgreementPipeline::Sample& sample = samples[static_cast<std::size_t>(index)];
  const float x = sampleX(static_cast<std::size_t>(index));
  list->AddLine(ImVec2(x, lo.y), ImVec2(x, hi.y), withAlpha(textColor, 0.7f));
  list->AddCircleFilled(ImVec2(x, yOf(sample.total())), 3.5f, textColor);

  m_hooks.tooltip.push_back(longDate(sample.date));
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(m_hooks.tooltip.back().c_str());
  ImGui::Separator();
  for (std::size_t s = 0; s < kStatusCount; ++s) {
    m_hooks.tooltip.push_back(trf("pipeline.count_line", {styles[s].name, std::to_string(sample.counts[s])}));
    swatch(styles[s].color);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    if (sample.counts[s] == 0) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(m_hooks.tooltip.back().c_str());
    if (sample.counts[s] == 0) ImGui::PopStyleColor();
  }
  ImGui::Separator();
  m_hooks.tooltip.push_back(trf("pipeline.total", {std::to_string(sample.total())}));
  ImGui::TextUnformatted(m_hooks.tooltip.back().c_str());
  ImGui::EndTooltip();
}

}  // namespace nestmap
