#include "ui/export_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <utility>

#include "core/i18n.hpp"
#include "ui/modal_buttons.hpp"

namespace nestmap {

std::filesystem::path ExportDialog::suggestedPath(const std::filesystem::path& mapPath, const std::string& viewName,
                                                 const std::string& extension) {
  // Separators and characters that shells and other systems choke on become dashes; letters with accents stay.
  std::string view = viewName;
  for (char& c : view)
    if (c == '/' || c == '\\' || c == ' ' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' ||
        c == '|')
      c = '-';
  return mapPath.parent_path() / (mapPath.stem().string() + "-" + view + extension);
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
  static constexpr const char* kExtensions[] = {".png", ".svg", ".pdf"};
  const std::string kinds[] = {tr("export.format_png"), tr("export.format_svg"), tr("export.format_pdf")};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  if (ImGui::BeginCombo(tr("export.format").c_str(), kinds[m_format].c_str())) {
    for (int i = 0; i < 3; ++i)
      if (ImGui::Selectable(kinds[i].c_str(), i == m_format) && i != m_format) {
        // The file's extension follows the kind.
        std::filesystem::path path(m_path);
        path.replace_extension(kExtensions[i]);
        m_path = path.string();
        m_format = i;
      }
    ImGui::EndCombo();
  }
  const float field = ImGui::GetFontSize() * 8;
  const std::string unit = tr(m_format == 0 ? "export.unit_pixels" : "export.unit_points");
  ImGui::SetNextItemWidth(field);
  ImGui::InputInt((tr("export.width") + " (" + unit + ")").c_str(), &m_width, 100, 1000);
  ImGui::SetNextItemWidth(field);
  ImGui::InputInt((tr("export.height") + " (" + unit + ")").c_str(), &m_height, 100, 1000);
  m_width = std::clamp(m_width, 16, 32768);
  m_height = std::clamp(m_height, 16, 32768);
  if (m_format == 0) m_height = std::min(m_height, 256'000'000 / m_width);  // a PNG in memory: at most 1 GB
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
  const bool enter = ImGui::InputText(tr("export.path").c_str(), &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::Checkbox(tr("export.replace").c_str(), &m_replace);
  if (!m_error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", m_error.c_str());
  if (ImGui::Button(tr("export.export").c_str()) || enter) {
    if (m_path.empty()) {
      m_error = tr("export.path_empty");
    } else {
      request = ExportRequest{m_viewId, m_width, m_height, std::filesystem::path(m_path), m_replace};
      closeModal(m_open);
    }
  }
  cancelButton(m_open);
  ImGui::EndPopup();
  return request;
}

}  // namespace nestmap
