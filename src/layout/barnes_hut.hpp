#pragma once
// [SECTION] BarnesHutTree: a quadtree over weighted points, for repulsion in O(n log n)

#include <cstdint>
#include <vector>

#include "layout/layout_types.hpp"

namespace nestmap {

/// How two bodies push each other apart (ForceAtlas2's repulsion).
struct RepulsionLaw {
  double scaling = 1;           ///< kr
  bool preventOverlap = false;  ///< near bodies push from their borders (radius), 100 × harder when overlapping
};

/// A quadtree over points with masses, stored depth first with a skip link per
/// cell, so that a query walks it without a stack. Cells hold their members'
/// total mass and centre of mass; leaves hold up to `leafSize` bodies.
class BarnesHutTree {
 public:
  /// The leaf size addRepulsion() is fastest with: larger leaves mean fewer walks and more
  /// terms in its vectorised sums (8–128 tried on 1k to 100k bodies). The walk per body,
  /// repulsion(), is faster with build()'s default of 8.
  static constexpr std::size_t kGroupedLeafSize = 32;

  void build(const std::vector<Vec2>& points, const std::vector<double>& mass, std::size_t leafSize = 8);

  /// The repulsion on body `i`: kr·mᵢ·M·(pᵢ − c)/d² from every cell whose size / distance < θ
  /// (as one body at its centre of mass), and pair by pair from the bodies of the other cells.
  /// With law.preventOverlap, leaves are always summed pair by pair (from the bodies' borders).
  /// `points` and `mass` must be those given to build(): the tree keeps a copy of them in its order.
  Vec2 repulsion(std::uint32_t i, const std::vector<Vec2>& points, const std::vector<double>& mass,
                 const std::vector<double>& radius, const RepulsionLaw& law, double theta) const;

  /// Adds the repulsion on every body (kr·mᵢ·M·(pᵢ − c)/d², no overlap prevention) to `force`,
  /// walking the tree once per leaf instead of once per body: a cell counts as one body for the
  /// whole leaf when its size / distance to the leaf's box < θ, which every body of the leaf
  /// would also find (so it is at least as exact as repulsion() body by body). The walk only
  /// lists those cells and the bodies of the near leaves; each body of the leaf then sums the
  /// list in a vectorised loop (AVX2 where the processor has it, with the same results).
  void addRepulsion(std::vector<Vec2>& force, double scaling, double theta) const;

  /// The bodies in the tree's order: neighbours in space are near in this list.
  const std::vector<std::uint32_t>& order() const { return m_order; }
  std::size_t cellCount() const { return m_cells.size(); }

 private:
  struct Cell {
    double cx = 0, cy = 0, mass = 0;     ///< centre of mass and total mass
    double x0 = 0, y0 = 0, size = 0;     ///< the cell's square: corner and side
    std::uint32_t next = 0;              ///< the cell after this one's subtree
    std::uint32_t first = 0, count = 0;  ///< leaves: bodies order()[first, first + count)
    bool leaf = false;
  };
  void split(std::uint32_t begin, std::uint32_t end, double x0, double y0, double size, int depth,
             const std::vector<Vec2>& points, const std::vector<double>& mass);
  Vec2 walk(std::uint32_t i, Vec2 p, double scaledMass, double theta) const;
  Vec2 walkWithOverlap(std::uint32_t i, Vec2 p, double mi, const std::vector<double>& radius, const RepulsionLaw& law,
                       double theta) const;

  /// A body as the leaves read it: position, mass and index, in the tree's order.
  struct Body {
    double x = 0, y = 0, mass = 0;
    std::uint32_t index = 0;
  };

  std::vector<Cell> m_cells;
  std::vector<std::uint32_t> m_order;
  std::vector<Body> m_bodies;  ///< m_bodies[k] is body order()[k]
  std::size_t m_leafSize = 8;
};

/// The exact pairwise repulsion between two bodies, on the first (what the tree approximates).
Vec2 pairRepulsion(Vec2 p1, double m1, double r1, Vec2 p2, double m2, double r2, const RepulsionLaw& law);

}  // namespace nestmap
