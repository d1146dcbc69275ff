#pragma once
// [SECTION] the window's renderer of a display list's items: Dear ImGui draw lists (the graph layer
// is GraphRenderer's), and text measured in the interface's font

#include "scene/display_list.hpp"

struct ImDrawList;
struct ImFont;

namespace nestmap {

/// Measures text in an ImGui font as drawItems() draws it.
class ImGuiMeasure final : public TextMeasure {
 public:
  explicit ImGuiMeasure(ImFont* font) : m_font(font) {}
  Vec2 measure(std::string_view text, float size, bool bold) const override;

 private:
  ImFont* m_font;
};

/// Draws the items of `list` (not its graph layer or background) into `drawList`, the list's
/// pixel (0, 0) at `origin` (ImGui screen coordinates), each item clipped to its clip rectangle.
/// Bold text is drawn twice, a little apart. Items [first, last) only.
void drawItems(ImDrawList* drawList, ImFont* font, const DisplayList& list, Vec2 origin, std::size_t first,
               std::size_t last);

}  // namespace nestmap
