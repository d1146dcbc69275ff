// The window on a map that can only be read: a GraphML import without
// positions (so the window must lay it out first), marked read-only. The
// window used to abort on an ImGui assertion here (the first view was made
// inside the canvas's window, the map refused, End() never came); now it
// shows the layout from memory, says "alleen lezen", and leaves every byte
// of the file as it was.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "support/png_image.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using nestmap::test::quoted;
using nestmap::test::shell;

TEST_CASE("a read-only map that needs its first layout opens, shows it, says so and is not changed", "[gui]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  nestmap::test::TempDir dir;
  const std::string nestmap = NESTMAP_BINARY;
  const fs::path map = dir / "karate.nestmap";
  const fs::path graphml = fs::path(NESTMAP_SOURCE_DIR) / "tests/analysis/fixtures/karate.graphml";
  // GraphML without coordinates: the map has actors and ties, but no view and no positions.
  std::string imported;
  const int importStatus = shell(nestmap + " import " + quoted(graphml) + " " + quoted(map), imported);
  INFO(imported);
  REQUIRE(importStatus == 0);
  fs::permissions(map, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const std::vector<char> before = nestmap::test::readBytes(map);
  REQUIRE(!before.empty());

  const fs::path shot = dir / "shot.png";
  std::string gui;
  const int guiStatus = shell("XDG_DATA_HOME=" + quoted(dir.path()) + " " + nestmap + " " + quoted(map) +
                                  " --screenshot " + quoted(shot) + " --size 1280x800",
                              gui);
  INFO(gui);
  REQUIRE(guiStatus == 0);
  CHECK(gui.empty());  // no ImGui recovery, no refusal on stderr
  CHECK(nestmap::test::readBytes(map) == before);
  CHECK((fs::status(map).permissions() & fs::perms::owner_write) == fs::perms::none);
  REQUIRE(fs::exists(shot));

  // The layout is drawn: the canvas (right of the 360-pixel sidebar, above the bottom
  // panel) holds the grey of the actors, not only its light background.
  const nestmap::test::Image png(shot);
  REQUIRE(png.width() == 1280);
  const int drawn =
      png.countIf([](nestmap::test::Rgb c) { return c.r < 190 && nestmap::test::neutral(c); }, 380, 120, 990, 450);
  CHECK(drawn > 2000);

  // "alleen lezen" beside the file name, over the inspector and in the status bar; the canvas's note.
  std::string ocr;
  const int ocrStatus = shell("tesseract " + quoted(shot) + " stdout -l nld", ocr);
  INFO(ocr);
  REQUIRE(ocrStatus == 0);
  CHECK_THAT(ocr, Catch::Contains("alleen lezen"));
  CHECK_THAT(ocr, Catch::Contains("niet bewaard"));
}
