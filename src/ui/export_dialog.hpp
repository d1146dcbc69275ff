#pragma once
// [SECTION] ExportDialog: Bestand ▸ Exporteren als PNG — size and file for a picture of the canvas's view

#include <filesystem>
#include <optional>
#include <string>

#include "core/model.hpp"

namespace nestmap {

/// A PNG export the user asked for; the GUI loop carries it out between frames.
struct ExportRequest {
  RowId viewId = 0;
  int width = 1920, height = 1080;
  std::filesystem::path out;
  bool replace = false;  ///< an existing file may be replaced (never a map: see writeOutputFile)
};

/// The modal dialog: width, height and the file (by default next to the map, as <map>-<view>.png).
class ExportDialog {
 public:
  /// Opens the dialog for the view `viewId` of the map at `mapPath`.
  void open(const std::filesystem::path& mapPath, RowId viewId, const std::string& viewName);
  /// Draws the dialog when open; the request on the frame the user confirms.
  std::optional<ExportRequest> draw();
  /// The file suggested for a view: next to the map, "<map>-<view>.png", with characters a path cannot hold replaced.
  static std::filesystem::path suggestedPath(const std::filesystem::path& mapPath, const std::string& viewName);

 private:
  bool m_open = false, m_opening = false;
  RowId m_viewId = 0;
  std::string m_viewName, m_path, m_error;
  int m_width = 1920, m_height = 1080;
  bool m_replace = false;
};

}  // namespace nestmap
