// Store::loadChecked on a map large enough for the two-connection tie load:
// the quick_check thread and the tie worker run beside the main thread, and a
// failure of the main thread's part must come out as an exception, with both
// threads joined and the read transaction closed — never std::terminate.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>

#include "edit/document.hpp"
#include "store/store.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

/// The sample map with ties added until it reaches the parallel-load threshold
/// (and a few more, so that both halves hold ties).
Model bigMap() {
  Model m = test::sampleModel();
  const std::vector<RowId> actors = {1, 2, 3, 4};
  while (m.ties.size() < Store::kParallelTies + 100) {
    Tie t;
    t.id = m.ties.nextId();
    t.uuid = Uuid::random();
    t.sourceId = actors[t.id % 4];
    t.targetId = actors[(t.id + 1) % 4];
    t.typeId = 1 + t.id % 2;
    t.strength = 1 + static_cast<int>(t.id % 3);
    m.ties.put(std::move(t));
  }
  return m;
}

/// The big map, written once per run (writing it is the slow part); each
/// test works on its own copy of the file.
struct BigMapFile {
  test::TempDir dir;
  std::filesystem::path file = dir / "big.nestmap";
  Model model;
  BigMapFile() {
    Document doc = Document::create(file, bigMap());
    model = doc.model();
  }
};

/// A fresh copy of the big map in `dir`; its model in `model` when given.
std::filesystem::path copyOfBigMap(const test::TempDir& dir, Model* model = nullptr) {
  static const BigMapFile original;
  const auto file = dir / "big.nestmap";
  std::filesystem::copy_file(original.file, file);
  if (model) *model = original.model;
  return file;
}

/// Runs `sql` on its own connection, as another program would.
void execOn(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

/// The message of what `load` throws; fails the test when it throws nothing.
template <class Load>
std::string errorOf(Load&& load) {
  try {
    load();
  } catch (const std::exception& e) {
    return e.what();
  }
  FAIL("the load did not fail");
  return {};
}

}  // namespace

TEST_CASE("a map with enough ties for the two-connection load reads back whole", "[store][load]") {
  test::TempDir dir;
  Model written;
  const auto file = copyOfBigMap(dir, &written);
  REQUIRE(written.ties.size() >= Store::kParallelTies);
  Store store = Store::open(file);
  CHECK(store.loadChecked() == written);
  CHECK(store.load() == written);
  CHECK_FALSE(store.inTransaction());
}

TEST_CASE("a load that fails on the main thread while the tie worker reads gives a clean error", "[store][load]") {
  test::TempDir dir;
  const auto file = copyOfBigMap(dir);
  Store store = Store::open(file);

  // A table the main thread reads (before, or after, it reads its half of
  // the ties) goes missing: its query fails while the worker still holds the
  // other half. quick_check finds nothing wrong with the file.
  const char* table = GENERATE("actor_field", "view_position");
  execOn(file, (std::string("DROP TABLE ") + table).c_str());

  for (int attempt = 0; attempt < 3; ++attempt) {
    CAPTURE(attempt);
    CHECK_THAT(errorOf([&] { store.loadChecked(); }), Catch::Contains(table));
    CHECK_FALSE(store.inTransaction());  // the read transaction was rolled back
  }
  CHECK_THAT(errorOf([&] { store.load(); }), Catch::Contains(table));
  CHECK_THAT(errorOf([&] { Document::open(file); }), Catch::Contains(table));
}
