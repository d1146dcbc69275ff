// Cross-check against Boost Graph's own implementations on random graphs:
// connected components, articulation points, biconnected components and
// Brandes betweenness must agree with ours exactly (betweenness within 1e-9).
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>

#include "analysis/centrality.hpp"
#include "analysis/structure.hpp"

using namespace nestmap;
using Vertex = GraphSnapshot::Vertex;

namespace {

struct EdgeProps {
  std::size_t component = 0;
};
using BoostGraph = boost::adjacency_list<boost::setS, boost::vecS, boost::undirectedS, boost::no_property, EdgeProps>;

struct Pair {
  GraphSnapshot snapshot;
  BoostGraph boost;
};

/// A sparse random graph with a few pendant chains (so that there are cut
/// points and bridges) and some isolated vertices.
Pair randomGraph(unsigned seed) {
  std::mt19937 rng(seed);
  const Vertex n = 20 + rng() % 180;
  const std::size_t m = n + rng() % (2 * n);
  std::vector<GraphSnapshot::Edge> edges;
  BoostGraph b(n);
  auto add = [&](Vertex u, Vertex v) {
    if (u == v) return;
    edges.push_back({u, v, 1});
    boost::add_edge(u, v, b);  // setS: a repeated pair is kept once, as the snapshot merges it
  };
  for (std::size_t i = 0; i < m; ++i)
    add(static_cast<Vertex>(rng() % (n - n / 10)), static_cast<Vertex>(rng() % (n - n / 10)));
  for (Vertex v = n - n / 10; v + 1 < n; v += 2)
    add(v, static_cast<Vertex>(rng() % v));  // pendants; the last may stay alone
  return {GraphSnapshot::fromEdges(n, edges, false), std::move(b)};
}

}  // namespace

TEST_CASE("components, cut points, blocks and betweenness agree with Boost Graph", "[analysis][boost]") {
  for (unsigned seed = 1; seed <= 25; ++seed) {
    INFO("seed " << seed);
    Pair p = randomGraph(seed);
    const std::size_t n = p.snapshot.vertexCount();

    // Connected components, as sets of vertex sets.
    std::vector<int> label(n);
    const int count = boost::connected_components(p.boost, label.data());
    const auto ours = Components::run(p.snapshot);
    REQUIRE(ours.components.size() == static_cast<std::size_t>(count));
    std::map<int, std::set<Vertex>> theirs;
    for (Vertex v = 0; v < n; ++v) theirs[label[v]].insert(v);
    std::set<std::set<Vertex>> a, b;
    for (const auto& c : ours.components) a.insert({c.begin(), c.end()});
    for (const auto& [l, c] : theirs) b.insert(c);
    CHECK(a == b);

    // Articulation points and biconnected components (vertex sets of the edge blocks).
    std::vector<Vertex> boostPoints;
    auto components = boost::get(&EdgeProps::component, p.boost);
    const auto [blockCount, out] = boost::biconnected_components(p.boost, components, std::back_inserter(boostPoints));
    (void)out;
    std::sort(boostPoints.begin(), boostPoints.end());
    const auto cuts = CutPoints::run(p.snapshot);
    std::vector<Vertex> ourPoints;
    for (const auto& ap : cuts.articulationPoints) ourPoints.push_back(ap.vertex);
    CHECK(ourPoints == boostPoints);
    std::vector<std::set<Vertex>> boostBlocks(blockCount);
    for (auto [e, end] = boost::edges(p.boost); e != end; ++e) {
      boostBlocks[components[*e]].insert(static_cast<Vertex>(boost::source(*e, p.boost)));
      boostBlocks[components[*e]].insert(static_cast<Vertex>(boost::target(*e, p.boost)));
    }
    std::set<std::set<Vertex>> ourBlockSet, boostBlockSet(boostBlocks.begin(), boostBlocks.end());
    for (const auto& block : cuts.blocks) ourBlockSet.insert({block.begin(), block.end()});
    CHECK(ourBlockSet == boostBlockSet);

    // Brandes betweenness: for an undirected graph Boost already halves the
    // sums (each pair counted once), as networkx and we do.
    std::vector<double> centrality(n);
    boost::brandes_betweenness_centrality(
        p.boost, boost::make_iterator_property_map(centrality.begin(), boost::get(boost::vertex_index, p.boost)));
    const auto raw = Betweenness::run(p.snapshot).raw;
    for (Vertex v = 0; v < n; ++v) {
      INFO("vertex " << v);
      CHECK(raw[v] == Approx(centrality[v]).margin(1e-9));
    }
  }
}
