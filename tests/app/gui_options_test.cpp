// The window's command-line options (--size, --view, --select), parsed in
// process: a hook stands in for the window and records what it was given.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/language_guard.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

/// A map with two views and two actors, and runCli with a hook for the window.
struct GuiCli {
  test::TempDir dir;
  std::string map = (dir / "map.nestmap").string();
  std::optional<GuiOptions> given;
  std::string out, err;

  GuiCli() {
    Document doc = Document::create(map, defaultModel(embeddedData(), "test"));
    for (const char* name : {"Overzicht", "Gent"}) {
      View v;
      v.name = name;
      doc.execute(putRecord<View>(v));
    }
    Actor a;
    a.typeId = doc.model().actorTypes.records().front().id;
    a.name = "CAW Oost-Vlaanderen";
    a.shortName = "CAW";
    doc.execute(addActor(a));
    a.name = "OCMW Gent";
    a.shortName = "";
    doc.execute(addActor(a));
  }

  int run(std::vector<std::string> args) {
    args.insert(args.begin(), "nestmap");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    CliHooks hooks;
    given.reset();
    hooks.openGui = [this](Document&, const GuiOptions& options) {
      given = options;
      return kExitOk;
    };
    std::ostringstream o, e;
    const int status = runCli(static_cast<int>(argv.size()), argv.data(), hooks, o, e);
    out = o.str();
    err = e.str();
    return status;
  }
};

}  // namespace

TEST_CASE("gui options: parseWindowSize", "[cli][gui_options]") {
  int w = 1, h = 2;
  CHECK(parseWindowSize("1024x768", w, h));
  CHECK((w == 1024 && h == 768));
  CHECK(parseWindowSize("320X240", w, h));
  CHECK((w == 320 && h == 240));
  for (const char* bad : {"", "1024", "x768", "1024x", "1024x768x2", "-1024x768", "1024 x768", "319x240", "7681x800",
                          "800x4321", "99999999x800"}) {
    INFO(bad);
    w = 7, h = 8;
    CHECK_FALSE(parseWindowSize(bad, w, h));
    CHECK((w == 7 && h == 8));
  }
}

TEST_CASE("gui options: size, view and select reach the window", "[cli][gui_options]") {
  test::LanguageGuard dutch(Language::Dutch);
  GuiCli cli;
  REQUIRE(cli.run({cli.map}) == kExitOk);
  REQUIRE(cli.given);
  CHECK(cli.given->width == 1280);
  CHECK(cli.given->height == 800);
  CHECK_FALSE(cli.given->sizeGiven);
  CHECK_FALSE(cli.given->view);
  CHECK_FALSE(cli.given->select);
  CHECK_FALSE(cli.given->screenshot);

  REQUIRE(cli.run({cli.map, "--size", "1024x700", "--view", "gent", "--select", "CAW", "--screenshot", "x.png"}) ==
          kExitOk);
  REQUIRE(cli.given);
  CHECK(cli.given->width == 1024);
  CHECK(cli.given->height == 700);
  CHECK(cli.given->sizeGiven);
  CHECK(cli.given->view == "gent");
  CHECK(cli.given->select == "CAW");
  CHECK(cli.given->screenshot == std::filesystem::path("x.png"));
  CHECK_FALSE(cli.given->screenshotInfo);

  REQUIRE(cli.run({cli.map, "--screenshot", "x.png", "--screenshot-info", "x.json"}) == kExitOk);
  CHECK(cli.given->screenshotInfo == std::filesystem::path("x.json"));

  REQUIRE(cli.run({cli.map, "--width", "900"}) == kExitOk);
  CHECK(cli.given->width == 900);
  CHECK(cli.given->height == 800);
  CHECK(cli.given->sizeGiven);

  REQUIRE(cli.run({cli.map, "--lang", "en"}) == kExitOk);
  CHECK(cli.given->languageGiven);
}

TEST_CASE("gui options: bad sizes are usage errors", "[cli][gui_options]") {
  test::LanguageGuard dutch(Language::Dutch);
  GuiCli cli;
  CHECK(cli.run({cli.map, "--size", "12x12"}) == kExitUsage);
  CHECK(cli.err.find("12x12") != std::string::npos);
  CHECK_FALSE(cli.given);
  // Two ways of giving the width at once is one too many.
  CHECK(cli.run({cli.map, "--size", "1024x768", "--width", "900"}) == kExitUsage);
  CHECK_FALSE(cli.given);
  // What the screenshot shows is said only next to a screenshot.
  CHECK(cli.run({cli.map, "--screenshot-info", "x.json"}) == kExitUsage);
  CHECK(cli.err.find("--screenshot") != std::string::npos);
  CHECK_FALSE(cli.given);
}

TEST_CASE("gui options: unknown view or actor names exit 9 before a window opens", "[cli][gui_options]") {
  test::LanguageGuard dutch(Language::Dutch);
  GuiCli cli;
  CHECK(cli.run({cli.map, "--view", "Antwerpen"}) == kExitInvalidInput);
  CHECK_FALSE(cli.given);
  CHECK(cli.err == "nestmap: Geen weergave (of meer dan één) past bij ‘Antwerpen’.\n");

  CHECK(cli.run({cli.map, "--select", "OCMW Gnet"}) == kExitInvalidInput);
  CHECK_FALSE(cli.given);
  CHECK(cli.err.find("‘OCMW Gnet’") != std::string::npos);
  CHECK(cli.err.find("Bedoelt u: OCMW Gent") != std::string::npos);
}
