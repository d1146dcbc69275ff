#pragma once
// [SECTION] Communities: modularity of a partition and Louvain community
// detection, both on the direction-free weighted view of a snapshot
// (neighbours() / neighbourWeights()).

#include <cstdint>
#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"

namespace nestmap {

struct ModularityParams {
  std::vector<int> community;  ///< one label per vertex; equal labels share a community (any ints)
  double resolution = 1;       ///< γ
};
/// Modularity Q = Σ_c [L_c/m − γ (d_c/2m)²] of a partition, as networkx's
/// `community.modularity` defines it for undirected weighted graphs (m: total
/// edge weight, L_c: weight inside c, d_c: summed weighted degree of c); 0 when
/// m = 0. Throws std::invalid_argument when the partition does not have one
/// label per vertex.
struct Modularity {
  using Params = ModularityParams;
  struct Result {
    double q = 0;
  };
  static Result run(const GraphSnapshot& g, const Params& params = {}, Progress* progress = nullptr);
};

struct LouvainParams {
  std::uint64_t seed = 1;   ///< seeds the visiting order of each pass
  double resolution = 1;    ///< γ
  double threshold = 1e-7;  ///< a pass or level gaining no more modularity than this ends its phase
  int maxLevels = 0;        ///< 0: aggregate until nothing improves
};
/// Louvain community detection (Blondel et al. 2008): local moving, then
/// aggregation into a graph of communities, repeated until modularity stops
/// improving. Deterministic for a seed on any platform. Edge weights must not
/// be negative (std::invalid_argument otherwise).
struct Louvain {
  using Params = LouvainParams;
  struct Result {
    std::vector<int> community;  ///< per vertex, numbered 0..k−1 in order of each community's smallest vertex
    double modularity = 0;       ///< Q of `community` at the given resolution
    int levels = 0;              ///< aggregation levels that improved the partition
  };
  static Result run(const GraphSnapshot& g, const Params& params = {}, Progress* progress = nullptr);
};

}  // namespace nestmap
