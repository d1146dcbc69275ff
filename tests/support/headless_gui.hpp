#pragma once
// An ImGui context without a window, for testing panels: frames are run by
// hand and input is scripted (ImGui 1.86: io.MousePos, io.MouseDown,
// io.KeysDown through io.KeyMap, characters through AddInputCharactersUTF8).

#include <imgui.h>

#include <functional>
#include <string>
#include <utility>

#include "edit/document.hpp"

namespace nestmap::test {

class HeadlessGui {
 public:
  // Indices into io.KeysDown; 1.86 leaves the mapping to the backend, here to us.
  static constexpr int kEnter = 1, kBackspace = 2, kKeyA = 3, kDown = 4, kDelete = 5, kEscape = 6;

  /// Without a body: every frame is given what it draws (frame(body), click(at, body)).
  explicit HeadlessGui(ImVec2 display = ImVec2(1280, 800)) : HeadlessGui(std::function<void()>(), display) {}
  /// `body` draws the panels under test; it runs once per frame.
  explicit HeadlessGui(std::function<void()> body, ImVec2 display = ImVec2(1280, 800))
      : m_body(std::move(body)), m_context(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    io.KeyMap[ImGuiKey_A] = kKeyA;
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_Delete] = kDelete;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  }
  ~HeadlessGui() { ImGui::DestroyContext(m_context); }
  HeadlessGui(const HeadlessGui&) = delete;
  HeadlessGui& operator=(const HeadlessGui&) = delete;

  void frame() { frame(m_body); }
  /// One frame drawing `body`.
  void frame(const std::function<void()>& body) {
    ImGui::NewFrame();
    if (body) body();
    ImGui::Render();
  }
  /// Moves to `at`, presses and releases the left button, then moves away, a frame each, drawing `body`.
  void click(ImVec2 at, const std::function<void()>& body) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    frame(body);
    io.MouseDown[0] = true;
    frame(body);
    io.MouseDown[0] = false;
    frame(body);
    io.MousePos = ImVec2(-1, -1);
    frame(body);
  }
  void moveTo(ImVec2 p) {
    ImGui::GetIO().MousePos = p;
    frame();
  }
  void button(bool down) {
    ImGui::GetIO().MouseDown[0] = down;
    frame();
  }
  /// Moves to `p`, presses and releases the left button, a frame each.
  void clickAt(ImVec2 p) {
    moveTo(p);
    button(true);
    button(false);
  }
  void press(int key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    frame();
  }
  void type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame();
  }
  /// Replaces the focused text field's text with `text` (Ctrl+A, then typing it or Backspace) and presses Enter.
  void replaceText(const std::string& text) {
    press(kKeyA, true);
    if (text.empty())
      press(kBackspace);
    else
      type(text);
    press(kEnter);
  }

 private:
  std::function<void()> m_body;
  ImGuiContext* m_context;
};

/// How many commands the document can undo (it undoes them all and redoes them again).
inline std::size_t undoDepth(Document& doc) {
  std::size_t n = 0;
  while (doc.canUndo()) {
    doc.undo();
    ++n;
  }
  for (std::size_t i = 0; i < n; ++i) doc.redo();
  return n;
}

}  // namespace nestmap::test
