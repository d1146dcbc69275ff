#include "ui/presentation.hpp"

#include <algorithm>
#include <cfloat>
#include <string>

#include "core/i18n.hpp"

namespace nestmap {

std::vector<RowId> Presentation::slides(const Model& model) {
  std::vector<RowId> out;
  for (const auto& [id, view] : model.views) out.push_back(id);
  return out;
}

void Presentation::start(const Model& model, RowId currentView) {
  const std::vector<RowId> all = slides(model);
  const auto it = std::find(all.begin(), all.end(), currentView);
  m_slide = it == all.end() ? 0 : static_cast<int>(it - all.begin());
  m_active = !all.empty();
}

RowId Presentation::step(const Model& model, int by) {
  const std::vector<RowId> all = slides(model);
  if (all.empty()) return 0;
  const int next = std::clamp(m_slide + by, 0, static_cast<int>(all.size()) - 1);
  if (next == m_slide) return 0;
  m_slide = next;
  return all[static_cast<std::size_t>(m_slide)];
}

RowId Presentation::handleKeys(const Model& model, RowId currentView) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return 0;
  auto pressed = [](int key) { return key >= 0 && ImGui::IsKeyPressed(key, false); };
  if (pressed(kKeyF5)) {
    if (m_active) {
      stop();
      return 0;
    }
    start(model, currentView);
    const std::vector<RowId> all = slides(model);
    return m_active ? all[static_cast<std::size_t>(m_slide)] : 0;
  }
  if (!m_active) return 0;
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    stop();
    return 0;
  }
  // Held keys repeat: a held arrow walks through the slides.
  auto repeat = [](int key) { return key >= 0 && ImGui::IsKeyPressed(key, true); };
  if (repeat(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) || repeat(ImGui::GetKeyIndex(ImGuiKey_PageDown)) ||
      repeat(ImGui::GetKeyIndex(ImGuiKey_Space)))
    return step(model, 1);
  if (repeat(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)) || repeat(ImGui::GetKeyIndex(ImGuiKey_PageUp)))
    return step(model, -1);
  return 0;
}

void Presentation::drawOverlay(const Model& model, ImVec2 pos, ImVec2 size, ImFont* heading, Date day) const {
  const std::vector<RowId> all = slides(model);
  if (!m_active || all.empty()) return;
  ImDrawList* list = ImGui::GetForegroundDrawList();
  const View* view = model.views.find(all[static_cast<std::size_t>(m_slide)]);
  const float pad = ImGui::GetFontSize() * 0.6f;
  // The title band: the view's name large, the map's name and the day beside it.
  const std::string title = view ? view->name : std::string();
  const std::string subtitle = model.info.name + " · " + trf("present.on_day", {day.toString()});
  const float titleSize = heading ? heading->FontSize * ImGui::GetIO().FontGlobalScale : ImGui::GetFontSize() * 1.6f;
  ImFont* font = heading ? heading : ImGui::GetFont();
  const float bandHeight = titleSize + 2 * pad;
  list->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + bandHeight), IM_COL32(255, 255, 255, 235));
  list->AddLine(ImVec2(pos.x, pos.y + bandHeight), ImVec2(pos.x + size.x, pos.y + bandHeight), IM_COL32(0, 0, 0, 40));
  list->AddText(font, titleSize, ImVec2(pos.x + 2 * pad, pos.y + pad), IM_COL32(20, 20, 20, 255), title.c_str());
  const float titleWidth = font->CalcTextSizeA(titleSize, FLT_MAX, 0, title.c_str()).x;
  list->AddText(ImVec2(pos.x + 4 * pad + titleWidth, pos.y + pad + titleSize - ImGui::GetFontSize() - 2),
                IM_COL32(90, 90, 90, 255), subtitle.c_str());
  // The footer: where we are, what comes next, the keys.
  std::string footer = trf("present.slide", {std::to_string(m_slide + 1), std::to_string(all.size())});
  if (m_slide + 1 < static_cast<int>(all.size()))
    if (const View* next = model.views.find(all[static_cast<std::size_t>(m_slide + 1)]))
      footer += " · " + trf("present.next", {next->name});
  footer += " · " + tr("present.keys");
  const ImVec2 footerSize = ImGui::CalcTextSize(footer.c_str());
  const ImVec2 at(pos.x + size.x - footerSize.x - 2 * pad, pos.y + bandHeight + pad);
  list->AddRectFilled(ImVec2(at.x - pad / 2, at.y - pad / 4), ImVec2(at.x + footerSize.x + pad / 2, at.y + footerSize.y + pad / 4),
                      IM_COL32(255, 255, 255, 200), 4);
  list->AddText(at, IM_COL32(70, 70, 70, 255), footer.c_str());
}

}  // namespace nestmap
