// The agreements register and the timeline in the window's own screenshot:
// an overdue review is a row tinted red across the register, the pipeline
// chart fills its area with the map's status colours, and the words a user
// reads there come back through OCR. The register and chart lie in the
// bottom panel, below the canvas whose rectangle --screenshot-info gives.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/agreement_followup.hpp"
#include "edit/document.hpp"
#include "support/png_image.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace nestmap;
using namespace nestmap::test;

namespace {

/// The bottom panel's rectangle in pixels: below the canvas, as wide as it, down to the status bar.
struct Region {
  int x0, y0, x1, y1;
};

struct Shot {
  fs::path png;
  nlohmann::json info;
  std::string ocr;
};

Shot screenshot(const TempDir& dir, const fs::path& map, const std::string& name, const std::string& extra) {
  Shot shot{dir / (name + ".png"), {}, {}};
  const fs::path info = dir / (name + ".json");
  std::string output;
  const int status = shell("XDG_CONFIG_HOME=" + quoted(dir / "config") + " XDG_DATA_HOME=" + quoted(dir / "data") +
                               " " + NESTMAP_BINARY + " " + quoted(map) + " --screenshot " + quoted(shot.png) +
                               " --screenshot-info " + quoted(info) + " --size 1500x950 " + extra,
                           output);
  INFO(output);
  REQUIRE(status == 0);
  std::ifstream in(info);
  shot.info = nlohmann::json::parse(in);
  REQUIRE(shell("tesseract " + quoted(shot.png) + " stdout -l nld", shot.ocr) == 0);
  return shot;
}

Region bottomPanel(const Shot& shot) {
  const double x = shot.info["canvas"]["x"], y = shot.info["canvas"]["y"];
  const double w = shot.info["canvas"]["width"], h = shot.info["canvas"]["height"];
  const int height = shot.info["framebuffer"]["height"];
  return {static_cast<int>(x) + 2, static_cast<int>(y + h) + 2, static_cast<int>(x + w) - 2, height - 30};
}

fs::path demoMap(const TempDir& dir) {
  const fs::path map = dir / "demo.nestmap";
  std::string output;
  REQUIRE(shell(std::string(NESTMAP_BINARY) + " demo " + quoted(map), output) == 0);
  return map;
}

}  // namespace

TEST_CASE("the register shows an overdue review as a red row", "[gui][agreements]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  TempDir dir;
  const fs::path map = demoMap(dir);
  {
    // The demo has reviews that were due long ago (the dates are fixed, the days pass).
    const Document doc = Document::open(map);
    const auto followUp = AgreementFollowUp::run(doc.model());
    REQUIRE_FALSE(followUp.overdue.empty());
  }
  const Shot shot = screenshot(dir, map, "register", "--panel agreements");
  INFO(shot.ocr);
  CHECK_THAT(shot.ocr, Catch::Contains("Nieuwe afspraak"));
  CHECK_THAT(shot.ocr, Catch::Contains("Herziening"));
  CHECK_THAT(shot.ocr, Catch::Contains("Verwijderen"));

  // A row is tinted when red shows between its cells' words across most of the panel's width:
  // the overdue tint (214, 64, 52, alpha 110) over the light table gives about (237, 175, 170).
  const Image image(shot.png);
  const Region r = bottomPanel(shot);
  auto tinted = [](Rgb c) { return c.r >= 200 && c.r - c.g >= 35 && c.r - c.b >= 35 && c.g >= 120; };
  int tintedRows = 0, plainRows = 0;
  for (int y = r.y0; y < r.y1; ++y) {
    const int n = image.countIf(tinted, r.x0, y, r.x1, y + 1);
    if (n > (r.x1 - r.x0) / 2) ++tintedRows;
    if (n == 0) ++plainRows;
  }
  INFO("rows of pixels tinted red across the register: " << tintedRows << ", without red: " << plainRows);
  CHECK(tintedRows >= 15);  // at least one table row (about 21 pixels high)
  CHECK(plainRows >= 60);   // and not everything: the toolbar, the header, rows in good standing
}

TEST_CASE("the timeline's pipeline chart stacks the statuses in their colours", "[gui][agreements]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  TempDir dir;
  const fs::path map = demoMap(dir);
  std::vector<std::pair<std::string, Rgb>> statuses;
  {
    const Document doc = Document::open(map);
    for (const StatusLabel& label : doc.model().statusLabels.records())
      statuses.emplace_back(label.nameNl, Rgb{label.color.r, label.color.g, label.color.b});
  }
  REQUIRE(statuses.size() == 7);
  const Shot shot = screenshot(dir, map, "timeline", "--panel timeline");
  INFO(shot.ocr);
  CHECK_THAT(shot.ocr, Catch::Contains("Vandaag"));
  CHECK_THAT(shot.ocr, Catch::Contains("Vergelijk met"));
  CHECK_THAT(shot.ocr, Catch::Contains("Alle gevangenissen"));

  // Every status has agreements in the demo today, so each has a band of its own colour.
  const Image image(shot.png);
  const Region r = bottomPanel(shot);
  for (const auto& [name, color] : statuses) {
    const int n = image.count(color, 3, r.x0, r.y0, r.x1, r.y1);
    INFO(name << " " << str(color) << ": " << n << " pixels");
    CHECK(n >= 150);
  }
}
