#pragma once
#include <imgui.h>

#include <cstddef>
#include <span>

/// Draws the current table's header row by hand, as ImGui::TableHeadersRow() would, noting the centre of
/// each header in `centers` (one per column, left as they were for hidden columns); `afterHeader(c)` runs
/// right after header c is drawn, e.g. to give it a tooltip.
template <class AfterHeader>
void tableHeadersRow(std::span<ImVec2> centers, AfterHeader&& afterHeader) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (std::size_t i = 0; i < centers.size(); ++i) {
    const int c = static_cast<int>(i);
    if (!ImGui::TableSetColumnIndex(c)) continue;
    ImGui::PushID(c);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    ImGui::PopID();
    afterHeader(c);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    centers[i] = ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
  }
}

/// The same without anything after each header.
inline void tableHeadersRow(std::span<ImVec2> centers) {
  tableHeadersRow(centers, [](int) {});
}
