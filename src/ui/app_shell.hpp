#pragma once
// [SECTION] AppShell: the menu bar, the keyboard shortcuts and the status bar around the panels

#include <imgui.h>

#include <filesystem>
#include <string>

namespace nestmap {

class Document;
class CanvasPanel;

/// The frame of the window: Bestand, Bewerken, Beeld, Help; Ctrl+Z, Ctrl+Shift+Z
/// and Ctrl+Y naming the command they undo or redo; and the status bar with
/// the map's counts, "alles opgeslagen" and any background work with a stop button.
struct AppShell {
  /// Draws the main menu bar; returns its height. Sets `quit` when the user closes the map.
  float drawMenu(Document& doc, CanvasPanel& canvas, bool& quit);
  /// Undo, redo and quit from the keyboard; call once per frame.
  void handleShortcuts(Document& doc, bool& quit);
  /// The status bar over the bottom `height` pixels of the window.
  void drawStatusBar(const Document& doc, CanvasPanel& canvas, ImVec2 pos, ImVec2 size);
  /// The height the status bar needs.
  static float statusBarHeight();

  /// A message shown in the status bar (e.g. what undo did, or an error), until the next one.
  std::string message;
  bool messageIsError = false;

 private:
  void undo(Document& doc);
  void redo(Document& doc);
  void saveAs(Document& doc);

  bool m_showShortcuts = false;
  bool m_saveAsOpen = false;
  char m_saveAsPath[1024] = {};
};

}  // namespace nestmap
