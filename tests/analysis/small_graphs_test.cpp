// Hand-drawn graphs with values worked out by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "analysis/centrality.hpp"
#include "analysis/dashboard.hpp"
#include "analysis/paths.hpp"
#include "analysis/structure.hpp"
#include "support/sample_model.hpp"

using namespace nestmap;
using Vertex = GraphSnapshot::Vertex;
using Edges = std::vector<GraphSnapshot::Edge>;

namespace {

void checkAll(const std::vector<double>& actual, const std::vector<double>& expected) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("vertex " << i);
    if (std::isnan(expected[i]))
      CHECK(std::isnan(actual[i]));
    else
      CHECK(actual[i] == Approx(expected[i]).margin(1e-12));
  }
}

}  // namespace

TEST_CASE("a path: 0 — 1 — 2 — 3", "[analysis]") {
  const auto g = GraphSnapshot::fromEdges(4, Edges{{0, 1}, {1, 2}, {2, 3}}, false);
  checkAll(Degree::run(g).degree, {1, 2, 2, 1});
  const auto b = Betweenness::run(g);
  checkAll(b.raw, {0, 2, 2, 0});
  checkAll(b.normalized, {0, 2.0 / 3, 2.0 / 3, 0});
  const auto c = Closeness::run(g);
  checkAll(c.closeness, {3.0 / 6, 3.0 / 4, 3.0 / 4, 3.0 / 6});
  checkAll(c.harmonic, {1 + 1.0 / 2 + 1.0 / 3, 2 + 1.0 / 2, 2 + 1.0 / 2, 1 + 1.0 / 2 + 1.0 / 3});
  checkAll(Clustering::run(g).coefficient, {0, 0, 0, 0});
  CHECK(CoreNumber::run(g).core == std::vector<int>{1, 1, 1, 1});
  CHECK(TwoStepReach::run(g).reach == std::vector<int>{2, 3, 3, 2});

  const auto cuts = CutPoints::run(g);
  REQUIRE(cuts.articulationPoints.size() == 2);
  CHECK(cuts.articulationPoints[0].vertex == 1);
  CHECK(cuts.articulationPoints[0].cutsOff == std::vector<Vertex>{0});
  CHECK(cuts.articulationPoints[1].vertex == 2);
  CHECK(cuts.articulationPoints[1].cutsOff == std::vector<Vertex>{3});
  CHECK(cuts.bridges == std::vector<std::pair<Vertex, Vertex>>{{0, 1}, {1, 2}, {2, 3}});
}

TEST_CASE("a triangle with a tail", "[analysis]") {
  //   0 — 1
  //    \ /
  //     2 — 3
  const auto g = GraphSnapshot::fromEdges(4, Edges{{0, 1}, {0, 2}, {1, 2}, {2, 3}}, false);
  checkAll(Clustering::run(g).coefficient, {1, 1, 1.0 / 3, 0});
  CHECK(CoreNumber::run(g).core == std::vector<int>{2, 2, 2, 1});
  checkAll(Betweenness::run(g).raw, {0, 0, 2, 0});
  const auto holes = StructuralHoles::run(g);
  // 0: p01 = p02 = 1/2, p21 = 1/3, p12 = 1/2 → (1/2 + 1/6)² + (1/2 + 1/4)² = 145/144.
  // 2: p20 = p21 = p23 = 1/3 → (1/3 + 1/3·1/2)² twice + (1/3)² = 1/4 + 1/4 + 1/9.
  // 3: its only neighbour is all it has → 1.
  checkAll(holes.constraint, {145.0 / 144, 145.0 / 144, 1.0 / 4 + 1.0 / 4 + 1.0 / 9, 1});
  // Effective size n − 2t/n: 0 and 1: 2 − 2/2; 2: 3 − 2/3; 3: 1.
  checkAll(holes.effectiveSize, {1, 1, 3 - 2.0 / 3, 1});
  const auto cuts = CutPoints::run(g);
  REQUIRE(cuts.articulationPoints.size() == 1);
  CHECK(cuts.articulationPoints[0].vertex == 2);
  CHECK(cuts.articulationPoints[0].cutsOff == std::vector<Vertex>{3});
  CHECK(cuts.bridges == std::vector<std::pair<Vertex, Vertex>>{{2, 3}});
  CHECK(cuts.blocks == std::vector<std::vector<Vertex>>{{0, 1, 2}, {2, 3}});
}

TEST_CASE("biconnected components of a bow tie with a tail, and of a lone vertex", "[analysis]") {
  //   0       3
  //   | \   / |
  //   |   2   |  — 5      6 (alone)
  //   | /   \ |
  //   1       4
  const auto g = GraphSnapshot::fromEdges(7, Edges{{0, 1}, {0, 2}, {1, 2}, {2, 3}, {2, 4}, {3, 4}, {4, 5}}, false);
  const auto cuts = CutPoints::run(g);
  CHECK(cuts.blocks == std::vector<std::vector<Vertex>>{{0, 1, 2}, {2, 3, 4}, {4, 5}});
  REQUIRE(cuts.articulationPoints.size() == 2);
  CHECK(cuts.articulationPoints[0].vertex == 2);
  CHECK(cuts.articulationPoints[0].cutsOff == std::vector<Vertex>{0, 1});
  CHECK(cuts.articulationPoints[1].vertex == 4);
  CHECK(cuts.articulationPoints[1].cutsOff == std::vector<Vertex>{5});
}

TEST_CASE("a directed cycle with a spur: 0 → 1 → 2 → 0, 2 → 3", "[analysis]") {
  const auto g = GraphSnapshot::fromEdges(4, Edges{{0, 1}, {1, 2}, {2, 0}, {2, 3}}, true);
  const auto d = Degree::run(g);
  checkAll(d.outDegree, {1, 1, 2, 0});
  checkAll(d.inDegree, {1, 1, 1, 1});
  checkAll(d.degree, {2, 2, 3, 1});
  // Paths through 0: 2→1. Through 1: 0→2, 0→3. Through 2: 0→3, 1→0, 1→3.
  const auto b = Betweenness::run(g);
  checkAll(b.raw, {1, 2, 3, 0});
  checkAll(b.normalized, {1.0 / 6, 2.0 / 6, 3.0 / 6, 0});
  // PageRank sums to one; 0 and 3 each get half of 2's rank (and the same
  // share of the dead end 3's), and rank grows along the cycle 0 → 1 → 2.
  PageRankParams tight;
  tight.tolerance = 1e-14;
  const auto pr = PageRank::run(g, tight);
  double sum = 0;
  for (double x : pr.scores) sum += x;
  CHECK(sum == Approx(1).margin(1e-12));
  CHECK(pr.converged);
  CHECK(pr.scores[0] == Approx(pr.scores[3]).margin(1e-12));
  const double shared = 0.15 / 4 + 0.85 * pr.scores[3] / 4;
  CHECK(pr.scores[1] == Approx(shared + 0.85 * pr.scores[0]).margin(1e-12));
  CHECK(pr.scores[2] == Approx(shared + 0.85 * pr.scores[1]).margin(1e-12));
  CHECK(pr.scores[0] == Approx(shared + 0.85 * pr.scores[2] / 2).margin(1e-12));
}

TEST_CASE("disconnected maps: components, Wasserman–Faust closeness, isolated actors", "[analysis]") {
  // 0 — 1 — 2    3 — 4    5
  const auto g = GraphSnapshot::fromEdges(6, Edges{{0, 1}, {1, 2}, {3, 4}}, false);
  const auto comps = Components::run(g);
  REQUIRE(comps.components.size() == 3);
  CHECK(comps.components[0] == std::vector<Vertex>{0, 1, 2});
  CHECK(comps.components[1] == std::vector<Vertex>{3, 4});
  CHECK(comps.components[2] == std::vector<Vertex>{5});
  CHECK(comps.componentOf == std::vector<int>{0, 0, 0, 1, 1, 2});
  // 0 reaches 2 others at total distance 3: (2/3)·(2/5).
  const auto c = Closeness::run(g);
  checkAll(c.closeness, {4.0 / 15, 2.0 / 5, 4.0 / 15, 1.0 / 5, 1.0 / 5, 0});
  const double nan = std::nan("");
  checkAll(StructuralHoles::run(g).constraint, {1, 0.5, 1, 1, 1, nan});
}

TEST_CASE("parallel ties merge into one edge that weighs their sum", "[analysis]") {
  const auto g = GraphSnapshot::fromEdges(3, Edges{{0, 1, 2}, {1, 0, 3}, {1, 2, 1}, {2, 2, 5}}, false);
  CHECK(g.edgeCount() == 2);  // the self-loop is dropped
  const auto d = Degree::run(g);
  checkAll(d.degree, {1, 2, 1});
  checkAll(d.weighted, {5, 6, 1});
}

TEST_CASE("a snapshot of a map follows the filter", "[analysis]") {
  const Model m = test::sampleModel();
  // Active ties only: 1–3 (strength 3); agreement 1 (agreed) joins 1, 3 and 4.
  const auto g = GraphSnapshot::fromModel(m);
  REQUIRE(g.vertexCount() == 4);
  CHECK(g.rowIds() == std::vector<RowId>{1, 2, 3, 4});
  CHECK(g.edgeCount() == 3);
  const Vertex prison = *g.vertexOf(1), caw = *g.vertexOf(3);
  CHECK(g.neighbours(prison).size() == 2);
  CHECK(Degree::run(g).weighted[prison] == Approx(3 + 1 + 1));
  CHECK(g.neighbourWeights(caw)[0] == Approx(4));  // tie strength 3 + the agreement

  SnapshotOptions noAgreements;
  noAgreements.agreementsAsTies = false;
  CHECK(GraphSnapshot::fromModel(m, noAgreements).edgeCount() == 1);

  SnapshotOptions planned;
  planned.statuses = {TieStatus::Planned};
  planned.agreementsAsTies = false;
  const auto p = GraphSnapshot::fromModel(m, planned);
  REQUIRE(p.edgeCount() == 1);
  CHECK(p.neighbourWeights(*p.vertexOf(1))[0] == Approx(2.75));  // the tie's own weight wins over its strength

  SnapshotOptions before;
  before.asOf = Date::parse("2024-06-01");  // before tie 1 and before the agreement existed
  CHECK(GraphSnapshot::fromModel(m, before).edgeCount() == 0);

  SnapshotOptions onlyCaw;
  onlyCaw.actorTypes = {3, 4};
  CHECK(GraphSnapshot::fromModel(m, onlyCaw).vertexCount() == 2);
  CHECK(GraphSnapshot::fromModel(m, onlyCaw).edgeCount() == 1);  // CAW–VK through the agreement
}

TEST_CASE("a long betweenness run on a worker thread can be stopped", "[analysis][progress]") {
  std::mt19937 rng(7);
  Edges edges;
  const Vertex n = 6000;
  for (Vertex v = 1; v < n; ++v) edges.push_back({v, static_cast<Vertex>(rng() % v)});
  for (int i = 0; i < 30000; ++i) edges.push_back({static_cast<Vertex>(rng() % n), static_cast<Vertex>(rng() % n)});
  const auto g = GraphSnapshot::fromEdges(n, edges, false);

  BackgroundJob<Betweenness::Result> job([&g](Progress& p) { return Betweenness::run(g, {}, &p); });
  while (job.progress().fraction() == 0 && !job.ready()) std::this_thread::yield();
  job.cancel();
  CHECK_THROWS_AS(job.get(), Cancelled);

  BackgroundJob<Degree::Result> quick([&g](Progress& p) { return Degree::run(g, {}, &p); });
  CHECK(quick.get().degree.size() == n);
  CHECK(quick.progress().fraction() == 1);
}

TEST_CASE("shortest paths in hops and by strength, and k-step neighbourhoods", "[analysis]") {
  //   0 —(1)— 1 —(1)— 2
  //    \               |
  //     (3)— 3 —(3)— 4 —(3)— 5      weights in brackets
  //   2 — 5 weight 1
  const auto g =
      GraphSnapshot::fromEdges(6, Edges{{0, 1, 1}, {1, 2, 1}, {2, 5, 1}, {0, 3, 3}, {3, 4, 3}, {4, 5, 3}}, false);
  const auto hops = ShortestPath::run(g, 0, 5);
  CHECK(hops.path == std::vector<Vertex>{0, 1, 2, 5});  // three hops either way: the smaller vertices win
  CHECK(hops.length == 3);
  ShortestPathParams strong;
  strong.weighted = true;
  const auto byStrength = ShortestPath::run(g, 0, 5, strong);
  CHECK(byStrength.path == std::vector<Vertex>{0, 3, 4, 5});  // 3 · 1/3 = 1 beats 3 · 1/1
  CHECK(byStrength.length == Approx(1.0));

  const auto none = ShortestPath::run(GraphSnapshot::fromEdges(3, Edges{{0, 1}}, false), 0, 2);
  CHECK(none.path.empty());

  const auto within2 = Neighbourhood::run(g, 0, 2);
  REQUIRE(within2.members.size() == 4);
  CHECK(within2.members[0].vertex == 1);
  CHECK(within2.members[1].vertex == 3);
  CHECK(within2.members[2].vertex == 2);
  CHECK(within2.members[2].distance == 2);
  CHECK(within2.members[3].vertex == 4);
}

TEST_CASE("strongly connected components of a directed map", "[analysis]") {
  // 0 → 1 → 2 → 0 (a cycle), 2 → 3 → 4 → 3 (a second cycle), 5 alone.
  const auto g = GraphSnapshot::fromEdges(6, Edges{{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 3}}, true);
  const auto r = StrongComponents::run(g);
  REQUIRE(r.components.size() == 3);
  CHECK(r.components[0] == std::vector<Vertex>{0, 1, 2});
  CHECK(r.components[1] == std::vector<Vertex>{3, 4});
  CHECK(r.components[2] == std::vector<Vertex>{5});
}

TEST_CASE("the dashboard: density, reciprocity, paths and the group matrix", "[analysis]") {
  // Directed: 0 ⇄ 1, 1 → 2, 3 isolated. Groups: {0, 1} in group 0, {2, 3} in group 1.
  const auto g = GraphSnapshot::fromEdges(4, Edges{{0, 1}, {1, 0}, {1, 2}}, true);
  NetworkSummaryParams params;
  params.groupOf = {0, 0, 1, 1};
  params.groupCount = 2;
  const auto r = NetworkSummary::run(g, params);
  CHECK(r.actors == 4);
  CHECK(r.ties == 3);
  CHECK(r.components == 2);
  CHECK(r.density == Approx(3.0 / 12));
  CHECK(r.reciprocity == Approx(2.0 / 3));
  CHECK(r.diameter == 2);  // 0 → 1 → 2
  // Reachable ordered pairs: 0→1 (1), 0→2 (2), 1→0 (1), 1→2 (1): average 5/4.
  CHECK(r.averagePathLength == Approx(5.0 / 4));
  CHECK_FALSE(r.pathsSampled);
  REQUIRE(r.groupMatrix.size() == 2);
  CHECK(r.groupMatrix[0][0] == 1);  // 0–1 once, though it runs both ways
  CHECK(r.groupMatrix[0][1] == 1);
  CHECK(r.groupMatrix[1][0] == 1);
  CHECK(r.groupMatrix[1][1] == 0);
}

TEST_CASE("weighted betweenness: strong ties make the short way", "[analysis]") {
  //   0 —(1)— 1 —(1)— 2,   0 —(0.25)— 2     lengths are 1/weight: 1, 1 and 4
  const auto g = GraphSnapshot::fromEdges(3, Edges{{0, 1, 1}, {1, 2, 1}, {0, 2, 0.25}}, false);
  checkAll(Betweenness::run(g).raw, {0, 0, 0});  // by hops 0 and 2 are neighbours
  BetweennessParams weighted;
  weighted.weighted = true;
  checkAll(Betweenness::run(g, weighted).raw, {0, 1, 0});  // by length 0 → 1 → 2 (2) beats 0 → 2 (4)

  // A square of equal ties: two equally short ways between opposite corners.
  const auto square = GraphSnapshot::fromEdges(4, Edges{{0, 1, 2}, {1, 2, 2}, {2, 3, 2}, {3, 0, 2}}, false);
  checkAll(Betweenness::run(square).raw, {0.5, 0.5, 0.5, 0.5});
  checkAll(Betweenness::run(square, weighted).raw, {0.5, 0.5, 0.5, 0.5});
}

TEST_CASE("a star with four leaves: every measure by hand", "[analysis]") {
  //     1
  //     |
  // 2 — 0 — 3
  //     |
  //     4
  const auto g = GraphSnapshot::fromEdges(5, Edges{{0, 1}, {0, 2}, {0, 3}, {0, 4}}, false);
  checkAll(Degree::run(g).degree, {4, 1, 1, 1, 1});
  const auto b = Betweenness::run(g);
  checkAll(b.raw, {6, 0, 0, 0, 0});  // the centre lies on all C(4, 2) leaf pairs
  checkAll(b.normalized, {1, 0, 0, 0, 0});
  const auto c = Closeness::run(g);
  checkAll(c.closeness, {1, 4.0 / 7, 4.0 / 7, 4.0 / 7, 4.0 / 7});  // a leaf: 1 + 2 + 2 + 2 = 7
  checkAll(c.harmonic, {4, 2.5, 2.5, 2.5, 2.5});
  // λ = 2: the centre weighs √4 = 2 times a leaf; unit length → 1/√2 and 1/√8.
  checkAll(EigenvectorCentrality::run(g, EigenvectorParams{1e-15, 10000, false}).scores,
           {1 / std::sqrt(2.0), 1 / std::sqrt(8.0), 1 / std::sqrt(8.0), 1 / std::sqrt(8.0), 1 / std::sqrt(8.0)});
  // PageRank: centre c = (1 + 4d) / (5 (1 + d)), leaf l = (1 − d)/5 + d·c/4, d = 0.85.
  const double d = 0.85, centre = (1 + 4 * d) / (5 * (1 + d)), leaf = (1 - d) / 5 + d * centre / 4;
  checkAll(PageRank::run(g, PageRankParams{0.85, 1e-15, 10000}).scores, {centre, leaf, leaf, leaf, leaf});
  checkAll(Clustering::run(g).coefficient, {0, 0, 0, 0, 0});
  CHECK(CoreNumber::run(g).core == std::vector<int>{1, 1, 1, 1, 1});
  CHECK(TwoStepReach::run(g).reach == std::vector<int>{4, 4, 4, 4, 4});
  const auto holes = StructuralHoles::run(g);
  checkAll(holes.constraint, {4 * (1.0 / 16), 1, 1, 1, 1});  // four unconnected contacts of 1/4 each
  checkAll(holes.effectiveSize, {4, 1, 1, 1, 1});
  const auto cuts = CutPoints::run(g);
  REQUIRE(cuts.articulationPoints.size() == 1);
  CHECK(cuts.articulationPoints[0].cutsOff == std::vector<Vertex>{2, 3, 4});  // leaf 1 is the piece that stays
  CHECK(cuts.bridges.size() == 4);
  CHECK(cuts.blocks.size() == 4);
}
