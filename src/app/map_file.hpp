#pragma once
#include <filesystem>
#include <string>

#include "core/model.hpp"
#include "platform/output_file.hpp"

namespace nestmap {

/// Writes `model` as a new map file at `target` through a temporary file beside it
/// (writeOutputFile), so that `target` is either left as it was or a whole new map.
/// An existing file is refused unless `output.force`, and then only a map is replaced.
/// `demoSources`, when not empty, is kept in the file as the demo's fingerprint.
void buildMapFile(const std::filesystem::path& target, Model model, const std::string& demoSources = {},
                  OutputOptions output = {});

/// The demo map with its overview already laid out (ForceAtlas2, seed 1), so
/// that it opens on a picture rather than on a layout being computed.
Model laidOutDemo();

}  // namespace nestmap
