// Inputs that the libFuzzer targets of tests/fuzz found (see tests/fuzz/README.md),
// kept as ordinary tests so that they are checked without clang.
#include <catch2/catch.hpp>
#include <filesystem>

#include "core/error.hpp"
#include "edit/document.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

// fuzz_map_open, 2 bit flips in an index page of a map from `nestmap new`: the
// file passes the quick check that Document::open runs, but reading the table
// behind the damaged index in Store::fieldProblems (`nestmap check`) fails with
// SQLITE_CORRUPT. That failure is an sql::Error, not a UserError: it must be one
// that Store::explain turns into Corrupt at the edge (runCli does), never an
// "interne fout". The file must stay as it was.
TEST_CASE("Fuzz regression: a damaged index found after open is explained as a damaged map", "[fuzz][store]") {
  const fs::path fixture = fs::path(NESTMAP_SOURCE_DIR) / "tests/fuzz/regressions/map_open_index_damage.nestmap";
  test::TempDir dir;
  const fs::path file = dir / "kapot.nestmap";
  fs::copy_file(fixture, file);
  const auto before = test::readBytes(file);

  std::optional<UserError> error;
  try {
    Document doc = Document::open(file);
    (void)doc.store().integrityCheck(true);
    (void)doc.store().fieldProblems();
  } catch (const std::exception& e) {
    error = Store::explain(e, file);
    REQUIRE(error);  // an exception Store::explain cannot explain is the bug
  }
  REQUIRE(error);
  CHECK(error->kind() == UserError::Kind::Corrupt);
  CHECK(std::string(error->what()).find("kapot.nestmap") != std::string::npos);
  CHECK(test::readBytes(file) == before);
}
