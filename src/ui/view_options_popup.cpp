// [SECTION] the popup
#include "ui/view_options_popup.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/i18n.hpp"

namespace nestmap {
namespace {

template <class T>
const std::string& localName(const T& row) {
  return language() == Language::Dutch ? row.nameNl : row.nameEn;
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] the popup

bool drawViewOptions(const Model& model, ViewOptions& view) {
  const ViewOptions before = view;
  auto heading = [](const char* key) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr(key).c_str());
    ImGui::Separator();
  };

  heading("canvas.view.color_by");
  int color = static_cast<int>(view.colorBy);
  ImGui::RadioButton(tr("canvas.view.by_type").c_str(), &color, static_cast<int>(ColorBy::Type));
  ImGui::SameLine();
  ImGui::RadioButton(tr("canvas.view.by_sector").c_str(), &color, static_cast<int>(ColorBy::Sector));
  ImGui::SameLine();
  ImGui::RadioButton(tr("canvas.view.by_community").c_str(), &color, static_cast<int>(ColorBy::Community));
  ImGui::SameLine();
  ImGui::RadioButton(tr("canvas.view.by_metric").c_str(), &color, static_cast<int>(ColorBy::Metric));
  view.colorBy = static_cast<ColorBy>(color);

  heading("canvas.view.size_by");
  int size = static_cast<int>(view.sizeBy);
  ImGui::RadioButton(tr("canvas.view.fixed").c_str(), &size, static_cast<int>(SizeBy::Fixed));
  ImGui::SameLine();
  ImGui::RadioButton(tr("canvas.view.by_metric").c_str(), &size, static_cast<int>(SizeBy::Metric));
  view.sizeBy = static_cast<SizeBy>(size);

  ImGui::SetNextItemWidth(200);
  if (ImGui::BeginCombo(tr("canvas.view.metric").c_str(), metricLabel(view.metric).c_str())) {
    for (CanvasMetric m : {CanvasMetric::Degree, CanvasMetric::Betweenness, CanvasMetric::PageRank})
      if (ImGui::Selectable(metricLabel(m).c_str(), m == view.metric)) view.metric = m;
    ImGui::EndCombo();
  }

  // Long type lists scroll in a box of at most eight lines.
  auto typeList = [](const char* id, const auto& table, std::set<RowId>& hidden) {
    const float rows = static_cast<float>(std::min<std::size_t>(std::max<std::size_t>(table.size(), 1), 8));
    ImGui::BeginChild(id, ImVec2(360, rows * ImGui::GetFrameHeightWithSpacing() + 4), true);
    for (const auto& [typeId, type] : table) {
      bool shown = !hidden.count(typeId);
      ImGui::PushID(static_cast<int>(typeId));
      if (ImGui::Checkbox(localName(type).c_str(), &shown)) {
        if (shown)
          hidden.erase(typeId);
        else
          hidden.insert(typeId);
      }
      ImGui::PopID();
    }
    ImGui::EndChild();
  };
  heading("canvas.view.actor_types");
  typeList("##actor_types", model.actorTypes, view.hiddenActorTypes);
  heading("canvas.view.tie_types");
  typeList("##tie_types", model.tieTypes, view.hiddenTieTypes);

  heading("canvas.view.tie_status");
  ImGui::Checkbox(tr("tie_status.active").c_str(), &view.showActive);
  ImGui::SameLine();
  ImGui::Checkbox(tr("tie_status.planned").c_str(), &view.showPlanned);
  ImGui::SameLine();
  ImGui::Checkbox(tr("tie_status.ended").c_str(), &view.showEnded);

  heading("canvas.view.as_of");
  ImGui::SetNextItemWidth(140);
  ImGui::InputTextWithHint("##as_of", tr("canvas.view.date_hint").c_str(), &view.asOf);
  if (!asOfValid(view)) ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s", tr("canvas.view.as_of_invalid").c_str());

  heading("canvas.view.agreements");
  int overlay = static_cast<int>(view.agreements);
  ImGui::RadioButton(tr("canvas.view.agreements_off").c_str(), &overlay, static_cast<int>(AgreementOverlay::Off));
  ImGui::SameLine();
  ImGui::RadioButton(tr("canvas.view.agreements_badges").c_str(), &overlay, static_cast<int>(AgreementOverlay::Badges));
  ImGui::SameLine();
  ImGui::RadioButton(tr("canvas.view.agreements_hulls").c_str(), &overlay, static_cast<int>(AgreementOverlay::Hulls));
  view.agreements = static_cast<AgreementOverlay>(overlay);
  ImGui::Checkbox(tr("canvas.view.only_formal").c_str(), &view.onlyFormalAgreements);

  heading("canvas.view.focus");
  ImGui::Checkbox(tr("canvas.view.focus_mode").c_str(), &view.focusMode);
  ImGui::BeginDisabled(!view.focusMode);
  ImGui::SetNextItemWidth(140);
  ImGui::SliderInt(tr("canvas.view.focus_depth").c_str(), &view.focusDepth, 1, 3);
  view.focusDepth = std::clamp(view.focusDepth, 1, 3);
  ImGui::EndDisabled();
  return !(view == before);
}

}  // namespace nestmap
