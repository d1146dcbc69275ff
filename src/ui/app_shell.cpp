#include "ui/app_shell.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "layout/view_layout.hpp"
#include "platform/output_file.hpp"
#include "ui/canvas_panel.hpp"
#include "ui/edit_scope.hpp"
#include "scene/nest_overlay.hpp"

namespace nestmap {

void AppShell::undo(Document& doc) {
  if (!doc.canUndo() || !editable(doc)) return;
  const std::string what = doc.undoDescription();
  try {
    doc.undo();
  } catch (const UserError& e) {
    // Changed by another program (the map is read again, the history gone), locked, ...: nothing was undone.
    message = e.what();
    messageIsError = true;
    return;
  }
  message = trf("shell.undone", {what});
  messageIsError = false;
}

void AppShell::redo(Document& doc) {
  if (!doc.canRedo() || !editable(doc)) return;
  const std::string what = doc.redoDescription();
  try {
    doc.redo();
  } catch (const UserError& e) {
    message = e.what();
    messageIsError = true;
    return;
  }
  message = trf("shell.redone", {what});
  messageIsError = false;
}

void saveMapCopy(Document& doc, const std::filesystem::path& target) {
  // SQLite's online backup into a temporary file beside the target, moved into place
  // only when whole and never over a file, also not one made meanwhile.
  writeOutputFile(target, {.force = false, .kind = OutputKind::Map, .forceOption = false},
                  [&](const std::filesystem::path& temp) { doc.store().backupTo(temp); });
}

void AppShell::saveAs(Document& doc) {
  const std::filesystem::path target(m_saveAsPath);
  try {
    if (target.empty()) throw UserError(UserError::Kind::InvalidInput, tr("shell.save_as_empty"));
    saveMapCopy(doc, target);
    message = trf("shell.saved_as", {target.string()});
    messageIsError = false;
  } catch (const std::exception& e) {
    message = e.what();
    messageIsError = true;
  }
}

void AppShell::applyViewLayout(Document& doc, CanvasPanel& canvas, const ViewLayoutRequest& request) {
  // The map as the canvas shows it: on a read-only map with the layouts it holds in memory.
  const Model& m = canvas.shownModel(doc);
  try {
    // A nest goes into the prison's own view ("Nest Gent"), made the first time;
    // the other layouts rearrange the view on the canvas.
    View view;
    if (request.algo == "nest") {
      const Actor* prison = m.actors.find(request.prisonId);
      if (!prison) return;
      view.name = nestViewName(*prison);
      for (const auto& [id, existing] : m.views)
        if (foldForSearch(existing.name) == foldForSearch(view.name)) view = existing;
    } else if (const View* current = m.views.find(canvas.options().viewId)) {
      view = *current;
    } else {
      return;
    }
    // A read-only map shows a layout without writing it, in a view it has: a new one cannot be made.
    if (doc.readOnly() && view.id == 0)
      throw UserError(UserError::Kind::ReadOnly, trf("readonly.no_new_view", {view.name}));
    view.layout = request.algo;
    ViewLayout layout = layoutView(m, view.id, request);
    if (doc.readOnly()) {
      if (view.id != canvas.options().viewId) canvas.showView(view.id);
      canvas.showUnsavedLayout(view.id, view.layout, std::move(layout.placement));
      canvas.fit();
      message = layout.summary + " " + tr("readonly.layout_not_saved");
      messageIsError = false;
      return;
    }
    const std::string name = view.name;
    doc.execute(applyLayout(doc.model(), std::move(view), std::move(layout.placement)));
    for (const auto& [id, v] : doc.model().views)
      if (v.name == name) {
        if (id != canvas.options().viewId) canvas.showView(id);
        break;
      }
    canvas.fit();
    message = layout.summary;
    messageIsError = false;
  } catch (const std::exception& e) {
    message = e.what();
    messageIsError = true;
  }
}

void AppShell::drawAnalysisMenu(Document& doc, CanvasPanel& canvas) {
  if (!ImGui::BeginMenu(tr("menu.analysis").c_str())) return;
  const Model& m = doc.model();
  const bool idle = !canvas.layoutRunning();
  if (ImGui::BeginMenu(tr("menu.layout").c_str())) {
    if (ImGui::MenuItem(tr("menu.layout_force").c_str(), nullptr, false, idle)) canvas.startForceLayout(doc);
    if (ImGui::BeginMenu(tr("menu.layout_nest").c_str(), idle)) {
      // The prisons by name; each gets its own nest view.
      const std::vector<const Actor*> prisons = prisonsByName(m);
      if (prisons.empty()) ImGui::TextDisabled("%s", tr("menu.layout_no_prisons").c_str());
      // A read-only map can lay out the nest views it has, not make new ones.
      std::set<RowId> nestViews;
      if (doc.readOnly())
        for (const auto& [id, view] : m.views) nestViews.insert(nestPrisonOf(m, id));
      for (const Actor* prison : prisons) {
        const bool possible = !doc.readOnly() || nestViews.count(prison->id) > 0;
        if (ImGui::MenuItem(prison->name.c_str(), nullptr, false, possible)) {
          ViewLayoutRequest request;
          request.algo = "nest";
          request.prisonId = prison->id;
          applyViewLayout(doc, canvas, request);
        }
        if (!possible && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) readOnlyTooltip();
      }
      ImGui::EndMenu();
    }
    const std::pair<const char*, const char*> others[] = {
        {"sectors", "menu.layout_sectors"}, {"geo", "menu.layout_geo"}, {"grid", "menu.layout_grid"}};
    for (const auto& [algo, label] : others)
      if (ImGui::MenuItem(tr(label).c_str(), nullptr, false, idle)) {
        ViewLayoutRequest request;
        request.algo = algo;
        applyViewLayout(doc, canvas, request);
      }
    ImGui::Separator();
    if (ImGui::MenuItem(tr("menu.layout_stop").c_str(), nullptr, false, !idle)) canvas.stopLayout();
    ImGui::EndMenu();
  }
  ImGui::Separator();
  if (ImGui::MenuItem(tr("menu.show_metrics").c_str())) showMetricsRequest = true;
  ViewOptions view = canvas.viewOptions();
  const std::pair<ColorBy, const char*> colours[] = {{ColorBy::Type, "menu.colour_type"},
                                                     {ColorBy::Sector, "menu.colour_sector"},
                                                     {ColorBy::Community, "menu.colour_community"}};
  if (ImGui::BeginMenu(tr("menu.colour").c_str())) {
    for (const auto& [by, label] : colours)
      if (ImGui::MenuItem(tr(label).c_str(), nullptr, view.colorBy == by)) {
        view.colorBy = by;
        canvas.setViewOptions(view);
      }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem(tr("menu.focus").c_str(), nullptr, view.focusMode)) {
    view.focusMode = !view.focusMode;
    canvas.setViewOptions(view);
  }
  ImGui::EndMenu();
}

void AppShell::showError(std::string text) {
  m_error = std::move(text);
  m_errorOpen = true;
}

float AppShell::drawMenu(Document& doc, CanvasPanel& canvas, bool& quit) {
  float height = 0;
  if (ImGui::BeginMainMenuBar()) {
    if (ImGui::BeginMenu(tr("menu.file").c_str())) {
      // The dialogs start in the folder of the map that is open.
      const std::filesystem::path here = std::filesystem::absolute(doc.path()).parent_path();
      if (ImGui::MenuItem(tr("menu.new").c_str()))
        m_newDialog.open(here, tr("shell.new_name"), tr("shell.new_title"), tr("shell.create"));
      if (ImGui::MenuItem(tr("menu.open").c_str()))
        m_openDialog.open(here, {}, tr("shell.open_title"), tr("shell.open"));
      if (ImGui::BeginMenu(tr("menu.recent").c_str(), !recentFiles.empty())) {
        for (const std::string& file : recentFiles)
          if (ImGui::MenuItem(file.c_str())) openRequest = std::filesystem::path(file);
        ImGui::EndMenu();
      }
      ImGui::Separator();
      if (ImGui::MenuItem(tr("menu.save_as").c_str())) {
        m_saveAsOpen = true;
        const std::string suggestion =
            (doc.path().parent_path() / (doc.path().stem().string() + "-kopie.nestmap")).string();
        std::snprintf(m_saveAsPath, sizeof m_saveAsPath, "%s", suggestion.c_str());
      }
      if (const View* view = doc.model().views.find(canvas.options().viewId);
          ImGui::MenuItem(tr("menu.export_picture").c_str(), nullptr, false, view != nullptr))
        m_exportDialog.open(doc.path(), view->id, view->name);
      if (ImGui::MenuItem(tr("menu.report").c_str())) m_reportDialog.open(doc.path(), canvas.options().asOf);
      ImGui::Separator();
      if (ImGui::MenuItem(tr("menu.close").c_str(), "Ctrl+Q")) quit = true;
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("menu.edit").c_str())) {
      const std::string undoLabel = doc.canUndo() ? trf("menu.undo_what", {doc.undoDescription()}) : tr("menu.undo");
      const std::string redoLabel = doc.canRedo() ? trf("menu.redo_what", {doc.redoDescription()}) : tr("menu.redo");
      // A read-only map has nothing to undo: it says why instead.
      EditScope edit(doc);
      if (ImGui::MenuItem(undoLabel.c_str(), "Ctrl+Z", false, doc.canUndo())) undo(doc);
      if (ImGui::MenuItem(redoLabel.c_str(), "Ctrl+Shift+Z", false, doc.canRedo())) redo(doc);
      if (!edit.editable()) ImGui::TextUnformatted(tr("readonly.badge").c_str());
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("menu.view").c_str())) {
      if (ImGui::MenuItem(tr("menu.fit").c_str(), "F")) canvas.fit();
      if (ImGui::BeginMenu(tr("menu.theme").c_str())) {
        if (ImGui::MenuItem(tr("menu.theme_light").c_str(), nullptr, !darkTheme)) {
          darkTheme = false;
          ImGui::StyleColorsLight();
        }
        if (ImGui::MenuItem(tr("menu.theme_dark").c_str(), nullptr, darkTheme)) {
          darkTheme = true;
          ImGui::StyleColorsDark();
        }
        ImGui::EndMenu();
      }
      if (ImGui::BeginMenu(tr("menu.language").c_str())) {
        if (ImGui::MenuItem("Nederlands", nullptr, language() == Language::Dutch)) setLanguage(Language::Dutch);
        if (ImGui::MenuItem("English", nullptr, language() == Language::English)) setLanguage(Language::English);
        ImGui::EndMenu();
      }
      ImGui::EndMenu();
    }
    drawAnalysisMenu(doc, canvas);
    if (ImGui::BeginMenu(tr("menu.help").c_str())) {
      if (ImGui::MenuItem(tr("menu.shortcuts").c_str())) m_showShortcuts = true;
      ImGui::EndMenu();
    }
    height = ImGui::GetWindowSize().y;
    ImGui::EndMainMenuBar();
  }

  if (m_saveAsOpen) ImGui::OpenPopup(tr("shell.save_as_title").c_str());
  if (ImGui::BeginPopupModal(tr("shell.save_as_title").c_str(), &m_saveAsOpen, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted(tr("shell.save_as_help").c_str());
    ImGui::SetNextItemWidth(520);
    const bool enter =
        ImGui::InputText("##path", m_saveAsPath, sizeof m_saveAsPath, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button(tr("shell.save").c_str()) || enter) {
      saveAs(doc);
      m_saveAsOpen = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("shell.cancel").c_str())) {
      m_saveAsOpen = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  if (auto chosen = m_openDialog.draw()) openRequest = *chosen;
  if (auto chosen = m_exportDialog.draw()) exportRequest = *chosen;
  if (auto chosen = m_reportDialog.draw()) reportRequest = *chosen;
  if (auto chosen = m_newDialog.draw()) {
    // A name without the extension gets it, as `nestmap new` users would expect of a map.
    if (chosen->extension() != ".nestmap") *chosen += ".nestmap";
    newRequest = *chosen;
  }

  if (m_errorOpen) ImGui::OpenPopup(tr("shell.error_title").c_str());
  if (ImGui::BeginPopupModal(tr("shell.error_title").c_str(), &m_errorOpen, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    ImGui::TextUnformatted(m_error.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button(tr("shell.ok").c_str())) {
      m_errorOpen = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  if (m_showShortcuts) ImGui::OpenPopup(tr("menu.shortcuts").c_str());
  if (ImGui::BeginPopupModal(tr("menu.shortcuts").c_str(), &m_showShortcuts, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg)) {
      // Key names with words in them go through the table too.
      const std::string keys[][2] = {{"Ctrl+Z", "shortcut.undo"},
                                     {"Ctrl+Shift+Z, Ctrl+Y", "shortcut.redo"},
                                     {"F", "shortcut.fit"},
                                     {"Delete", "shortcut.delete"},
                                     {"Esc", "shortcut.deselect"},
                                     {tr("shortcut.key_box"), "shortcut.box"},
                                     {tr("shortcut.key_add"), "shortcut.add"},
                                     {tr("shortcut.key_zoom"), "shortcut.zoom"},
                                     {tr("shortcut.key_pan"), "shortcut.pan"},
                                     {"Ctrl+Q", "shortcut.quit"}};
      for (const auto& k : keys) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k[0].c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr(k[1]).c_str());
      }
      ImGui::EndTable();
    }
    if (ImGui::Button(tr("shell.close").c_str())) {
      m_showShortcuts = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  return height;
}

void AppShell::handleShortcuts(Document& doc, bool& quit) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || !io.KeyCtrl) return;
  // The GLFW backend of ImGui 1.86 indexes keys by their GLFW codes.
  if (ImGui::IsKeyPressed(GLFW_KEY_Z, false)) io.KeyShift ? redo(doc) : undo(doc);
  if (ImGui::IsKeyPressed(GLFW_KEY_Y, false)) redo(doc);
  if (ImGui::IsKeyPressed(GLFW_KEY_Q, false)) quit = true;
}

float AppShell::statusBarHeight() { return ImGui::GetFrameHeight() + 6; }

void AppShell::drawStatusBar(const Document& doc, CanvasPanel& canvas, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  const Model& m = doc.model();
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%s", trf("shell.counts", {std::to_string(m.actors.size()), std::to_string(m.ties.size()),
                                         std::to_string(m.agreements.size())})
                        .c_str());
  ImGui::SameLine(0, 24);
  if (doc.readOnly()) {
    // Nothing can be changed, so nothing is waiting to be saved either: say which of the two holds.
    ImGui::TextColored(ImVec4(0.75f, 0.4f, 0.0f, 1), "%s", tr("readonly.badge").c_str());
    if (ImGui::IsItemHovered()) readOnlyTooltip();
  } else {
    // Every command is written through at once: there is nothing left to save.
    ImGui::TextColored(ImVec4(0.15f, 0.5f, 0.25f, 1), "%s", tr("shell.all_saved").c_str());
  }
  if (canvas.layoutRunning()) {
    ImGui::SameLine(0, 24);
    ImGui::TextUnformatted(tr("shell.layout").c_str());
    ImGui::SameLine();
    ImGui::ProgressBar(static_cast<float>(canvas.layoutProgress()), ImVec2(160, 0));
    ImGui::SameLine();
    if (ImGui::SmallButton(tr("shell.stop").c_str())) canvas.stopLayout();
  }
  if (!message.empty()) {
    ImGui::SameLine(0, 24);
    if (messageIsError)
      ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", message.c_str());
    else
      ImGui::TextDisabled("%s", message.c_str());
  }
  ImGui::End();
}

}  // namespace nestmap
