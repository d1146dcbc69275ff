#include "ui/change_log_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <exception>

#include "core/i18n.hpp"
#include "edit/document.hpp"
#include "ui/edit_scope.hpp"

namespace nestmap {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

/// "2024-03-01T12:34:56Z" as "2024-03-01 12:34:56": the log stores UTC in ISO 8601.
std::string shownTime(std::string time) {
  if (time.size() > 10 && time[10] == 'T') time[10] = ' ';
  if (!time.empty() && time.back() == 'Z') time.pop_back();
  return time;
}

/// A button that is greyed out when `enabled` is false; returns whether it was pressed.
bool button(const std::string& label, const char* id, bool enabled, ImVec2& center) {
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Button((label + "###" + id).c_str());
  ImGui::EndDisabled();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  center = ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
  return pressed && enabled;
}

}  // namespace

void ChangeLogPanel::reload(Document& doc) {
  // FIXME: reads the whole log on every change; fine for thousands of entries,
  // an incremental read (entries after the last id) would suit very long logs.
  m_entries = doc.store().changeLog();
  std::reverse(m_entries.begin(), m_entries.end());
  m_affected.clear();
  m_affected.reserve(m_entries.size());
  for (const auto& entry : m_entries) {
    // A tooltip of a screen at most: a group command may touch thousands of records.
    constexpr std::size_t kShown = 20;
    std::string text;
    for (std::size_t k = 0; k < entry.affected.size() && k < kShown; ++k) {
      if (!text.empty()) text += '\n';
      text += entry.affected[k].toString();
    }
    if (entry.affected.size() > kShown)
      text += '\n' + trf("changelog.more", {std::to_string(entry.affected.size() - kShown)});
    m_affected.push_back(std::move(text));
  }
  m_loadedRevision = doc.revision();
}

void ChangeLogPanel::draw(Document& doc, ImVec2 pos, ImVec2 size) {
  if (m_loadedRevision != doc.revision()) reload(doc);

  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (!ImGui::Begin("##change_log", nullptr, kPanelFlags)) {
    ImGui::End();
    return;
  }

  const std::string undoText =
      doc.canUndo() ? trf("changelog.undo", {doc.undoDescription()}) : tr("changelog.nothing_to_undo");
  const std::string redoText =
      doc.canRedo() ? trf("changelog.redo", {doc.redoDescription()}) : tr("changelog.nothing_to_redo");
  // An undo that fails leaves the map as the file has it; the panel says why.
  try {
    // A read-only map has no history to undo; the greyed-out buttons say why.
    EditScope edit(doc);
    if (button(undoText, "undo", doc.canUndo(), m_hooks.undoCenter)) {
      m_error.clear();
      doc.undo();
    }
    ImGui::SameLine();
    if (button(redoText, "redo", doc.canRedo(), m_hooks.redoCenter)) {
      m_error.clear();
      doc.redo();
    }
  } catch (const std::exception& e) {
    m_error = e.what();
  }
  if (!m_error.empty()) ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.2f, 1), "%s", m_error.c_str());
  if (m_loadedRevision != doc.revision()) reload(doc);

  if (m_entries.empty()) {
    ImGui::TextDisabled("%s", tr("changelog.empty").c_str());
    ImGui::End();
    return;
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_NoSavedSettings;
  if (ImGui::BeginTable("##change_log_table", 4, flags, ImGui::GetContentRegionAvail())) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("changelog.time").c_str(), 0, 1.5f);
    ImGui::TableSetupColumn(tr("changelog.user").c_str(), 0, 1.0f);
    ImGui::TableSetupColumn(tr("changelog.description").c_str(), 0, 4.0f);
    ImGui::TableSetupColumn(tr("changelog.affected").c_str(), 0, 2.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_entries.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const ChangeLogEntry& entry = m_entries[static_cast<std::size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(shownTime(entry.time).c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(entry.user.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(entry.description.c_str());
        ImGui::TableSetColumnIndex(3);
        // The count in the cell, the UUIDs themselves on hover: they are long and many.
        if (!entry.affected.empty()) {
          ImGui::TextUnformatted(trf("changelog.records", {std::to_string(entry.affected.size())}).c_str());
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m_affected[static_cast<std::size_t>(i)].c_str());
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace nestmap
