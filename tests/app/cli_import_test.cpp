// `nestmap import`, end to end through the real binary.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "support/cli_sandbox.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using test::entries;
using test::Run;
using test::Sandbox;
namespace fs = std::filesystem;

namespace {

const std::string kKarate = (fs::path(NESTMAP_SOURCE_DIR) / "tests/analysis/fixtures/karate.graphml").string();


}  // namespace

TEST_CASE("cli: import karate, then read it as a map", "[cli][import]") {
  Sandbox box;
  Run r = box.run({"import", kKarate, "karate.nestmap"});
  CHECK(r.status == kExitOk);
  CHECK(r.out == "Geïmporteerd: 34 actoren, 78 banden (0 lussen overgeslagen) → karate.nestmap\n");
  CHECK(r.err == "");
  CHECK(entries(box.dir()) == std::vector<std::string>{"data", "karate.nestmap"});

  Run info = box.run({"info", "karate.nestmap", "--format", "json"});
  REQUIRE(info.status == kExitOk);
  auto j = nlohmann::json::parse(info.out);
  CHECK(j["name"] == "Zachary's Karate Club");
  CHECK(j["description"] == "Geïmporteerd uit karate.graphml");
  CHECK(j["integrity"] == "ok");
  CHECK(j["actors"] == 34);
  CHECK(j["actors_by_type"]["other"] == 34);
  CHECK(j["ties"] == 78);
  CHECK(j["ties_by_status"]["active"] == 78);
  CHECK(j["views"] == 0);

  Run check = box.run({"check", "karate.nestmap"});
  CHECK(check.status == kExitOk);

  Run en = box.run({"--lang", "en", "import", kKarate, "karate-en.nestmap"});
  CHECK(en.status == kExitOk);
  CHECK(en.out == "Imported: 34 actors, 78 ties (0 loops skipped) → karate-en.nestmap\n");
}

TEST_CASE("cli: import counts the self-loops it skips", "[cli][import]") {
  Sandbox box;
  test::writeBytes(box / "lus.graphml",
                   "<graphml><graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>"
                   "<edge source=\"a\" target=\"a\"/><edge source=\"a\" target=\"b\"/><edge source=\"b\" target=\"b\"/>"
                   "</graph></graphml>");
  Run r = box.run({"import", "lus.graphml", "lus.nestmap"});
  CHECK(r.status == kExitOk);
  CHECK(r.out == "Geïmporteerd: 2 actoren, 1 banden (2 lussen overgeslagen) → lus.nestmap\n");
}

TEST_CASE("cli: a malformed file is refused and nothing is written", "[cli][import]") {
  Sandbox box;
  test::writeBytes(box / "kapot.graphml", "<graphml>\n  <graph>\n    <node id=\"a\">\n  </graph>\n</graphml>\n");
  Run r = box.run({"import", "kapot.graphml", "kapot.nestmap"});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.out == "");
  CHECK(r.err == "nestmap: kapot.graphml:4:5: ongeldige XML: een tag wordt niet of verkeerd gesloten\n");
  CHECK(entries(box.dir()) == std::vector<std::string>{"data", "kapot.graphml"});

  // An existing map survives a failed --force import unchanged.
  REQUIRE(box.run({"import", kKarate, "kaart.nestmap"}).status == kExitOk);
  auto before = test::readBytes(box / "kaart.nestmap");
  Run forced = box.run({"import", "--force", "kapot.graphml", "kaart.nestmap"});
  CHECK(forced.status == kExitInvalidInput);
  CHECK(test::readBytes(box / "kaart.nestmap") == before);
  CHECK(entries(box.dir()) == std::vector<std::string>{"data", "kaart.nestmap", "kapot.graphml"});

  Run missing = box.run({"import", "nergens.graphml", "nergens.nestmap"});
  CHECK(missing.status == kExitNotFound);
  CHECK(missing.err == "nestmap: Het bestand nergens.graphml bestaat niet.\n");
  CHECK_FALSE(fs::exists(box / "nergens.nestmap"));
}

TEST_CASE("cli: import refuses an existing file unless --force", "[cli][import]") {
  Sandbox box;
  REQUIRE(box.run({"new", "kaart.nestmap", "--name", "Leeg"}).status == kExitOk);
  auto before = test::readBytes(box / "kaart.nestmap");
  REQUIRE(before.size() > 4096);

  Run r = box.run({"import", kKarate, "kaart.nestmap"});
  CHECK(r.status == kExitExists);
  CHECK(r.out == "");
  CHECK(r.err ==
        "nestmap: Het bestand kaart.nestmap bestaat al; kies een andere naam, of vervang het met --force.\n");
  CHECK(test::readBytes(box / "kaart.nestmap") == before);

  Run forced = box.run({"import", kKarate, "kaart.nestmap", "--force"});
  CHECK(forced.status == kExitOk);
  CHECK(entries(box.dir()) == std::vector<std::string>{"data", "kaart.nestmap"});
  Run info = box.run({"info", "kaart.nestmap", "--format", "json"});
  REQUIRE(info.status == kExitOk);
  auto j = nlohmann::json::parse(info.out);
  CHECK(j["name"] == "Zachary's Karate Club");
  CHECK(j["actors"] == 34);
}

TEST_CASE("cli: import is listed in the help", "[cli][import]") {
  Sandbox box;
  Run h = box.run({"--help"});
  CHECK(h.out.find("Importeer een GraphML- of GEXF-bestand als nieuwe kaart") != std::string::npos);
  Run usage = box.run({"import", kKarate});
  CHECK(usage.status == kExitUsage);
}
