// `nestmap export`, end to end through the real binary: the demo map to every format,
// back through `nestmap import` with the same metrics, read by networkx, and the
// refusals (an unknown extension, an existing file, a map) that write nothing.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "support/cli_sandbox.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using test::contains;
using test::entries;
using test::Run;
namespace fs = std::filesystem;

namespace {

std::string text(const fs::path& p) {
  auto bytes = test::readBytes(p);
  return std::string(bytes.begin(), bytes.end());
}

/// The demo map and its counts, from `nestmap info`.
struct Demo : test::DemoSandbox {
  nlohmann::json info;
  Demo() {
    Run r = box.run({"info", map, "--format", "json"});
    REQUIRE(r.status == kExitOk);
    info = nlohmann::json::parse(r.out);
  }
};

/// `nestmap metrics FILE --format json` (with `extra` options); fails the test unless it succeeds.
nlohmann::json metrics(const test::Sandbox& box, const std::string& file, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"metrics", file, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  Run r = box.run(args);
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  return nlohmann::json::parse(r.out);
}

/// Metrics output with the nodes' ids taken out (and checked to be there).
nlohmann::json withoutIds(nlohmann::json metrics) {
  for (auto& node : metrics["nodes"]) {
    CHECK(node.contains("id"));
    node.erase("id");
  }
  return metrics;
}

/// stdout of a shell command, and its exit status.
std::pair<int, std::string> shell(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace

TEST_CASE("cli: export to GraphML or GEXF and import again gives the same metrics", "[cli][export]") {
  Demo demo;
  const auto original = metrics(demo.box, demo.map);
  const auto originalDirected = metrics(demo.box, demo.map,
                                        {"--directed", "--metric", "degree", "--metric", "in_degree", "--metric",
                                         "out_degree", "--metric", "betweenness", "--metric", "weighted_degree"});
  REQUIRE(original["nodes"].size() == demo.info["actors"].get<std::size_t>());
  REQUIRE(original["network"]["ties"].get<int>() > 400);

  for (const std::string ext : {"graphml", "gexf"}) {
    INFO("format: " << ext);
    const std::string file = "demo." + ext, back = "terug-" + ext + ".nestmap";
    Run r = demo.box.run({"export", demo.map, "--out", file});
    INFO(r.err);
    REQUIRE(r.status == kExitOk);
    CHECK(r.out == "Geëxporteerd: " + demo.info["actors"].dump() + " actoren, " + demo.info["ties"].dump() +
                       " banden en " + demo.info["agreements"].dump() + " afspraken → " + file + "\n");
    CHECK(r.err == "");
    Run imported = demo.box.run({"import", file, back});
    INFO(imported.err);
    REQUIRE(imported.status == kExitOk);

    // Every node in the same place with the same label and values; the same network figures,
    // sector ties included. The new map gave its actors UUIDs of its own: the ids differ.
    CHECK(withoutIds(metrics(demo.box, back)) == withoutIds(original));
    CHECK(withoutIds(metrics(demo.box, back,
                             {"--directed", "--metric", "degree", "--metric", "in_degree", "--metric", "out_degree",
                              "--metric", "betweenness", "--metric", "weighted_degree"})) ==
          withoutIds(originalDirected));
    // The analysis commands read the export itself too, naming the nodes by the ids in the
    // file: the map's UUIDs, so everything is the same.
    CHECK(metrics(demo.box, file) == original);
  }
}

TEST_CASE("cli: networkx reads the GraphML, GEXF and node-link JSON exports", "[cli][export]") {
  if (std::system("python3 -c 'import networkx' >/dev/null 2>&1") != 0) {
    WARN("python3 with networkx is not installed (Debian: python3-networkx): the exports were not read by networkx");
    return;
  }
  Demo demo;
  for (const char* file : {"demo.graphml", "demo.gexf", "demo.json"}) {
    Run r = demo.box.run({"export", demo.map, "--out", file});
    REQUIRE(r.status == kExitOk);
  }
  // A node and an edge to look at: the first of each in the JSON export.
  const auto j = nlohmann::json::parse(text(demo.box / "demo.json"));
  const std::string node = j["nodes"][0]["id"], edge = j["links"][0]["key"];
  const std::string label = j["nodes"][0]["label"];
  const std::size_t links = j["links"].size();
  REQUIRE(links > demo.info["ties"].get<std::size_t>());  // with the agreements' pairs

  const std::string script = (fs::path(NESTMAP_SOURCE_DIR) / "tests/app/export_networkx.py").string();
  for (const std::string kind : {"graphml", "gexf", "json"}) {
    INFO("format: " << kind);
    // stderr apart: a warning of Python or the shell must not spoil the JSON on stdout.
    const std::string errors = (demo.box / "python.err").string();
    auto [status, out] = shell("python3 '" + script + "' " + kind + " '" + (demo.box / ("demo." + kind)).string() +
                               "' " + node + " " + edge + " 2>'" + errors + "'");
    INFO(out << text(errors));
    REQUIRE(status == 0);
    const auto r = nlohmann::json::parse(out);
    if (!r["note"].is_null()) WARN(r["note"].get<std::string>());
    CHECK(r["nodes"] == demo.info["actors"]);
    CHECK(r["edges"] == links);
    CHECK(r["multigraph"] == true);
    CHECK(r["directed"] == false);  // directed, mutual and undirected ties together
    const auto& n = r["node"];
    CHECK(n["label"][0] == label);
    CHECK(n["kind"] == nlohmann::json::array({"actor", "str"}));
    CHECK(n["type"][1] == "str");
    CHECK(n["latitude"][1] == "float");
    CHECK(n["line"][1] == "int");
    CHECK(n["uuid"][0] == node);
    const auto& e = r["edge"];
    REQUIRE(e.is_object());
    CHECK(e["kind"][0] == "tie");
    CHECK(e["strength"][1] == "int");
    CHECK(e["weight"][1] == "float");
    CHECK(e["directed"][1] == "bool");
    CHECK(e["status"][1] == "str");
    CHECK(e["uuid"][0] == edge);
    if (kind == "gexf") {
      // viz from the first view: a colour and a size for every node; a position where the view has one.
      CHECK(r["viz"]["color"].is_object());
      CHECK(r["viz"]["size"] == 1);
    }
  }
}

TEST_CASE("cli: export writes CSV as an actors and a ties file", "[cli][export]") {
  Demo demo;
  Run r = demo.box.run({"export", demo.map, "--out", "netwerk.csv", "--agreements", "nodes"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(r.out == "Geëxporteerd: " + demo.info["actors"].dump() + " actoren, " + demo.info["ties"].dump() +
                     " banden en " + demo.info["agreements"].dump() +
                     " afspraken → netwerk-actoren.csv, "
                     "netwerk-banden.csv\n");
  CHECK(entries(demo.box.dir()) ==
        std::vector<std::string>{"data", "demo.nestmap", "netwerk-actoren.csv", "netwerk-banden.csv"});
  const std::string actors = text(demo.box / "netwerk-actoren.csv"), ties = text(demo.box / "netwerk-banden.csv");
  CHECK(actors.rfind("\xEF\xBB\xBFid;kind;label;", 0) == 0);
  CHECK(ties.rfind("\xEF\xBB\xBFid;source;target;kind;", 0) == 0);
  // One line per actor and agreement, and per tie and party of an agreement.
  auto lines = [](const std::string& s) {
    std::size_t n = 0;
    for (std::size_t at = 0; (at = s.find("\r\n", at)) != std::string::npos; ++at) ++n;
    return n;
  };
  CHECK(lines(actors) == 1 + demo.info["actors"].get<std::size_t>() + demo.info["agreements"].get<std::size_t>());
  CHECK(lines(ties) > 1 + demo.info["ties"].get<std::size_t>());
  CHECK(contains(actors, ";agreement;"));
  CHECK(contains(ties, ";party;"));
}

TEST_CASE("cli: export refuses an existing file without --force, for both CSV files first", "[cli][export]") {
  Demo demo;
  test::writeBytes(demo.box / "oud.graphml", "oud");
  Run r = demo.box.run({"export", demo.map, "--out", "oud.graphml"});
  CHECK(r.status == kExitExists);
  CHECK(r.err == "nestmap: Het bestand oud.graphml bestaat al; kies een andere naam, of vervang het met --force.\n");
  CHECK(text(demo.box / "oud.graphml") == "oud");
  r = demo.box.run({"export", demo.map, "--out", "oud.graphml", "--force"});
  CHECK(r.status == kExitOk);
  CHECK(contains(text(demo.box / "oud.graphml"), "<graphml"));

  // The second CSV file exists: the first is not written either.
  test::writeBytes(demo.box / "x-banden.csv", "oud");
  r = demo.box.run({"export", demo.map, "--out", "x.csv"});
  CHECK(r.status == kExitExists);
  CHECK(contains(r.err, "x-banden.csv bestaat al"));
  CHECK_FALSE(fs::exists(demo.box / "x-actoren.csv"));
  CHECK(text(demo.box / "x-banden.csv") == "oud");
  CHECK(entries(demo.box.dir()) == std::vector<std::string>{"data", "demo.nestmap", "oud.graphml", "x-banden.csv"});
  r = demo.box.run({"export", demo.map, "--out", "x.csv", "--force"});
  CHECK(r.status == kExitOk);
  CHECK(fs::exists(demo.box / "x-actoren.csv"));
  CHECK(contains(text(demo.box / "x-banden.csv"), "id;source;target"));

  // A map is never replaced, not even with --force.
  fs::copy_file(demo.map, demo.box / "kaart.json");
  r = demo.box.run({"export", demo.map, "--out", "kaart.json", "--force"});
  CHECK(r.status == kExitExists);
  CHECK(contains(r.err, "is een Nestmap-kaart en wordt nooit door een ander soort bestand vervangen"));
  CHECK(test::readBytes(demo.box / "kaart.json") == test::readBytes(demo.map));
}

TEST_CASE("cli: export --share-safe leaves out the contacts and notes", "[cli][export]") {
  Demo demo;
  for (const char* out : {"alles.graphml", "alles.json", "alles.dot", "alles.gexf"}) {
    REQUIRE(demo.box.run({"export", demo.map, "--out", out}).status == kExitOk);
    const std::string safe = std::string("veilig") + fs::path(out).extension().string();
    Run r = demo.box.run({"export", demo.map, "--out", safe, "--share-safe", "--agreements", "nodes"});
    REQUIRE(r.status == kExitOk);
    CHECK(contains(r.out, "Zonder contactpersonen, notities en eigenaars (--share-safe).\n"));
    INFO(out);
    // A contact and a note of the demo map: in the full export, not in the safe one.
    CHECK(contains(text(demo.box / out), "jww.gent@example.org"));
    CHECK(contains(text(demo.box / out), "Onthaal JWW-team Gent"));
    CHECK(contains(text(demo.box / out), "organiseert het justitieel welzijnswerk"));
    CHECK_FALSE(contains(text(demo.box / safe), "jww.gent@example.org"));
    CHECK_FALSE(contains(text(demo.box / safe), "Onthaal JWW-team Gent"));
    CHECK_FALSE(contains(text(demo.box / safe), "organiseert het justitieel welzijnswerk"));
    CHECK_FALSE(contains(text(demo.box / safe), "Directie Gevangenis Gent"));  // an agreement's owner
  }
}

TEST_CASE("cli: export refuses an unknown extension, view or day and writes nothing", "[cli][export]") {
  Demo demo;
  Run r = demo.box.run({"export", demo.map, "--out", "netwerk.txt"});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err ==
        "nestmap: netwerk.txt: onbekende extensie. Nestmap exporteert naar .graphml, .gexf, .json, .dot, .csv.\n");
  r = demo.box.run({"--lang", "en", "export", demo.map, "--out", "netwerk"});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err == "nestmap: netwerk: unknown extension. Nestmap exports to .graphml, .gexf, .json, .dot, .csv.\n");

  r = demo.box.run({"export", demo.map, "--out", "netwerk.gexf", "--view", "Alliantie-overzichtt"});
  CHECK(r.status == kExitInvalidInput);
  CHECK(contains(r.err, "Alliantie-overzicht?"));  // the suggestion
  r = demo.box.run({"export", demo.map, "--out", "netwerk.gexf", "--as-of", "2025-02-30"});
  CHECK(r.status == kExitInvalidInput);
  r = demo.box.run({"export", demo.map, "--out", "netwerk.gexf", "--agreements", "beide"});
  CHECK(r.status == kExitUsage);
  r = demo.box.run({"export", (demo.box / "nergens.nestmap").string(), "--out", "netwerk.gexf"});
  CHECK(r.status == kExitNotFound);
  CHECK(entries(demo.box.dir()) == std::vector<std::string>{"data", "demo.nestmap"});
}

TEST_CASE("cli: export --as-of keeps what held that day, in English too", "[cli][export]") {
  Demo demo;
  Run r = demo.box.run({"--lang", "en", "export", demo.map, "--out", "vroeg.json", "--as-of", "2000-01-01"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(contains(r.out, "Exported: "));
  CHECK(contains(r.out, " and 0 agreements → vroeg.json\n"));  // none existed yet
  const auto early = nlohmann::json::parse(text(demo.box / "vroeg.json"));
  for (const auto& link : early["links"]) CHECK(link["kind"] == "tie");
  REQUIRE(demo.box.run({"export", demo.map, "--out", "alles.json"}).status == kExitOk);
  const auto all = nlohmann::json::parse(text(demo.box / "alles.json"));
  CHECK(early["nodes"].size() <= all["nodes"].size());
  CHECK(early["links"].size() < all["links"].size());
}
