// Analysis benchmark, Nestmap's side. bench/run_analysis_bench.sh runs it and
// bench/igraph_peer.py on the same generated graphs and prints the ratios.
//
//   analysis_bench --generate N M SEED FILE   write a random graph as an edge list
//   analysis_bench FILE [--skip-betweenness]  time each algorithm on FILE (one line each: name ms)
//   analysis_bench --snapshot N M             time GraphSnapshot::fromModel on a generated map
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>

#include "analysis/centrality.hpp"
#include "analysis/communities.hpp"
#include "analysis/graph_snapshot.hpp"
#include "analysis/structure.hpp"
#include "bench_clock.hpp"

using namespace nestmap;
using bench::Clock;
using bench::msSince;
using Vertex = GraphSnapshot::Vertex;

namespace {

/// A graph with hubs and local structure: each new vertex links to one
/// earlier vertex chosen by preferential attachment, the rest of the edges
/// join random pairs. Written as "n m" and then one "a b" line per edge.
int generate(std::size_t n, std::size_t m, unsigned seed, const char* file) {
  std::mt19937_64 rng(seed);
  std::vector<Vertex> ends;  // every edge end, for preferential attachment
  std::ofstream out(file);
  out << n << ' ' << m << '\n';
  std::size_t written = 0;
  for (Vertex v = 1; v < n && written < m; ++v, ++written) {
    const Vertex u = ends.empty() || rng() % 2 ? static_cast<Vertex>(rng() % v) : ends[rng() % ends.size()];
    out << v << ' ' << u << '\n';
    ends.push_back(v);
    ends.push_back(u);
  }
  while (written < m) {
    const Vertex a = static_cast<Vertex>(rng() % n), b = static_cast<Vertex>(rng() % n);
    if (a == b) continue;
    out << a << ' ' << b << '\n';
    ++written;
  }
  return 0;
}

GraphSnapshot read(const char* file) {
  std::ifstream in(file);
  std::size_t n = 0, m = 0;
  in >> n >> m;
  std::vector<GraphSnapshot::Edge> edges(m);
  for (auto& e : edges) in >> e.from >> e.to;
  return GraphSnapshot::fromEdges(n, edges, false);
}

template <class F>
void time(const char* name, F&& f) {
  auto start = Clock::now();
  f();
  std::printf("%s %.1f\n", name, msSince(start));
  std::fflush(stdout);
}

int snapshotBench(std::size_t n, std::size_t m) {
  Model model;
  model.actorTypes.put({1, Uuid::random(), "t", "t", "t", 0, {}, Shape::Circle, 1, 0});
  model.tieTypes.put({1, Uuid::random(), "r", "r", "r", {}, false, 0});
  for (std::size_t i = 1; i <= n; ++i) {
    Actor& a = model.actors.append(static_cast<RowId>(i));
    a.typeId = 1;
  }
  std::mt19937_64 rng(3);
  for (std::size_t i = 1; i <= m; ++i) {
    Tie& t = model.ties.append(static_cast<RowId>(i));
    t.sourceId = static_cast<RowId>(1 + rng() % n);
    do t.targetId = static_cast<RowId>(1 + rng() % n);
    while (t.targetId == t.sourceId);
    t.typeId = 1;
  }
  std::vector<double> runs;
  for (int r = 0; r < 5; ++r) {
    auto start = Clock::now();
    GraphSnapshot g = GraphSnapshot::fromModel(model);
    runs.push_back(msSince(start));
    if (g.vertexCount() != n) return 1;
  }
  std::sort(runs.begin(), runs.end());
  std::printf("snapshot %.1f\n", runs[runs.size() / 2]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 6 && std::strcmp(argv[1], "--generate") == 0)
    return generate(std::stoul(argv[2]), std::stoul(argv[3]), static_cast<unsigned>(std::stoul(argv[4])), argv[5]);
  if (argc == 4 && std::strcmp(argv[1], "--snapshot") == 0)
    return snapshotBench(std::stoul(argv[2]), std::stoul(argv[3]));
  if (argc < 2) {
    std::fprintf(stderr, "usage: analysis_bench FILE [--skip-betweenness]\n");
    return 2;
  }
  const bool skipBetweenness = argc > 2 && std::strcmp(argv[2], "--skip-betweenness") == 0;
  GraphSnapshot g = read(argv[1]);
  if (!skipBetweenness) {
    BetweennessParams two;
    two.threads = 2;
    time("betweenness", [&] { Betweenness::run(g, two); });
  }
  time("pagerank", [&] { PageRank::run(g); });
  time("components", [&] { Components::run(g); });
  // Like for like with igraph's articulation_points(): the points only.
  CutPointsParams pointsOnly;
  pointsOnly.cutsOff = pointsOnly.blocks = false;
  time("articulation_points", [&] { CutPoints::run(g, pointsOnly); });
  time("cut_points_full", [&] { CutPoints::run(g); });
  double q = 0;
  time("louvain", [&] { q = Louvain::run(g).modularity; });
  std::printf("louvain_modularity %.6f\n", q);
  return 0;
}
