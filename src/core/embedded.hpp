#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace nestmap::embedded {

/// A text file that was compiled into the binary (data/, shaders/, SQL).
struct EmbeddedFile {
  std::string_view path;
  std::string_view data;
};

/// data/ of the source tree: taxonomy, nest template, demo map sources.
std::span<const EmbeddedFile> dataFiles();
/// src/store/sql/: the schema and the migration steps.
std::span<const EmbeddedFile> storeSql();
/// shaders/: the canvas's GLSL sources (linked only into builds with the window).
std::span<const EmbeddedFile> shaders();

/// The file at `path` in `files`, if there is one.
inline std::optional<std::string_view> find(std::span<const EmbeddedFile> files, std::string_view path) {
  for (const auto& f : files)
    if (f.path == path) return f.data;
  return std::nullopt;
}

}  // namespace nestmap::embedded
