#include "app/gui.hpp"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "app/cli.hpp"
#include "core/i18n.hpp"
#include "edit/document.hpp"
#include "render/screenshot.hpp"
#include "ui/canvas_panel.hpp"
#include "ui/fonts.hpp"
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

  OverviewPanel overview;
  CanvasPanel canvas;
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
    ImGui::NewFrame();
    // The map's name across the top, the sidebar on the left, the canvas in the rest.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 origin = viewport->WorkPos, area = viewport->WorkSize;
    const float headerHeight = fonts.heading->FontSize + 2 * ImGui::GetStyle().WindowPadding.y + 4;
    const float sidebarWidth = std::min(380.0f * scale, area.x * 0.4f);
    overview.drawHeader(doc, fonts, origin, ImVec2(area.x, headerHeight));
    overview.draw(doc, ImVec2(origin.x, origin.y + headerHeight), ImVec2(sidebarWidth, area.y - headerHeight));
    canvas.draw(doc, ImVec2(origin.x + sidebarWidth, origin.y + headerHeight),
                ImVec2(area.x - sidebarWidth, area.y - headerHeight));
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
