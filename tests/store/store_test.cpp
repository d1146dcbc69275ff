#include "store/store.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "edit/document.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

std::int64_t pragma(const std::filesystem::path& file, const char* name) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  std::string sql = std::string("PRAGMA ") + name;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  std::int64_t value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

}  // namespace

TEST_CASE("every field of every record type survives a round trip through the file", "[store]") {
  test::TempDir dir;
  const Model sample = test::sampleModel();
  { Document::create(dir / "map.nestmap", sample); }

  Document reopened = Document::open(dir / "map.nestmap");
  const Model& m = reopened.model();
  // Table by table first, so that a failure names the record kind.
  CHECK(m.info == sample.info);
  CHECK(m.sectors == sample.sectors);
  CHECK(m.actorTypes == sample.actorTypes);
  CHECK(m.tieTypes == sample.tieTypes);
  CHECK(m.agreementTypes == sample.agreementTypes);
  CHECK(m.statusLabels == sample.statusLabels);
  CHECK(m.nestTemplates == sample.nestTemplates);
  CHECK(m.nestCategories == sample.nestCategories);
  CHECK(m.actors == sample.actors);
  CHECK(m.contacts == sample.contacts);
  CHECK(m.ties == sample.ties);
  CHECK(m.agreements == sample.agreements);
  CHECK(m.views == sample.views);
  CHECK(m.positions == sample.positions);
  CHECK(m == sample);
  CHECK(reopened.store().integrityCheck(true).empty());
}

TEST_CASE("a new file carries Nestmap's application id, the schema version and WAL", "[store]") {
  test::TempDir dir;
  { Document::create(dir / "map.nestmap", test::sampleModel()); }
  CHECK(pragma(dir / "map.nestmap", "application_id") == Store::kApplicationId);
  CHECK(pragma(dir / "map.nestmap", "user_version") == Store::kSchemaVersion);

  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir / "map.nestmap").c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_CASE("the store enforces foreign keys", "[store]") {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", test::sampleModel());
  Tie dangling;
  dangling.id = 99;
  dangling.uuid = Uuid::random();
  dangling.sourceId = 1;
  dangling.targetId = 12345;  // no such actor
  dangling.typeId = 1;
  doc.store().begin();
  CHECK_THROWS(doc.store().put(dangling));
  doc.store().rollback();
}

TEST_CASE("create refuses an existing path and leaves it alone", "[store]") {
  test::TempDir dir;
  test::writeBytes(dir / "taken.nestmap", "not mine");
  try {
    Document::create(dir / "taken.nestmap", test::sampleModel());
    FAIL("create overwrote an existing file");
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::Exists);
    CHECK_THAT(e.what(), Catch::Contains("bestaat al"));
  }
  auto bytes = test::readBytes(dir / "taken.nestmap");
  CHECK(std::string(bytes.begin(), bytes.end()) == "not mine");
}

TEST_CASE("backupTo writes a copy that opens with the same map", "[store]") {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", test::sampleModel());
  doc.store().backupTo(dir / "copy.nestmap");
  Document copy = Document::open(dir / "copy.nestmap");
  CHECK(copy.model() == doc.model());
}

TEST_CASE("the change log keeps time, OS user, description and affected ids", "[store]") {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", test::sampleModel());
  Uuid a = Uuid::random(), b = Uuid::random();
  doc.store().begin();
  doc.store().appendChange({0, "2026-01-02T03:04:05Z", "tester", "Iets gewijzigd", {a, b, a}});
  doc.store().commit();
  auto log = doc.store().changeLog();
  REQUIRE(log.size() == 2);
  CHECK(log[0].description == "Kaart ‘Testkaart Gent’ aangemaakt");
  CHECK(log[0].user == currentOsUser());
  CHECK(log[0].time.size() == 20);
  CHECK(log[1].time == "2026-01-02T03:04:05Z");
  CHECK(log[1].user == "tester");
  CHECK(log[1].description == "Iets gewijzigd");
  CHECK(log[1].affected.size() == 2);  // a repeated id is kept once
  auto last = doc.store().changeLog(1);
  REQUIRE(last.size() == 1);
  CHECK(last[0].description == "Iets gewijzigd");
}
