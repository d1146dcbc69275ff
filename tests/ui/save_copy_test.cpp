// Bestand ▸ Opslaan als writes its copy like every other file (DESIGN.md rule 9):
// through a temporary file, never over an existing one, nothing left beside it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "edit/document.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"
#include "ui/app_shell.hpp"

using namespace nestmap;
using test::entries;
namespace fs = std::filesystem;

namespace {


}  // namespace

TEST_CASE("Opslaan als writes a whole copy, and never over an existing file", "[ui][files]") {
  test::TempDir dir;
  Document doc = Document::create(dir / "kaart.nestmap", test::sampleModel());

  saveMapCopy(doc, dir / "kopie.nestmap");
  CHECK(Document::open(dir / "kopie.nestmap").model().actors.size() == doc.model().actors.size());

  test::writeBytes(dir / "bestaand.nestmap", "iets anders");
  for (const char* name : {"bestaand.nestmap", "kopie.nestmap"}) {
    INFO(name);
    const auto before = test::readBytes(dir / name);
    try {
      saveMapCopy(doc, dir / name);
      FAIL("an existing file was replaced");
    } catch (const UserError& e) {
      CHECK(e.kind() == UserError::Kind::Exists);
      CHECK(std::string(e.what()) == "Het bestand " + (dir / name).string() + " bestaat al; kies een andere naam.");
    }
    CHECK(test::readBytes(dir / name) == before);
  }
  // The open map keeps its own -wal and -shm; the copies have none, and no temporary file is left.
  CHECK(entries(dir.path()) == std::vector<std::string>{"bestaand.nestmap", "kaart.nestmap", "kaart.nestmap-shm",
                                                        "kaart.nestmap-wal", "kopie.nestmap"});
}
