#pragma once
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace nestmap {

/// What the window remembers between sessions, kept in settings.json.
struct Settings {
  static constexpr std::size_t kMaxRecent = 8;

  std::optional<int> windowWidth, windowHeight;  ///< the window's size at the last exit
  std::optional<int> windowX, windowY;           ///< its position on the desktop
  std::vector<std::string> recentFiles;          ///< newest first, at most kMaxRecent
  std::string theme = "light";                   ///< "light" or "dark"
  std::string language;                          ///< "nl", "en" or empty (not chosen)

  bool operator==(const Settings&) const = default;
};

/// $XDG_CONFIG_HOME/nestmap/settings.json.
std::filesystem::path settingsPath();

/// Reads `file`; a missing file gives the defaults, a damaged one (or a field
/// of the wrong kind) too, with a warning on `warnings`. Never throws.
Settings loadSettings(const std::filesystem::path& file, std::ostream& warnings);

/// Writes `settings` to `file` through a temporary file beside it (creating
/// the directory). Returns an empty string, or the reason it failed.
std::string saveSettings(const std::filesystem::path& file, const Settings& settings);

/// Puts `path` (made absolute) at the front of the recent files, without
/// duplicates, keeping at most Settings::kMaxRecent.
void addRecentFile(Settings& settings, const std::filesystem::path& path);

}  // namespace nestmap
