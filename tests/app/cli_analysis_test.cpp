// `nestmap metrics|structure|path` end to end: the output contract of issue 3,
// checked against networkx's values for Zachary's karate club.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli.hpp"
#include "support/cli_sandbox.hpp"

using namespace nestmap;
using nestmap::test::Run;
using nestmap::test::Sandbox;

namespace {

const std::string kKarate = std::string(NESTMAP_SOURCE_DIR) + "/tests/analysis/fixtures/karate.graphml";

nlohmann::json reference() {
  std::ifstream in(std::string(NESTMAP_SOURCE_DIR) + "/tests/analysis/fixtures/karate.reference.json");
  return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("cli: metrics on a GraphML file give networkx's values, keyed by the file's node ids", "[cli][analysis]") {
  Sandbox box;
  Run r = box.run({"metrics",     kKarate,    "--format",        "json",       "--metric",  "degree",   "--metric",
                   "betweenness", "--metric", "betweenness_raw", "--metric",   "closeness", "--metric", "eigenvector",
                   "--metric",    "pagerank", "--metric",        "clustering", "--metric",  "core",     "--metric",
                   "constraint",  "--metric", "effective_size"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  const auto out = nlohmann::json::parse(r.out);
  const auto ref = reference();
  const std::map<std::string, std::string> names{{"degree", "degree"},
                                                 {"betweenness", "betweenness_normalized"},
                                                 {"betweenness_raw", "betweenness_raw"},
                                                 {"closeness", "closeness"},
                                                 {"eigenvector", "eigenvector"},
                                                 {"pagerank", "pagerank"},
                                                 {"clustering", "clustering"},
                                                 {"core", "core_number"},
                                                 {"constraint", "constraint"},
                                                 {"effective_size", "effective_size"}};
  REQUIRE(out.at("nodes").size() == 34);
  for (const auto& node : out.at("nodes")) {
    const std::string id = node.at("id");
    for (const auto& [metric, refKey] : names) {
      INFO(metric << " of node " << id);
      CHECK(node.at(metric).get<double>() == Approx(ref.at(refKey).at(id).get<double>()).margin(1e-6));
    }
  }
  const auto& network = out.at("network");
  CHECK(network.at("actors") == 34);
  CHECK(network.at("ties") == 78);
  CHECK(network.at("components") == 1);
  CHECK(network.at("diameter") == 5);
  CHECK(network.at("average_path_length").get<double>() == Approx(2.4082).margin(1e-4));
  CHECK(network.at("density").get<double>() == Approx(78.0 / (34 * 33 / 2)).margin(1e-12));
}

TEST_CASE("cli: structure on a GraphML file names cut points and bridges by node id", "[cli][analysis]") {
  Sandbox box;
  Run r = box.run({"structure", kKarate, "--format", "json"});
  REQUIRE(r.status == kExitOk);
  const auto out = nlohmann::json::parse(r.out);
  CHECK(out.at("components").size() == 1);
  CHECK(out.at("components")[0].size() == 34);
  REQUIRE(out.at("articulation_points").size() == 1);
  CHECK(out.at("articulation_points")[0].at("id") == "0");
  // Node 11 and the group 4, 5, 6, 10, 16 hang on node 0 alone (in vertex order).
  CHECK(out.at("articulation_points")[0].at("cuts_off") ==
        nlohmann::json::parse(R"(["4", "5", "6", "10", "11", "16"])"));
  CHECK(out.at("bridges") == nlohmann::json::parse(R"([["0", "11"]])"));
}

TEST_CASE("cli: path names the go-betweens; unknown and ambiguous names are explained", "[cli][analysis]") {
  Sandbox box;
  Run r = box.run({"path", kKarate, "16", "11", "--format", "json"});
  REQUIRE(r.status == kExitOk);
  const auto out = nlohmann::json::parse(r.out);
  CHECK(out.at("length") == 3);  // 16 – 5 – 0 – 11 (or 16 – 6 – 0 – 11)
  REQUIRE(out.at("path").size() == 4);
  CHECK(out.at("path")[0].at("id") == "16");
  CHECK(out.at("path")[2].at("id") == "0");
  CHECK(out.at("path")[3].at("id") == "11");

  REQUIRE(box.run({"demo", "demo.nestmap"}).status == 0);
  Run unknown = box.run({"path", "demo.nestmap", "Gevangenis Gent", "Nergens"});
  CHECK(unknown.status == kExitInvalidInput);
  CHECK(unknown.err == "nestmap: Geen actor gevonden voor ‘Nergens’.\n");
  Run ambiguous = box.run({"path", "demo.nestmap", "Gevangenis Gent", "CAW"});
  CHECK(ambiguous.status == kExitInvalidInput);
  CHECK_THAT(ambiguous.err, Catch::Contains("past bij meer dan één actor"));
  Run ok = box.run({"path", "demo.nestmap", "Gevangenis Gent", "Gevangenis Brugge"});
  CHECK(ok.status == kExitOk);
  CHECK_THAT(ok.out, Catch::StartsWith("Kortste weg ("));
}

TEST_CASE("cli: metrics on the demo map in a table and as CSV", "[cli][analysis]") {
  Sandbox box;
  REQUIRE(box.run({"demo", "demo.nestmap"}).status == 0);
  Run table = box.run({"metrics", "demo.nestmap"});
  REQUIRE(table.status == kExitOk);
  CHECK_THAT(table.out, Catch::StartsWith("Actor"));
  CHECK_THAT(table.out, Catch::Contains("Gevangenis Gent"));
  Run csv = box.run({"metrics", "demo.nestmap", "--format", "csv", "--metric", "degree"});
  REQUIRE(csv.status == kExitOk);
  std::istringstream lines(csv.out);
  std::string header;
  std::getline(lines, header);
  CHECK(header == "id,label,degree");
  std::size_t rows = 0;
  for (std::string line; std::getline(lines, line);) ++rows;
  CHECK(rows >= 150);
  CHECK(box.run({"metrics", "demo.nestmap", "--metric", "nonsense"}).status == kExitUsage);
}

TEST_CASE("cli: communities on karate, deterministic for a seed", "[cli][analysis]") {
  Sandbox box;
  Run a = box.run({"communities", kKarate, "--format", "json", "--seed", "3"});
  Run b = box.run({"communities", kKarate, "--format", "json", "--seed", "3"});
  REQUIRE(a.status == kExitOk);
  CHECK(a.out == b.out);
  const auto out = nlohmann::json::parse(a.out);
  CHECK(out.at("modularity").get<double>() >= 0.41);
  std::size_t members = 0;
  for (const auto& c : out.at("communities")) members += c.size();
  CHECK(members == 34);
  Run metric = box.run({"metrics", kKarate, "--format", "csv", "--metric", "community"});
  REQUIRE(metric.status == kExitOk);
  CHECK_THAT(metric.out, Catch::StartsWith("id,label,community\n0,0,0\n"));
}
