#include "render/imgui_renderer.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace nestmap {
namespace {

ImU32 color(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

ImVec2 at(Vec2 p, Vec2 origin) {
  return ImVec2(static_cast<float>(origin.x + p.x), static_cast<float>(origin.y + p.y));
}

}  // namespace

Vec2 ImGuiMeasure::measure(std::string_view text, float size, bool) const {
  if (!m_font) return ApproximateMeasure().measure(text, size, false);
  const ImVec2 extent = m_font->CalcTextSizeA(size, FLT_MAX, 0, text.data(), text.data() + text.size());
  return {extent.x, extent.y};
}

void drawItems(ImDrawList* drawList, ImFont* font, const DisplayList& list, Vec2 origin, std::size_t first,
               std::size_t last) {
  std::vector<ImVec2> points;
  for (std::size_t index = first; index < std::min(last, list.items.size()); ++index) {
    const DisplayItem& item = list.items[index];
    const PixelRect& clip = item.clip < list.clips.size() ? list.clips[item.clip] : list.clips.front();
    drawList->PushClipRect(at(clip.min, origin), at(clip.max, origin), true);
    switch (item.kind) {
      case DisplayItem::Kind::Path: {
        points.clear();
        for (std::uint32_t i = 0; i < item.count; ++i) points.push_back(at(list.points[item.first + i], origin));
        const int n = static_cast<int>(points.size());
        if (item.fill.a > 0) {
          // ImGui fills convex polygons only: hulls, fans, quads and clipped circles are.
          const ImDrawListFlags flags = drawList->Flags;
          if (item.crisp) drawList->Flags &= ~ImDrawListFlags_AntiAliasedFill;
          drawList->AddConvexPolyFilled(points.data(), n, color(item.fill));
          drawList->Flags = flags;
        }
        if (item.stroke.a > 0)
          drawList->AddPolyline(points.data(), n, color(item.stroke), item.closed ? ImDrawFlags_Closed : 0, item.width);
        break;
      }
      case DisplayItem::Kind::Marker: {
        const ImVec2 c = at(item.a, origin);
        if (item.shape == Shape::Circle) {
          const int segments = std::clamp(static_cast<int>(item.radius / 2), 16, 256);
          if (item.fill.a > 0) drawList->AddCircleFilled(c, item.radius, color(item.fill), segments);
          if (item.stroke.a > 0) drawList->AddCircle(c, item.radius, color(item.stroke), segments, item.width);
          break;
        }
        points.clear();
        for (const Vec2& p : markerOutline(item.shape, item.a, item.radius)) points.push_back(at(p, origin));
        const int n = static_cast<int>(points.size());
        if (item.fill.a > 0) drawList->AddConvexPolyFilled(points.data(), n, color(item.fill));
        if (item.stroke.a > 0) drawList->AddPolyline(points.data(), n, color(item.stroke), ImDrawFlags_Closed, item.width);
        break;
      }
      case DisplayItem::Kind::Rect:
        if (item.fill.a > 0) drawList->AddRectFilled(at(item.a, origin), at(item.b, origin), color(item.fill), item.radius);
        if (item.stroke.a > 0)
          drawList->AddRect(at(item.a, origin), at(item.b, origin), color(item.stroke), item.radius, 0, item.width);
        break;
      case DisplayItem::Kind::Text: {
        const std::string& text = list.texts[item.first];
        const ImVec2 extent = font ? font->CalcTextSizeA(item.radius, FLT_MAX, 0, text.c_str()) : ImVec2(0, 0);
        const float x = item.align == TextAlign::Left     ? 0.0f
                        : item.align == TextAlign::Center ? -extent.x / 2
                                                          : -extent.x;
        const ImVec2 p = at(item.a, origin);
        drawList->AddText(font, item.radius, ImVec2(p.x + x, p.y), color(item.fill), text.c_str());
        if (item.bold) drawList->AddText(font, item.radius, ImVec2(p.x + x + 0.6f, p.y), color(item.fill), text.c_str());
        break;
      }
    }
    drawList->PopClipRect();
  }
}

}  // namespace nestmap
