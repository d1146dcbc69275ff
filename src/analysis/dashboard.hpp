#pragma once
// [SECTION] Network dashboard: the figures a steering group reads first

#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"

namespace nestmap {

struct NetworkSummaryParams {
  std::vector<int> groupOf;  ///< a group (e.g. sector) per vertex, 0..groupCount−1; empty: no matrix
  int groupCount = 0;
  std::size_t exactPathLimit = 20000;  ///< above this many vertices, path figures come from sampled sources
  std::size_t samples = 256;
};

/// Actors, ties, density, reciprocity, diameter, average path length, average
/// degree, components, and the group × group tie matrix.
struct NetworkSummary {
  using Params = NetworkSummaryParams;
  struct Result {
    std::size_t actors = 0, ties = 0, components = 0;
    double density = 0, averageDegree = 0;
    double reciprocity = 0;        ///< share of arcs whose reverse is an arc too; 1 for undirected snapshots
    int diameter = 0;              ///< the longest shortest path within any component, in hops
    double averagePathLength = 0;  ///< over all pairs that reach each other
    bool pathsSampled = false;     ///< diameter and average from sampled sources (large maps)
    std::vector<std::vector<std::size_t>> groupMatrix;  ///< ties between groups (each tie once)
  };
  static Result run(const GraphSnapshot& g, const Params& params = {}, Progress* progress = nullptr);
};

}  // namespace nestmap
