#pragma once
// [SECTION] the closing of the modal dialogs (Exporteren, Rapport): confirm and Annuleren

#include <imgui.h>

#include "core/i18n.hpp"

namespace nestmap {

/// Closes the current modal popup and marks its dialog closed.
inline void closeModal(bool& open) {
  open = false;
  ImGui::CloseCurrentPopup();
}

/// Annuleren on the line of the button before it; closes the dialog when pressed.
inline void cancelButton(bool& open) {
  ImGui::SameLine();
  if (ImGui::Button(tr("shell.cancel").c_str())) closeModal(open);
}

}  // namespace nestmap
