#pragma once
#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace nestmap {

class Document;

/// The bottom panel with the map's change log, newest first, and the undo and
/// redo buttons that name what they would do.
struct ChangeLogPanel {
  /// Where the last frame drew its buttons, so tests can click them.
  struct Hooks {
    ImVec2 undoCenter{0, 0}, redoCenter{0, 0};
  };

  /// Draws the panel over `pos`, `size`; its buttons undo and redo on `doc`.
  void draw(Document& doc, ImVec2 pos, ImVec2 size);

  /// The entries as shown: newest first.
  const std::vector<ChangeLogEntry>& entries() const { return m_entries; }
  const Hooks& hooks() const { return m_hooks; }

 private:
  void reload(Document& doc);

  // The log is read from the file only when the map changed, not every frame.
  std::uint64_t m_loadedRevision = ~std::uint64_t{0};
  std::vector<ChangeLogEntry> m_entries;
  std::vector<std::string> m_affected;  ///< per entry: its UUIDs, one a line
  std::string m_error;
  Hooks m_hooks;
};

}  // namespace nestmap
