#pragma once
// [SECTION] Shortest paths and neighbourhoods

#include <optional>
#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"

namespace nestmap {

struct ShortestPathParams {
  bool weighted = false;  ///< false: fewest hops; true: an edge is as long as 1/weight (strong ties are short)
  bool directed = false;  ///< follow arcs (directed snapshots); else ignore direction
};
/// One shortest path between two vertices (Dijkstra with a heap ordered by
/// distance, then vertex): among equally short paths the same one every run.
struct ShortestPath {
  using Params = ShortestPathParams;
  struct Result {
    std::vector<GraphSnapshot::Vertex> path;  ///< from source to target; empty when unreachable
    double length = 0;                        ///< hops, or summed 1/weight
  };
  static Result run(const GraphSnapshot& g, GraphSnapshot::Vertex source, GraphSnapshot::Vertex target,
                    const Params& params = {}, Progress* progress = nullptr);
};

/// Everyone within k steps of a vertex (direction ignored), with their distance.
struct Neighbourhood {
  struct Params {};
  struct Member {
    GraphSnapshot::Vertex vertex;
    int distance;
  };
  struct Result {
    std::vector<Member> members;  ///< by distance, then vertex; the source itself excluded
  };
  static Result run(const GraphSnapshot& g, GraphSnapshot::Vertex source, int k, const Params& = {},
                    Progress* progress = nullptr);
};

/// Strongly connected components of a directed snapshot (Tarjan), largest
/// first; in an undirected snapshot they are the connected components.
struct StrongComponents {
  struct Params {};
  struct Result {
    std::vector<std::vector<GraphSnapshot::Vertex>> components;
  };
  static Result run(const GraphSnapshot& g, const Params& = {}, Progress* progress = nullptr);
};

}  // namespace nestmap
