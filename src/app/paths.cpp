#include "app/paths.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace nestmap {
namespace {

std::filesystem::path home() {
  if (const char* h = std::getenv("HOME"); h && *h) return h;
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir) return pw->pw_dir;
  return std::filesystem::temp_directory_path();
}

// The XDG base directory rule: an unset, empty or relative variable is ignored.
std::filesystem::path xdg(const char* variable, const char* fallback) {
  if (const char* v = std::getenv(variable); v && *v == '/') return v;
  return home() / fallback;
}

}  // namespace

std::filesystem::path userDataDir() { return xdg("XDG_DATA_HOME", ".local/share") / "nestmap"; }
std::filesystem::path userConfigDir() { return xdg("XDG_CONFIG_HOME", ".config") / "nestmap"; }
std::filesystem::path demoMapPath() { return userDataDir() / "demo.nestmap"; }

}  // namespace nestmap
