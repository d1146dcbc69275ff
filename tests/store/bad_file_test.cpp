// Every way a file can fail to open: a clear reason, the right kind, and not
// one byte of the file changed.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cerrno>

#include "core/error.hpp"
#include "store/sqlite.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/bad_files.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

namespace {

void rawExec(const fs::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  REQUIRE(rc == SQLITE_OK);
  REQUIRE(sqlite3_close(db) == SQLITE_OK);
}

/// Opens `file`, expecting UserError of `kind` whose message holds `phrase`;
/// checks the file is byte-identical afterwards and has no -wal/-shm
/// companions it did not have before.
void expectRefused(const fs::path& file, UserError::Kind kind, const std::string& phrase, Store::Options options = {}) {
  const auto before = test::readBytes(file);
  const bool walBefore = fs::exists(file.string() + "-wal"), shmBefore = fs::exists(file.string() + "-shm");
  try {
    Document::open(file, options);
    FAIL("the file was opened");
  } catch (const UserError& e) {
    CHECK(e.kind() == kind);
    CHECK_THAT(e.what(), Catch::Contains(phrase));
    CHECK_THAT(e.what(), Catch::Contains(file.string()));
  }
  CHECK(test::readBytes(file) == before);
  if (!walBefore) CHECK_FALSE(fs::exists(file.string() + "-wal"));
  if (!shmBefore) CHECK_FALSE(fs::exists(file.string() + "-shm"));
}

}  // namespace

TEST_CASE("a missing file is reported as missing", "[store][bad-file]") {
  test::TempDir dir;
  try {
    Document::open(dir / "nowhere.nestmap");
    FAIL("opened a missing file");
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::NotFound);
    CHECK_THAT(e.what(), Catch::Contains("bestaat niet"));
  }
  CHECK_FALSE(fs::exists(dir / "nowhere.nestmap"));
}

TEST_CASE("a file that is not SQLite is refused and left as it was", "[store][bad-file]") {
  test::TempDir dir;
  test::writeBytes(dir / "notes.nestmap", "Dit is een tekstbestand, geen kaart.\n");
  expectRefused(dir / "notes.nestmap", UserError::Kind::NotSqlite, "geen SQLite-databank");

  test::writeBytes(dir / "empty.nestmap", "");
  expectRefused(dir / "empty.nestmap", UserError::Kind::NotSqlite, "geen SQLite-databank");
}

TEST_CASE("an SQLite database of another program is refused and left as it was", "[store][bad-file]") {
  test::TempDir dir;
  rawExec(dir / "other.db", "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  expectRefused(dir / "other.db", UserError::Kind::NotNestmap, "geen Nestmap-kaart");
}

TEST_CASE("a map from a newer Nestmap is refused and left as it was", "[store][bad-file]") {
  test::TempDir dir;
  { Document::create(dir / "future.nestmap", test::sampleModel()); }
  rawExec(dir / "future.nestmap", "PRAGMA user_version = 7;");
  expectRefused(dir / "future.nestmap", UserError::Kind::NewerVersion, "nieuwere versie van Nestmap (schema 7");
}

TEST_CASE("a damaged map is refused and left as it was", "[store][bad-file]") {
  test::TempDir dir;
  fs::path file = dir / "damaged.nestmap";
  { Document::create(file, demoModel(embeddedData())); }
  REQUIRE(fs::file_size(file) > 16 * 4096);
  test::scribbleOverPages(file);
  expectRefused(file, UserError::Kind::Corrupt, "beschadigd");
}

TEST_CASE("a map locked by another process is refused and left as it was", "[store][bad-file]") {
  test::TempDir dir;
  fs::path file = dir / "locked.nestmap";
  { Document::create(file, test::sampleModel()); }

  test::ExclusiveLockHolder holder(file);
  Store::Options quick;
  quick.busyTimeoutMs = 200;
  expectRefused(file, UserError::Kind::Locked, "vergrendeld door een ander proces", quick);

  holder.release();
  // Once the other process is gone the map opens again, unchanged.
  Document doc = Document::open(file);
  CHECK(doc.model() == test::sampleModel());
}

TEST_CASE("a map with a foreign trigger, view, table, column or index is refused and left as it was",
          "[store][bad-file][schema]") {
  test::TempDir dir;
  const fs::path clean = dir / "clean.nestmap";
  { Document::create(clean, demoModel(embeddedData())); }
  CHECK(Store::schemaProblems(clean).empty());

  struct Case {
    const char* sql;
    const char* named;
  };
  const Case cases[] = {
      {"CREATE TRIGGER wipe AFTER INSERT ON agreement_status BEGIN DELETE FROM tie; END", "trigger wipe on agreement_status"},
      {"CREATE VIEW everything AS SELECT * FROM actor", "view everything"},
      {"CREATE TABLE extra (x)", "table extra"},
      {"ALTER TABLE actor ADD COLUMN secret TEXT", "column actor.secret"},
      {"CREATE INDEX actor_name ON actor (name)", "index actor_name on actor (name)"},
      {"DROP INDEX tie_source", "ontbreekt: index tie_source on tie (source_id)"},
  };
  int n = 0;
  for (const Case& c : cases) {
    const fs::path file = dir / ("foreign" + std::to_string(n++) + ".nestmap");
    fs::copy_file(clean, file);
    rawExec(file, c.sql);
    INFO(c.sql);
    expectRefused(file, UserError::Kind::NotNestmap, "buiten Nestmap om aangepast");
    const auto problems = Store::schemaProblems(file);
    REQUIRE(problems.size() >= 1);
    bool named = false;
    for (const auto& p : problems) named = named || p.find(c.named) != std::string::npos;
    CHECK(named);
  }
}

TEST_CASE("a trigger never runs, even in a map opened around the schema check", "[store][schema]") {
  // The schema check refuses such a map; should one slip through, the
  // connection itself has triggers switched off.
  test::TempDir dir;
  const fs::path file = dir / "map.nestmap";
  { Document::create(file, test::sampleModel()); }
  Store store = Store::open(file);
  store.loadChecked();
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(raw, "CREATE TRIGGER wipe AFTER INSERT ON meta BEGIN DELETE FROM tie; END", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(raw);
  store.begin();
  store.setMetaValue("probe", "1");
  store.commit();
  CHECK(store.load().ties.size() == test::sampleModel().ties.size());
}

TEST_CASE("a map without a schema version says it is not a map or an unsupported version", "[store][bad-file]") {
  test::TempDir dir;
  const fs::path file = dir / "v0.nestmap";
  { Document::create(file, test::sampleModel()); }
  rawExec(file, "PRAGMA user_version = 0;");
  expectRefused(file, UserError::Kind::NotNestmap, "niet ondersteund");
  rawExec(file, "PRAGMA user_version = -3;");
  expectRefused(file, UserError::Kind::NotNestmap, "niet ondersteund");
}

TEST_CASE("every stored value the loader would have to guess at is named by fieldProblems", "[store][check]") {
  test::TempDir dir;
  const fs::path file = dir / "map.nestmap";
  { Document::create(file, test::sampleModel()); }
  {
    Store store = Store::open(file);
    CHECK(store.fieldProblems().empty());
  }
  // Written around the CHECK constraints, as a tool other than Nestmap could.
  rawExec(file,
          "PRAGMA ignore_check_constraints = ON; UPDATE actor SET valid_from = '2026-02-30' WHERE id = 1; "
          "UPDATE tie SET direction = 'sideways' WHERE id = 1; UPDATE actor SET latitude = 9e999 WHERE id = 2; "
          "UPDATE sector SET color = 'paars' WHERE id = 1; UPDATE actor SET name = 'CAW ' || x'ff' || 'Gent' "
          "WHERE id = 3;");
  Store store = Store::open(file);
  const auto problems = store.fieldProblems();
  REQUIRE(problems.size() == 5);
  auto has = [&](const std::string& text) {
    for (const auto& p : problems)
      if (p.find(text) != std::string::npos) return true;
    return false;
  };
  CHECK(has("actor #1, valid_from = ‘2026-02-30’: geen geldige datum"));
  CHECK(has("tie #1, direction = ‘sideways’"));
  CHECK(has("actor #2, latitude"));
  CHECK(has("sector #1, color = ‘paars’"));
  CHECK(has("actor #3, name = ‘CAW \\xFFGent’: tekst die geen geldige UTF-8 is"));
}

TEST_CASE("SQLite's failures that a user can act on get their own words and kinds", "[store][explain]") {
  const fs::path map = "kaart.nestmap";
  auto kindOf = [&](int code, int systemErrno = 0) {
    const auto explained = Store::explain(sql::Error(code, "raw sqlite text", systemErrno), map);
    REQUIRE(explained);
    CHECK_THAT(explained->what(), Catch::Contains("kaart.nestmap"));
    CHECK_THAT(explained->what(), !Catch::Contains("interne fout"));
    return explained->kind();
  };
  CHECK(kindOf(SQLITE_BUSY) == UserError::Kind::Locked);
  CHECK(kindOf(SQLITE_LOCKED) == UserError::Kind::Locked);
  CHECK(kindOf(SQLITE_READONLY) == UserError::Kind::ReadOnly);
  CHECK(kindOf(SQLITE_FULL) == UserError::Kind::Io);
  CHECK(kindOf(SQLITE_IOERR_WRITE, ENOSPC) == UserError::Kind::Io);
  CHECK(kindOf(SQLITE_IOERR_WRITE, EROFS) == UserError::Kind::ReadOnly);
  CHECK(kindOf(SQLITE_CONSTRAINT_NOTNULL) == UserError::Kind::InvalidInput);
  CHECK(kindOf(SQLITE_CORRUPT) == UserError::Kind::Corrupt);
  CHECK_THAT(Store::explain(sql::Error(SQLITE_FULL, "database or disk is full"), map)->what(),
             Catch::StartsWith("De schijf is vol: kaart.nestmap kon niet geschreven worden."));
  CHECK_THAT(Store::explain(sql::Error(SQLITE_CONSTRAINT_NOTNULL, "NOT NULL constraint failed: actor.name"), map)->what(),
             Catch::Contains("een verplicht veld is leeg"));
  // A bug stays a bug: a misuse of the API is nothing a user can mend.
  CHECK_FALSE(Store::explain(sql::Error(SQLITE_MISUSE, "bad parameter or other API misuse"), map));
  CHECK_FALSE(Store::explain(std::logic_error("bug"), map));
}
