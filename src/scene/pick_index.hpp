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

/// Which drawn tie passes under a point: a uniform grid in which every tie is
/// entered in the cells its curve crosses. Built on demand (the first query
/// after the scene or its positions changed), as only a click or a hover asks.
class EdgePickIndex {
 public:
  /// The tie (index into Scene::edges) nearest to `p` whose curve, widened by
  /// half its width plus `slack` layout units, holds `p`; −1 if none. Rebuilds
  /// the grid first when `scene` is not the one it was built for.
  std::int64_t edgeAt(const Scene& scene, Vec2 p, double slack = 0);

 private:
  void build(const Scene& scene);
  double m_cell = 1, m_minX = 0, m_minY = 0, m_maxHalfWidth = 0;
  std::int64_t m_columns = 0, m_rows = 0;
  std::vector<std::uint32_t> m_start, m_items;  ///< CSR as in PickIndex
  std::uint64_t m_builtFor = ~std::uint64_t{0};
};

/// The points of a drawn tie's curve: `segments` + 1 points from its start to
/// its end node, bent as SceneEdge::curve says (the same curve the renderer draws).
std::vector<Vec2> edgeCurve(const Scene& scene, const SceneEdge& edge, int segments = 8);

}  // namespace nestmap
