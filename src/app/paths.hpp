#pragma once
#include <filesystem>

namespace nestmap {

/// Where Nestmap keeps user data: $XDG_DATA_HOME/nestmap (default ~/.local/share/nestmap).
std::filesystem::path userDataDir();
/// Where Nestmap keeps settings: $XDG_CONFIG_HOME/nestmap (default ~/.config/nestmap).
std::filesystem::path userConfigDir();
/// The demo map built from data/: userDataDir()/demo.nestmap.
std::filesystem::path demoMapPath();

}  // namespace nestmap
