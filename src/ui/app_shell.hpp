#pragma once
// [SECTION] AppShell: the menu bar, the keyboard shortcuts and the status bar around the panels

#include <imgui.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ui/export_dialog.hpp"
#include "ui/report_dialog.hpp"
#include "ui/file_dialog.hpp"

namespace nestmap {

class Document;
class CanvasPanel;
struct ViewLayoutRequest;

/// Bestand ▸ Opslaan als: a consistent copy of the map as it is now at `target`, written
/// through a temporary file and moved into place only when whole (writeOutputFile); an
/// existing file, also one that appears meanwhile, is refused. Throws a UserError.
void saveMapCopy(Document& doc, const std::filesystem::path& target);

/// The frame of the window: Bestand (Nieuw, Openen, Recente bestanden, Opslaan
/// als, Sluiten), Bewerken, Beeld (thema, taal), Analyse (lay-outs into the
/// view, the metrics table, colour, focus), Help; Ctrl+Z, Ctrl+Shift+Z
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

  /// Shows `text` in a modal error dialog (e.g. why a map could not be opened).
  void showError(std::string text);

  /// Maps for Bestand ▸ Recente bestanden, newest first; the GUI fills it from the settings.
  std::vector<std::string> recentFiles;
  /// The theme the Beeld menu shows as chosen; drawMenu sets it and the ImGui colours.
  bool darkTheme = false;
  /// What the user asked for in this frame's menu or dialogs, for the GUI loop
  /// (which owns the document) to carry out and clear.
  std::optional<std::filesystem::path> openRequest, newRequest;
  /// Bestand ▸ Exporteren: the GUI composes the picture and draws it in the background (render/output_job.hpp).
  std::optional<ExportRequest> exportRequest;
  /// Bestand ▸ Rapport voor de stuurgroep: the GUI makes the PDF in the background.
  std::optional<ReportRequest> reportRequest;
  /// Analyse ▸ Meetwaarden: the GUI shows the metrics table.
  bool showMetricsRequest = false;

  /// Computes a layout and writes it into a view as one undoable step: the
  /// canvas's view, or for a nest the prison's nest view (made when missing),
  /// which the canvas then shows. The outcome goes to the status bar.
  void applyViewLayout(Document& doc, CanvasPanel& canvas, const ViewLayoutRequest& request);

 private:
  void undo(Document& doc);
  void redo(Document& doc);
  void saveAs(Document& doc);
  void drawAnalysisMenu(Document& doc, CanvasPanel& canvas);

  FileDialog m_openDialog, m_newDialog;
  ExportDialog m_exportDialog;
  ReportDialog m_reportDialog;
  bool m_showShortcuts = false;
  bool m_errorOpen = false;
  std::string m_error;
  bool m_saveAsOpen = false;
  char m_saveAsPath[1024] = {};
};

}  // namespace nestmap
