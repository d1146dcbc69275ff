#pragma once
#include <filesystem>
#include <optional>

namespace nestmap {

class Document;

/// How the GUI is started from the command line.
struct GuiOptions {
  std::optional<std::filesystem::path> screenshot;  ///< write a PNG of the window after a few frames, then quit
  int width = 1280, height = 800;
};

}  // namespace nestmap
