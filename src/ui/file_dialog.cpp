#include "ui/file_dialog.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <system_error>

#include "core/i18n.hpp"

namespace nestmap {
namespace fs = std::filesystem;

DirectoryListing listDirectory(const fs::path& dir) {
  DirectoryListing out;
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.error = ec.message();
    return out;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (name.empty() || name.front() == '.') continue;
    std::error_code kindError;
    // is_directory follows links, so a link to a folder is walked like one.
    if (it->is_directory(kindError))
      out.directories.push_back(name);
    else if (it->path().extension() == ".nestmap" && it->is_regular_file(kindError))
      out.files.push_back(name);
  }
  if (ec) out.error = ec.message();
  std::sort(out.directories.begin(), out.directories.end());
  std::sort(out.files.begin(), out.files.end());
  return out;
}

void FileDialog::open(const fs::path& directory, const std::string& fileName, std::string title, std::string confirm) {
  m_title = std::move(title);
  m_confirm = std::move(confirm);
  m_open = m_openPending = true;
  changeDirectory(directory);
  std::snprintf(m_path, sizeof m_path, "%s", fileName.c_str());
}

void FileDialog::changeDirectory(const fs::path& dir) {
  std::error_code ec;
  fs::path absolute = fs::absolute(dir, ec);
  m_directory = (ec ? dir : absolute).lexically_normal();
  // "/a/b/" normalises to "/a/b/"; drop the empty last part so parent_path() climbs.
  if (m_directory.has_relative_path() && m_directory.filename().empty()) m_directory = m_directory.parent_path();
  m_listing = listDirectory(m_directory);
  m_path[0] = '\0';
}

std::optional<fs::path> FileDialog::draw() {
  if (!m_open) return std::nullopt;
  // "###" keeps the popup's id the same whatever the title says (Openen, Nieuw).
  const std::string id = m_title + "###filedialog";
  if (m_openPending) {
    ImGui::OpenPopup(id.c_str());
    m_openPending = false;
  }
  std::optional<fs::path> chosen;
  ImGui::SetNextWindowSize(ImVec2(640, 460), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(id.c_str(), &m_open)) return std::nullopt;

  ImGui::TextUnformatted(trf("filedialog.in", {m_directory.string()}).c_str());
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2 + ImGui::GetStyle().ItemSpacing.y;
  std::optional<fs::path> enter;  // a directory to change into, after the list is drawn
  bool confirm = false;
  if (ImGui::BeginChild("##entries", ImVec2(0, -footer), true)) {
    if (m_directory.has_relative_path() && ImGui::Selectable(tr("filedialog.up").c_str()))
      enter = m_directory.parent_path();
    for (const std::string& d : m_listing.directories)
      if (ImGui::Selectable((d + "/").c_str())) enter = m_directory / d;
    for (const std::string& f : m_listing.files) {
      const bool selected = f == m_path;
      if (ImGui::Selectable(f.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick)) {
        std::snprintf(m_path, sizeof m_path, "%s", f.c_str());
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) confirm = true;
      }
    }
    if (!m_listing.error.empty()) ImGui::TextDisabled("%s", m_listing.error.c_str());
    if (m_listing.directories.empty() && m_listing.files.empty() && m_listing.error.empty())
      ImGui::TextDisabled("%s", tr("filedialog.empty").c_str());
  }
  ImGui::EndChild();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::InputTextWithHint("##path", tr("filedialog.path_hint").c_str(), m_path, sizeof m_path,
                               ImGuiInputTextFlags_EnterReturnsTrue))
    confirm = true;
  if (ImGui::Button(m_confirm.c_str())) confirm = true;
  ImGui::SameLine();
  if (ImGui::Button(tr("shell.cancel").c_str())) {
    m_open = false;
    ImGui::CloseCurrentPopup();
  }
  if (confirm && m_path[0] != '\0') {
    // A relative name is in the directory shown; a directory typed in is walked into.
    const fs::path typed(m_path);
    const fs::path target = typed.is_absolute() ? typed : m_directory / typed;
    std::error_code ec;
    if (fs::is_directory(target, ec)) {
      enter = target;
    } else {
      chosen = target.lexically_normal();
      m_open = false;
      ImGui::CloseCurrentPopup();
    }
  }
  if (enter) changeDirectory(*enter);
  ImGui::EndPopup();
  return chosen;
}

}  // namespace nestmap
