#pragma once
// [SECTION] Structure: components, cut points and bridges (direction ignored)

#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"

namespace nestmap {

/// Weakly connected components, largest first (ties by smallest vertex),
/// each sorted ascending.
struct Components {
  struct Params {};
  struct Result {
    std::vector<std::vector<GraphSnapshot::Vertex>> components;
    std::vector<int> componentOf;  ///< index into components, per vertex
  };
  static Result run(const GraphSnapshot& g, const Params& = {}, Progress* progress = nullptr);
};

/// Articulation points ("if this organisation drops out, these lose their
/// link"), bridges and biconnected components, from one depth-first search
/// (Hopcroft–Tarjan).
struct CutPointsParams {
  bool cutsOff = true;  ///< list whom each articulation point cuts off
  bool blocks = true;   ///< collect the biconnected components
};
struct CutPoints {
  using Params = CutPointsParams;
  struct ArticulationPoint {
    GraphSnapshot::Vertex vertex;
    /// Who loses their link to the rest of the component without it: every
    /// piece left over except the largest (on a tie, the one holding the
    /// component's first vertex, else the first in search order).
    std::vector<GraphSnapshot::Vertex> cutsOff;
  };
  struct Result {
    std::vector<ArticulationPoint> articulationPoints;                             ///< ascending by vertex
    std::vector<std::pair<GraphSnapshot::Vertex, GraphSnapshot::Vertex>> bridges;  ///< (smaller, larger), ascending
    /// Biconnected components (blocks): vertex sets, each ascending, listed in
    /// ascending order; a bridge is a block of two; isolated vertices have none.
    std::vector<std::vector<GraphSnapshot::Vertex>> blocks;
  };
  static Result run(const GraphSnapshot& g, const Params& = {}, Progress* progress = nullptr);
};

}  // namespace nestmap
