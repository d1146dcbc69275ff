// The export draws a view the way the canvas does, but into a framebuffer object of
// its own with an ImGui context of its own: the window's frame, panels and pointer play
// no part, and the picture may be larger than any screen.
#include "app/export_png.hpp"

#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <thread>
#include <utility>
#include <vector>

#include "app/cli.hpp"
#include "core/i18n.hpp"
#include "edit/document.hpp"
#include "render/screenshot.hpp"
#include "ui/canvas_panel.hpp"
#include "ui/date_text.hpp"
#include "ui/fonts.hpp"

namespace nestmap {
namespace fs = std::filesystem;
namespace {

/// The export's own ImGui context, current while it lives; the caller's is current again afterwards.
class ScopedImGuiContext {
 public:
  ScopedImGuiContext() : m_previous(ImGui::GetCurrentContext()), m_own(ImGui::CreateContext()) {
    ImGui::SetCurrentContext(m_own);
  }
  ~ScopedImGuiContext() {
    if (m_backend) ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext(m_own);
    ImGui::SetCurrentContext(m_previous);
  }
  ScopedImGuiContext(const ScopedImGuiContext&) = delete;
  ScopedImGuiContext& operator=(const ScopedImGuiContext&) = delete;
  /// Starts the OpenGL3 renderer backend for this context (it keeps its data per context).
  bool initBackend() { return m_backend = ImGui_ImplOpenGL3_Init("#version 330 core"); }

 private:
  ImGuiContext* m_previous;
  ImGuiContext* m_own;
  bool m_backend = false;
};

/// A framebuffer object with one RGBA8 colour renderbuffer, bound while it lives.
class ScopedFramebuffer {
 public:
  ScopedFramebuffer(int width, int height) {
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &m_previousDraw);
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &m_previousRead);
    glGenRenderbuffers(1, &m_colour);
    glBindRenderbuffer(GL_RENDERBUFFER, m_colour);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glGenFramebuffers(1, &m_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, m_colour);
  }
  ~ScopedFramebuffer() {
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(m_previousDraw));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(m_previousRead));
    glDeleteFramebuffers(1, &m_fbo);
    glDeleteRenderbuffers(1, &m_colour);
  }
  ScopedFramebuffer(const ScopedFramebuffer&) = delete;
  ScopedFramebuffer& operator=(const ScopedFramebuffer&) = delete;
  bool complete() const { return glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE; }
  void bind() const { glBindFramebuffer(GL_FRAMEBUFFER, m_fbo); }

 private:
  GLuint m_fbo = 0, m_colour = 0;
  GLint m_previousDraw = 0, m_previousRead = 0;
};

/// Reads the bound framebuffer's first colour attachment and writes it as a PNG; empty or the reason
/// it could not be read (a file that cannot be written throws, see writeOutputFile).
std::string writeAttachmentPng(int width, int height, const fs::path& out, const OutputOptions& output) {
  const auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
  std::vector<std::uint8_t> pixels(w * h * 4);
  while (glGetError() != GL_NO_ERROR) {
  }
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_COLOR_ATTACHMENT0);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) return tr("export.read_failed");
  // The graph's blending leaves alpha below 1 where it drew; the picture is opaque, on white.
  const std::string png = encodeReadPixelsPng(std::move(pixels), width, height);
  if (png.empty()) return trf("export.write_failed", {out.string()});
  writeOutputBytes(out, output, png);
  return {};
}

/// The title band across the top: the view's name large, the map's name and the date below it.
void drawTitle(ImDrawList* list, const InterfaceFonts& fonts, ImVec2 size, float pad, const std::string& view,
               const std::string& subtitle) {
  list->AddRectFilled(ImVec2(0, 0), size, IM_COL32(255, 255, 255, 255));
  list->AddLine(ImVec2(0, size.y - 1), ImVec2(size.x, size.y - 1), IM_COL32(0, 0, 0, 60));
  list->AddText(fonts.heading, fonts.heading->FontSize, ImVec2(pad, pad), IM_COL32(20, 20, 20, 255), view.c_str());
  list->AddText(fonts.body, fonts.body->FontSize, ImVec2(pad, pad + fonts.heading->FontSize + pad / 3),
                IM_COL32(80, 80, 80, 255), subtitle.c_str());
}

void glfwErrorToStderr(int code, const char* description) {
  std::cerr << "nestmap: GLFW " << code << ": " << description << '\n';
}

}  // namespace

int maxExportSize() {
  GLint renderbuffer = 0, viewport[2] = {0, 0};
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &renderbuffer);
  glGetIntegerv(GL_MAX_VIEWPORT_DIMS, viewport);
  return std::min({renderbuffer, viewport[0], viewport[1]});
}

std::string exportViewPng(Document& doc, RowId viewId, int width, int height, const fs::path& out,
                          const ExportOptions& options) {
  const View* view = doc.model().views.find(viewId);
  if (!view) return trf("export.no_view", {std::to_string(viewId)});
  const std::string viewName = view->name;  // the canvas may lay the view out, which replaces the record
  checkOutputTarget(out, options.output);   // before the drawing, which may take a while
  if (width < 1 || height < 1) return trf("export.too_large", {std::to_string(width), std::to_string(height), "1"});
  if (const int limit = maxExportSize(); width > limit || height > limit)
    return trf("export.too_large", {std::to_string(width), std::to_string(height), std::to_string(limit)});

  while (glGetError() != GL_NO_ERROR) {
  }  // errors left over from the caller's frame are not ours
  ScopedFramebuffer framebuffer(width, height);
  if (glGetError() == GL_OUT_OF_MEMORY || !framebuffer.complete())
    return trf("export.no_framebuffer", {std::to_string(width), std::to_string(height)});

  // Text readable at the picture's size: the window's 17 px on a 935 px high picture, more on bigger ones.
  const float fontPixels = std::max(17.0f, static_cast<float>(height) / 55.0f), scale = fontPixels / 17.0f;
  ScopedImGuiContext context;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  ImGui::StyleColorsLight();
  ImGui::GetStyle().ScaleAllSizes(scale);
  const InterfaceFonts fonts = loadInterfaceFonts(fontPixels);
  if (!context.initBackend()) return tr("export.no_backend");
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.DeltaTime = 1.0f / 60.0f;

  CanvasPanel canvas;
  if (std::string error; !canvas.init(error)) return trf("gui.no_canvas", {error});
  canvas.setUiScale(scale);
  canvas.showView(viewId);
  canvas.setLegendOpen(true);
  canvas.setChromeHidden(true);
  if (options.view) canvas.setViewOptions(*options.view);
  canvas.setTimeline(options.asOf, std::nullopt);

  const float pad = 14 * scale;
  const float band = std::round(fonts.heading->FontSize + fonts.body->FontSize + 2 * pad + pad / 3);
  const std::string subtitle =
      doc.model().info.name + "  ·  " + trf("export.as_of", {longDate(options.asOf.value_or(Date::today()))});
  auto frame = [&](bool last) {
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no hover, no tooltip
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    canvas.draw(doc, ImVec2(0, band), ImVec2(static_cast<float>(width), static_cast<float>(height) - band));
    if (last)
      drawTitle(ImGui::GetForegroundDrawList(), fonts, ImVec2(static_cast<float>(width), band), pad, viewName,
                subtitle);
    ImGui::Render();
  };
  // The first frames fit the map; a view without a layout gets one first (a bounded wait: what
  // the layout reached by then is kept).
  for (int i = 0; i < 3; ++i) frame(false);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (canvas.layoutRunning() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    frame(false);
  }
  if (canvas.layoutRunning()) {
    canvas.stopLayout();
    while (canvas.layoutRunning()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      frame(false);
    }
  }
  canvas.fit();
  frame(false);
  frame(true);

  framebuffer.bind();
  glDisable(GL_SCISSOR_TEST);
  glViewport(0, 0, width, height);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  canvas.renderGraph(io.DisplaySize, ImVec2(1, 1));
  glViewport(0, 0, width, height);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  return writeAttachmentPng(width, height, out, options.output);
}

int renderViewPng(Document& doc, const RenderRequest& request, std::ostream& err) {
  glfwSetErrorCallback(glfwErrorToStderr);
  if (!glfwInit()) {
    err << "nestmap: " << tr("gui.no_display") << '\n';
    return kExitGui;
  }
  // The window and GLFW go also when the file is refused or cannot be written (a throw).
  struct Session {
    GLFWwindow* window = nullptr;
    ~Session() {
      if (window) glfwDestroyWindow(window);
      glfwTerminate();
    }
  } session;
  // A hidden window, only for its OpenGL context: the picture is drawn offscreen.
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWwindow* window = session.window = glfwCreateWindow(64, 64, "nestmap render", nullptr, nullptr);
  if (!window) {
    err << "nestmap: " << tr("gui.no_window") << '\n';
    return kExitGui;
  }
  glfwMakeContextCurrent(window);
  int code = kExitOk;
  if (const int limit = maxExportSize(); request.width > limit || request.height > limit) {
    err << "nestmap: "
        << trf("export.too_large",
               {std::to_string(request.width), std::to_string(request.height), std::to_string(limit)})
        << '\n';
    code = kExitInvalidInput;
  } else if (const std::string error = exportViewPng(doc, request.viewId, request.width, request.height, request.out,
                                                     {request.asOf, {}, {.force = request.force}});
             !error.empty()) {
    err << "nestmap: " << error << '\n';
    code = kExitIo;
  }
  return code;
}

}  // namespace nestmap
