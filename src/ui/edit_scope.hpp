#pragma once
// [SECTION] EditScope: the edits that a read-only map greys out, and the reason in a tooltip
//
// Whether the window may change the map is asked of the Document alone
// (Document::readOnly: a read-only file, medium or opening). Panels wrap each
// group of widgets that would push a command in an EditScope; what only looks
// (lists, links, "Openen", filters) stays outside, so that a read-only map can
// still be read, searched and navigated. Header-only: it is a few lines.

#include <imgui.h>
#include <imgui_internal.h>  // ImGuiContext::HoveredIdDisabled: a greyed-out widget under the pointer

#include "core/i18n.hpp"
#include "edit/document.hpp"

namespace nestmap {

/// Whether the window may push commands on `doc`.
inline bool editable(const Document& doc) { return !doc.readOnly(); }

/// The tooltip over an edit that a read-only map refuses: what the user can do instead.
inline void readOnlyTooltip() { ImGui::SetTooltip("%s", tr("readonly.tip").c_str()); }

/// On a read-only map, "alleen lezen" in the warning colour, with readOnlyTooltip() on it; nothing otherwise.
inline void readOnlyBadge(const Document& doc) {
  if (editable(doc)) return;
  ImGui::TextColored(ImVec4(0.75f, 0.4f, 0.0f, 1), "%s", tr("readonly.badge").c_str());
  if (ImGui::IsItemHovered()) readOnlyTooltip();
}

/// Greys out (ImGui::BeginDisabled) the widgets drawn while it lives when the map
/// cannot be edited, and shows readOnlyTooltip() when the pointer rests on one of them.
class EditScope {
 public:
  explicit EditScope(const Document& doc) : EditScope(nestmap::editable(doc)) {}
  explicit EditScope(bool editable) : m_editable(editable) {
    if (m_editable) return;
    // A widget greyed out before this scope (e.g. for want of a selection) is not ours to explain.
    m_hoveredBefore = GImGui->HoveredIdDisabled;
    ImGui::BeginDisabled();
  }
  ~EditScope() {
    if (m_editable) return;
    ImGui::EndDisabled();
    // A popup over the window also marks the widgets under it as "disabled": only a hovered window counts.
    if (!m_hoveredBefore && GImGui->HoveredIdDisabled && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows))
      readOnlyTooltip();
  }
  EditScope(const EditScope&) = delete;
  EditScope& operator=(const EditScope&) = delete;

  bool editable() const { return m_editable; }

 private:
  bool m_editable;
  bool m_hoveredBefore = false;
};

}  // namespace nestmap
