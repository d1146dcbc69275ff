#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "edit/document.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// A map of schema 1, built from the SQL fixture.
void makeSchema1Map(const fs::path& file) {
  std::string sql = readText(fs::path(NESTMAP_SOURCE_DIR) / "src/store/sql/schema_1.sql") +
                    readText(fs::path(NESTMAP_SOURCE_DIR) / "tests/store/fixtures/schema_v1.sql");
  REQUIRE_FALSE(sql.empty());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  REQUIRE(rc == SQLITE_OK);
  sqlite3_close(db);
}

/// Table → its columns (name, type, not-null, default, pk), as SQLite reports them.
std::map<std::string, std::string> describeSchema(const fs::path& file) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::map<std::string, std::string> out;
  sqlite3_stmt* tables = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &tables, nullptr);
  while (sqlite3_step(tables) == SQLITE_ROW) {
    std::string table = reinterpret_cast<const char*>(sqlite3_column_text(tables, 0));
    sqlite3_stmt* cols = nullptr;
    std::string sql = "SELECT name, type, \"notnull\", coalesce(dflt_value, ''), pk FROM pragma_table_info('" + table +
                      "') ORDER BY name";
    sqlite3_prepare_v2(db, sql.c_str(), -1, &cols, nullptr);
    std::string desc;
    while (sqlite3_step(cols) == SQLITE_ROW)
      for (int c = 0; c < 5; ++c)
        desc += std::string(reinterpret_cast<const char*>(sqlite3_column_text(cols, c))) + "|";
    sqlite3_finalize(cols);
    out[table] = desc;
  }
  sqlite3_finalize(tables);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("a schema 1 map is migrated after a backup copy, keeping its data", "[store][migration]") {
  test::TempDir dir;
  fs::path file = dir / "old.nestmap";
  makeSchema1Map(file);

  Document doc = Document::open(file);
  CHECK(doc.store().schemaVersion() == Store::kSchemaVersion);

  // The backup is the untouched schema 1 map.
  REQUIRE(doc.store().migrationBackup().has_value());
  CHECK(*doc.store().migrationBackup() == fs::path(file.string() + ".schema1.bak"));
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(doc.store().migrationBackup()->c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db,
                               "SELECT (SELECT user_version FROM pragma_user_version), status FROM agreement "
                               "WHERE id = 1",
                               -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) == 1);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1))) == "formalised");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }

  const Model& m = doc.model();
  CHECK(m.info.name == "Oude kaart (schema 1)");
  CHECK(m.actors.size() == 2);
  CHECK(m.ties.size() == 1);
  REQUIRE(m.agreements.size() == 2);
  const Agreement& protocol = *m.agreements.find(1);
  REQUIRE(protocol.history.size() == 1);
  CHECK(protocol.history[0].date == *Date::parse("2025-09-12"));
  CHECK(protocol.history[0].status == AgreementStatus::Formalised);
  CHECK(protocol.history[0].note == "overgenomen uit schema 1");
  CHECK(protocol.parties.size() == 2);
  CHECK(protocol.buildingBlocks == std::vector<int>{3, 5});
  CHECK(m.agreements.find(2)->status() == AgreementStatus::Discussion);
  CHECK(doc.store().integrityCheck(true).empty());
  auto log = doc.store().changeLog();
  REQUIRE(log.size() == 2);
  CHECK(log[1].description == "Kaart bijgewerkt van schema 1 naar 2; reservekopie: old.nestmap.schema1.bak");
}

TEST_CASE("a migrated map has exactly the schema of a new one", "[store][migration]") {
  test::TempDir dir;
  makeSchema1Map(dir / "old.nestmap");
  { Document::open(dir / "old.nestmap"); }
  { Document::create(dir / "new.nestmap", Model{}); }
  CHECK(describeSchema(dir / "old.nestmap") == describeSchema(dir / "new.nestmap"));
}

TEST_CASE("a second migration never overwrites an earlier backup", "[store][migration]") {
  test::TempDir dir;
  makeSchema1Map(dir / "old.nestmap");
  test::writeBytes(dir / "old.nestmap.schema1.bak", "earlier backup");
  Document doc = Document::open(dir / "old.nestmap");
  REQUIRE(doc.store().migrationBackup().has_value());
  CHECK(*doc.store().migrationBackup() == fs::path((dir / "old.nestmap").string() + ".schema1-2.bak"));
  auto earlier = test::readBytes(dir / "old.nestmap.schema1.bak");
  CHECK(std::string(earlier.begin(), earlier.end()) == "earlier backup");
}

TEST_CASE("a migration that fails leaves the map as it was and no backup beside it", "[store][migration]") {
  test::TempDir dir;
  const fs::path file = dir / "old.nestmap";
  makeSchema1Map(file);
  // A tie to an actor that does not exist: schema 1 allowed it with foreign
  // keys off, the check after migrating does not.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "PRAGMA foreign_keys = OFF; INSERT INTO tie (id, uuid, source_id, target_id, type_id, direction, "
                       "strength, status) VALUES (2, x'00000000000040008000000000000099', 1, 99, 1, 'directed', 1, "
                       "'active');",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  const auto before = test::readBytes(file);
  for (int attempt = 0; attempt < 3; ++attempt) {
    CHECK_THROWS(Document::open(file));
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir.path())) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"old.nestmap"});
  }
  CHECK(test::readBytes(file) == before);
}
