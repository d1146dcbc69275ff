#pragma once
#include <filesystem>
#include <string>

#include "core/model.hpp"

namespace nestmap {

/// Writes `model` as a new map file at `target` through a temporary file beside
/// it, so that `target` is either left as it was or whole; replaces a file there.
/// `demoSources`, when not empty, is kept in the file as the demo's fingerprint.
void buildMapFile(const std::filesystem::path& target, Model model, const std::string& demoSources = {});

/// The demo map with its overview already laid out (ForceAtlas2, seed 1), so
/// that it opens on a picture rather than on a layout being computed.
Model laidOutDemo();

}  // namespace nestmap
