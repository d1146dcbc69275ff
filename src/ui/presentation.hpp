#pragma once
// [SECTION] Presentation: the saved views as slides for a steering group (F5)

#include <imgui.h>

#include <vector>

#include "core/date.hpp"
#include "core/model.hpp"

namespace nestmap {

/// Presentation mode: the canvas fills the screen with larger text, the map's
/// views are the slides (in the order they were made), stepped with → ← (also
/// Page Down/Up and space); every slide shows its title, the map's name and the
/// day, and the canvas's legend; nothing can be edited. F5 starts and ends it,
/// Esc ends it.
class Presentation {
 public:
  /// F5 as the GLFW backend reports it in io.KeysDown.
  static constexpr int kKeyF5 = 294;

  /// The keys of this frame: F5, Esc and the steps. Returns the view to show when
  /// the slide changed or the presentation began (0: no change).
  RowId handleKeys(const Model& model, RowId currentView);
  void start(const Model& model, RowId currentView);
  void stop() { m_active = false; }
  bool active() const { return m_active; }
  /// The slides: every view of the map, by id.
  static std::vector<RowId> slides(const Model& model);
  /// The slide on show, 0-based.
  int slide() const { return m_slide; }

  /// The title band across the top of the canvas (view, map, day) and the footer
  /// (slide i of n, the next slide's name, the keys), over `pos`, `size`; `day` is the map's day.
  void drawOverlay(const Model& model, ImVec2 pos, ImVec2 size, ImFont* heading, Date day) const;

 private:
  RowId step(const Model& model, int by);
  bool m_active = false;
  int m_slide = 0;
};

}  // namespace nestmap
