#include "ui/report_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <utility>

#include "core/i18n.hpp"
#include "ui/modal_buttons.hpp"

namespace nestmap {

void ReportDialog::open(const std::filesystem::path& mapPath, std::optional<Date> asOf) {
  m_open = m_opening = true;
  const std::filesystem::path map = std::filesystem::absolute(mapPath);
  m_path = (map.parent_path() / (map.stem().string() + "-" + tr("report_dialog.file_suffix") + ".pdf")).string();
  m_asOf = asOf.value_or(Date::today()).toString();
  m_since.clear();
  m_error.clear();
}

std::optional<ReportRequest> ReportDialog::draw() {
  const std::string title = tr("report_dialog.title");
  if (std::exchange(m_opening, false)) ImGui::OpenPopup(title.c_str());
  std::optional<ReportRequest> request;
  if (!ImGui::BeginPopupModal(title.c_str(), &m_open, ImGuiWindowFlags_AlwaysAutoResize)) return request;
  ImGui::TextUnformatted(tr("report_dialog.help").c_str());
  const float field = ImGui::CalcTextSize(tr("report_dialog.since_hint").c_str()).x + ImGui::GetFontSize() * 1.5f;
  ImGui::SetNextItemWidth(field);
  ImGui::InputTextWithHint(tr("report_dialog.as_of").c_str(), "JJJJ-MM-DD", &m_asOf);
  ImGui::SetNextItemWidth(field);
  ImGui::InputTextWithHint(tr("report_dialog.since").c_str(), tr("report_dialog.since_hint").c_str(), &m_since);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
  const bool enter = ImGui::InputText(tr("export.path").c_str(), &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::Checkbox(tr("report_dialog.share_safe").c_str(), &m_shareSafe);
  ImGui::Checkbox(tr("export.replace").c_str(), &m_replace);
  if (!m_error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", m_error.c_str());
  if (ImGui::Button(tr("report_dialog.make").c_str()) || enter) {
    const std::optional<Date> asOf = Date::parse(m_asOf);
    const std::optional<Date> since = m_since.empty() ? std::nullopt : Date::parse(m_since);
    if (m_path.empty())
      m_error = tr("export.path_empty");
    else if (!asOf)
      m_error = trf("report_dialog.bad_date", {m_asOf});
    else if (!m_since.empty() && !since)
      m_error = trf("report_dialog.bad_date", {m_since});
    else if (since && *since > *asOf)
      m_error = tr("report_dialog.since_after");
    else {
      request = ReportRequest{std::filesystem::path(m_path), *asOf, since, m_shareSafe, m_replace};
      closeModal(m_open);
    }
  }
  cancelButton(m_open);
  ImGui::EndPopup();
  return request;
}

}  // namespace nestmap
