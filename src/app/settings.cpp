#include "app/settings.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <system_error>

#include "app/paths.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "platform/output_file.hpp"

namespace nestmap {
namespace fs = std::filesystem;

fs::path settingsPath() { return userConfigDir() / "settings.json"; }

Settings loadSettings(const fs::path& file, std::ostream& warnings) {
  Settings s;
  std::error_code ec;
  if (!fs::exists(file, ec)) return s;
  try {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(tr("settings.unreadable"));
    const nlohmann::json j = nlohmann::json::parse(in);
    if (!j.is_object()) throw std::runtime_error(tr("settings.not_object"));
    // Each field on its own: one of the wrong kind loses only itself, and a
    // file written by a later Nestmap with more fields still reads.
    if (auto it = j.find("window"); it != j.end() && it->is_object()) {
      const nlohmann::json& w = *it;
      auto field = [&](const char* name, std::optional<int>& out) {
        if (auto f = w.find(name); f != w.end() && f->is_number_integer()) out = f->get<int>();
      };
      field("width", s.windowWidth);
      field("height", s.windowHeight);
      field("x", s.windowX);
      field("y", s.windowY);
    }
    if (auto it = j.find("recent_files"); it != j.end() && it->is_array())
      for (const auto& entry : *it)
        if (entry.is_string() && s.recentFiles.size() < Settings::kMaxRecent)
          s.recentFiles.push_back(entry.get<std::string>());
    if (auto it = j.find("theme"); it != j.end() && it->is_string() && (*it == "light" || *it == "dark"))
      s.theme = it->get<std::string>();
    if (auto it = j.find("language"); it != j.end() && it->is_string() && (*it == "nl" || *it == "en"))
      s.language = it->get<std::string>();
    // A window too small to use (or absurdly large) is not restored.
    if (s.windowWidth && (*s.windowWidth < 320 || *s.windowWidth > 7680)) s.windowWidth.reset();
    if (s.windowHeight && (*s.windowHeight < 240 || *s.windowHeight > 4320)) s.windowHeight.reset();
  } catch (const std::exception& e) {
    warnings << "nestmap: " << trf("settings.ignored", {file.string(), e.what()}) << '\n';
    return Settings{};
  }
  return s;
}

std::string saveSettings(const fs::path& file, const Settings& s) {
  nlohmann::ordered_json j;
  nlohmann::ordered_json window = nlohmann::ordered_json::object();
  if (s.windowWidth) window["width"] = *s.windowWidth;
  if (s.windowHeight) window["height"] = *s.windowHeight;
  if (s.windowX) window["x"] = *s.windowX;
  if (s.windowY) window["y"] = *s.windowY;
  j["window"] = window;
  j["recent_files"] = s.recentFiles;
  j["theme"] = s.theme;
  if (!s.language.empty()) j["language"] = s.language;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return trf("settings.not_written", {file.string(), ec.message()});
  // Through a temporary file of this process, moved over the old settings in one step: a
  // crash never leaves half a settings file, and two windows never share a temporary file.
  try {
    writeOutputBytes(file, {.force = true}, j.dump(2) + '\n');
  } catch (const UserError& e) {
    return trf("settings.not_written", {file.string(), e.what()});
  }
  return {};
}

void addRecentFile(Settings& s, const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  const std::string entry = (ec ? path : absolute.lexically_normal()).string();
  std::erase(s.recentFiles, entry);
  s.recentFiles.insert(s.recentFiles.begin(), entry);
  if (s.recentFiles.size() > Settings::kMaxRecent) s.recentFiles.resize(Settings::kMaxRecent);
}

}  // namespace nestmap
