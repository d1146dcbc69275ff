#pragma once
// [SECTION] CanvasPanel: the graph of a view, drawn with OpenGL, explored and edited with the mouse

#include <imgui.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "layout/layout_job.hpp"
#include "render/camera.hpp"
#include "render/graph_renderer.hpp"
#include "scene/pick_index.hpp"
#include "scene/scene.hpp"

namespace nestmap {

class Document;

/// The canvas: one view of the map. Pan (drag on empty space or with the
/// middle button), zoom to the cursor (wheel), fit (F), select (click;
/// Ctrl+click adds), box select (Shift+drag), move (drag a node: one undo step,
/// and the moved actors are pinned), Delete removes the selection (undoable).
/// A view without positions is laid out by ForceAtlas2 on a worker thread,
/// animated while it runs and saved as one command when it settles.
class CanvasPanel {
 public:
  /// Compiles the renderer's shaders; false with the reason when OpenGL refuses them.
  bool init(std::string& error);
  /// The canvas over the rectangle `pos`, `size` (ImGui coordinates): input, labels, legend, tooltip.
  void draw(Document& doc, ImVec2 pos, ImVec2 size);
  /// Draws the graph into the canvas's rectangle with OpenGL. Call after
  /// ImGui::Render() and before ImGui's draw data, so that panels lie on top.
  void renderGraph(ImVec2 displaySize, ImVec2 framebufferScale);

  /// Shows the view `viewId` (0: the first view of the map).
  void showView(RowId viewId);
  /// Selects the actor and centres the canvas on it.
  void selectAndCentre(RowId actorId);
  const SceneOptions& options() const { return m_options; }
  const Scene& scene() const { return m_builder.scene(); }
  const Camera& camera() const { return m_camera; }
  /// Whether a layout is running in the background.
  bool layoutRunning() const { return m_job != nullptr; }
  /// 0–1 of the running layout's iterations.
  double layoutProgress() const { return m_job ? m_job->progress() : 0.0; }
  /// Stops the running layout; what it reached so far is kept as the view's positions.
  void stopLayout() {
    if (m_job) m_job->cancel();
  }
  /// Fits the whole map into the canvas on the next frame.
  void fit() { m_fitPending = true; }

 private:
  void ensureView(Document& doc);
  void startLayoutIfUnplaced(Document& doc);
  void pollLayout(Document& doc);
  void handleInput(Document& doc, Vec2 mouse, bool hoveredCanvas);
  void drawLabels(ImDrawList* list) const;
  void drawLegend(ImDrawList* list) const;
  float layoutLegend(ImDrawList* list) const;
  float legendHeight() const;
  void fitToScene();
  void drawTooltip(const Document& doc) const;

  SceneBuilder m_builder;
  SceneOptions m_options;
  GraphRenderer m_renderer;
  PickIndex m_pick;
  Camera m_camera;
  ImVec2 m_pos{0, 0}, m_size{0, 0};
  bool m_ready = false, m_fitPending = true;
  std::optional<RowId> m_centreOn;

  enum class Drag { None, Pan, Box, Move };
  Drag m_drag = Drag::None;
  Vec2 m_dragStart, m_dragLast;  ///< layout coordinates
  std::vector<std::pair<RowId, Vec2>> m_moving;

  std::optional<bool> m_legendOpen;  ///< empty: open when it fits in a third of the canvas
  mutable ImVec2 m_legendButton{0, 0};
  std::unique_ptr<LayoutJob> m_job;
  std::vector<RowId> m_jobActors;
};

}  // namespace nestmap
