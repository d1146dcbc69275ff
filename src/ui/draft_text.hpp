#pragma once
// [SECTION] DraftText: text fields that commit when they lose focus after an edit

#include <imgui.h>
#include <imgui_stdlib.h>

#include <map>
#include <string>

namespace nestmap {

/// The drafts of the text fields of one panel. While a field is active its
/// text lives in a draft, so that the frame in which it loses focus still
/// knows what was typed; an edit commits when the field is left (or on Enter).
class DraftText {
 public:
  /// Draws the input `id` (label and ImGui id) for the field `key` showing `value`, `lines`
  /// high when more than 1; true, with `out` set, when an edit was committed this frame.
  bool field(const std::string& key, const std::string& id, const std::string& value, std::string& out,
             int lines = 1) {
    auto draft = m_drafts.find(key);
    std::string text = draft != m_drafts.end() ? draft->second : value;
    if (lines > 1)
      ImGui::InputTextMultiline(id.c_str(), &text, ImVec2(0, ImGui::GetTextLineHeight() * static_cast<float>(lines)));
    else
      ImGui::InputText(id.c_str(), &text);
    const bool done = ImGui::IsItemDeactivatedAfterEdit();
    if (ImGui::IsItemActive())
      m_drafts[key] = text;
    else
      m_drafts.erase(key);
    if (!done || text == value) return false;
    out = std::move(text);
    return true;
  }
  /// Forgets every draft (the panel shows something else now).
  void clear() { m_drafts.clear(); }

 private:
  std::map<std::string, std::string> m_drafts;  ///< text being typed, by field, while it is active
};

}  // namespace nestmap
