// The window's own screenshot, read back pixel by pixel: each actor in its
// type's colour at the place its view gives it, the selection outline around
// the selected actor, and a legend swatch for each type drawn. The test maps
// the view's positions to pixels itself, with the canvas rectangle and the
// camera that the app reports next to the PNG (--screenshot-info).
//
// The view "Pixels" (layout units, y up); the map's first view "Elders" has
// west and east swapped, so a screenshot of the wrong view fails:
//
//                      north ◆ (0, 4)      research     #4a8f8f
//
//   west ● (−9, 0)     centre ● (0, 0)     east ▲ (9, 0)
//   overkop #1eaecb    huis_van_het_kind   helpline #ef6f5a
//                      #f28aa8, selected
//
// A fifth actor (ocj, #3c9a4e) has no place in either view: it is not drawn,
// and its type is not in the legend.
#include <stb_image.h>
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/map_builder.hpp"
#include "support/png_image.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace nestmap;
using namespace nestmap::test;

namespace {

struct Placed {
  const char* name;
  const char* typeKey;
  double x, y;  ///< in the view "Pixels"; "Elders" mirrors x
  Rgb color{};  ///< the type's colour, read from the map
};

}  // namespace

TEST_CASE("the screenshot shows actors in their type's colour where the view puts them, the selection and the legend",
          "[gui]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  test::TempDir dir;
  const fs::path map = dir / "pixels.nestmap";
  std::vector<Placed> actors = {
      {"Midden", "huis_van_het_kind", 0, 0},
      {"West", "overkop", -9, 0},
      {"Oost", "helpline", 9, 0},
      {"Noord", "research", 0, 4},
  };
  Rgb hiddenColor;
  {
    Document doc = Document::create(map, defaultModel(embeddedData(), "Pixels"));
    for (const char* name : {"Elders", "Pixels"}) {
      View v;
      v.name = name;
      doc.execute(putRecord<View>(v));
    }
    RowId elders = 0, pixels = 0;
    for (const auto& [id, v] : doc.model().views) (v.name == "Elders" ? elders : pixels) = id;
    REQUIRE(doc.model().views.size() == 2);
    std::vector<std::pair<RowId, std::optional<ViewPosition>>> inPixels, inElders;
    auto add = [&](const char* name, const char* typeKey) {
      const ActorType* type = doc.model().actorTypeByKey(typeKey);
      REQUIRE(type);
      Actor a;
      a.name = name;
      a.typeId = type->id;
      doc.execute(addActor(a));
      return Rgb{type->color.r, type->color.g, type->color.b};
    };
    for (Placed& p : actors) {
      p.color = add(p.name, p.typeKey);
      const RowId id = test::actorByName(doc.model(), p.name);
      inPixels.emplace_back(id, ViewPosition{p.x, p.y, true});
      inElders.emplace_back(id, ViewPosition{-p.x, p.y, true});
    }
    hiddenColor = add("Nergens", "ocj");
    doc.execute(setPositions(doc.model(), pixels, inPixels));
    doc.execute(setPositions(doc.model(), elders, inElders));
  }
  // The colours must tell the actors apart from each other, the outline and the background.
  for (std::size_t i = 0; i < actors.size(); ++i) {
    CHECK(distance(actors[i].color, kSelection) > 60);
    CHECK_FALSE(neutral(actors[i].color));
    CHECK(distance(actors[i].color, hiddenColor) > 60);
    for (std::size_t j = 0; j < i; ++j) CHECK(distance(actors[i].color, actors[j].color) > 40);
  }

  // The user's settings (theme, window) and data play no part.
  const fs::path shot = dir / "shot.png", infoFile = dir / "shot.json";
  std::string output;
  const int status = shell("XDG_CONFIG_HOME=" + quoted(dir / "config") + " XDG_DATA_HOME=" + quoted(dir / "data") +
                               " " + NESTMAP_BINARY + " --screenshot " + quoted(shot) + " --screenshot-info " +
                               quoted(infoFile) + " --size 1000x700 --view Pixels --select Midden " + quoted(map),
                           output);
  INFO(output);
  REQUIRE(status == 0);
  std::ifstream infoStream(infoFile);
  REQUIRE(infoStream);
  const nlohmann::json info = nlohmann::json::parse(infoStream);
  INFO(info.dump());
  const Image image(shot);
  REQUIRE(image.width() == info["framebuffer"]["width"].get<int>());
  REQUIRE(image.height() == info["framebuffer"]["height"].get<int>());
  REQUIRE(info["window"]["width"].get<double>() == 1000);
  REQUIRE(info["window"]["height"].get<double>() == 700);

  const double sx = info["framebuffer"]["scaleX"], sy = info["framebuffer"]["scaleY"];
  const double left = info["canvas"]["x"], top = info["canvas"]["y"];
  const double width = info["canvas"]["width"], height = info["canvas"]["height"];
  const double cx = info["camera"]["centerX"], cy = info["camera"]["centerY"], zoom = info["camera"]["zoom"];
  // --select centres the camera on the selected actor.
  CHECK(cx == Approx(0).margin(1e-9));
  CHECK(cy == Approx(0).margin(1e-9));
  // Layout units (y up) → pixels of the PNG (y down), as the canvas's camera maps them.
  auto screen = [&](double x, double y) {
    return std::pair{(left + width / 2 + (x - cx) * zoom) * sx, (top + height / 2 - (y - cy) * zoom) * sy};
  };
  const double radius = info["nodeRadius"].get<double>() * zoom * sx;  // in pixels
  REQUIRE(radius >= 12);                                               // big enough to tell a ring from a fill

  // The legend lies along the bottom of the canvas, at most a third of it high when shown.
  const double legendTop = (top + height * 2 / 3) * sy, canvasBottom = (top + height) * sy;
  for (const Placed& p : actors) {
    const auto [x, y] = screen(p.x, p.y);
    INFO(p.name << " at " << x << ", " << y << ", radius " << radius);
    REQUIRE(x - radius - 10 > left * sx);
    REQUIRE(x + radius + 10 < (left + width) * sx);
    REQUIRE(y - radius - 10 > top * sy);
    REQUIRE(y + radius + 10 < legendTop);
    const Rgb centre = image.at(x, y);
    INFO("centre " << str(centre) << ", type colour " << str(p.color));
    CHECK(distance(centre, p.color) <= kTolerance);
    // A third of the way to the edge as well (inside every shape): a filled shape, not a dot.
    CHECK(distance(image.at(x - radius / 3, y), p.color) <= kTolerance);
    CHECK(distance(image.at(x + radius / 3, y), p.color) <= kTolerance);
  }

  // The selected actor (a circle): a ring of the outline colour 3 pixels wide just outside
  // its edge, of which the middle 2 pixels are solid (one of antialiasing on either side);
  // the background beyond it. Not below: its label lies there. The OpenGL viewport is the
  // canvas's rectangle cut to whole pixels, so the ring may lie up to half a pixel from where
  // the camera puts it: the best of three samples around its middle counts.
  {
    const auto [x, y] = screen(0, 0);
    const double beyond = radius + 8;
    for (const auto& [dx, dy] : {std::pair{-1, 0}, std::pair{1, 0}, std::pair{0, -1}}) {
      int best = 255;
      std::string seen;
      for (double ring : {radius + 1, radius + 1.5, radius + 2}) {
        const Rgb onRing = image.at(x + dx * ring, y + dy * ring);
        best = std::min(best, distance(onRing, kSelection));
        seen += str(onRing) + " ";
      }
      const Rgb outside = image.at(x + dx * beyond, y + dy * beyond);
      INFO("direction " << dx << ", " << dy << ": ring " << seen << "beyond " << str(outside));
      CHECK(best <= kTolerance);
      CHECK(neutral(outside));
    }
  }
  // An actor that is not selected (also a circle) has no ring.
  {
    const auto [x, y] = screen(-9, 0);
    for (const auto& [dx, dy] : {std::pair{-1, 0}, std::pair{1, 0}, std::pair{0, -1}}) {
      const Rgb justOutside = image.at(x + dx * (radius + 1.5), y + dy * (radius + 1.5));
      INFO("West, direction " << dx << ", " << dy << ": " << str(justOutside));
      CHECK(neutral(justOutside));
    }
  }

  // The legend: a swatch in each drawn type's colour (a shape some 11 pixels across, the
  // smallest, a triangle, some 35 pixels in all), none
  // for the type of the actor that is not drawn.
  const int x0 = static_cast<int>(left * sx), x1 = static_cast<int>((left + width) * sx);
  const int y0 = static_cast<int>(legendTop), y1 = static_cast<int>(canvasBottom);
  for (const Placed& p : actors) {
    INFO(p.typeKey << " " << str(p.color));
    CHECK(image.count(p.color, kTolerance, x0, y0, x1, y1) >= 25);
  }
  CHECK(image.count(hiddenColor, kTolerance, x0, y0, x1, y1) == 0);
}
