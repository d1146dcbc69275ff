#include "app/gui.hpp"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstdlib>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "app/cli.hpp"
#include "app/map_file.hpp"
#include "app/settings.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "io/graph_import.hpp"
#include "layout/view_layout.hpp"
#include "analysis/nest_coverage.hpp"
#include "platform/output_file.hpp"
#include "platform/platform.hpp"
#include "render/cairo_renderer.hpp"
#include "render/output_job.hpp"
#include "render/report_pdf.hpp"
#include "render/screenshot.hpp"
#include "scene/view_picture.hpp"
#include "ui/agreements_panel.hpp"
#include "ui/app_shell.hpp"
#include "ui/canvas_panel.hpp"
#include "ui/change_log_panel.hpp"
#include "ui/coverage_panel.hpp"
#include "ui/partner_panel.hpp"
#include "ui/warnings_panel.hpp"
#include "ui/fonts.hpp"
#include "ui/frame_recovery.hpp"
#include "ui/inspector_panel.hpp"
#include "scene/nest_overlay.hpp"
#include "ui/metrics_panel.hpp"
#include "ui/overview_panel.hpp"
#include "ui/presentation.hpp"
#include "ui/sidebar_panel.hpp"
#include "ui/timeline_panel.hpp"

namespace nestmap {
namespace fs = std::filesystem;
namespace {

/// A small window at the bottom right while an export draws: how far it is, and a button to stop it.
void drawExportProgress(OutputJob& job, const std::string& label) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float pad = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - pad, viewport->WorkPos.y + viewport->WorkSize.y - 3 * pad),
                          ImGuiCond_Always, ImVec2(1, 1));
  ImGui::Begin("##export_progress", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::TextUnformatted(label.c_str());
  ImGui::ProgressBar(static_cast<float>(job.progress()), ImVec2(pad * 16, 0));
  ImGui::SameLine();
  if (ImGui::Button(tr("export.cancel").c_str())) job.cancel();
  ImGui::End();
}

/// The bottom panel's tabs: the --panel name and the title's text key of each.
constexpr std::pair<const char*, const char*> kBottomTabs[] = {
    {"metrics", "gui.tab_metrics"},   {"agreements", "gui.tab_agreements"}, {"timeline", "gui.tab_timeline"},
    {"coverage", "gui.tab_coverage"}, {"warnings", "gui.tab_warnings"},     {"partners", "gui.tab_partners"},
    {"log", "gui.tab_log"}};
constexpr int kTabMetrics = 0, kTabAgreements = 1, kTabTimeline = 2, kTabCoverage = 3, kTabWarnings = 4,
              kTabPartners = 5, kTabCount = 7;

void glfwErrorToStderr(int code, const char* description) {
  std::cerr << "nestmap: GLFW " << code << ": " << description << '\n';
}

/// The panels that keep state about one document (caches keyed on its
/// revision, a selection, a running job). A document switch gets fresh ones,
/// so that revision 7 of one map is never taken for revision 7 of another.
struct DocumentPanels {
  OverviewPanel overview;
  CanvasPanel canvas;
  MetricsPanel metrics;
  ChangeLogPanel changeLog;
  InspectorPanel inspector;
  SidebarPanel sidebar;
  AgreementsPanel agreements;
  TimelinePanel timeline;
  CoveragePanel coverage;
  WarningsPanel warnings;
  PartnerPanel partners;
  RowId shownAgreement = 0;  ///< the register's pick, as last handed to the canvas
  int bottomTab = 0;  // kBottomTabs: metrics, agreements, timeline, coverage, warnings, partners, change log
  int leftTab = 0;    // 0 the map's overview, 1 actors and views
};

std::unique_ptr<DocumentPanels> makePanels() {
  auto panels = std::make_unique<DocumentPanels>();
  std::string glError;
  if (!panels->canvas.init(glError)) std::cerr << "nestmap: " << trf("gui.no_canvas", {glError}) << '\n';
  return panels;
}

/// The title bar: the map's name, and that it can only be read when so.
std::string windowTitle(const Document& doc) {
  std::string title = "Nestmap — " + doc.model().info.name;
  if (doc.readOnly()) title += " (" + tr("readonly.badge") + ")";
  return title;
}


/// Writes the settings when they differ from what was last written; a failure
/// is said once on stderr and never stops the window.
void writeSettings(const Settings& settings, Settings& written) {
  if (settings == written) return;
  written = settings;
  if (std::string error = saveSettings(settingsPath(), settings); !error.empty())
    std::cerr << "nestmap: " << error << '\n';
}

/// Whether the point lies in the work area of a connected monitor: a window
/// saved on a monitor that is gone is not put back there, out of sight.
bool onSomeMonitor(int x, int y) {
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  for (int i = 0; i < count; ++i) {
    int mx = 0, my = 0, mw = 0, mh = 0;
    glfwGetMonitorWorkarea(monitors[i], &mx, &my, &mw, &mh);
    if (x >= mx && y >= my && x < mx + mw - 40 && y < my + mh - 40) return true;
  }
  return false;
}

void applyTheme(bool dark) { dark ? ImGui::StyleColorsDark() : ImGui::StyleColorsLight(); }

/// Where a window lies and how large it is, to come back to after full screen.
struct WindowPlace {
  int x = 0, y = 0, width = 1280, height = 800;
};

/// Puts the window full screen on its monitor (remembering its place in `windowed`), or back.
void setFullScreen(GLFWwindow* window, bool full, WindowPlace& windowed) {
  if (full) {
    glfwGetWindowPos(window, &windowed.x, &windowed.y);
    glfwGetWindowSize(window, &windowed.width, &windowed.height);
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (mode) glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else if (glfwGetWindowMonitor(window)) {
    glfwSetWindowMonitor(window, nullptr, windowed.x, windowed.y, windowed.width, windowed.height, 0);
  }
}

/// The interface's scale: NESTMAP_UI_SCALE when set to a number from 0.5 to 4,
/// else the window's content scale as the desktop reports it.
float uiScale(GLFWwindow* window) {
  if (const char* forced = std::getenv("NESTMAP_UI_SCALE")) {
    char* end = nullptr;
    const float value = std::strtof(forced, &end);
    if (end != forced && *end == '\0' && value >= 0.5f && value <= 4.0f) return value;
  }
  float x = 1, y = 1;
  glfwGetWindowContentScale(window, &x, &y);
  return x > 0 ? x : 1.0f;
}

/// What a test needs to find the map in a screenshot: the window and framebuffer sizes, the
/// canvas's rectangle (ImGui coordinates: logical pixels, y down from the window's top), its
/// camera (layout coordinates, y up; zoom in logical pixels per layout unit) and the actors'
/// radius in layout units. Written through writeOutputFile(); throws a UserError when it cannot be.
void writeScreenshotInfo(const fs::path& path, const OutputOptions& output, const CanvasPanel& canvas, ImVec2 fbScale,
                         int fbWidth, int fbHeight) {
  const ImGuiIO& io = ImGui::GetIO();
  const auto [pos, size] = canvas.rect();
  const Camera& camera = canvas.camera();
  const nlohmann::json info = {
      {"window", {{"width", io.DisplaySize.x}, {"height", io.DisplaySize.y}}},
      {"framebuffer", {{"width", fbWidth}, {"height", fbHeight}, {"scaleX", fbScale.x}, {"scaleY", fbScale.y}}},
      {"canvas", {{"x", pos.x}, {"y", pos.y}, {"width", size.x}, {"height", size.y}}},
      {"camera", {{"centerX", camera.center.x}, {"centerY", camera.center.y}, {"zoom", camera.zoom}}},
      {"nodeRadius", canvas.options().nodeRadius},
  };
  writeOutputBytes(path, output, info.dump(2) + '\n');
}

}  // namespace

int runGui(Document& startDoc, const GuiOptions& options) {
  // The window owns the map it shows, so that Bestand ▸ Openen can put
  // another in its place; the caller's document is moved in (the command
  // line does nothing with it afterwards).
  std::optional<Document> doc(std::move(startDoc));

  // A screenshot is a picture of the map as the command line asks for it:
  // the user's saved window, theme and language play no part, and it leaves
  // nothing behind in the settings.
  const bool useSettings = !options.screenshot;
  Settings settings = useSettings ? loadSettings(settingsPath(), std::cerr) : Settings{};
  Settings written = settings;
  if (useSettings && !options.languageGiven && !settings.language.empty()) {
    Language l;
    if (parseLanguage(settings.language, l)) setLanguage(l);
  }
  const Language startLanguage = language();
  int width = options.width, height = options.height;
  const bool restoreWindow = useSettings && !options.sizeGiven;
  if (restoreWindow && settings.windowWidth && settings.windowHeight) {
    width = *settings.windowWidth;
    height = *settings.windowHeight;
  }

  glfwSetErrorCallback(glfwErrorToStderr);
  if (!glfwInit()) {
    std::cerr << "nestmap: " << tr("gui.no_display") << '\n';
    return kExitGui;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(width, height, windowTitle(*doc).c_str(), nullptr, nullptr);
  if (!window) {
    std::cerr << "nestmap: " << tr("gui.no_window") << '\n';
    glfwTerminate();
    return kExitGui;
  }
  if (restoreWindow && settings.windowX && settings.windowY && onSomeMonitor(*settings.windowX, *settings.windowY))
    glfwSetWindowPos(window, *settings.windowX, *settings.windowY);
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // window layout is the app's business, not imgui.ini's
  AppShell shell;
  shell.darkTheme = settings.theme == "dark";
  applyTheme(shell.darkTheme);
  // Fonts and spacing follow the monitor's content scale (Xft.dpi on X11,
  // the display scale on Wayland and macOS), also when the window moves to
  // another monitor; NESTMAP_UI_SCALE overrides it where the desktop says nothing.
  float scale = uiScale(window);
  InterfaceFonts fonts = loadInterfaceFonts(17.0f * scale);
  ImGui::GetStyle().ScaleAllSizes(scale);
  if (!fonts.dejaVu) std::cerr << "nestmap: " << tr("gui.no_font") << '\n';
  auto rescale = [&](float next) {
    scale = next;
    ImGui::GetStyle() = ImGuiStyle();
    applyTheme(shell.darkTheme);
    ImGui::GetStyle().ScaleAllSizes(scale);
    io.Fonts->Clear();
    fonts = loadInterfaceFonts(17.0f * scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  };
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  int exitCode = kExitOk;
  std::unique_ptr<DocumentPanels> panels = makePanels();
  std::unique_ptr<OutputJob> exportJob;  ///< Bestand ▸ Exporteren, while it draws and writes
  std::pair<std::string, std::string> exportSize;  ///< its width and height, for the message when it is written
  std::shared_ptr<std::atomic<int>> reportPages;    ///< set while the job is the report: its pages, when made
  if (useSettings) addRecentFile(settings, doc->path());
  // Names were checked by the command line; the canvas matches them the same way.
  if (options.view && !panels->canvas.showViewNamed(doc->model(), *options.view)) {
    std::cerr << "nestmap: " << trf("gui.unknown_view", {*options.view}) << '\n';
    exitCode = kExitInvalidInput;
  }
  if (options.select && !panels->canvas.selectNamed(doc->model(), *options.select)) {
    std::cerr << "nestmap: " << trf("gui.unknown_actor", {*options.select}) << '\n';
    exitCode = kExitInvalidInput;
  }
  // The first bottom tab, and an agreement picked in the register and on the canvas.
  std::optional<int> firstTab;
  if (options.panel) {
    for (int i = 0; i < kTabCount; ++i)
      if (*options.panel == kBottomTabs[i].first) firstTab = i;
  }
  if (options.agreement) {
    std::vector<NameCandidate> agreements;
    for (const auto& [id, a] : doc->model().agreements) agreements.push_back({id, a.title, {a.title}});
    if (const NameMatch match = matchName(*options.agreement, agreements); match.id) {
      panels->agreements.select(match.id);
      if (!firstTab) firstTab = kTabAgreements;
    } else {
      std::cerr << "nestmap: " << trf("gui.unknown_agreement", {*options.agreement}) << '\n';
      exitCode = kExitInvalidInput;
    }
  }
  if (options.asOf) panels->timeline.setAsOf(options.asOf);
  if (options.compareWith) panels->timeline.setCompareWith(options.compareWith);
  if (exitCode != kExitOk) glfwSetWindowShouldClose(window, GLFW_TRUE);

  // Puts `next` in the place of the open map, with fresh panels.
  auto switchTo = [&](Document next) {
    panels.reset();  // before the document they point into
    doc.emplace(std::move(next));
    panels = makePanels();
    glfwSetWindowTitle(window, windowTitle(*doc).c_str());
    if (useSettings) addRecentFile(settings, doc->path());
  };
  auto openMap = [&](const fs::path& path) {
    std::error_code ec;
    if (fs::equivalent(path, doc->path(), ec)) {
      shell.message = tr("shell.already_open");
      shell.messageIsError = false;
      return;
    }
    try {
      switchTo(Document::open(path));
      shell.message = trf("shell.opened", {path.string()});
      shell.messageIsError = false;
    } catch (const UserError& e) {
      // The map that was open stays open; the reason is said in a dialog.
      shell.showError(trf("shell.open_failed", {path.string(), e.what()}));
      if (e.kind() == UserError::Kind::NotFound) std::erase(settings.recentFiles, path.string());
    } catch (const std::exception& e) {
      shell.showError(trf("shell.open_failed", {path.string(), e.what()}));
    }
  };
  auto newMap = [&](const fs::path& path) {
    try {
      // Never over an existing file, also not one that appears while the map is built.
      buildMapFile(path, defaultModel(embeddedData(), mapNameFor(path)), {},
                   {.force = false, .kind = OutputKind::Map, .forceOption = false});
      switchTo(Document::open(path));
      shell.message = trf("shell.created", {path.string()});
      shell.messageIsError = false;
    } catch (const std::exception& e) {
      shell.showError(trf("shell.new_failed", {path.string(), e.what()}));
    }
  };
  Presentation presentation;
  bool presenting = false, refitNextFrame = false;
  WindowPlace windowed;  // where the window was before the presentation took the screen
  if (options.present) presentation.start(doc->model(), panels->canvas.options().viewId);
  int frame = 0;
  auto lastPoll = std::chrono::steady_clock::now();
  std::string shownTitle = windowTitle(*doc);
  while (!glfwWindowShouldClose(window)) {
    // Idle maps cost no CPU (but still notice external changes); a running layout,
    // a playing timeline or a camera flight draws every frame; an export in the background
    // ten frames a second, for its progress bar.
    if (options.screenshot || panels->canvas.animating() || panels->timeline.playing())
      glfwPollEvents();
    else if (exportJob)
      glfwWaitEventsTimeout(0.1);
    else
      glfwWaitEventsTimeout(1.0);

    auto now = std::chrono::steady_clock::now();
    if (now - lastPoll > std::chrono::seconds(1)) {
      lastPoll = now;
      try {
        if (doc->reloadIfChangedExternally()) {
          shell.message = tr("shell.reloaded");
          shell.messageIsError = false;
        }
      } catch (const std::exception& e) {
        // Locked for longer than the busy timeout, say: the map on screen stays; try again in a second.
        shell.message = e.what();
        shell.messageIsError = true;
      }
    }
    // The title follows the map's name and the language.
    if (std::string title = windowTitle(*doc); title != shownTitle) {
      glfwSetWindowTitle(window, title.c_str());
      shownTitle = std::move(title);
    }

    if (const float now = uiScale(window); std::abs(now - scale) > 0.01f) rescale(now);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // A screenshot shows the map as it is, not a tooltip of wherever Xvfb's pointer happens to rest.
    if (options.screenshot) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    // Menu bar; the map's name across the top; the sidebar on the left; the
    // canvas in the rest; the status bar along the bottom.
    bool quit = false;
    try {
      // F5: the views as slides, full screen, nothing to edit.
      if (const RowId slide = presentation.handleKeys(doc->model(), panels->canvas.options().viewId))
        panels->canvas.showView(slide);
      // The font scale takes effect from the next frame on: fit then too, with the legend at its new size.
      if (std::exchange(refitNextFrame, false)) panels->canvas.fit();
      if (presentation.active() != presenting) {
        presenting = presentation.active();
        setFullScreen(window, presenting && !options.screenshot, windowed);
        panels->canvas.fit();
        refitNextFrame = true;
      }
      panels->canvas.setReadOnly(presenting);
      io.FontGlobalScale = presenting ? 1.5f : 1.0f;
      if (presenting) {
        DocumentPanels& p = *panels;
        p.canvas.setUiScale(scale * 1.5f);
        p.canvas.setTimeline(p.timeline.asOf(), p.timeline.compareWith());
        const ImGuiViewport* viewport = ImGui::GetMainViewport();
        const float band = fonts.heading->FontSize * 1.5f + ImGui::GetFontSize() * 1.5f * 1.2f;
        p.canvas.draw(*doc, ImVec2(viewport->Pos.x, viewport->Pos.y + band),
                      ImVec2(viewport->Size.x, viewport->Size.y - band));
        presentation.drawOverlay(doc->model(), viewport->Pos, viewport->Size, fonts.heading,
                                 p.timeline.asOf().value_or(Date::today()));
        if (std::string refusal = p.canvas.takeRefusal(); !refusal.empty()) {
          shell.message = std::move(refusal);
          shell.messageIsError = true;
        }
      } else {
      shell.handleShortcuts(*doc, quit);
      shell.recentFiles = settings.recentFiles;
      const float menuHeight = shell.drawMenu(*doc, panels->canvas, quit);
      DocumentPanels& p = *panels;
      const bool showMetrics = std::exchange(shell.showMetricsRequest, false);
      p.canvas.setUiScale(scale);
      const ImGuiViewport* viewport = ImGui::GetMainViewport();
      const ImVec2 origin(viewport->Pos.x, viewport->Pos.y + menuHeight);
      const ImVec2 area(viewport->Size.x, viewport->Size.y - menuHeight);
      const float headerHeight = fonts.heading->FontSize + 2 * ImGui::GetStyle().WindowPadding.y + 4;
      const float statusHeight = AppShell::statusBarHeight();
      const float sidebarWidth = std::min(360.0f * scale, area.x * 0.3f);
      const float bodyTop = origin.y + headerHeight, bodyHeight = area.y - headerHeight - statusHeight;
      p.overview.drawHeader(*doc, fonts, origin, ImVec2(area.x, headerHeight));
      // The left column: the map's overview, or its actors and views, chosen with tabs.
      const float leftTabsHeight = ImGui::GetFrameHeight() + 8;
      ImGui::SetNextWindowPos(ImVec2(origin.x, bodyTop));
      ImGui::SetNextWindowSize(ImVec2(sidebarWidth, leftTabsHeight));
      ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 4));
      ImGui::Begin("##lefttabs", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
      ImGui::PopStyleVar();
      if (ImGui::BeginTabBar("##left")) {
        if (ImGui::BeginTabItem(tr("gui.tab_overview").c_str())) {
          p.leftTab = 0;
          ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(tr("gui.tab_actors").c_str())) {
          p.leftTab = 1;
          ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
      }
      ImGui::End();
      const ImVec2 leftPos(origin.x, bodyTop + leftTabsHeight);
      const ImVec2 leftSize(sidebarWidth, bodyHeight - leftTabsHeight);
      if (p.leftTab == 0) {
        p.overview.draw(*doc, leftPos, leftSize);
      } else {
        const auto picked =
            p.sidebar.draw(*doc, p.canvas.options().viewId, p.canvas.options().selection, leftPos, leftSize);
        if (picked.selectActor) p.canvas.selectAndCentre(picked.selectActor);
        if (picked.showView) p.canvas.showView(picked.showView);
      }
      // The inspector on the right; the canvas and the bottom panel between. The
      // register, the timeline, the heatmap, the warnings and the partners get more
      // room: taller, and as wide as the canvas and the inspector together.
      const float inspectorWidth = std::min(330.0f * scale, (area.x - sidebarWidth) * 0.3f);
      const float middleWidth = area.x - sidebarWidth - inspectorWidth;
      const bool tall = p.bottomTab != kTabMetrics && p.bottomTab != kTabCount - 1;
      const float bottomHeight =
          std::round(std::min((tall ? 380.0f : 230.0f) * scale, bodyHeight * (tall ? 0.48f : 0.3f)));
      const float canvasHeight = bodyHeight - bottomHeight;
      const float bottomWidth = tall ? middleWidth + inspectorWidth : middleWidth;
      p.inspector.draw(*doc, p.canvas.options().selection, ImVec2(origin.x + area.x - inspectorWidth, bodyTop),
                       ImVec2(inspectorWidth, tall ? canvasHeight : bodyHeight), p.canvas.selectedTie());
      // An agreement clicked in the inspector is picked in the register, which shows it on the canvas.
      std::optional<int> selectTab = std::exchange(firstTab, std::nullopt);
      if (showMetrics) selectTab = kTabMetrics;
      if (const RowId agreement = p.inspector.takeClickedAgreement()) {
        p.agreements.select(agreement);
        selectTab = kTabAgreements;
      }
      // Below the canvas: the metrics table, the agreements register, the timeline, the
      // coverage, the warnings, the partners or the change log, chosen with tabs.
      const ImVec2 bottomPos(origin.x + sidebarWidth, bodyTop + canvasHeight);
      const float tabsHeight = ImGui::GetFrameHeight() + 8;
      ImGui::SetNextWindowPos(bottomPos);
      ImGui::SetNextWindowSize(ImVec2(bottomWidth, tabsHeight));
      ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 4));
      ImGui::Begin("##bottomtabs", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
      ImGui::PopStyleVar();
      if (ImGui::BeginTabBar("##bottom")) {
        for (int tab = 0; tab < kTabCount; ++tab)
          if (ImGui::BeginTabItem(tr(kBottomTabs[tab].second).c_str(), nullptr,
                                  selectTab == tab ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None)) {
            p.bottomTab = tab;
            ImGui::EndTabItem();
          }
        ImGui::EndTabBar();
      }
      ImGui::End();
      const ImVec2 panelPos(bottomPos.x, bottomPos.y + tabsHeight);
      const ImVec2 panelSize(bottomWidth, bottomHeight - tabsHeight);
      // The measures follow the timeline's date; the metrics keep computing for the canvas's tooltip.
      // So do the coverage, the warnings and the partners.
      p.metrics.setAsOf(p.timeline.asOf());
      p.coverage.setAsOf(p.timeline.asOf());
      p.warnings.setAsOf(p.timeline.asOf());
      p.partners.setAsOf(p.timeline.asOf());
      switch (p.bottomTab) {
        case kTabMetrics:
          if (RowId clicked = p.metrics.draw(*doc, panelPos, panelSize)) p.canvas.selectAndCentre(clicked);
          break;
        case kTabAgreements:
          p.agreements.draw(*doc, panelPos, panelSize);
          break;
        case kTabTimeline:
          p.timeline.draw(*doc, panelPos, panelSize);
          break;
        case kTabCoverage:
          p.coverage.draw(*doc, panelPos, panelSize);
          break;
        case kTabWarnings:
          p.warnings.draw(*doc, panelPos, panelSize);
          break;
        case kTabPartners:
          p.partners.draw(*doc, panelPos, panelSize);
          break;
        default:
          p.changeLog.draw(*doc, panelPos, panelSize);
      }
      if (p.bottomTab != kTabMetrics) p.metrics.update(*doc);
      // A heatmap cell opens the prison's nest view (made the first time) with the category's wedge tinted.
      if (const auto open = p.coverage.takeOpenRequest()) {
        const Actor* prison = doc->model().actors.find(open->prisonId);
        bool shown = false;
        for (const auto& [id, view] : doc->model().views)
          if (prison && view.layout == "nest" && nestPrisonOf(doc->model(), id) == prison->id && !shown) {
            p.canvas.showView(id);
            shown = true;
          }
        if (prison && !shown) {
          ViewLayoutRequest request;
          request.algo = "nest";
          request.prisonId = prison->id;
          request.asOf = p.timeline.asOf().value_or(Date::today());
          shell.applyViewLayout(*doc, p.canvas, request);
        }
        p.canvas.highlightCategory(open->categoryId);
      }
      if (const auto picked = p.warnings.takeSelection()) p.canvas.selectActors(picked->actors, picked->tieId);
      // The partner picked for an ambassador: its introduction drawn on the map, the candidate selected.
      if (p.partners.takeSelectionChanged()) {
        p.canvas.showPath(p.partners.selectedPath());
        if (const RowId candidate = p.partners.selectedCandidate()) p.canvas.selectAndCentre(candidate);
      }
      if (const RowId planned = p.partners.takePlannedAgreement()) p.agreements.select(planned);
      p.canvas.setTimeline(p.timeline.asOf(), p.timeline.compareWith());
      // The register's pick is shown on the canvas (and let go there when the register lets go).
      if (p.agreements.selectedAgreement() != p.shownAgreement) {
        p.shownAgreement = p.agreements.selectedAgreement();
        p.canvas.showAgreement(p.shownAgreement);
      }
      // The editor floats over the canvas's right half.
      p.agreements.drawEditor(*doc, p.canvas.options().selection,
                              ImVec2(origin.x + sidebarWidth + middleWidth * 0.45f, bodyTop + 8),
                              ImVec2(std::min(560.0f * scale, middleWidth * 0.55f), bodyHeight - 16));
      const bool measuresCurrent = p.metrics.hasResult() && p.metrics.resultRevision() == doc->revision();
      p.canvas.setActorMeasures(measuresCurrent ? &p.metrics.rows() : nullptr);
      p.canvas.draw(*doc, ImVec2(origin.x + sidebarWidth, bodyTop), ImVec2(middleWidth, canvasHeight));
      // Another prison picked in a nest view: its own nest view, laid out on the timeline's day.
      if (const RowId prison = p.canvas.takeNestRequest()) {
        ViewLayoutRequest request;
        request.algo = "nest";
        request.prisonId = prison;
        request.asOf = p.timeline.asOf().value_or(Date::today());
        shell.applyViewLayout(*doc, p.canvas, request);
      }
      // A command the canvas could not carry out says why in the status bar.
      if (std::string refusal = p.canvas.takeRefusal(); !refusal.empty()) {
        shell.message = std::move(refusal);
        shell.messageIsError = true;
      }
      shell.drawStatusBar(*doc, p.canvas, ImVec2(origin.x, bodyTop + bodyHeight), ImVec2(area.x, statusHeight));
      }
    } catch (const std::exception& e) {
      // Panels catch the refusals they expect (UserError) where they push a command;
      // whatever else was thrown halfway through a panel leaves its window open.
      // Close it, so that the frame still ends and the window goes on; the map is
      // as the file has it, and the reason goes to the status bar.
      recoverImGuiStacks();
      shell.message = e.what();
      shell.messageIsError = true;
    }
    if (quit) glfwSetWindowShouldClose(window, GLFW_TRUE);
    if (exportJob)
      drawExportProgress(*exportJob, trf(reportPages ? "report_dialog.running" : "export.running",
                                         {exportJob->out().filename().string()}));
    ImGui::Render();

    int fbWidth = 0, fbHeight = 0;
    glfwGetFramebufferSize(window, &fbWidth, &fbHeight);
    glViewport(0, 0, fbWidth, fbHeight);
    if (shell.darkTheme)
      glClearColor(0.11f, 0.11f, 0.12f, 1.0f);
    else
      glClearColor(0.98f, 0.98f, 0.97f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    panels->canvas.renderGraph(io.DisplaySize, io.DisplayFramebufferScale);
    glViewport(0, 0, fbWidth, fbHeight);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    // ImGui settles its layout over the first frames; shoot after a few.
    if (options.screenshot && ++frame == 4) {
      try {
        const OutputOptions output{.force = options.screenshotForce};
        writeFramebufferPng(fbWidth, fbHeight, *options.screenshot, output);
        if (options.screenshotInfo)
          writeScreenshotInfo(*options.screenshotInfo, output, panels->canvas, io.DisplayFramebufferScale, fbWidth,
                              fbHeight);
      } catch (const UserError& e) {
        // The command line checked the files before the window opened; this is what came after.
        std::cerr << "nestmap: " << e.what() << '\n';
        exitCode = e.kind() == UserError::Kind::Exists ? kExitExists : kExitIo;
      }
      glfwSetWindowShouldClose(window, GLFW_TRUE);
    }
    glfwSwapBuffers(window);

    // Between frames, so that no panel is halfway through drawing the map it loses.
    if (auto path = std::exchange(shell.openRequest, std::nullopt)) openMap(*path);
    if (auto path = std::exchange(shell.newRequest, std::nullopt)) newMap(*path);
    // Bestand ▸ Exporteren: the picture is composed here from the map as it is now, then drawn
    // and written on a worker (OutputJob) while the window goes on; a small window shows how far.
    if (auto request = std::exchange(shell.exportRequest, std::nullopt)) {
      try {
        if (exportJob && exportJob->state() == OutputJob::State::Running) throw UserError(UserError::Kind::InvalidInput, tr("export.busy"));
        const auto format = pictureFormatOf(request->out);
        if (!format) throw UserError(UserError::Kind::InvalidInput, trf("picture.unknown_format", {request->out.string()}));
        // The window has no --force: the dialog's check box lets a picture replace a file (never a map).
        const OutputOptions output{.force = request->replace, .forceOption = false};
        checkOutputTarget(request->out, output);
        PictureRequest picture;
        picture.viewId = request->viewId;
        picture.width = request->width;
        picture.height = request->height;
        picture.asOf = panels->timeline.asOf();
        picture.compareWith = panels->timeline.compareWith();
        picture.options = panels->canvas.viewOptions();
        picture.path = panels->partners.selectedPath();
        const PangoMeasure measure;
        exportJob = std::make_unique<OutputJob>(pictureOfView(doc->model(), picture, measure), *format,
                                                request->out, output);
        reportPages.reset();
        exportSize = {std::to_string(request->width), std::to_string(request->height)};
      } catch (const std::exception& e) {
        shell.message = trf("export.failed", {e.what()});
        shell.messageIsError = true;
      }
    }
    // Bestand ▸ Rapport voor de stuurgroep: made from a copy of the map as it is now, in the background.
    if (auto request = std::exchange(shell.reportRequest, std::nullopt)) {
      try {
        if (exportJob && exportJob->state() == OutputJob::State::Running)
          throw UserError(UserError::Kind::InvalidInput, tr("export.busy"));
        const OutputOptions output{.force = request->replace, .forceOption = false};
        checkOutputTarget(request->out, output);
        if (!defaultTemplate(doc->model())) throw UserError(UserError::Kind::InvalidInput, tr("nest.no_template"));
        SteeringReportRequest report;
        report.asOf = request->asOf;
        report.since = request->since;
        report.shareSafe = request->shareSafe;
        report.changeLog = doc->store().changeLog();
        report.author = platform::currentUserName();
        auto model = std::make_shared<const Model>(doc->model());
        auto pages = std::make_shared<std::atomic<int>>(0);
        exportJob = std::make_unique<OutputJob>(
            [model, report, pages](const RenderControl&) -> std::optional<std::string> {
              SteeringReport made = steeringReportPdf(*model, report);
              pages->store(made.pages);
              return std::move(made.pdf);
            },
            request->out, output);
        reportPages = std::move(pages);
      } catch (const std::exception& e) {
        shell.message = trf("export.failed", {e.what()});
        shell.messageIsError = true;
      }
    }
    if (exportJob && exportJob->state() != OutputJob::State::Running) {
      switch (exportJob->state()) {
        case OutputJob::State::Written:
          shell.message = reportPages ? trf("report_dialog.done", {exportJob->out().string(),
                                                                    std::to_string(reportPages->load())})
                                      : trf("picture.done", {exportJob->out().string(), exportSize.first,
                                                             exportSize.second});
          shell.messageIsError = false;
          break;
        case OutputJob::State::Cancelled:
          shell.message = tr("export.cancelled");
          shell.messageIsError = false;
          break;
        default:
          shell.message = trf("export.failed", {exportJob->error()});
          shell.messageIsError = true;
      }
      exportJob.reset();
      reportPages.reset();
    }
    if (useSettings) {
      settings.theme = shell.darkTheme ? "dark" : "light";
      // A language from --lang or NESTMAP_LANG is for this run; one chosen in the menu is kept.
      if (!options.languageGiven || language() != startLanguage)
        settings.language = language() == Language::Dutch ? "nl" : "en";
      // The window's place is written on exit, not on every step of a drag.
      Settings withOldWindow = settings;
      withOldWindow.windowWidth = written.windowWidth;
      withOldWindow.windowHeight = written.windowHeight;
      withOldWindow.windowX = written.windowX;
      withOldWindow.windowY = written.windowY;
      writeSettings(withOldWindow, written);
    }
  }

  if (useSettings) {
    int x = 0, y = 0, w = 0, h = 0;
    glfwGetWindowPos(window, &x, &y);
    glfwGetWindowSize(window, &w, &h);
    settings.windowX = x;
    settings.windowY = y;
    settings.windowWidth = w;
    settings.windowHeight = h;
    writeSettings(settings, written);
  }
  panels.reset();  // the canvas's OpenGL objects go while the context is still there

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exitCode;
}

}  // namespace nestmap
