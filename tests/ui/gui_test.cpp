// The window opens (under Xvfb when there is no display) and its own
// screenshot shows the map's name and Dutch text with accents, read back by
// OCR (tesseract, Dutch model) so that a missing glyph fails the test.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  int status = -1;
  std::string output;
};

Run run(const std::string& command) {
  Run r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

/// Width and height from a PNG's IHDR chunk.
std::pair<int, int> pngSize(const fs::path& png) {
  auto bytes = nestmap::test::readBytes(png);
  REQUIRE(bytes.size() > 24);
  REQUIRE(std::string(bytes.begin() + 1, bytes.begin() + 4) == "PNG");
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(bytes[at]) << 24) | (static_cast<unsigned char>(bytes[at + 1]) << 16) |
           (static_cast<unsigned char>(bytes[at + 2]) << 8) | static_cast<unsigned char>(bytes[at + 3]);
  };
  return {be32(16), be32(20)};
}

}  // namespace

TEST_CASE("the window shows the map's name in Dutch text, with accents", "[gui]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  nestmap::test::TempDir dir;
  const std::string nestmap = NESTMAP_BINARY;
  const fs::path map = dir / "demo.nestmap";
  REQUIRE(run(nestmap + " demo " + quoted(map)).status == 0);

  const fs::path shot = dir / "shot.png";
  Run gui = run("XDG_DATA_HOME=" + quoted(dir.path()) + " " + nestmap + " " + quoted(map) + " --screenshot " +
                quoted(shot) + " --width 1280 --height 800");
  INFO(gui.output);
  REQUIRE(gui.status == 0);
  REQUIRE(fs::exists(shot));
  CHECK(pngSize(shot) == std::pair<int, int>{1280, 800});

  Run ocr = run("tesseract " + quoted(shot) + " stdout -l nld");
  INFO(ocr.output);
  REQUIRE(ocr.status == 0);
  CHECK_THAT(ocr.output, Catch::Contains("Kindreflex-netwerk Vlaanderen en Brussel"));
  CHECK_THAT(ocr.output, Catch::Contains("fictieve afspraken"));
  // Letters that ImGui's built-in font lacks: they only show with DejaVu Sans.
  CHECK_THAT(ocr.output, Catch::Contains("geëvalueerd"));
  CHECK_THAT(ocr.output, Catch::Contains("Coördinaten"));
  CHECK_THAT(ocr.output, Catch::Contains("Afspraken: "));
}

TEST_CASE("without a file the window opens on the demo map in the user's data directory", "[gui]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  nestmap::test::TempDir dir;
  const fs::path shot = dir / "shot.png";
  Run gui = run("XDG_DATA_HOME=" + quoted(dir / "data") + " " + std::string(NESTMAP_BINARY) + " --screenshot " +
                quoted(shot));
  INFO(gui.output);
  REQUIRE(gui.status == 0);
  CHECK(fs::exists(dir / "data" / "nestmap" / "demo.nestmap"));
  CHECK(fs::exists(shot));
}
