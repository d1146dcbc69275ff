#include "ui/pipeline_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "analysis/nest_coverage.hpp"
#include "core/i18n.hpp"
#include "core/date_text.hpp"
#include "render/imgui_renderer.hpp"
#include "scene/pipeline_picture.hpp"

namespace nestmap {
namespace {

constexpr std::size_t kStatusCount = AgreementPipeline::kStatusCount;

ImU32 withAlpha(ImU32 color, float alpha) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
  c.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

struct StatusStyle {
  std::string name;
  ImU32 color = 0;
};

/// Each status's name and colour (scene/pipeline_picture), as ImGui colours.
std::array<StatusStyle, kStatusCount> statusStyles(const Model& m) {
  std::array<StatusStyle, kStatusCount> out;
  const auto styles = pipelineStatusStyles(m);
  for (std::size_t i = 0; i < kStatusCount; ++i)
    out[i] = {styles[i].name, IM_COL32(styles[i].color.r, styles[i].color.g, styles[i].color.b, 255)};
  return out;
}

ImVec2 center(ImVec2 min, ImVec2 max) { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }

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
  const ImU32 textColor = ImGui::GetColorU32(ImGuiCol_Text);
  const auto& samples = m_result.samples;
  const auto styles = statusStyles(model);

  // The chart itself is the report's (scene/pipeline_picture), in the window's theme.
  auto themed = [](ImU32 c, float alpha = 1) {
    const ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
    return rgba(static_cast<int>(v.x * 255 + 0.5f), static_cast<int>(v.y * 255 + 0.5f),
                static_cast<int>(v.z * 255 + 0.5f), static_cast<int>(v.w * alpha * 255 + 0.5f));
  };
  PipelineColors colors;
  colors.text = themed(textColor);
  colors.axis = themed(ImGui::GetColorU32(ImGuiCol_TextDisabled));
  colors.grid = themed(ImGui::GetColorU32(ImGuiCol_Border), 0.5f);
  DisplayList picture;
  picture.size = {pos.x + size.x, pos.y + size.y};
  const ImGuiMeasure measure(ImGui::GetFont());
  DisplayListBuilder out(picture, measure);
  const PipelineLayout layout = composePipeline(out, m_result, pipelineStatusStyles(model),
                                                {{pos.x, pos.y}, {pos.x + size.x, pos.y + size.y}},
                                                ImGui::GetFontSize(), colors, marker, compareMarker);
  drawItems(list, ImGui::GetFont(), picture, {0, 0}, 0, picture.items.size());
  m_hooks.plotMin = ImVec2(static_cast<float>(layout.plot.min.x), static_cast<float>(layout.plot.min.y));
  m_hooks.plotMax = ImVec2(static_cast<float>(layout.plot.max.x), static_cast<float>(layout.plot.max.y));
  const ImVec2 lo = m_hooks.plotMin, hi = m_hooks.plotMax;
  if (hi.x - lo.x < 10 || hi.y - lo.y < 10 || samples.empty() || m_result.maxTotal() == 0) return;
  auto yOf = [&](int value) { return static_cast<float>(layout.y(value)); };
  auto inRange = [&](Date d) { return layout.from <= d && d <= layout.to; };
  if (compareMarker && inRange(*compareMarker)) m_hooks.compareMarkerX = static_cast<float>(layout.x(*compareMarker));
  if (marker && inRange(*marker)) m_hooks.markerX = static_cast<float>(layout.x(*marker));

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
