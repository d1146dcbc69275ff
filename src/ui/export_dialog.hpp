#pragma once
// [SECTION] ExportDialog: Bestand ▸ Exporteren — kind (PNG, SVG, PDF), size and file for a picture of the canvas's view

#include <filesystem>
#include <optional>
#include <string>

#include "core/model.hpp"

namespace nestmap {

/// A picture the user asked for; the GUI loop composes it and draws it in the background.
struct ExportRequest {
  RowId viewId = 0;
  int width = 1920, height = 1080;
  std::filesystem::path out;
  bool replace = false;  ///< an existing file may be replaced (never a map: see writeOutputFile)
};

/// The modal dialog: the kind, width, height and the file (by default next to the map, as
/// <map>-<view>.png, .svg or .pdf; the extension follows the kind).
class ExportDialog {
 public:
  /// Opens the dialog for the view `viewId` of the map at `mapPath`.
  void open(const std::filesystem::path& mapPath, RowId viewId, const std::string& viewName);
  /// Draws the dialog when open; the request on the frame the user confirms.
  std::optional<ExportRequest> draw();
  /// The file suggested for a view: next to the map, "<map>-<view>.png", with characters a path cannot hold replaced.
  static std::filesystem::path suggestedPath(const std::filesystem::path& mapPath, const std::string& viewName,
                                             const std::string& extension = ".png");

 private:
  bool m_open = false, m_opening = false;
  RowId m_viewId = 0;
  std::string m_viewName, m_path, m_error;
  int m_width = 1920, m_height = 1080;
  int m_format = 0;  ///< 0 PNG, 1 SVG, 2 PDF
  bool m_replace = false;
};

}  // namespace nestmap
