#include "ui/export_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <utility>

#include "core/i18n.hpp"

namespace nestmap {

std::filesystem::path ExportDialog::suggestedPath(const std::filesystem::path& mapPath, const std::string& viewName) {
  // Separators and characters that shells and other systems choke on become dashes; letters with accents stay.
  std::string view = viewName;
  for (char& c : view)
    if (c == '/' || c == '\\' || c == ' ' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' ||
        c == '|')
      c = '-';
  return mapPath.parent_path() / (mapPath.stem().string() + "-" + view + ".png");
}

void ExportDialog::open(const std::filesystem::path& mapPath, RowId viewId, const std::string& viewName) {
  m_open = m_opening = true;
  m_viewId = viewId;
  m_viewName = viewName;
  m_path = suggestedPath(std::filesystem::absolute(mapPath), viewName).string();
  m_error.clear();
}

std::optional<ExportRequest> ExportDialog::draw() {
  const std::string title = tr("export.title");
  if (std::exchange(m_opening, false)) ImGui::OpenPopup(title.c_str());
  std::optional<ExportRequest> request;
  if (!ImGui::BeginPopupModal(title.c_str(), &m_open, ImGuiWindowFlags_AlwaysAutoResize)) return request;
  ImGui::TextUnformatted(trf("export.help", {m_viewName}).c_str());
  const float field = ImGui::GetFontSize() * 8;
  ImGui::SetNextItemWidth(field);
  ImGui::InputInt(tr("export.width").c_str(), &m_width, 100, 1000);
  ImGui::SetNextItemWidth(field);
  ImGui::InputInt(tr("export.height").c_str(), &m_height, 100, 1000);
  // The driver's own limit is checked when the picture is made.
  m_width = std::clamp(m_width, 16, 32768);
  m_height = std::clamp(m_height, 16, 32768);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
  const bool enter = ImGui::InputText(tr("export.path").c_str(), &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::Checkbox(tr("export.replace").c_str(), &m_replace);
  if (!m_error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", m_error.c_str());
  if (ImGui::Button(tr("export.export").c_str()) || enter) {
    if (m_path.empty()) {
      m_error = tr("export.path_empty");
    } else {
      request = ExportRequest{m_viewId, m_width, m_height, std::filesystem::path(m_path), m_replace};
      m_open = false;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::SameLine();
  if (ImGui::Button(tr("shell.cancel").c_str())) {
    m_open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return request;
}

}  // namespace nestmap
