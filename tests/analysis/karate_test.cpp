// Zachary's karate club against networkx's values (fixtures/karate.reference.json,
// made by networkx from fixtures/karate.graphml): every measure within 1e-6,
// cut points and bridges exactly.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "analysis/centrality.hpp"
#include "analysis/structure.hpp"

using namespace nestmap;
using Vertex = GraphSnapshot::Vertex;

namespace {

std::string readFile(const std::string& name) {
  std::ifstream in(std::string(NESTMAP_SOURCE_DIR) + "/tests/analysis/fixtures/" + name);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The karate graph: node "i" is vertex i. (The GraphML import has its own
/// tests; here the edge list is all that is needed.)
GraphSnapshot karate() {
  const std::string xml = readFile("karate.graphml");
  const std::regex edge(R"re(<edge source="(\d+)" target="(\d+)")re");
  std::vector<GraphSnapshot::Edge> edges;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), edge); it != std::sregex_iterator(); ++it)
    edges.push_back({static_cast<Vertex>(std::stoi((*it)[1])), static_cast<Vertex>(std::stoi((*it)[2])), 1});
  REQUIRE(edges.size() == 78);
  return GraphSnapshot::fromEdges(34, edges, false);
}

const nlohmann::json& reference() {
  static const nlohmann::json j = nlohmann::json::parse(readFile("karate.reference.json"));
  return j;
}

void compare(const std::string& key, const std::vector<double>& values) {
  const auto& expected = reference().at(key);
  REQUIRE(expected.size() == values.size());
  for (const auto& [node, value] : expected.items()) {
    INFO(key << " of node " << node);
    CHECK(values.at(static_cast<std::size_t>(std::stoi(node))) == Approx(value.get<double>()).margin(1e-6));
  }
}

template <class T>
std::vector<double> asDouble(const std::vector<T>& v) {
  return {v.begin(), v.end()};
}

}  // namespace

TEST_CASE("karate: every measure matches networkx", "[analysis][karate]") {
  const GraphSnapshot g = karate();
  REQUIRE(g.vertexCount() == reference().at("nodes").get<std::size_t>());
  REQUIRE(g.edgeCount() == 78);

  compare("degree", Degree::run(g).degree);
  const auto betweenness = Betweenness::run(g);
  compare("betweenness_raw", betweenness.raw);
  compare("betweenness_normalized", betweenness.normalized);
  compare("closeness", Closeness::run(g).closeness);
  compare("eigenvector", EigenvectorCentrality::run(g).scores);
  compare("pagerank", PageRank::run(g).scores);
  compare("clustering", Clustering::run(g).coefficient);
  compare("core_number", asDouble(CoreNumber::run(g).core));
  const auto holes = StructuralHoles::run(g);
  compare("constraint", holes.constraint);
  compare("effective_size", holes.effectiveSize);
}

TEST_CASE("karate: components, cut points and bridges match networkx exactly", "[analysis][karate]") {
  const GraphSnapshot g = karate();
  CHECK(Components::run(g).components.size() == reference().at("components").get<std::size_t>());
  const auto cuts = CutPoints::run(g);
  std::vector<std::string> points;
  for (const auto& ap : cuts.articulationPoints) points.push_back(std::to_string(ap.vertex));
  CHECK(points == reference().at("articulation_points").get<std::vector<std::string>>());
  std::vector<std::vector<std::string>> bridges;
  for (const auto& [a, b] : cuts.bridges) bridges.push_back({std::to_string(a), std::to_string(b)});
  CHECK(bridges == reference().at("bridges").get<std::vector<std::vector<std::string>>>());
  // Without node 0, node 11 and the group 4, 5, 6, 10, 16 (whose only link
  // to the rest is node 0) lose their link.
  REQUIRE(cuts.articulationPoints.size() == 1);
  CHECK(cuts.articulationPoints[0].cutsOff == std::vector<Vertex>{4, 5, 6, 10, 11, 16});
  // Three biconnected components follow: the bridge 0–11, the group around
  // 4–16 with node 0, and all the rest (which sorts first: it holds 0 and 1).
  REQUIRE(cuts.blocks.size() == 3);
  CHECK(cuts.blocks[1] == std::vector<Vertex>{0, 4, 5, 6, 10, 16});
  CHECK(cuts.blocks[2] == std::vector<Vertex>{0, 11});
}

TEST_CASE("betweenness gives the same result on one thread and on many", "[analysis][karate]") {
  const GraphSnapshot g = karate();
  BetweennessParams one, many;
  one.threads = 1;
  many.threads = 8;
  CHECK(Betweenness::run(g, one).raw == Betweenness::run(g, many).raw);  // bit for bit
}
