// End to end: the real `nestmap` binary, run in a temporary directory.
#include "app/cli.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/data_sources.hpp"
#include "support/bad_files.hpp"
#include "support/cli_sandbox.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using test::contains;
using test::entries;
namespace fs = std::filesystem;

namespace {

using test::Run;
using test::Sandbox;



const Model& demo() {
  static const Model m = demoModel(embeddedData());
  return m;
}

}  // namespace

TEST_CASE("cli: --version and --help", "[cli]") {
  Sandbox box;
  Run v = box.run({"--version"});
  CHECK(v.status == kExitOk);
  CHECK(v.out == "nestmap 0.1.0\n");
  CHECK(v.err == "");

  Run h = box.run({"--help"});
  CHECK(h.status == kExitOk);
  CHECK(h.err == "");
  INFO(h.out);
  for (const char* cmd : {"new", "demo", "info", "check", "log"}) CHECK(contains(h.out, std::string("  ") + cmd + " "));
  CHECK(contains(h.out, "Maak een nieuwe, lege kaart met de standaardtaxonomie"));
  CHECK(contains(h.out, "Toon het wijzigingslogboek van de kaart"));
  CHECK(contains(h.out,
                 "Exitcodes: 0 gelukt, 1 problemen gevonden, 2 verkeerde argumenten, 3 bestand niet gevonden, "
                 "4 geen Nestmap-kaart, 5 nieuwere versie, 6 beschadigd, 7 vergrendeld, 8 bestaat al, 9 "
                 "ongeldige invoer, 10 lees- of schrijffout, 11 venster kan niet open, 12 alleen-lezen, 13 kaart intussen "
                 "gewijzigd."));

  Run en = box.run({"--lang", "en", "--help"});
  CHECK(en.status == kExitOk);
  CHECK(contains(en.out, "Create a new, empty map with the default taxonomy"));
  CHECK(contains(en.out, "Exit codes: 0 done, 1 problems found, 2 wrong arguments"));
}

TEST_CASE("cli: demo creates a map once and keeps an existing file", "[cli]") {
  Sandbox box;
  Run first = box.run({"demo", "demo.nestmap"});
  CHECK(first.status == kExitOk);
  CHECK(first.out == "Demokaart aangemaakt: demo.nestmap\n");
  CHECK(first.err == "");
  REQUIRE(fs::is_regular_file(box / "demo.nestmap"));
  // No temporary build file, WAL or lock file is left next to it.
  CHECK(entries(box.dir()) == std::vector<std::string>{"data", "demo.nestmap"});

  auto before = test::readBytes(box / "demo.nestmap");
  REQUIRE(before.size() > 4096);
  Run second = box.run({"demo", "demo.nestmap"});
  CHECK(second.status == kExitExists);
  CHECK(second.out == "");
  CHECK(second.err ==
        "nestmap: Het bestand demo.nestmap bestaat al; kies een andere naam, of vervang het met --force.\n");
  CHECK(test::readBytes(box / "demo.nestmap") == before);
  CHECK(entries(box.dir()) == std::vector<std::string>{"data", "demo.nestmap"});
}

TEST_CASE("cli: demo --force rebuilds an existing file", "[cli]") {
  Sandbox box;
  REQUIRE(box.run({"new", "kaart.nestmap", "--name", "Leeg"}).status == kExitOk);
  Run force = box.run({"demo", "--force", "kaart.nestmap"});
  CHECK(force.status == kExitOk);
  CHECK(force.out == "Demokaart aangemaakt: kaart.nestmap\n");
  Run info = box.run({"info", "kaart.nestmap"});
  CHECK(info.status == kExitOk);
  CHECK(contains(info.out, "Actoren: " + std::to_string(demo().actors.size()) + "\n"));
  CHECK(contains(info.out, "Kaart: " + demo().info.name + "\n"));
  CHECK(entries(box.dir()) == std::vector<std::string>{"data", "kaart.nestmap"});
}

TEST_CASE("cli: info, check and log on the demo map", "[cli]") {
  Sandbox box;
  REQUIRE(box.run({"demo", "demo.nestmap"}).status == kExitOk);
  const Model& m = demo();
  const std::string actors = std::to_string(m.actors.size()), ties = std::to_string(m.ties.size()),
                    agreements = std::to_string(m.agreements.size());

  SECTION("info as a table") {
    Run r = box.run({"info", "demo.nestmap"});
    CHECK(r.status == kExitOk);
    CHECK(r.err == "");
    INFO(r.out);
    CHECK(r.out.starts_with("Kaart: Demo — Kindreflex-netwerk Vlaanderen en Brussel\n"));
    CHECK(contains(r.out, "Bestand: " + fs::absolute(box / "demo.nestmap").string() + "\n"));
    CHECK(contains(r.out, "\nSchemaversie: 2\n"));
    CHECK(contains(r.out, "\nIntegriteit: in orde\n"));
    CHECK(contains(r.out, "\nActoren: " + actors + "\n"));
    CHECK(contains(r.out, "\nBanden: " + ties + " (actief "));
    CHECK(contains(r.out, "\nAfspraken: " + agreements + "\n"));
    CHECK(contains(r.out, "\nWeergaven: 1\n"));
    CHECK(contains(r.out, "\nWijzigingen in het logboek: 1\n"));
  }
  SECTION("info as JSON") {
    Run r = box.run({"info", "demo.nestmap", "--format", "json"});
    CHECK(r.status == kExitOk);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["name"] == m.info.name);
    CHECK(j["uuid"] == m.info.uuid.toString());
    CHECK(j["schema_version"] == 2);
    CHECK(j["integrity"] == "ok");
    CHECK(j["actors"].get<std::size_t>() >= 150);
    CHECK(j["actors"] == m.actors.size());
    CHECK(j["ties"] == m.ties.size());
    CHECK(j["agreements"] == m.agreements.size());
    CHECK(j["actors_by_type"]["prison"] == 19);
    const auto& byStatus = j["agreements_by_status"];
    REQUIRE(byStatus.is_object());
    CHECK(byStatus.size() == 7);
    std::size_t sum = 0;
    for (const char* k : {"idea", "discussion", "agreed", "formalised", "practice", "evaluated", "stopped"}) {
      INFO("status " << k);
      REQUIRE(byStatus.contains(k));
      CHECK(byStatus[k].get<std::size_t>() >= 1);
      sum += byStatus[k].get<std::size_t>();
    }
    CHECK(sum == m.agreements.size());
  }
  SECTION("info in English") {
    Run r = box.run({"--lang", "en", "info", "demo.nestmap"});
    CHECK(r.status == kExitOk);
    CHECK(contains(r.out, "\nActors: " + actors + "\n"));
    CHECK(contains(r.out, "\nSchema version: 2\n"));
    CHECK_FALSE(contains(r.out, "Actoren"));
  }
  SECTION("check") {
    Run r = box.run({"check", "demo.nestmap"});
    CHECK(r.status == kExitOk);
    CHECK(r.out ==
          "demo.nestmap is in orde: " + actors + " actoren, " + ties + " banden, " + agreements + " afspraken.\n");
    CHECK(r.err == "");
    CHECK(box.run({"check", "--full", "demo.nestmap"}).status == kExitOk);
  }
  SECTION("log") {
    Run r = box.run({"log", "demo.nestmap"});
    CHECK(r.status == kExitOk);
    CHECK(r.err == "");
    INFO(r.out);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    CHECK(contains(r.out, "  Kaart ‘Demo — Kindreflex-netwerk Vlaanderen en Brussel’ aangemaakt  [1 records]\n"));
  }
}

TEST_CASE("cli: new makes an empty map", "[cli]") {
  Sandbox box;
  Run r = box.run({"new", "leeg.nestmap", "--name", "Nest Gent"});
  CHECK(r.status == kExitOk);
  CHECK(r.out == "Nieuwe kaart aangemaakt: leeg.nestmap\n");
  Run info = box.run({"info", "leeg.nestmap"});
  CHECK(info.status == kExitOk);
  INFO(info.out);
  CHECK(info.out.starts_with("Kaart: Nest Gent\n"));
  CHECK(contains(info.out, "\nActoren: 0\n"));
  CHECK(contains(info.out, "\nAfspraken: 0\n"));
  CHECK(box.run({"check", "leeg.nestmap"}).status == kExitOk);

  // Without --name the map is named after the file.
  REQUIRE(box.run({"new", "Nest Brugge.nestmap"}).status == kExitOk);
  CHECK(box.run({"info", "Nest Brugge.nestmap"}).out.starts_with("Kaart: Nest Brugge\n"));

  // An existing file is never overwritten.
  auto before = test::readBytes(box / "leeg.nestmap");
  Run again = box.run({"new", "leeg.nestmap"});
  CHECK(again.status == kExitExists);
  CHECK(again.err == "nestmap: Het bestand leeg.nestmap bestaat al; kies een andere naam.\n");
  CHECK(test::readBytes(box / "leeg.nestmap") == before);
}

TEST_CASE("cli: wrong arguments exit 2", "[cli]") {
  Sandbox box;
  REQUIRE(box.run({"new", "x.nestmap"}).status == kExitOk);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--bogus"},
           {"info", "--bogus", "x.nestmap"},
           {"info"},
           {"frobnicate", "x.nestmap"},
           {"info", "x.nestmap", "--format", "xml"},
           {"--lang", "fr", "info", "x.nestmap"},
           {"log", "x.nestmap", "--limit", "veel"},
       }) {
    Run r = box.run(args);
    INFO("args: " << args[0] << " ...; stderr: " << r.err);
    CHECK(r.status == kExitUsage);
    CHECK(r.out == "");
    CHECK(r.err.starts_with("nestmap: "));
    CHECK(r.err.ends_with("\nZie ‘nestmap --help’.\n"));
  }
}

TEST_CASE("cli: files that cannot be opened", "[cli]") {
  Sandbox box;
  SECTION("missing file exits 3") {
    for (const char* cmd : {"info", "check", "log"}) {
      Run r = box.run({cmd, "weg.nestmap"});
      INFO(cmd);
      CHECK(r.status == kExitNotFound);
      CHECK(r.err == "nestmap: Het bestand weg.nestmap bestaat niet.\n");
      CHECK_FALSE(fs::exists(box / "weg.nestmap"));
    }
  }
  SECTION("a text file exits 4 and is left alone") {
    const std::string text = "Dit is geen kaart.\nNaam;Adres\n";
    test::writeBytes(box / "notities.nestmap", text);
    for (const char* cmd : {"info", "check", "log"}) {
      Run r = box.run({cmd, "notities.nestmap"});
      INFO(cmd);
      CHECK(r.status == kExitNotNestmap);
      CHECK(r.err == "nestmap: notities.nestmap is geen Nestmap-kaart: het is geen SQLite-databank.\n");
    }
    auto after = test::readBytes(box / "notities.nestmap");
    CHECK(std::string(after.begin(), after.end()) == text);
    CHECK(entries(box.dir()) == std::vector<std::string>{"data", "notities.nestmap"});
  }
}

namespace {

void rawSql(const fs::path& file, const char* sqlText) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, sqlText, nullptr, nullptr, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_close(db) == SQLITE_OK);
}

/// Every subcommand that opens FILE, and the window itself: the same exit code
/// and reason, and the file byte-identical afterwards.
void expectRefusedEverywhere(const Sandbox& box, const std::string& name, int code, const std::string& reason) {
  const auto before = test::readBytes(box / name);
  for (std::vector<std::string> args :
       {std::vector<std::string>{"info", name}, {"check", name}, {"log", name}, {name, "--screenshot", "shot.png"}}) {
    Run r = box.run(args);
    INFO(args[0] << ": " << r.err);
    CHECK(r.status == code);
    CHECK(contains(r.err, reason));
    CHECK(r.out.empty());
  }
  CHECK(test::readBytes(box / name) == before);
  CHECK_FALSE(fs::exists(box / "shot.png"));
}

}  // namespace

TEST_CASE("cli: every kind of bad file gets its reason and exit code, and stays as it was", "[cli]") {
  Sandbox box;
  SECTION("SQLite of another program: 4") {
    rawSql(box / "ander.db", "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    expectRefusedEverywhere(box, "ander.db", kExitNotNestmap, "is een SQLite-databank, maar geen Nestmap-kaart");
  }
  SECTION("a map from a newer Nestmap: 5") {
    REQUIRE(box.run({"new", "nieuw.nestmap"}).status == 0);
    rawSql(box / "nieuw.nestmap", "PRAGMA user_version = 9;");
    expectRefusedEverywhere(box, "nieuw.nestmap", kExitNewerVersion, "nieuwere versie van Nestmap (schema 9;");
  }
  SECTION("a damaged map: 6") {
    REQUIRE(box.run({"demo", "kapot.nestmap"}).status == 0);
    test::scribbleOverPages(box / "kapot.nestmap");
    expectRefusedEverywhere(box, "kapot.nestmap", kExitCorrupt, "is beschadigd");
  }
  SECTION("a map locked by another process: 7") {
    REQUIRE(box.run({"new", "bezet.nestmap"}).status == 0);
    test::ExclusiveLockHolder holder(box / "bezet.nestmap");
    expectRefusedEverywhere(box, "bezet.nestmap", kExitLocked, "is vergrendeld door een ander proces");
    holder.release();
    CHECK(box.run({"check", "bezet.nestmap"}).status == kExitOk);
  }
}

TEST_CASE("cli: NESTMAP_LANG chooses the language", "[cli]") {
  Sandbox box;
  REQUIRE(box.run({"new", "x.nestmap", "--name", "X"}).status == kExitOk);
  Run en = box.run({"info", "x.nestmap"}, {{"NESTMAP_LANG", "en"}});
  CHECK(en.status == kExitOk);
  CHECK(en.out.starts_with("Map: X\n"));
  CHECK(contains(en.out, "\nActors: 0\n"));

  Run locale = box.run({"info", "weg.nestmap"}, {{"NESTMAP_LANG", "en_GB.UTF-8"}});
  CHECK(locale.status == kExitNotFound);
  CHECK(locale.err == "nestmap: The file weg.nestmap does not exist.\n");

  // --lang wins over the environment.
  Run nl = box.run({"--lang", "nl", "info", "x.nestmap"}, {{"NESTMAP_LANG", "en"}});
  CHECK(nl.out.starts_with("Kaart: X\n"));

  // An unknown value is ignored: Dutch stays.
  Run other = box.run({"info", "x.nestmap"}, {{"NESTMAP_LANG", "fr"}});
  CHECK(other.out.starts_with("Kaart: X\n"));
}

TEST_CASE("cli: numbers out of range, nan and inf are argument errors", "[cli]") {
  test::DemoSandbox demo;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"log", demo.map, "--limit", "-5"},
           {"partners", demo.map, "--prison", "Gent", "--radius", "nan"},
           {"partners", demo.map, "--prison", "Gent", "--radius", "inf"},
           {"partners", demo.map, "--prison", "Gent", "--radius", "-3"},
           {"communities", demo.map, "--resolution", "nan"},
           {"communities", demo.map, "--resolution", "1e999"},
       }) {
    const Run r = demo.box.run(args);
    INFO(args.at(0) << ' ' << args.at(args.size() - 2) << ' ' << args.back() << ": " << r.err);
    CHECK(r.status == kExitUsage);
    CHECK(r.out.empty());
    CHECK(contains(r.err, args.at(args.size() - 2)));
  }
  CHECK(demo.box.run({"partners", demo.map, "--prison", "Gent", "--radius", "25,5"}).status == kExitUsage);
  CHECK(demo.box.run({"communities", demo.map, "--resolution", "0.5"}).status == kExitOk);
}

TEST_CASE("cli: text that is not UTF-8 in a map made elsewhere: JSON still comes out, check names it", "[cli]") {
  test::DemoSandbox demo;
  rawSql(demo.map, "UPDATE meta SET value = 'Kaart ' || x'ff' WHERE key = 'name';");
  const Run info = demo.box.run({"info", demo.map, "--format", "json"});
  CHECK(info.status == kExitOk);
  CHECK(contains(info.out, "\"name\": \"Kaart \xEF\xBF\xBD\""));
  const Run check = demo.box.run({"check", demo.map});
  CHECK(check.status == kExitProblems);
  CHECK(contains(check.out, "meta #name, value = ‘Kaart \\xFF’: tekst die geen geldige UTF-8 is"));
}
