// The nest view in the window's own screenshot: every category the prison
// lacks has a ghost slot, a dashed empty outline in the category's colour at
// the place the nest layout keeps for it. The test computes coverage and the
// layout itself, maps the ghosts' places to pixels with the canvas and camera
// that --screenshot-info reports, and looks for the outline there.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/nest_coverage.hpp"
#include "edit/document.hpp"
#include "layout/nest_layout.hpp"
#include "support/png_image.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace nestmap;
using namespace nestmap::test;

TEST_CASE("the nest view draws a dashed ghost slot for every missing category", "[gui][nest]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  TempDir dir;
  const fs::path map = dir / "demo.nestmap", shot = dir / "nest.png", infoFile = dir / "nest.json";
  const std::string today = Date::today().toString();
  std::string output;
  REQUIRE(shell(std::string(NESTMAP_BINARY) + " demo " + quoted(map), output) == 0);
  REQUIRE(shell(std::string(NESTMAP_BINARY) + " layout " + quoted(map) + " --algo nest --prison ieper --as-of " + today,
                output) == 0);

  // Where the ghosts are, and in which colours: the prison's missing categories.
  struct Ghost {
    std::string category;
    Vec2 at;
    Rgb color;
  };
  std::vector<Ghost> ghosts;
  std::size_t categories = 0;
  {
    const Document doc = Document::open(map);
    const Model& m = doc.model();
    const GraphSnapshot g = nestSnapshot(m, Date::today());
    NestCoverage::Params params;
    for (const auto& [id, a] : m.actors)
      if (a.name == "Gevangenis Ieper") params.prisons = {id};
    REQUIRE(params.prisons.size() == 1);
    const auto coverage = NestCoverage::run(m, g, params);
    const auto nest = NestLayout::run(g, coverage.prisons.front(), coverage.categories);
    categories = nest.wedges.size();
    for (std::size_t i = 0; i < nest.wedges.size(); ++i) {
      const auto& w = nest.wedges[i];
      CHECK(w.ghost == (coverage.prisons.front().cells[i].status == CoverageStatus::Missing));
      if (!w.ghost) continue;
      const NestCategory* category = m.nestCategories.find(w.categoryId);
      const ActorType* type = m.actorTypes.find(category->actorTypeIds.front());
      ghosts.push_back({category->nameNl, w.ghostPosition, Rgb{type->color.r, type->color.g, type->color.b}});
    }
  }
  REQUIRE(categories == 12);
  REQUIRE(ghosts.size() == 3);  // the demo's Ieper lacks three categories

  REQUIRE(shell("XDG_CONFIG_HOME=" + quoted(dir / "config") + " XDG_DATA_HOME=" + quoted(dir / "data") + " " +
                    NESTMAP_BINARY + " " + quoted(map) + " --screenshot " + quoted(shot) + " --screenshot-info " +
                    quoted(infoFile) + " --size 1400x1000 --view 'Nest Gev. Ieper'",
                output) == 0);
  std::ifstream in(infoFile);
  const nlohmann::json info = nlohmann::json::parse(in);
  const Image image(shot);
  const double sx = info["framebuffer"]["scaleX"], sy = info["framebuffer"]["scaleY"];
  const double left = info["canvas"]["x"], top = info["canvas"]["y"];
  const double width = info["canvas"]["width"], height = info["canvas"]["height"];
  const double cx = info["camera"]["centerX"], cy = info["camera"]["centerY"], zoom = info["camera"]["zoom"];
  // The ghost's size as the overlay draws it: 1.4 node radii, at least 14 pixels.
  const double radius = std::max(info["nodeRadius"].get<double>() * zoom * 1.4, 14.0) * sx;

  for (const Ghost& ghost : ghosts) {
    const double x = (left + width / 2 + (ghost.at.x - cx) * zoom) * sx;
    const double y = (top + height / 2 - (ghost.at.y - cy) * zoom) * sy;
    INFO(ghost.category << " at " << x << ", " << y << ", radius " << radius << ", colour " << str(ghost.color));
    REQUIRE(x > left * sx + radius);
    REQUIRE(y > top * sy + radius);
    REQUIRE(x < (left + width) * sx - radius);
    // Pixels of the category's colour on the outline (a band around the radius) and inside it.
    int ring = 0, inside = 0, around = 0;
    for (int dy = static_cast<int>(-1.5 * radius); dy <= 1.5 * radius; ++dy)
      for (int dx = static_cast<int>(-1.5 * radius); dx <= 1.5 * radius; ++dx) {
        const double d = std::hypot(dx, dy);
        if (distance(image.at(x + dx, y + dy), ghost.color) > 6) continue;
        if (d >= 0.75 * radius && d <= 1.3 * radius) ++ring;
        else if (d < 0.6 * radius) ++inside;
        else if (d > 1.35 * radius) ++around;
      }
    INFO("outline " << ring << ", inside " << inside << ", beyond " << around);
    CHECK(ring >= 40);             // the dashed outline is there
    CHECK(inside < ring / 2);      // and it is empty (a question mark at most)
    // Dashed: walking round the circle, the colour comes and goes.
    int changes = 0;
    bool last = false;
    for (int step = 0; step <= 360; ++step) {
      const double a = step * 3.14159265358979 / 180;
      bool on = false;
      for (double rr = 0.8 * radius; rr <= 1.25 * radius && !on; rr += 1)
        on = distance(image.at(x + rr * std::cos(a), y + rr * std::sin(a)), ghost.color) <= 6;
      if (step > 0 && on != last) ++changes;
      last = on;
    }
    CHECK(changes >= 6);
  }
}
