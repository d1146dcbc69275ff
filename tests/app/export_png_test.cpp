// `nestmap render` end to end under Xvfb: the demo map's first view drawn into a PNG of
// 2400×1600 pixels — larger than the Xvfb screen of 1920×1080, so only an offscreen
// picture can have that size — with the legend along the bottom (a swatch in the colour
// of every actor type that the view draws) and the view's name in the title band (OCR).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <string>

#include "app/cli.hpp"
#include "edit/document.hpp"
#include "support/cli_sandbox.hpp"
#include "support/png_image.hpp"

namespace fs = std::filesystem;
using namespace nestmap;
using namespace nestmap::test;

namespace {

/// The top of the legend band: the lowest row (in the bottom half) that is the band's top
/// line, black at alpha 40 over white (215 grey) across nearly the whole width; -1 when none.
int legendTop(const Image& image) {
  for (int y = image.height() - 1; y >= image.height() / 2; --y)
    if (image.count(Rgb{215, 215, 215}, kTolerance, 0, y, image.width(), y + 1) >= image.width() * 9 / 10) return y;
  return -1;
}

}  // namespace

TEST_CASE("render: a view drawn offscreen at the size asked, with the legend's swatches and the title",
          "[gui][export]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  Sandbox box;
  const fs::path map = box / "demo.nestmap", png = box / "map.png";
  REQUIRE(box.run({"demo", map.string()}).status == kExitOk);
  // The first view's name, and the colour of each actor type that has an actor placed in it.
  std::string viewName;
  std::map<std::string, Rgb> drawnTypes;
  {
    const Document doc = Document::open(map);
    const Model& m = doc.model();
    REQUIRE_FALSE(m.views.empty());
    const View& view = m.views.records().front();
    viewName = view.name;
    REQUIRE(m.positions.count(view.id));
    for (const auto& [actorId, position] : m.positions.at(view.id)) {
      const Actor* actor = m.actors.find(actorId);
      REQUIRE(actor);
      const ActorType* type = m.actorTypes.find(actor->typeId);
      REQUIRE(type);
      drawnTypes[type->key] = Rgb{type->color.r, type->color.g, type->color.b};
    }
  }
  REQUIRE(drawnTypes.size() >= 5);

  const Run r = box.run({"render", map.string(), "--view", viewName, "--out", png.string(), "--size", "2400x1600"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(r.out.find("2400×1600") != std::string::npos);
  const Image image(png);
  REQUIRE(image.width() == 2400);
  REQUIRE(image.height() == 1600);

  // The legend is open along the bottom, whatever its height: a swatch of every type drawn.
  // A swatch at this size is some 19 pixels across (5.5 px radius scaled with the text);
  // the smallest, a triangle, covers well over 40 pixels of its exact colour.
  const int top = legendTop(image);
  REQUIRE(top > 0);
  CHECK(top > image.height() / 2);
  for (const auto& [key, colour] : drawnTypes) {
    INFO(key << " " << str(colour));
    CHECK(image.count(colour, kTolerance, 0, top, image.width(), image.height()) >= 40);
  }
  // Above the legend the map itself: drawn, not an empty page.
  CHECK(image.countIf([](Rgb c) { return !neutral(c); }, 0, 0, image.width(), top) > 2000);

  // The title band names the view (Dutch OCR, so that the accents and dashes are read).
  std::string ocr;
  REQUIRE(shell("tesseract " + quoted(png) + " stdout -l nld", ocr) == 0);
  INFO(ocr);
  CHECK(ocr.find(viewName) != std::string::npos);
}
