#include "app/gui.hpp"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <iostream>

#include "app/cli.hpp"
#include "core/i18n.hpp"
#include "edit/document.hpp"
#include "render/screenshot.hpp"
#include "ui/app_shell.hpp"
#include "ui/canvas_panel.hpp"
#include "ui/change_log_panel.hpp"
#include "ui/fonts.hpp"
#include "ui/inspector_panel.hpp"
#include "ui/metrics_panel.hpp"
#include "ui/overview_panel.hpp"

namespace nestmap {
namespace {

void glfwErrorToStderr(int code, const char* description) {
  std::cerr << "nestmap: GLFW " << code << ": " << description << '\n';
}

}  // namespace

int runGui(Document& doc, const GuiOptions& options) {
  glfwSetErrorCallback(glfwErrorToStderr);
  if (!glfwInit()) {
    std::cerr << "nestmap: " << tr("gui.no_display") << '\n';
    return kExitGui;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  std::string title = "Nestmap — " + doc.model().info.name;
  GLFWwindow* window = glfwCreateWindow(options.width, options.height, title.c_str(), nullptr, nullptr);
  if (!window) {
    std::cerr << "nestmap: " << tr("gui.no_window") << '\n';
    glfwTerminate();
    return kExitGui;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // window layout is the app's business, not imgui.ini's
  ImGui::StyleColorsLight();
  float scaleX = 1, scaleY = 1;
  glfwGetWindowContentScale(window, &scaleX, &scaleY);
  const float scale = scaleX > 0 ? scaleX : 1.0f;
  ImGui::GetStyle().ScaleAllSizes(scale);
  const InterfaceFonts fonts = loadInterfaceFonts(17.0f * scale);
  if (!fonts.dejaVu) std::cerr << "nestmap: " << tr("gui.no_font") << '\n';
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  AppShell shell;
  OverviewPanel overview;
  CanvasPanel canvas;
  MetricsPanel metrics;
  ChangeLogPanel changeLog;
  InspectorPanel inspector;
  int bottomTab = 0;  // 0 metrics, 1 change log
  std::string glError;
  if (!canvas.init(glError)) std::cerr << "nestmap: " << trf("gui.no_canvas", {glError}) << '\n';
  int frame = 0;
  int exitCode = kExitOk;
  auto lastPoll = std::chrono::steady_clock::now();
  while (!glfwWindowShouldClose(window)) {
    if (options.screenshot)
      glfwPollEvents();
    else
      glfwWaitEventsTimeout(1.0);  // idle maps cost no CPU; still notice external changes

    auto now = std::chrono::steady_clock::now();
    if (now - lastPoll > std::chrono::seconds(1)) {
      lastPoll = now;
      doc.reloadIfChangedExternally();
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // A screenshot shows the map as it is, not a tooltip of wherever Xvfb's pointer happens to rest.
    if (options.screenshot) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    // Menu bar; the map's name across the top; the sidebar on the left; the
    // canvas in the rest; the status bar along the bottom.
    bool quit = false;
    try {
      shell.handleShortcuts(doc, quit);
      const float menuHeight = shell.drawMenu(doc, canvas, quit);
      const ImGuiViewport* viewport = ImGui::GetMainViewport();
      const ImVec2 origin(viewport->Pos.x, viewport->Pos.y + menuHeight);
      const ImVec2 area(viewport->Size.x, viewport->Size.y - menuHeight);
      const float headerHeight = fonts.heading->FontSize + 2 * ImGui::GetStyle().WindowPadding.y + 4;
      const float statusHeight = AppShell::statusBarHeight();
      const float sidebarWidth = std::min(360.0f * scale, area.x * 0.3f);
      const float bodyTop = origin.y + headerHeight, bodyHeight = area.y - headerHeight - statusHeight;
      overview.drawHeader(doc, fonts, origin, ImVec2(area.x, headerHeight));
      overview.draw(doc, ImVec2(origin.x, bodyTop), ImVec2(sidebarWidth, bodyHeight));
      // The inspector on the right; the canvas and the bottom panel between.
      const float inspectorWidth = std::min(330.0f * scale, (area.x - sidebarWidth) * 0.3f);
      inspector.draw(doc, canvas.options().selection, ImVec2(origin.x + area.x - inspectorWidth, bodyTop),
                     ImVec2(inspectorWidth, bodyHeight));
      const float middleWidth = area.x - sidebarWidth - inspectorWidth;
      // Below the canvas: the metrics table or the change log, chosen with tabs.
      const float bottomHeight = std::round(std::min(230.0f * scale, bodyHeight * 0.3f));
      const float canvasHeight = bodyHeight - bottomHeight;
      const ImVec2 bottomPos(origin.x + sidebarWidth, bodyTop + canvasHeight);
      const float tabsHeight = ImGui::GetFrameHeight() + 8;
      ImGui::SetNextWindowPos(bottomPos);
      ImGui::SetNextWindowSize(ImVec2(middleWidth, tabsHeight));
      ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 4));
      ImGui::Begin("##bottomtabs", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
      ImGui::PopStyleVar();
      if (ImGui::BeginTabBar("##bottom")) {
        if (ImGui::BeginTabItem(tr("gui.tab_metrics").c_str())) {
          bottomTab = 0;
          ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(tr("gui.tab_log").c_str())) {
          bottomTab = 1;
          ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
      }
      ImGui::End();
      const ImVec2 panelPos(bottomPos.x, bottomPos.y + tabsHeight);
      const ImVec2 panelSize(middleWidth, bottomHeight - tabsHeight);
      if (bottomTab == 0) {
        if (RowId clicked = metrics.draw(doc, panelPos, panelSize)) canvas.selectAndCentre(clicked);
      } else {
        changeLog.draw(doc, panelPos, panelSize);
      }
      canvas.draw(doc, ImVec2(origin.x + sidebarWidth, bodyTop), ImVec2(middleWidth, canvasHeight));
      shell.drawStatusBar(doc, canvas, ImVec2(origin.x, bodyTop + bodyHeight), ImVec2(area.x, statusHeight));
    } catch (const std::exception& e) {
      // A command that a rule refused (or a file that could not be written):
      // the map is as it was; the reason goes to the status bar.
      shell.message = e.what();
      shell.messageIsError = true;
    }
    if (quit) glfwSetWindowShouldClose(window, GLFW_TRUE);
    ImGui::Render();

    int fbWidth = 0, fbHeight = 0;
    glfwGetFramebufferSize(window, &fbWidth, &fbHeight);
    glViewport(0, 0, fbWidth, fbHeight);
    glClearColor(0.98f, 0.98f, 0.97f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    canvas.renderGraph(io.DisplaySize, io.DisplayFramebufferScale);
    glViewport(0, 0, fbWidth, fbHeight);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    // ImGui settles its layout over the first frames; shoot after a few.
    if (options.screenshot && ++frame == 4) {
      std::string error = writeFramebufferPng(fbWidth, fbHeight, *options.screenshot);
      if (!error.empty()) {
        std::cerr << "nestmap: " << error << '\n';
        exitCode = kExitIo;
      }
      glfwSetWindowShouldClose(window, GLFW_TRUE);
    }
    glfwSwapBuffers(window);
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exitCode;
}

}  // namespace nestmap
