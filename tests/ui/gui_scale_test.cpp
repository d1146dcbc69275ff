// The interface follows the monitor's scale: text measured by OCR in the
// app's own screenshot is twice as tall with Xft.dpi 192 (what a HiDPI X11
// desktop sets, read by GLFW as the window's content scale) as with the
// default 96, and NESTMAP_UI_SCALE sets the scale where the desktop says nothing.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "support/cli_sandbox.hpp"
#include "support/png_image.hpp"

namespace fs = std::filesystem;
using nestmap::test::quoted;

namespace {

/// The height in pixels of the word `word` in the screenshot, as tesseract's TSV gives it; 0 when not read.
int wordHeight(const fs::path& png, const std::string& word) {
  const fs::path tsv = png.string() + ".tsv";
  const std::string command = "tesseract " + quoted(png) + " stdout -l nld tsv > " + quoted(tsv) + " 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream in(tsv);
  std::string line;
  while (std::getline(in, line)) {
    // level page block par line word left top width height conf text
    std::istringstream fields(line);
    std::string f[12];
    for (auto& field : f) std::getline(fields, field, '\t');
    if (f[11] == word) return std::stoi(f[9]);
  }
  return 0;
}

}  // namespace

TEST_CASE("fonts and spacing follow the monitor's scale and NESTMAP_UI_SCALE", "[gui]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run the GUI tests through `make test` (xvfb-run)");
  nestmap::test::Sandbox sandbox;
  const fs::path map = sandbox / "demo.nestmap";
  REQUIRE(sandbox.run({"demo", map.string()}).status == 0);

  const fs::path plain = sandbox / "plain.png", forced = sandbox / "forced.png";
  auto shot = [&](const fs::path& png, std::map<std::string, std::string> env) {
    auto r = sandbox.run({map.string(), "--screenshot", png.string(), "--size", "1600x1000"}, env);
    INFO(r.err);
    REQUIRE(r.status == 0);
  };
  shot(plain, {});
  shot(forced, {{"NESTMAP_UI_SCALE", "1.5"}});

  // A display of its own whose resources say 192 dpi (-noreset keeps them once xrdb has gone).
  const fs::path hidpi = sandbox / "hidpi.png", script = sandbox / "hidpi.sh";
  {
    std::ofstream out(script);
    out << "set -e\n"
        << "echo 'Xft.dpi: 192' | xrdb -nocpp -merge\n"
        << "XDG_DATA_HOME=" << quoted(sandbox / "data") << " XDG_CONFIG_HOME=" << quoted(sandbox / "config") << " "
        << NESTMAP_BINARY << ' ' << quoted(map) << " --screenshot " << quoted(hidpi) << " --size 1600x1000\n";
  }
  const std::string command = "env -u NESTMAP_UI_SCALE xvfb-run --auto-servernum --server-args='-screen 0 1920x1200x24 "
                              "-noreset' bash " + quoted(script) + " > " + quoted(sandbox / "hidpi.log") + " 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);

  // "Bestand", the first menu: in every shot, at the top left.
  const int base = wordHeight(plain, "Bestand");
  REQUIRE(base >= 8);
  CHECK(base <= 20);
  const double ratio = static_cast<double>(wordHeight(hidpi, "Bestand")) / base;
  const double forcedRatio = static_cast<double>(wordHeight(forced, "Bestand")) / base;
  INFO("word heights: " << base << " at 96 dpi, ratio " << ratio << " at 192 dpi, " << forcedRatio << " at scale 1.5");
  CHECK(ratio == Approx(2.0).margin(0.25));
  CHECK(forcedRatio == Approx(1.5).margin(0.2));
}
