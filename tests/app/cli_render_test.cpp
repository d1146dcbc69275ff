// `nestmap render` with no display at all (DISPLAY unset): PNG, SVG and PDF by the file's
// extension, the first view without --view, and the refusals (unknown view, bad size, unknown
// kind of file, a PNG too large for memory, an existing file, a map as target) that write nothing.
// The pictures themselves are checked in tests/render/picture_test.cpp.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "app/cli.hpp"
#include "edit/document.hpp"
#include "support/cli_sandbox.hpp"
#include "support/png_image.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using nestmap::test::Run;
using nestmap::test::Sandbox;
namespace fs = std::filesystem;

namespace {

const std::map<std::string, std::string> kNoDisplay{{"DISPLAY", Sandbox::kUnset}, {"WAYLAND_DISPLAY", Sandbox::kUnset}};

std::string head(const fs::path& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(n, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(n));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

/// The top of the legend band: the lowest row (in the bottom half) that is the band's top
/// line, black at alpha 40 over white (215 grey) across nearly the whole width; -1 when none.
int legendTop(const test::Image& image) {
  for (int y = image.height() - 1; y >= image.height() / 2; --y)
    if (image.count(test::Rgb{215, 215, 215}, test::kTolerance, 0, y, image.width(), y + 1) >= image.width() * 9 / 10) return y;
  return -1;
}

}  // namespace

TEST_CASE("cli: render writes PNG, SVG and PDF with no display", "[cli][render]") {
  Sandbox box;
  const std::string map = (box / "demo.nestmap").string();
  REQUIRE(box.run({"demo", map}).status == kExitOk);
  REQUIRE(box.run({"layout", map, "--algo", "nest", "--prison", "Gevangenis Gent"}).status == kExitOk);

  Run r = box.run({"render", map, "--out", (box / "map.png").string(), "--size", "800x600"}, kNoDisplay);
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(r.out == (box / "map.png").string() + " geschreven (800×600).\n");
  CHECK(head(box / "map.png", 8) == "\x89PNG\r\n\x1a\n");

  r = box.run({"render", map, "--view", "Nest Gev. Gent", "--out", (box / "nest.svg").string(), "--as-of",
               "2026-01-15", "--compare", "2025-06-01"},
              kNoDisplay);
  REQUIRE(r.status == kExitOk);
  const std::string svg = head(box / "nest.svg", 1 << 20);
  CHECK(svg.find("<svg") != std::string::npos);

  r = box.run({"render", map, "--view", "Nest Gev. Gent", "--out", (box / "nest.PDF").string(), "--share-safe"},
              kNoDisplay);
  REQUIRE(r.status == kExitOk);
  CHECK(head(box / "nest.PDF", 5) == "%PDF-");
  CHECK(test::entries(box.dir()).size() == 5);  // the map, three pictures, data/: nothing temporary
}

TEST_CASE("cli: render refuses what it cannot draw, and writes nothing", "[cli][render]") {
  Sandbox box;
  const std::string map = (box / "demo.nestmap").string(), png = (box / "map.png").string();
  REQUIRE(box.run({"demo", map}).status == kExitOk);

  Run r = box.run({"render", map, "--view", "Alliantie-overzichtt", "--out", png});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err.find("‘Alliantie-overzichtt’") != std::string::npos);
  CHECK(r.err.find("Alliantie-overzicht?") != std::string::npos);  // the suggestion
  CHECK_FALSE(fs::exists(png));

  for (const char* size : {"40000x100", "1920", "0x0", "axb"}) {
    INFO(size);
    r = box.run({"render", map, "--out", png, "--size", size});
    CHECK(r.status == kExitUsage);
    CHECK_FALSE(fs::exists(png));
  }
  // 32768×32768 is fine for a PDF, not for a PNG in memory.
  r = box.run({"render", map, "--out", png, "--size", "32768x32768"});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err.find("Kies SVG of PDF") != std::string::npos);
  CHECK_FALSE(fs::exists(png));

  r = box.run({"render", map, "--out", (box / "map.jpg").string()});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err.find(".png, .svg of .pdf") != std::string::npos);
  CHECK_FALSE(fs::exists(box / "map.jpg"));

  // An existing file needs --force; a map is never replaced by a picture.
  REQUIRE(box.run({"render", map, "--out", png}).status == kExitOk);
  r = box.run({"render", map, "--out", png});
  CHECK(r.status == kExitExists);
  CHECK(r.err.find("--force") != std::string::npos);
  CHECK(box.run({"render", map, "--out", png, "--force"}).status == kExitOk);
  r = box.run({"render", map, "--out", map, "--force"});
  CHECK(r.status != kExitOk);
  CHECK(box.run({"check", map}).status == kExitOk);

  // A map without views says how to get one.
  const std::string empty = (box / "leeg.nestmap").string();
  REQUIRE(box.run({"new", empty}).status == kExitOk);
  r = box.run({"render", empty, "--out", (box / "leeg.png").string()});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err.find("nog geen weergave") != std::string::npos);
}

TEST_CASE("cli: render draws at the size asked, with the legend's swatches and the title, without a display",
          "[cli][render]") {
  Sandbox box;
  const fs::path map = box / "demo.nestmap", png = box / "map.png";
  REQUIRE(box.run({"demo", map.string()}).status == kExitOk);
  // The first view's name, and the colour of each actor type that has an actor placed in it.
  std::string viewName;
  std::map<std::string, test::Rgb> drawnTypes;
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
      drawnTypes[type->key] = test::Rgb{type->color.r, type->color.g, type->color.b};
    }
  }
  REQUIRE(drawnTypes.size() >= 5);

  const Run r = box.run({"render", map.string(), "--view", viewName, "--out", png.string(), "--size", "2400x1600"},
                        kNoDisplay);
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(r.out.find("2400×1600") != std::string::npos);
  const test::Image image(png);
  REQUIRE(image.width() == 2400);
  REQUIRE(image.height() == 1600);

  // The legend is open along the bottom, whatever its height: a swatch of every type drawn.
  // A swatch at this size is some 19 pixels across (5.5 px radius scaled with the text);
  // the smallest, a triangle, covers well over 40 pixels of its exact colour.
  const int top = legendTop(image);
  REQUIRE(top > 0);
  CHECK(top > image.height() / 2);
  for (const auto& [key, colour] : drawnTypes) {
    INFO(key << " " << test::str(colour));
    CHECK(image.count(colour, test::kTolerance, 0, top, image.width(), image.height()) >= 40);
  }
  // Above the legend the map itself: drawn, not an empty page.
  CHECK(image.countIf([](test::Rgb c) { return !test::neutral(c); }, 0, 0, image.width(), top) > 2000);

  // The title band names the view (Dutch OCR, so that the accents and dashes are read).
  std::string ocr;
  REQUIRE(test::shell("tesseract " + test::quoted(png) + " stdout -l nld", ocr) == 0);
  INFO(ocr);
  CHECK(ocr.find(viewName) != std::string::npos);
}
