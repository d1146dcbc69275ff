#pragma once
#include <imgui.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

/// Where a panel's items were drawn in the last frame, by name, so tests can find and click them.
class ItemRects {
 public:
  /// Forgets every item; a panel calls it at the start of each frame.
  void clear() { m_rects.clear(); }
  /// Notes the last ImGui item drawn under `name`.
  void remember(const std::string& name) { set(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }
  /// Notes a rectangle drawn by hand (not an ImGui item) under `name`.
  void set(const std::string& name, ImVec2 min, ImVec2 max) { m_rects[name] = {min, max}; }

  /// The rectangle (min, max) of an item; nullopt when it was not drawn.
  std::optional<std::pair<ImVec2, ImVec2>> rect(std::string_view name) const {
    auto it = m_rects.find(name);
    if (it == m_rects.end()) return std::nullopt;
    return it->second;
  }
  /// The centre of an item; nullopt when it was not drawn.
  std::optional<ImVec2> center(std::string_view name) const {
    auto it = m_rects.find(name);
    if (it == m_rects.end()) return std::nullopt;
    const auto& [min, max] = it->second;
    return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
  }

 private:
  std::map<std::string, std::pair<ImVec2, ImVec2>, std::less<>> m_rects;
};
