// platform/output_file: how every command writes a file (DESIGN.md rule 9).
#include "platform/output_file.hpp"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "edit/document.hpp"
#include "platform/platform.hpp"
#include "store/store.hpp"
#include "support/sample_model.hpp"
#include "support/dead_pid.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using test::deadPid;
using test::contains;
using test::entries;
namespace fs = std::filesystem;

static_assert(kMapApplicationId == static_cast<std::uint32_t>(Store::kApplicationId),
              "holdsMap() must know maps by the store's application_id");

namespace {

std::string slurp(const fs::path& p) {
  const auto bytes = test::readBytes(p);
  return {bytes.begin(), bytes.end()};
}


void makeMap(const fs::path& path) { Document::create(path, test::sampleModel()); }

void makeSqlite(const fs::path& path, int applicationId) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const std::string sql =
      "PRAGMA application_id = " + std::to_string(applicationId) + "; CREATE TABLE t (x); INSERT INTO t VALUES (1);";
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

/// The message and kind of the UserError that `f` throws.
template <class F>
std::pair<UserError::Kind, std::string> refusal(F&& f) {
  try {
    f();
  } catch (const UserError& e) {
    return {e.kind(), e.what()};
  }
  FAIL("no UserError thrown");
  return {};
}



}  // namespace

TEST_CASE("holdsMap knows a map by its header, and nothing else", "[platform][output]") {
  test::TempDir dir;
  makeMap(dir / "kaart.nestmap");
  CHECK(holdsMap(dir / "kaart.nestmap"));
  makeSqlite(dir / "other.sqlite", 42);
  CHECK_FALSE(holdsMap(dir / "other.sqlite"));
  makeSqlite(dir / "named.sqlite", Store::kApplicationId);
  CHECK(holdsMap(dir / "named.sqlite"));
  test::writeBytes(dir / "text.md", "# Rapport\n");
  CHECK_FALSE(holdsMap(dir / "text.md"));
  test::writeBytes(dir / "empty", "");
  CHECK_FALSE(holdsMap(dir / "empty"));
  CHECK_FALSE(holdsMap(dir / "missing"));
  // A header whose id says NMAP but that is no SQLite file.
  std::string fake(100, '\0');
  fake.replace(68, 4, "NMAP");
  test::writeBytes(dir / "fake", fake);
  CHECK_FALSE(holdsMap(dir / "fake"));
  // A map whose first pages are still in the WAL beside it: a map all the same.
  test::writeBytes(dir / "young.nestmap", "");
  test::writeBytes(dir / "young.nestmap-wal", "WAL frames");
  CHECK(holdsMap(dir / "young.nestmap"));
}

TEST_CASE("writeOutputBytes writes a new file through a temporary one and leaves nothing else", "[platform][output]") {
  test::TempDir dir;
  writeOutputBytes(dir / "rapport.md", {}, "# Eén\n");
  CHECK(slurp(dir / "rapport.md") == "# Eén\n");
  CHECK(entries(dir.path()) == std::vector<std::string>{"rapport.md"});
  CHECK(outputTempPath(dir / "rapport.md") == dir / (".rapport.md.tmp-" + std::to_string(platform::currentPid())));
}

TEST_CASE("an existing file is refused without --force and replaced with it; a map only by a map",
          "[platform][output]") {
  test::TempDir dir;
  test::writeBytes(dir / "rapport.md", "old");
  makeMap(dir / "kaart.nestmap");
  const auto mapBefore = test::readBytes(dir / "kaart.nestmap");

  auto [kind, message] = refusal([&] { writeOutputBytes(dir / "rapport.md", {}, "new"); });
  CHECK(kind == UserError::Kind::Exists);
  CHECK(message == "Het bestand " + (dir / "rapport.md").string() +
                       " bestaat al; kies een andere naam, of vervang het met --force.");
  CHECK(slurp(dir / "rapport.md") == "old");
  // Where there is no --force (`new`, the window), the refusal does not name it.
  std::tie(kind, message) = refusal([&] { writeOutputBytes(dir / "rapport.md", {.forceOption = false}, "new"); });
  CHECK(message == "Het bestand " + (dir / "rapport.md").string() + " bestaat al; kies een andere naam.");

  writeOutputBytes(dir / "rapport.md", {.force = true}, "new");
  CHECK(slurp(dir / "rapport.md") == "new");

  // A map is never replaced by anything else, not even with --force ...
  std::tie(kind, message) = refusal([&] { writeOutputBytes(dir / "kaart.nestmap", {.force = true}, "# Markdown"); });
  CHECK(kind == UserError::Kind::Exists);
  CHECK(contains(message, "is een Nestmap-kaart en wordt nooit door een ander soort bestand vervangen"));
  CHECK(test::readBytes(dir / "kaart.nestmap") == mapBefore);
  // ... and --force lets a map replace only a map.
  std::tie(kind, message) = refusal([&] {
    writeOutputFile(dir / "rapport.md", {.force = true, .kind = OutputKind::Map},
                    [](const fs::path& temp) { makeMap(temp); });
  });
  CHECK(contains(message, "is geen Nestmap-kaart; --force vervangt alleen een kaart door een kaart."));
  CHECK(slurp(dir / "rapport.md") == "new");
  writeOutputFile(dir / "kaart.nestmap", {.force = true, .kind = OutputKind::Map},
                  [](const fs::path& temp) { makeMap(temp); });
  CHECK(holdsMap(dir / "kaart.nestmap"));
  CHECK(Document::open(dir / "kaart.nestmap").model().actors.size() == test::sampleModel().actors.size());

  std::tie(kind, message) = refusal([&] { writeOutputBytes(dir / "nergens" / "rapport.md", {}, "x"); });
  CHECK(kind == UserError::Kind::NotFound);
  CHECK(message == (dir / "nergens" / "rapport.md").string() + " kan niet geschreven worden: de folder " +
                       (dir / "nergens").string() + " bestaat niet.");

  fs::create_directory(dir / "folder");
  std::tie(kind, message) = refusal([&] { writeOutputBytes(dir / "folder", {.force = true}, "x"); });
  CHECK(contains(message, "is een folder, geen bestand"));
  CHECK(entries(dir.path()) == std::vector<std::string>{"folder", "kaart.nestmap", "rapport.md"});
}

TEST_CASE("a file that appears while the output is written is never replaced", "[platform][output]") {
  test::TempDir dir;
  const fs::path target = dir / "kaart.nestmap";
  // The writer plays the other program: it makes the target before the move.
  auto [kind, message] = refusal([&] {
    writeOutputFile(target, {.kind = OutputKind::Map}, [&](const fs::path& temp) {
      makeMap(temp);
      test::writeBytes(target, "someone else's");
    });
  });
  CHECK(kind == UserError::Kind::Exists);
  CHECK(contains(message, "is intussen door een ander programma gemaakt en blijft zoals het is"));
  CHECK(slurp(target) == "someone else's");
  CHECK(entries(dir.path()) == std::vector<std::string>{"kaart.nestmap"});
}

TEST_CASE("with --force, a map that appears meanwhile is not replaced by a non-map", "[platform][output]") {
  test::TempDir dir;
  const fs::path target = dir / "out.png";
  auto [kind, message] = refusal([&] {
    writeOutputFile(target, {.force = true}, [&](const fs::path& temp) {
      test::writeBytes(temp, "PNG");
      makeMap(target);  // ... and now a map is there
    });
  });
  CHECK(kind == UserError::Kind::Exists);
  CHECK(contains(message, "is een Nestmap-kaart"));
  CHECK(holdsMap(target));
  CHECK(entries(dir.path()) == std::vector<std::string>{"out.png"});
}

TEST_CASE("the temporary file goes on every failure, the target stays as it was", "[platform][output]") {
  test::TempDir dir;
  const fs::path target = dir / "rapport.md";
  test::writeBytes(target, "old");

  SECTION("the writer throws halfway") {
    CHECK_THROWS_WITH(writeOutputFile(target, {.force = true},
                                      [](const fs::path& temp) {
                                        test::writeBytes(temp, "half");
                                        test::writeBytes(temp.string() + "-wal", "sqlite's too");
                                        throw std::runtime_error("injected");
                                      }),
                      "injected");
  }
  SECTION("the disk is full (an injected ENOSPC)") {
    const auto [kind, message] = refusal([&] {
      writeOutputFile(target, {.force = true}, [](const fs::path& temp) {
        test::writeBytes(temp, "half");
        throw std::filesystem::filesystem_error("write", temp, std::make_error_code(std::errc::no_space_on_device));
      });
    });
    CHECK(kind == UserError::Kind::Io);
    CHECK(message == "De schijf is vol: " + target.string() +
                         " kon niet geschreven worden. Er is niets gewijzigd; maak ruimte vrij en probeer opnieuw.");
  }
  SECTION("the writer's own error names the target, not the temporary file") {
    const auto [kind, message] = refusal([&] {
      writeOutputFile(target, {.force = true}, [](const fs::path& temp) {
        throw UserError(UserError::Kind::Io, temp.string() + " kan niet geschreven worden");
      });
    });
    CHECK(message == target.string() + " kan niet geschreven worden");
  }
  SECTION("the writer writes nothing") {
    CHECK_THROWS_AS(writeOutputFile(target, {.force = true}, [](const fs::path&) {}), UserError);
  }
  SECTION("SQLite's WAL was left beside the file") {
    CHECK_THROWS_AS(writeOutputFile(target, {.force = true},
                                    [](const fs::path& temp) {
                                      test::writeBytes(temp, "main");
                                      test::writeBytes(temp.string() + "-wal", "frames not folded in");
                                    }),
                    UserError);
  }
  CHECK(slurp(target) == "old");
  CHECK(entries(dir.path()) == std::vector<std::string>{"rapport.md"});
}

TEST_CASE("leftovers of processes that are gone are removed beside the target, others kept", "[platform][output]") {
  test::TempDir dir;
  const std::string dead = std::to_string(deadPid()), self = std::to_string(platform::currentPid());
  for (const std::string& name :
       std::vector<std::string>{".kaart.nestmap.tmp-" + dead, ".kaart.nestmap.tmp-" + dead + "-wal",
                                ".kaart.nestmap.tmp-" + dead + "-shm", ".kaart.nestmap.tmp-" + dead + "-journal",
                                "kaart.nestmap.building-" + dead, "kaart.nestmap.building-" + dead + "-wal",
                                // kept: a living process's, this process's, other names, other files
                                ".kaart.nestmap.tmp-1", "kaart.nestmap.building-1-shm", ".kaart.nestmap.tmp-" + self,
                                ".kaart.nestmap.tmp-" + dead + "-other", ".kaart.nestmap.tmp-x" + dead,
                                ".ander.nestmap.tmp-" + dead, "kaart.nestmap"})
    test::writeBytes(dir / name, "x");
  CHECK(removeStaleTemps(dir / "kaart.nestmap") == 6);
  std::vector<std::string> kept{".ander.nestmap.tmp-" + dead,  ".kaart.nestmap.tmp-" + dead + "-other",
                                ".kaart.nestmap.tmp-1",        ".kaart.nestmap.tmp-" + self,
                                ".kaart.nestmap.tmp-x" + dead, "kaart.nestmap",
                                "kaart.nestmap.building-1-shm"};
  std::sort(kept.begin(), kept.end());
  CHECK(entries(dir.path()) == kept);
}
