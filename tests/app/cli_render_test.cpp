// `nestmap render` with no display at all (DISPLAY unset): PNG, SVG and PDF by the file's
// extension, the first view without --view, and the refusals (unknown view, bad size, unknown
// kind of file, a PNG too large for memory, an existing file, a map as target) that write nothing.
// The pictures themselves are checked in tests/render/picture_test.cpp.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "app/cli.hpp"
#include "support/cli_sandbox.hpp"
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
