#include "app/paths.hpp"

#include <cstdlib>

#include "platform/platform.hpp"

namespace nestmap {
namespace {

// The XDG base directory rule: an unset, empty or relative variable is ignored.
std::filesystem::path xdg(const char* variable, const char* fallback) {
  if (const char* v = std::getenv(variable); v && *v == '/') return v;
  return platform::homeDir() / fallback;
}

}  // namespace

std::filesystem::path userDataDir() { return xdg("XDG_DATA_HOME", ".local/share") / "nestmap"; }
std::filesystem::path userConfigDir() { return xdg("XDG_CONFIG_HOME", ".config") / "nestmap"; }
std::filesystem::path demoMapPath() { return userDataDir() / "demo.nestmap"; }

}  // namespace nestmap
