#pragma once
// [SECTION] Text the panels share: the colour of a refused edit's message, and wrapped coloured text

#include <imgui.h>

#include <string>

namespace nestmap {

/// The colour of a message that says why an edit was refused.
inline const ImVec4 kErrorColor(0.9f, 0.25f, 0.2f, 1.0f);

/// `text` in `color`, wrapped at the window's edge.
inline void wrappedText(const std::string& text, const ImVec4& color) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

}  // namespace nestmap
