// Every way a file can fail to open: a clear reason, the right kind, and not
// one byte of the file changed.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "core/error.hpp"
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
/// checks the file is byte-identical afterwards. (SQLite may leave its empty
/// -wal/-shm companions beside a WAL-mode file it only read; they hold no data.)
void expectRefused(const fs::path& file, UserError::Kind kind, const std::string& phrase, Store::Options options = {}) {
  const auto before = test::readBytes(file);
  try {
    Document::open(file, options);
    FAIL("the file was opened");
  } catch (const UserError& e) {
    CHECK(e.kind() == kind);
    CHECK_THAT(e.what(), Catch::Contains(phrase));
    CHECK_THAT(e.what(), Catch::Contains(file.string()));
  }
  CHECK(test::readBytes(file) == before);
  if (kind == UserError::Kind::NotSqlite) CHECK_FALSE(fs::exists(file.string() + "-wal"));
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
