#pragma once
// [SECTION] FileDialog: choosing a map file with ImGui alone (no toolkit dialog)

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace nestmap {

/// The entries of one directory that the dialog shows: its subdirectories and
/// its *.nestmap files, each sorted by name, hidden entries (".name") left out.
struct DirectoryListing {
  std::vector<std::string> directories;
  std::vector<std::string> files;
  std::string error;  ///< why the directory could not be read; empty when it could
};

/// Lists `dir` for the dialog; never throws.
DirectoryListing listDirectory(const std::filesystem::path& dir);

/// A modal dialog: the current directory, its subdirectories and maps, a path
/// box and a confirm/cancel pair. Used for Openen (an existing map) and Nieuw
/// (a name for a new one).
class FileDialog {
 public:
  /// Opens the dialog in `directory` with `fileName` in the path box; `title`
  /// and `confirm` are already translated.
  void open(const std::filesystem::path& directory, const std::string& fileName, std::string title,
            std::string confirm);
  /// Draws the dialog while it is open; returns the chosen path once, when confirmed.
  std::optional<std::filesystem::path> draw();
  bool isOpen() const { return m_open; }

 private:
  void changeDirectory(const std::filesystem::path& dir);

  bool m_open = false, m_openPending = false;
  std::string m_title, m_confirm;
  std::filesystem::path m_directory;
  DirectoryListing m_listing;
  char m_path[1024] = {};
};

}  // namespace nestmap
