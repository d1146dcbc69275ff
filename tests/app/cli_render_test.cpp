// `nestmap render` refusals that come before any OpenGL: an unknown view (with the
// suggestion the other --view options give) and a size that is no WIDTHxHEIGHT; no file
// is written. The pictures themselves are checked under Xvfb (tests/app/export_png_test.cpp).
#include <catch2/catch.hpp>
#include <filesystem>

#include "app/cli.hpp"
#include "support/cli_sandbox.hpp"

using namespace nestmap;
using nestmap::test::Run;
using nestmap::test::Sandbox;

TEST_CASE("cli: render refuses an unknown view and a bad size, and writes nothing", "[cli][render]") {
  Sandbox box;
  const std::string map = (box / "demo.nestmap").string(), png = (box / "map.png").string();
  REQUIRE(box.run({"demo", map}).status == kExitOk);

  Run r = box.run({"render", map, "--view", "Alliantie-overzichtt", "--out", png});
  CHECK(r.status == kExitInvalidInput);
  CHECK(r.err.find("‘Alliantie-overzichtt’") != std::string::npos);
  CHECK(r.err.find("Alliantie-overzicht?") != std::string::npos);  // the suggestion
  CHECK_FALSE(std::filesystem::exists(png));

  for (const char* size : {"40000x100", "1920", "0x0", "axb"}) {
    INFO(size);
    r = box.run({"render", map, "--view", "Alliantie-overzicht", "--out", png, "--size", size});
    CHECK(r.status == kExitUsage);
    CHECK_FALSE(std::filesystem::exists(png));
  }
  r = box.run({"render", map, "--out", png});  // --view is required
  CHECK(r.status == kExitUsage);
  CHECK_FALSE(std::filesystem::exists(png));
}
