#pragma once
// [SECTION] Per-actor measures. Each algorithm has the same shape:
// parameters in, `run(graph, params, progress)`, a result struct out. Values
// follow networkx's definitions (see each comment); vectors are indexed by vertex.

#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"

namespace nestmap {

/// Degree: distinct neighbours; in/out arcs for directed snapshots; summed weights.
struct Degree {
  struct Params {};
  struct Result {
    std::vector<double> degree, inDegree, outDegree, weighted;
  };
  static Result run(const GraphSnapshot& g, const Params& = {}, Progress* progress = nullptr);
};

struct BetweennessParams {
  unsigned threads = 0;   ///< 0: every core
  bool weighted = false;  ///< shortest by length 1/weight (strong ties are short) instead of by hops
};
/// Brandes betweenness over shortest paths in hops. Raw values as networkx
/// (undirected pairs counted once); normalized by 2/((n−1)(n−2)) undirected,
/// 1/((n−1)(n−2)) directed. Sources are shared over threads in fixed blocks
/// summed in block order, so the result is the same for any thread count.
struct Betweenness {
  using Params = BetweennessParams;
  struct Result {
    std::vector<double> raw, normalized;
  };
  static Result run(const GraphSnapshot& g, const Params& params = {}, Progress* progress = nullptr);
};

/// Closeness (networkx, Wasserman–Faust scaling for disconnected graphs) and
/// harmonic closeness, both over incoming hop distances.
struct Closeness {
  struct Params {};
  struct Result {
    std::vector<double> closeness, harmonic;
  };
  static Result run(const GraphSnapshot& g, const Params& = {}, Progress* progress = nullptr);
};

struct EigenvectorParams {
  double tolerance = 1e-10;
  int maxIterations = 1000;
  bool weighted = false;
};
/// Eigenvector centrality by power iteration on A + I as networkx does (start
/// 1/n, Euclidean norm), but run until the L1 change < n·1e-10: networkx's own
/// 1e-6 stops about 1e-5 short of the eigenvector on karate.
struct EigenvectorCentrality {
  using Params = EigenvectorParams;
  struct Result {
    std::vector<double> scores;
    bool converged = false;
    int iterations = 0;
  };
  static Result run(const GraphSnapshot& g, const Params& params = {}, Progress* progress = nullptr);
};

struct PageRankParams {
  double damping = 0.85;
  double tolerance = 1e-6;
  int maxIterations = 1000;
};
/// PageRank as networkx defines it: damping 0.85, arcs weighted, dangling
/// vertices spread uniformly, stop when the L1 change < n·tolerance.
struct PageRank {
  using Params = PageRankParams;
  struct Result {
    std::vector<double> scores;
    bool converged = false;
    int iterations = 0;
  };
  static Result run(const GraphSnapshot& g, const Params& params = {}, Progress* progress = nullptr);
};

/// Local clustering coefficient (direction ignored, unweighted).
struct Clustering {
  struct Params {};
  struct Result {
    std::vector<double> coefficient;
  };
  static Result run(const GraphSnapshot& g, const Params& = {}, Progress* progress = nullptr);
};

/// k-core number of every vertex (direction ignored).
struct CoreNumber {
  struct Params {};
  struct Result {
    std::vector<int> core;
  };
  static Result run(const GraphSnapshot& g, const Params& = {}, Progress* progress = nullptr);
};

/// Burt's structural holes: constraint and effective size (networkx, unweighted);
/// NaN for vertices without neighbours.
struct StructuralHoles {
  struct Params {};
  struct Result {
    std::vector<double> constraint, effectiveSize;
  };
  static Result run(const GraphSnapshot& g, const Params& = {}, Progress* progress = nullptr);
};

/// How many actors are one or two steps away (direction ignored).
struct TwoStepReach {
  struct Params {};
  struct Result {
    std::vector<int> reach;
  };
  static Result run(const GraphSnapshot& g, const Params& = {}, Progress* progress = nullptr);
};

}  // namespace nestmap
