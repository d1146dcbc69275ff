#pragma once
// [SECTION] PickIndex: which scene node lies under a point, or inside a box, without looking at every node

#include <cstdint>
#include <vector>

#include "scene/scene.hpp"

namespace nestmap {

/// A uniform grid over the scene's nodes (cell about four radii wide), rebuilt
/// when positions change; queries touch only the cells near the point or box.
class PickIndex {
 public:
  void build(const Scene& scene);
  /// The topmost node (drawn last) whose disc, widened by `slack` layout units, holds `p`; −1 if none.
  std::int64_t nodeAt(const Scene& scene, Vec2 p, double slack = 0) const;
  /// Every node whose centre lies in the box spanned by `a` and `b`.
  std::vector<std::uint32_t> nodesIn(const Scene& scene, Vec2 a, Vec2 b) const;
  std::uint64_t builtFor() const { return m_builtFor; }

 private:
  std::int64_t cellOf(double x, double y) const;
  double m_cell = 1, m_minX = 0, m_minY = 0;
  std::int64_t m_columns = 0, m_rows = 0;
  std::vector<std::uint32_t> m_start;  ///< CSR: nodes of cell c are m_items[m_start[c] .. m_start[c + 1])
  std::vector<std::uint32_t> m_items;
  double m_maxRadius = 0;
  std::uint64_t m_builtFor = ~std::uint64_t{0};
};

}  // namespace nestmap
