// settings.json: written and read back, and never fatal when damaged.
#include "app/settings.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "support/language_guard.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

TEST_CASE("settings: a missing file gives the defaults, silently", "[settings]") {
  test::TempDir dir;
  std::ostringstream warnings;
  const Settings s = loadSettings(dir / "nope" / "settings.json", warnings);
  CHECK(s == Settings{});
  CHECK(s.theme == "light");
  CHECK(warnings.str().empty());
}

TEST_CASE("settings: round trip", "[settings]") {
  test::TempDir dir;
  Settings s;
  s.windowWidth = 1400;
  s.windowHeight = 900;
  s.windowX = -20;  // a monitor left of the primary one
  s.windowY = 35;
  s.recentFiles = {"/tmp/a.nestmap", "/home/jan/kaarten/gent ü.nestmap"};
  s.theme = "dark";
  s.language = "en";
  const fs::path file = dir / "config" / "nestmap" / "settings.json";
  CHECK(saveSettings(file, s).empty());
  CHECK_FALSE(fs::exists(file.string() + ".tmp"));
  std::ostringstream warnings;
  CHECK(loadSettings(file, warnings) == s);
  CHECK(warnings.str().empty());

  // Without a window or a language written, they stay unset.
  Settings bare;
  CHECK(saveSettings(file, bare).empty());
  CHECK(loadSettings(file, warnings) == bare);
}

TEST_CASE("settings: a damaged file is ignored with a warning", "[settings]") {
  test::LanguageGuard english(Language::English);
  test::TempDir dir;
  const fs::path file = dir / "settings.json";
  for (const char* bytes : {"{\"theme\": \"dark\", ", "[1, 2, 3]", "\x89PNG\r\n", ""}) {
    INFO(bytes);
    test::writeBytes(file, bytes);
    std::ostringstream warnings;
    CHECK(loadSettings(file, warnings) == Settings{});
    CHECK(warnings.str().rfind("nestmap: settings in " + file.string() + " ignored: ", 0) == 0);
  }
}

TEST_CASE("settings: fields of the wrong kind lose only themselves", "[settings]") {
  test::TempDir dir;
  const fs::path file = dir / "settings.json";
  test::writeBytes(file, R"({"window": {"width": "wide", "height": 700, "x": 10, "y": 1.5},
    "recent_files": ["/a.nestmap", 7, "/b.nestmap"], "theme": "purple", "language": "en", "later": true})");
  std::ostringstream warnings;
  const Settings s = loadSettings(file, warnings);
  CHECK(warnings.str().empty());
  CHECK_FALSE(s.windowWidth);
  CHECK(s.windowHeight == 700);
  CHECK(s.windowX == 10);
  CHECK_FALSE(s.windowY);
  CHECK(s.recentFiles == std::vector<std::string>{"/a.nestmap", "/b.nestmap"});
  CHECK(s.theme == "light");
  CHECK(s.language == "en");

  // A window too small to use is not restored.
  test::writeBytes(file, R"({"window": {"width": 100, "height": 50}})");
  const Settings tiny = loadSettings(file, warnings);
  CHECK_FALSE(tiny.windowWidth);
  CHECK_FALSE(tiny.windowHeight);
}

TEST_CASE("settings: recent files, newest first, no duplicates, at most eight", "[settings]") {
  Settings s;
  for (int i = 0; i < 10; ++i) addRecentFile(s, "/maps/m" + std::string(1, char('a' + i)) + ".nestmap");
  REQUIRE(s.recentFiles.size() == 8);
  CHECK(s.recentFiles.front() == "/maps/mj.nestmap");
  CHECK(s.recentFiles.back() == "/maps/mc.nestmap");
  addRecentFile(s, "/maps/./sub/../me.nestmap");
  CHECK(s.recentFiles.front() == "/maps/me.nestmap");
  CHECK(s.recentFiles.size() == 8);
  CHECK(std::count(s.recentFiles.begin(), s.recentFiles.end(), "/maps/me.nestmap") == 1);
  CHECK(s.recentFiles[1] == "/maps/mj.nestmap");
  // A relative path is remembered absolute, so that it opens from anywhere.
  addRecentFile(s, "rel.nestmap");
  CHECK(fs::path(s.recentFiles.front()).is_absolute());
}
