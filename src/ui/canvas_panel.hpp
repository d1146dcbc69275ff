#pragma once
// [SECTION] CanvasPanel: the graph of a view, drawn with OpenGL, explored and edited with the mouse

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "edit/command.hpp"
#include "layout/layout_job.hpp"
#include "scene/camera.hpp"
#include "render/graph_renderer.hpp"
#include "scene/pick_index.hpp"
#include "scene/scene.hpp"
#include "ui/metrics_panel.hpp"
#include "scene/nest_overlay.hpp"
#include "scene/view_picture.hpp"
#include "ui/view_options_popup.hpp"

namespace nestmap {

class Document;

/// The canvas: one view of the map. Pan (drag on empty space or with the
/// middle button), zoom to the cursor (wheel), fit (F), select (click;
/// Ctrl+click adds), box select (Shift+drag), move (drag a node: one undo step,
/// and the moved actors are pinned), Delete removes the selection (undoable).
/// A click on a tie selects it (Delete removes it too).
/// Double-click on empty space adds an actor there; Ctrl+drag from an actor to
/// another ties them; Ctrl+F finds an actor by name and flies to it; the
/// "Weergave" button sets colour, size, filters, date and focus.
/// A view without positions is laid out by ForceAtlas2 on a worker thread,
/// animated while it runs and saved as one command when it settles.
///
/// A map that can only be read (Document::readOnly) is explored but never
/// changed: no moving, adding, tying or deleting. A layout computed for it (the
/// automatic first one, or one from the Analyse menu) is shown from memory and
/// not written, and a map without any view gets its overview in memory too.
/// A command the map refuses (read-only, changed by another program, locked)
/// changes nothing; its reason is handed out by takeRefusal() for the status bar.
class CanvasPanel {
 public:
  /// Compiles the renderer's shaders; false with the reason when OpenGL refuses them.
  bool init(std::string& error);
  /// The canvas over the rectangle `pos`, `size` (ImGui coordinates): input, labels, legend, tooltip.
  void draw(Document& doc, ImVec2 pos, ImVec2 size);
  /// Draws the graph into the canvas's rectangle with OpenGL. Call after
  /// ImGui::Render() and before ImGui's draw data, so that panels lie on top.
  void renderGraph(ImVec2 displaySize, ImVec2 framebufferScale);

  /// Keeps the view's options (filters, decoration) and camera in the map, as one
  /// undoable step: the view then opens as it was saved.
  void saveView(Document& doc);
  /// Presentation: no editing on the canvas (no moving, adding, tying or deleting).
  void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
  /// Whether the canvas may change `doc`: not in a presentation, nor when the map can only be read.
  bool editable(const Document& doc) const;
  /// Why the last command of the canvas was refused (a read-only map, a change by another
  /// program, a lock, a rule); empty when none since the last call. Taken once.
  std::string takeRefusal() { return std::exchange(m_refusal, std::string()); }
  /// The map as the canvas shows it: the document's model, or on a read-only map a copy with
  /// what could not be written (a computed layout, an overview for a map without views).
  const Model& shownModel(const Document& doc);
  /// The revision that goes with shownModel(), for caches: the document's, or one of its own per copy.
  std::uint64_t shownRevision(const Document& doc);
  /// Whether the view shows a layout that lives only in memory (a read-only map).
  bool layoutUnsaved(RowId viewId) const { return m_unsaved.count(viewId) > 0; }
  /// Shows `placement` as view `viewId`'s layout `algo` without writing it (a read-only map).
  void showUnsavedLayout(RowId viewId, std::string algo,
                         std::vector<std::pair<RowId, std::optional<ViewPosition>>> placement);
  /// Shows the view `viewId` (0: the first view of the map).
  void showView(RowId viewId);
  /// Selects the actor and centres the canvas on it.
  void selectAndCentre(RowId actorId);
  /// Highlights an agreement's parties and the ties between them, draws its hull and
  /// implied ties, fades the rest, and brings its parties into view (0: none).
  void showAgreement(RowId agreementId);
  RowId shownAgreement() const { return m_options.selectedAgreement; }
  /// The timeline's days: the map as it was on `asOf` (nullopt: today's map, or the
  /// date typed in the Weergave popup), compared with `compareWith` when set.
  void setTimeline(std::optional<Date> asOf, std::optional<Date> compareWith) {
    m_timelineAsOf = asOf;
    m_timelineCompare = compareWith;
  }
  /// Selects these actors (and the tie, when not 0) and centres on the first.
  void selectActors(const std::vector<RowId>& actors, RowId tieId = 0);
  /// Draws an introduction path (actor ids, in order) over the map, and centres on it; empty: none.
  void showPath(std::vector<RowId> path);
  /// In a nest view: tints the wedge of this nest category (0: none).
  void highlightCategory(RowId categoryId) { m_nestHighlight = categoryId; }
  /// What the canvas draws over a nest view (its wedges, ghost slots and marks).
  const NestOverlay& nestOverlay() const { return m_nest; }
  /// The prison chosen in the nest view's prison picker this frame (0: none); taken once.
  RowId takeNestRequest() { return std::exchange(m_nestRequest, 0); }
  /// The tie picked on the canvas (a click on it), 0 when none; picking an actor clears it.
  RowId selectedTie() const { return m_options.selectedTie; }
  /// Measures per actor (in actor-id order) for the hover tooltip, e.g. the metrics
  /// table's rows of the current revision; nullptr when none are at hand.
  void setActorMeasures(const std::vector<MetricsPanel::Row>* rows) { m_measures = rows; }
  /// Shows the view called `name` (matchName); false when none or several fit.
  bool showViewNamed(const Model& model, const std::string& name);
  /// Selects the actor called `name` (matchName on name and short name) and centres on it; false when none or several
  /// fit.
  bool selectNamed(const Model& model, const std::string& name);
  /// Where the actor is drawn: its centre in canvas-local pixels (y down) and its radius in pixels,
  /// as of the last draw(); nullopt when it is not drawn.
  std::optional<std::pair<Vec2, double>> screenOf(RowId actorId) const;
  /// The view-options popup's state; setViewOptions() takes effect on the next draw().
  const ViewOptions& viewOptions() const { return m_view; }
  void setViewOptions(ViewOptions view) {
    m_view = std::move(view);
    m_viewDirty = true;
  }
  const SceneOptions& options() const { return m_options; }
  const Scene& scene() const { return m_builder.scene(); }
  const Camera& camera() const { return m_camera; }
  /// The rectangle of the last draw(): its top-left corner and size, in ImGui coordinates.
  std::pair<ImVec2, ImVec2> rect() const { return {m_pos, m_size}; }
  /// Whether the canvas changes by itself from frame to frame (a layout, a camera flight).
  bool animating() const { return m_job != nullptr || m_flight.has_value(); }
  /// Whether a layout is running in the background.
  bool layoutRunning() const { return m_job != nullptr; }
  /// 0–1 of the running layout's iterations.
  double layoutProgress() const { return m_job ? m_job->progress() : 0.0; }
  /// Runs ForceAtlas2 on the view in the background, from the actors' current
  /// places (pinned ones stay); the result is saved as one step when it settles.
  void startForceLayout(Document& doc);
  /// Stops the running layout; what it reached so far is kept as the view's positions.
  void stopLayout() {
    if (m_job) m_job->cancel();
  }
  /// The interface's scale (1 on an ordinary monitor, 2 on a HiDPI one): the
  /// smallest actors and the pointer's reach grow with it.
  void setUiScale(float scale) { m_uiScale = scale; }
  /// Fits the whole map into the canvas on the next frame.
  void fit() { m_fitPending = true; }
  /// Shows (true) or hides the legend's entries, whatever their height; refits.
  void setLegendOpen(bool open) {
    m_legendOpen = open;
    m_fitPending = true;
  }
  /// Hides the controls (the view button, the prison picker, the legend's button) for a picture of the map.
  void setChromeHidden(bool hidden) { m_chromeHidden = hidden; }

 private:
  void ensureView(Document& doc);
  void loadSavedView(const Document& doc);
  void startLayoutIfUnplaced(Document& doc);
  void pollLayout(Document& doc);
  void handleInput(Document& doc, Vec2 mouse, bool hoveredCanvas);
  /// The overlays as the exports draw them (scene/view_picture), and where the canvas is.
  ViewDecoration decoration() const;
  PixelRect canvasRect() const;
  /// Composes this frame's display list (m_display) of the canvas's overlays and legend.
  void composeDisplay();
  void drawItemsRange(ImDrawList* list, std::size_t first, std::size_t last) const;
  float legendHeight() const;
  void fitToScene();
  double minNodePixels() const { return GraphRenderer::kMinNodePixels * m_uiScale; }
  void drawTooltip(const Document& doc) const;
  void drawTieTooltip(const Document& doc) const;
  void applyView(const Document& doc);
  /// Runs `command`; a refusal is kept for takeRefusal() and the map stays as the file has it.
  bool run(Document& doc, const std::function<CommandPtr()>& make);
  void addActorAt(Document& doc, Vec2 world);
  void addTieBetween(Document& doc, RowId from, RowId to);
  void flyTo(RowId actorId);
  void animateFlight(float dt);
  void drawSearch(Document& doc);
  /// The "Weergave" button and its popup; whether the mouse is on the button, and its right edge.
  bool drawViewButton(const Document& doc, float& right);
  /// In a nest view, the prison picker beside the view button; whether the mouse is on it.
  bool drawNestPicker(const Document& doc, float& right);

  SceneBuilder m_builder;
  SceneOptions m_options;
  GraphRenderer m_renderer;
  PickIndex m_pick;
  EdgePickIndex m_edgePick;
  const std::vector<MetricsPanel::Row>* m_measures = nullptr;
  Camera m_camera;
  ImVec2 m_pos{0, 0}, m_size{0, 0};
  float m_uiScale = 1;
  bool m_ready = false, m_fitPending = true;
  std::optional<RowId> m_centreOn;
  RowId m_bringAgreement = 0;
  bool m_readOnly = false;
  bool m_saveRequested = false;  ///< the popup's save button: carried out by draw(), which may edit
  RowId m_loadedView = 0;        ///< the view whose saved options and camera were last taken over
  std::vector<RowId> m_path;     ///< an introduction path drawn over the map
  NestOverlay m_nest;
  RowId m_nestHighlight = 0, m_nestRequest = 0;
  std::optional<Date> m_timelineAsOf, m_timelineCompare;  ///< an agreement to bring into view once the scene has it
  DisplayList m_display;         ///< this frame's overlays and legend (composeDisplay)
  std::size_t m_legendFrom = 0;  ///< the legend's first item in m_display

  enum class Drag { None, Pan, Box, Move, Tie };
  Drag m_drag = Drag::None;
  Vec2 m_dragStart, m_dragLast;  ///< layout coordinates
  std::vector<std::pair<RowId, Vec2>> m_moving;
  RowId m_tieFrom = 0;       ///< Drag::Tie: the actor the new tie starts at
  bool m_dragMoved = false;  ///< Drag::Tie: the pointer went further than a click
  Vec2 m_mouse;              ///< canvas-local pixels, this frame

  // View options and the per-actor values they need, recomputed when the map changes.
  ViewOptions m_view;
  bool m_viewDirty = true;
  std::uint64_t m_viewRevision = ~std::uint64_t{0};
  const Model* m_viewModel = nullptr;
  std::optional<CanvasMetric> m_metricFor;
  bool m_communitiesDone = false;

  // Ctrl+F.
  bool m_searchOpen = false, m_searchFocus = false;
  std::string m_searchText;
  int m_searchIndex = 0;

  /// The camera flying to an actor: centre and zoom from → to over 0.3 s.
  struct Flight {
    Vec2 fromCenter, toCenter;
    double fromZoom = 1, toZoom = 1;
    float t = 0;
  };
  std::optional<Flight> m_flight;

  std::optional<bool> m_legendOpen;  ///< empty: open when it fits in a third of the canvas
  bool m_chromeHidden = false;       ///< setChromeHidden(): no buttons drawn
  mutable ImVec2 m_legendButton{0, 0};
  std::string m_refusal;  ///< takeRefusal()
  /// A read-only map: layouts by view id that are shown but not written, a view that
  /// exists only here (0: none), and the copy of the map with them, for this revision.
  struct Unsaved {
    std::string algo;
    std::vector<std::pair<RowId, std::optional<ViewPosition>>> placement;
  };
  std::map<RowId, Unsaved> m_unsaved;
  RowId m_memoryView = 0;
  std::unique_ptr<Model> m_shown;
  std::uint64_t m_shownRevision = 0;
  bool m_shownStale = false;        ///< m_unsaved or m_memoryView changed since m_shown was made
  std::uint64_t m_shownCopies = 0;  ///< how many copies were made: shownRevision()
  /// A writable map whose first view or layout could not be written: not tried again at this revision.
  std::optional<std::uint64_t> m_writeRefusedAt;
  std::unique_ptr<LayoutJob> m_job;
  std::vector<RowId> m_jobActors;
  std::vector<char> m_jobPinned;     ///< per job vertex: pinned in the view when the job started
  std::vector<Vec2> m_jobPositions;  ///< the job's positions as last taken
  std::uint64_t m_jobRevision = 0;   ///< the document's revision the job started from
  bool m_jobSeeded = false;          ///< a read-only map: the job's first positions are shown from memory
};

}  // namespace nestmap
