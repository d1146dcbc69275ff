// Modularity and Louvain on hand-drawn graphs worked out by hand, and on
// Zachary's karate club against values networkx 3.6 gives for the same
// partitions (networkx.algorithms.community.modularity).
#include "analysis/communities.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

using namespace nestmap;
using Vertex = GraphSnapshot::Vertex;
using Edges = std::vector<GraphSnapshot::Edge>;

namespace {

double modularity(const GraphSnapshot& g, std::vector<int> community, double resolution = 1) {
  return Modularity::run(g, {std::move(community), resolution}).q;
}

/// Two triangles joined by one edge (m = 7; degrees 2 2 3 3 2 2):
///
///   0           4
///   | \       / |
///   |  2 ——— 3  |
///   | /       \ |
///   1           5
///
/// plus `isolated` vertices 6, 7, … with no edges.
GraphSnapshot twoTriangles(std::size_t isolated = 0, bool directed = false) {
  return GraphSnapshot::fromEdges(6 + isolated, Edges{{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 4}, {3, 5}, {4, 5}},
                                  directed);
}

/// `k` five-cliques 5i..5i+4 in a ring: clique i's vertex 5i+4 joins clique
/// i+1's vertex 5(i+1) (mod 5k). For k = 4:
///
///   [K5 0..4] —— [K5 5..9]
///       |             |
///   [K5 15..19] — [K5 10..14]
GraphSnapshot ringOfCliques(Vertex k) {
  Edges edges;
  for (Vertex c = 0; c < k; ++c) {
    for (Vertex a = 0; a < 5; ++a)
      for (Vertex b = a + 1; b < 5; ++b) edges.push_back({5 * c + a, 5 * c + b});
    edges.push_back({5 * c + 4, (5 * (c + 1)) % (5 * k)});
  }
  return GraphSnapshot::fromEdges(5 * k, edges, false);
}

/// Labels 0..k−1 appearing first in that order, one per vertex.
bool numberedBySmallestVertex(const std::vector<int>& community, std::size_t n) {
  if (community.size() != n) return false;
  int next = 0;
  for (int c : community) {
    if (c < 0 || c > next) return false;
    if (c == next) ++next;
  }
  return true;
}

std::string readFixture(const std::string& name) {
  std::ifstream in(std::string(NESTMAP_SOURCE_DIR) + "/tests/analysis/fixtures/" + name);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The karate graph (node "i" is vertex i) and its "club" attribute (d1):
/// 0 for Mr. Hi, 1 for Officer.
struct Karate {
  GraphSnapshot graph;
  std::vector<int> club;
};

Karate karate() {
  const std::string xml = readFixture("karate.graphml");
  const std::regex edge(R"re(<edge source="(\d+)" target="(\d+)")re");
  Edges edges;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), edge); it != std::sregex_iterator(); ++it)
    edges.push_back({static_cast<Vertex>(std::stoi((*it)[1])), static_cast<Vertex>(std::stoi((*it)[2])), 1});
  REQUIRE(edges.size() == 78);

  const std::regex node(R"re(<node id="(\d+)">\s*<data key="d1">([^<]*)</data>)re");
  std::vector<int> club(34, -1);
  int seen = 0;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), node); it != std::sregex_iterator(); ++it, ++seen)
    club.at(static_cast<std::size_t>(std::stoi((*it)[1]))) = (*it)[2] == "Mr. Hi" ? 0 : 1;
  REQUIRE(seen == 34);
  REQUIRE(std::count(club.begin(), club.end(), 0) == 17);
  REQUIRE(std::count(club.begin(), club.end(), 1) == 17);
  return {GraphSnapshot::fromEdges(34, edges, false), club};
}

}  // namespace

// [SECTION] Modularity

TEST_CASE("modularity of two triangles joined by an edge", "[analysis][communities]") {
  const auto g = twoTriangles();
  // Each triangle: L_c = 3, d_c = 7, m = 7 → 2·(3/7 − (7/14)²) = 6/7 − 1/2.
  CHECK(modularity(g, {0, 0, 0, 1, 1, 1}) == Approx(5.0 / 14).margin(1e-15));
  // Labels are only names.
  CHECK(modularity(g, {7, 7, 7, -3, -3, -3}) == Approx(5.0 / 14).margin(1e-15));
  // One community: L = m, d = 2m → 1 − 1.
  CHECK(modularity(g, {0, 0, 0, 0, 0, 0}) == Approx(0).margin(1e-15));
  // Singletons: −Σ (d_v/2m)² = −(4·2² + 2·3²)/14² = −34/196.
  CHECK(modularity(g, {0, 1, 2, 3, 4, 5}) == Approx(-34.0 / 196).margin(1e-15));
  // Resolution: γ = 0 leaves Σ L_c/m = 6/7; γ = 2 gives 6/7 − 2·1/2.
  CHECK(modularity(g, {0, 0, 0, 1, 1, 1}, 0) == Approx(6.0 / 7).margin(1e-15));
  CHECK(modularity(g, {0, 0, 0, 1, 1, 1}, 2) == Approx(-1.0 / 7).margin(1e-15));
  // {0,1,2,3} and {4,5}: L = 4 and 1, d = 10 and 4 → 5/7 − (10² + 4²)/14² = 140/196 − 116/196.
  CHECK(modularity(g, {0, 0, 0, 0, 1, 1}) == Approx(24.0 / 196).margin(1e-15));
  // The direction-free view: a directed snapshot of the same arcs scores the same.
  CHECK(modularity(twoTriangles(0, true), {0, 0, 0, 1, 1, 1}) == Approx(5.0 / 14).margin(1e-15));
}

TEST_CASE("modularity with weights, without edges, and with a bad partition", "[analysis][communities]") {
  //   0 —(3)— 1 —(1)— 2
  // {0,1} {2}: m = 4, L = 3 and 0, d = 7 and 1 → 3/4 − (7/8)² − (1/8)² = −1/32.
  const auto path = GraphSnapshot::fromEdges(3, Edges{{0, 1, 3}, {1, 2, 1}}, false);
  CHECK(modularity(path, {0, 0, 1}) == Approx(-1.0 / 32).margin(1e-15));
  // {0} {1,2}: L = 0 and 1, d = 3 and 5 → 1/4 − (3/8)² − (5/8)² = −18/64.
  CHECK(modularity(path, {0, 1, 1}) == Approx(-18.0 / 64).margin(1e-15));

  const auto empty = GraphSnapshot::fromEdges(3, {}, false);
  CHECK(modularity(empty, {0, 1, 2}) == 0);
  CHECK(modularity(empty, {0, 0, 0}) == 0);
  CHECK(modularity(GraphSnapshot::fromEdges(0, {}, false), {}) == 0);

  CHECK_THROWS_AS(modularity(path, {0, 0}), std::invalid_argument);
  CHECK_THROWS_AS(Modularity::run(path), std::invalid_argument);
}

// [SECTION] Louvain

TEST_CASE("Louvain finds the two triangles", "[analysis][communities]") {
  const auto g = twoTriangles();
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    INFO("seed " << seed);
    const auto r = Louvain::run(g, {.seed = seed});
    CHECK(r.community == std::vector<int>{0, 0, 0, 1, 1, 1});
    CHECK(r.modularity == Approx(5.0 / 14).margin(1e-12));
    CHECK(r.modularity == Approx(modularity(g, r.community)).margin(1e-12));
    CHECK(r.levels >= 1);
  }
}

TEST_CASE("Louvain follows edge weights", "[analysis][communities]") {
  //   0 ═(10)═ 1        0 —(1)— 1
  //   |        |        ║       ║
  //  (1)      (1)      (10)    (10)
  //   |        |        ║       ║
  //   3 ═(10)═ 2        3 —(1)— 2
  // {0,1} {2,3}: m = 22, L = 10 each, d = 22 each → 20/22 − 1/2 = 9/22.
  const auto across = GraphSnapshot::fromEdges(4, Edges{{0, 1, 10}, {1, 2, 1}, {2, 3, 10}, {3, 0, 1}}, false);
  const auto down = GraphSnapshot::fromEdges(4, Edges{{0, 1, 1}, {1, 2, 10}, {2, 3, 1}, {3, 0, 10}}, false);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    INFO("seed " << seed);
    const auto a = Louvain::run(across, {.seed = seed});
    CHECK(a.community == std::vector<int>{0, 0, 1, 1});
    CHECK(a.modularity == Approx(9.0 / 22).margin(1e-12));
    const auto d = Louvain::run(down, {.seed = seed});
    CHECK(d.community == std::vector<int>{0, 1, 1, 0});
    CHECK(d.modularity == Approx(9.0 / 22).margin(1e-12));
  }
  CHECK_THROWS_AS(Louvain::run(GraphSnapshot::fromEdges(2, Edges{{0, 1, -1}}, false)), std::invalid_argument);
}

TEST_CASE("Louvain finds cliques joined in a ring", "[analysis][communities]") {
  // Six K5s: m = 6·10 + 6 = 66, each clique L = 10, d = 22 → 60/66 − 6·(22/132)² = 49/66.
  // (Pairs of cliques would score 63/66 − 3·(44/132)² = 41/66: the ring is
  // small enough to be clear of modularity's resolution limit.)
  const auto g = ringOfCliques(6);
  std::vector<int> expected(30);
  for (std::size_t v = 0; v < 30; ++v) expected[v] = static_cast<int>(v / 5);
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    INFO("seed " << seed);
    const auto r = Louvain::run(g, {.seed = seed});
    CHECK(r.community == expected);
    CHECK(r.modularity == Approx(49.0 / 66).margin(1e-12));
    CHECK(r.modularity == Approx(modularity(g, r.community)).margin(1e-12));
  }
}

TEST_CASE("Louvain keeps isolated vertices apart", "[analysis][communities]") {
  const auto r = Louvain::run(twoTriangles(2));
  CHECK(r.community == std::vector<int>{0, 0, 0, 1, 1, 1, 2, 3});
  CHECK(r.modularity == Approx(5.0 / 14).margin(1e-12));

  // No edges at all: singletons, Q = 0, nothing to aggregate.
  const auto none = Louvain::run(GraphSnapshot::fromEdges(3, {}, false));
  CHECK(none.community == std::vector<int>{0, 1, 2});
  CHECK(none.modularity == 0);
  CHECK(none.levels == 0);
  CHECK(Louvain::run(GraphSnapshot::fromEdges(0, {}, false)).community.empty());

  // Two components, each a pair of triangles: four communities, in vertex order.
  //   0..5 as twoTriangles(), 6..11 the same shape shifted by 6.
  Edges edges{{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 4}, {3, 5}, {4, 5}};
  for (std::size_t i = 0, count = edges.size(); i < count; ++i) edges.push_back({edges[i].from + 6, edges[i].to + 6});
  const auto two = GraphSnapshot::fromEdges(12, edges, false);
  const auto split = Louvain::run(two);
  CHECK(split.community == std::vector<int>{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3});
  // Each triangle: L = 3, d = 7, m = 14 → 4·(3/14 − (7/28)²) = 6/7 − 1/4.
  CHECK(split.modularity == Approx(6.0 / 7 - 1.0 / 4).margin(1e-12));
}

TEST_CASE("Louvain is deterministic for a seed", "[analysis][communities]") {
  const Karate k = karate();
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const auto a = Louvain::run(k.graph, {.seed = seed});
    const auto b = Louvain::run(k.graph, {.seed = seed});
    CHECK(a.community == b.community);
    CHECK(a.modularity == b.modularity);
    CHECK(a.levels == b.levels);
  }
}

TEST_CASE("Louvain on Zachary's karate club", "[analysis][communities][karate]") {
  const Karate k = karate();
  // The observed split after the club broke up (graphml "club"): networkx
  // gives 0.35823471400394. The often quoted 0.3715 is Zachary's faction
  // split, which puts vertex 8 on the Officer's side (networkx: 0.37146614).
  CHECK(modularity(k.graph, k.club) == Approx(0.3582347140039448).margin(1e-12));
  std::vector<int> factions = k.club;
  factions[8] = 1;
  CHECK(modularity(k.graph, factions) == Approx(0.37146614069691).margin(1e-12));

  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    INFO("seed " << seed);
    const auto r = Louvain::run(k.graph, {.seed = seed});
    CHECK(numberedBySmallestVertex(r.community, 34));
    CHECK(r.modularity == Approx(modularity(k.graph, r.community)).margin(1e-12));
    // The best partition of all (Brandes et al. 2008) has Q = 0.4197896.
    CHECK(r.modularity >= 0.41);
    CHECK(r.modularity <= 0.4197897);
    CHECK(r.levels >= 1);
  }
}

TEST_CASE("Louvain: other seeds and resolutions still give consistent partitions", "[analysis][communities]") {
  const Karate k = karate();
  for (double resolution : {0.5, 1.0, 2.0}) {
    for (std::uint64_t seed : {7u, 1234567u}) {
      INFO("seed " << seed << ", resolution " << resolution);
      const auto r = Louvain::run(k.graph, {.seed = seed, .resolution = resolution});
      CHECK(numberedBySmallestVertex(r.community, 34));
      CHECK(r.modularity == Approx(modularity(k.graph, r.community, resolution)).margin(1e-12));
      // Never worse than every vertex alone.
      std::vector<int> singletons(34);
      for (int v = 0; v < 34; ++v) singletons[static_cast<std::size_t>(v)] = v;
      CHECK(r.modularity > modularity(k.graph, singletons, resolution));
    }
  }
  // One level only: the local moving phase and nothing more.
  const auto once = Louvain::run(k.graph, {.maxLevels = 1});
  CHECK(once.levels == 1);
  CHECK(once.modularity == Approx(modularity(k.graph, once.community)).margin(1e-12));
  CHECK(once.modularity <= Louvain::run(k.graph).modularity);
}

TEST_CASE("Louvain and Modularity report progress and stop when cancelled", "[analysis][communities][progress]") {
  const auto g = ringOfCliques(4);
  Progress cancelled;
  cancelled.cancel();
  CHECK_THROWS_AS(Louvain::run(g, {}, &cancelled), Cancelled);
  CHECK_THROWS_AS(Modularity::run(g, {.community = std::vector<int>(20, 0)}, &cancelled), Cancelled);

  Progress progress;
  Louvain::run(g, {}, &progress);
  CHECK(progress.fraction() == 1);
  Progress again;
  Modularity::run(g, {.community = std::vector<int>(20, 0)}, &again);
  CHECK(again.fraction() == 1);
}
