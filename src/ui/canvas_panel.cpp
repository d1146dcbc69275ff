// [SECTION] view, layout in the background
// [SECTION] input: pan, zoom, select, box select, move, delete
// [SECTION] editing on the canvas: add an actor, tie two actors
// [SECTION] view options, search, camera flight
// [SECTION] overlays: labels, legend, tooltip
// [SECTION] OpenGL pass
#include "ui/canvas_panel.hpp"

#include "render/imgui_renderer.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <functional>

#include "analysis/graph_snapshot.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/command.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "layout/view_layout.hpp"
#include "ui/edit_scope.hpp"

namespace nestmap {
namespace {

Vec2 toVec(ImVec2 v) { return {v.x, v.y}; }

/// A command built when it is first applied, from the model as it is then:
/// setPositions() wants the actor that the step before it in a group adds.
class DeferredCommand : public Command {
 public:
  using Make = std::function<CommandPtr(const Model&)>;
  explicit DeferredCommand(Make make) : m_make(std::move(make)) {}
  void apply(Model& model, Store& store) override {
    if (!m_command) m_command = m_make(model);
    m_command->apply(model, store);
  }
  void undo(Model& model, Store& store) override {
    if (m_command) m_command->undo(model, store);
  }
  std::string describe() const override { return m_command ? m_command->describe() : std::string(); }
  std::vector<Uuid> affected() const override { return m_command ? m_command->affected() : std::vector<Uuid>{}; }

 private:
  Make m_make;
  CommandPtr m_command;
};

}  // namespace

bool CanvasPanel::init(std::string& error) {
  m_ready = m_renderer.init(error);
  return m_ready;
}

// ---------------------------------------------------------------------------
// [SECTION] view, layout in the background

void CanvasPanel::showView(RowId viewId) {
  m_options.viewId = viewId;
  m_loadedView = 0;  // a saved view opens as it was saved, also when shown again
  m_fitPending = true;
  m_job.reset();
}

void CanvasPanel::showAgreement(RowId agreementId) {
  m_options.selectedAgreement = agreementId;
  m_bringAgreement = agreementId;
}

void CanvasPanel::selectActors(const std::vector<RowId>& actors, RowId tieId) {
  m_options.selection = std::set<RowId>(actors.begin(), actors.end());
  m_options.selectedTie = tieId;
  if (!actors.empty()) m_centreOn = actors.front();
}

void CanvasPanel::showPath(std::vector<RowId> path) {
  m_path = std::move(path);
  if (!m_path.empty()) m_centreOn = m_path.back();
}

void CanvasPanel::selectAndCentre(RowId actorId) {
  m_options.selection = {actorId};
  m_options.selectedTie = 0;
  m_centreOn = actorId;
}

bool CanvasPanel::showViewNamed(const Model& model, const std::string& name) {
  std::vector<NameCandidate> candidates;
  for (const auto& [id, view] : model.views) candidates.push_back({id, view.name, {view.name}});
  const NameMatch match = matchName(name, candidates);
  if (!match.id) return false;
  showView(match.id);
  return true;
}

bool CanvasPanel::selectNamed(const Model& model, const std::string& name) {
  std::vector<NameCandidate> candidates;
  for (const auto& [id, actor] : model.actors) {
    NameCandidate c{id, actor.name, {actor.name}};
    if (!actor.shortName.empty()) c.names.push_back(actor.shortName);
    candidates.push_back(std::move(c));
  }
  const NameMatch match = matchName(name, candidates);
  if (!match.id) return false;
  selectAndCentre(match.id);
  return true;
}

std::optional<std::pair<Vec2, double>> CanvasPanel::screenOf(RowId actorId) const {
  const auto i = scene().nodeOf(actorId);
  if (i < 0) return std::nullopt;
  const SceneNode& node = scene().nodes[static_cast<std::size_t>(i)];
  const double radius = std::max<double>(node.radius * m_camera.zoom, minNodePixels());
  return std::pair{m_camera.toScreen(node.position, toVec(m_size)), radius};
}

bool CanvasPanel::editable(const Document& doc) const { return !m_readOnly && nestmap::editable(doc); }

bool CanvasPanel::run(Document& doc, const std::function<CommandPtr()>& make) {
  try {
    doc.execute(make());
    return true;
  } catch (const UserError& e) {
    // Nothing changed (or the map was read again, as another program left it): say why.
    m_refusal = e.what();
    return false;
  }
}

const Model& CanvasPanel::shownModel(const Document& doc) {
  if (!doc.readOnly() || (m_unsaved.empty() && !m_memoryView)) {
    m_shown.reset();
    return doc.model();
  }
  if (m_shown && !m_shownStale && m_shownRevision == doc.revision()) return *m_shown;
  auto shown = std::make_unique<Model>(doc.model());
  if (m_memoryView && !shown->views.empty()) {
    // Another program gave the map views of its own: the overview held here is no longer needed.
    m_unsaved.erase(m_memoryView);
    m_memoryView = 0;
  }
  if (m_memoryView) {
    View view;
    view.id = m_memoryView;
    view.name = tr("view.overview");
    shown->views.put(std::move(view));
  }
  for (const auto& [viewId, unsaved] : m_unsaved) {
    View* view = shown->views.find(viewId);
    if (!view) continue;
    view->layout = unsaved.algo;
    ViewPositions& positions = shown->positions[viewId];
    for (const auto& [actorId, at] : unsaved.placement) {
      if (!shown->actors.contains(actorId)) continue;  // removed by another program since
      if (at)
        positions[actorId] = *at;
      else
        positions.erase(actorId);
    }
  }
  m_shown = std::move(shown);
  m_shownRevision = doc.revision();
  m_shownStale = false;
  ++m_shownCopies;
  return *m_shown;
}

std::uint64_t CanvasPanel::shownRevision(const Document& doc) {
  // A copy may take the address of one freed before it: the caches (scene, nest overlay)
  // key on the address and this number, which differs for every copy and from every revision.
  shownModel(doc);  // brings the copy up to date (or lets it go)
  return m_shown ? (std::uint64_t{1} << 63) | m_shownCopies : doc.revision();
}

void CanvasPanel::showUnsavedLayout(RowId viewId, std::string algo,
                                    std::vector<std::pair<RowId, std::optional<ViewPosition>>> placement) {
  m_unsaved[viewId] = Unsaved{std::move(algo), std::move(placement)};
  m_shownStale = true;
  m_fitPending = true;
}

void CanvasPanel::ensureView(Document& doc) {
  const Model& m = shownModel(doc);
  if (m_options.viewId && m.views.contains(m_options.viewId)) return;
  if (!m.views.empty()) {
    showView(m.views.records().front().id);
    return;
  }
  // A map without any view gets the overview, so that positions have a home:
  // in the file when it can be written, else only on the screen.
  if (doc.readOnly()) {
    m_memoryView = doc.model().views.nextId();
    m_shownStale = true;
    showView(m_memoryView);
    return;
  }
  if (m_writeRefusedAt == doc.revision()) return;
  View view;
  view.name = tr("view.overview");
  const std::uint64_t before = doc.revision();
  if (run(doc, [&] { return putRecord<View>(view); }))
    showView(doc.model().views.records().back().id);
  else if (doc.revision() == before)
    m_writeRefusedAt = before;  // locked, disk full: not again every frame; a map read again is tried afresh
}

void CanvasPanel::loadSavedView(const Document& doc) {
  // A view that was saved opens with its options and camera; others keep the current options and are fitted.
  if (m_loadedView == m_options.viewId) return;
  m_loadedView = m_options.viewId;
  const View* view = doc.model().views.find(m_options.viewId);
  if (!view || view->decorationJson == "{}" || view->decorationJson.empty()) return;
  m_view = viewOptionsFromJson(doc.model(), view->filterJson, view->decorationJson);
  m_viewDirty = true;
  if (view->zoom > 0) {
    m_camera.center = {view->cameraX, view->cameraY};
    m_camera.zoom = view->zoom;
    m_fitPending = false;
  }
}

void CanvasPanel::saveView(Document& doc) {
  const View* current = doc.model().views.find(m_options.viewId);
  if (!current) return;
  View view = *current;
  std::tie(view.filterJson, view.decorationJson) = viewOptionsToJson(doc.model(), m_view);
  view.cameraX = m_camera.center.x;
  view.cameraY = m_camera.center.y;
  view.zoom = m_camera.zoom;
  if (run(doc, [&] { return putRecord<View>(view); })) m_loadedView = view.id;
}

void CanvasPanel::startLayoutIfUnplaced(Document& doc) {
  if (m_job || m_writeRefusedAt == doc.revision()) return;
  const Model& m = shownModel(doc);
  auto it = m.positions.find(m_options.viewId);
  const std::size_t placed = it == m.positions.end() ? 0 : it->second.size();
  if (m.actors.empty() || placed * 2 >= m.actors.size()) return;
  // A view that a layout filled on purpose with part of the map (a nest) stays as it is.
  const View* view = m.views.find(m_options.viewId);
  if (placed > 0 && view && !view->layout.empty()) return;
  // Most actors have no place in this view: lay the map out while the user watches.
  startForceLayout(doc);
  m_fitPending = true;
}

void CanvasPanel::startForceLayout(Document& doc) {
  const Model& m = shownModel(doc);
  if (m.actors.empty() || !m.views.contains(m_options.viewId)) return;
  GraphSnapshot g = GraphSnapshot::fromModel(m, layoutSnapshotOptions());
  m_jobActors = g.rowIds();
  // From where the actors are now (pins kept; newcomers beside their neighbours),
  // so that an existing layout stays recognisable.
  bool anyPlaced = false;
  LayoutNodes start = startFromView(m, g, m_options.viewId, 1, anyPlaced);
  if (!anyPlaced) start = LayoutNodes{};  // the job's own random start
  m_jobPinned = start.pinned;
  m_jobPositions.clear();
  m_jobRevision = doc.revision();
  m_jobSeeded = false;
  m_job = std::make_unique<LayoutJob>(std::move(g), std::move(start), ForceAtlas2Params{}, LayoutJob::Params{});
}

void CanvasPanel::pollLayout(Document& doc) {
  if (!m_job) return;
  // The positions taken last are kept: the final ones may have come a frame before the job said it was done.
  std::vector<Vec2>& positions = m_jobPositions;
  auto placementOf = [&](const std::vector<Vec2>& at) {
    std::vector<std::pair<RowId, std::optional<ViewPosition>>> placement;
    for (std::size_t v = 0; v < at.size(); ++v)
      placement.emplace_back(m_jobActors[v], ViewPosition{at[v].x, at[v].y, v < m_jobPinned.size() && m_jobPinned[v]});
    return placement;
  };
  if (m_job->takePositions(positions)) {
    if (doc.readOnly() && !std::exchange(m_jobSeeded, true) && scene().nodes.size() < positions.size()) {
      // Actors without a place are not drawn, and a read-only map has nowhere to keep one:
      // the layout is shown from memory from its first positions on, and moves from there.
      showUnsavedLayout(m_options.viewId, "fa2", placementOf(positions));
    } else {
      std::vector<std::pair<RowId, Vec2>> moved;
      moved.reserve(positions.size());
      for (std::size_t v = 0; v < positions.size(); ++v) moved.emplace_back(m_jobActors[v], positions[v]);
      m_builder.movePositions(moved);
      if (m_fitPending) fitToScene();
    }
  }
  const auto state = m_job->state();
  if (state != LayoutJob::State::Finished && state != LayoutJob::State::Cancelled) return;
  // Settled: the layout becomes part of the map, as one undoable step (on a
  // read-only map it is only shown).
  m_job->takePositions(positions);
  if (positions.size() != m_jobActors.size()) {
    m_job.reset();  // stopped before it placed anything
    return;
  }
  placeIsolated(m_job->graph(), positions);
  const View* current = shownModel(doc).views.find(m_options.viewId);
  if (!current) {
    m_job.reset();  // the view went meanwhile
    return;
  }
  View view = *current;
  view.layout = "fa2";
  std::vector<std::pair<RowId, std::optional<ViewPosition>>> placement = placementOf(positions);
  m_job.reset();
  m_fitPending = true;
  if (doc.readOnly()) {
    showUnsavedLayout(view.id, view.layout, std::move(placement));
    return;
  }
  const std::uint64_t before = doc.revision();
  if (run(doc, [&] { return applyLayout(doc.model(), view, std::move(placement)); }) || doc.revision() != before)
    return;
  m_writeRefusedAt = before;  // shown until the map changes; not laid out again at this revision
}

void CanvasPanel::fitToScene() {
  // The whole map in the part of the canvas that the legend leaves free; a nest below the view
  // button and the prison picker.
  const ImGuiMeasure measure(ImGui::GetFont());
  const double top = m_nest.active() ? ImGui::GetFrameHeight() + 16 * m_uiScale : 0;
  fitView(m_camera, scene(), decoration(), canvasRect(), top, measure);
  if (!m_job) m_fitPending = false;
}

// ---------------------------------------------------------------------------
// [SECTION] input

void CanvasPanel::handleInput(Document& doc, Vec2 mouse, bool hoveredCanvas) {
  ImGuiIO& io = ImGui::GetIO();
  const bool canEdit = editable(doc);
  const Vec2 size = toVec(m_size);
  const Vec2 world = m_camera.toWorld(mouse, size);
  const Scene& s = scene();
  // The pointer may land a few pixels off, and tiny actors are drawn at their minimum size.
  const std::int64_t under = hoveredCanvas ? m_pick.nodeAt(s, world, (minNodePixels() + 3.0) / m_camera.zoom) : -1;
  const RowId hovered = under >= 0 ? s.nodes[static_cast<std::size_t>(under)].actorId : 0;
  m_options.hovered = m_drag == Drag::None || m_drag == Drag::Tie ? hovered : m_options.hovered;
  // A tie under the pointer, where no actor is; not while a layout moves everything.
  RowId hoveredTie = 0;
  if (hoveredCanvas && !hovered && !m_job && (m_drag == Drag::None || ImGui::IsMouseClicked(ImGuiMouseButton_Left)))
    if (const auto e = m_edgePick.edgeAt(s, world, 4.0 / m_camera.zoom); e >= 0)
      hoveredTie = s.edges[static_cast<std::size_t>(e)].tieId;
  if (m_drag == Drag::None) m_options.hoveredTie = hoveredTie;

  m_mouse = mouse;
  if (hoveredCanvas && io.MouseWheel != 0) {
    m_camera.zoomAt(mouse, size, std::pow(1.15, io.MouseWheel));
    m_flight.reset();
  }
  if (hoveredCanvas && ImGui::IsMouseClicked(ImGuiMouseButton_Middle)) m_drag = Drag::Pan;
  if (hoveredCanvas && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    m_dragStart = m_dragLast = world;
    if (io.KeyShift) {
      m_drag = Drag::Box;
    } else if (hovered && io.KeyCtrl && canEdit) {
      // Ctrl+drag to another actor ties the two; Ctrl+click (no drag) toggles the selection.
      m_drag = Drag::Tie;
      m_tieFrom = hovered;
      m_dragMoved = false;
    } else if (hovered) {
      if (!m_options.selection.count(hovered)) {
        m_options.selection = {hovered};
      }
      m_options.selectedTie = 0;
      m_drag = canEdit ? Drag::Move : Drag::Pan;
      m_moving.clear();
      for (RowId id : m_options.selection)
        if (auto i = s.nodeOf(id); i >= 0) m_moving.emplace_back(id, s.nodes[static_cast<std::size_t>(i)].position);
    } else if (hoveredTie) {
      // The tie alone is selected; dragging from it pans, as on empty space.
      m_options.selection.clear();
      m_options.selectedTie = hoveredTie;
      m_drag = Drag::Pan;
    } else {
      if (!io.KeyCtrl) m_options.selection.clear();
      m_options.selectedTie = 0;
      m_drag = Drag::Pan;
      if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && !io.KeyCtrl && canEdit) {
        addActorAt(doc, world);
        m_drag = Drag::None;
      }
    }
  }

  if (m_drag == Drag::Pan &&
      (ImGui::IsMouseDown(ImGuiMouseButton_Left) || ImGui::IsMouseDown(ImGuiMouseButton_Middle))) {
    m_camera.center += Vec2{-io.MouseDelta.x / m_camera.zoom, io.MouseDelta.y / m_camera.zoom};
    if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) m_flight.reset();
  } else if (m_drag == Drag::Move && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    const Vec2 delta = world - m_dragStart;
    std::vector<std::pair<RowId, Vec2>> moved;
    for (const auto& [id, from] : m_moving) moved.emplace_back(id, from + delta);
    m_builder.movePositions(moved);
    m_dragLast = world;
  } else if ((m_drag == Drag::Box || m_drag == Drag::Tie) && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    m_dragLast = world;
    m_dragMoved = m_dragMoved || (m_dragLast - m_dragStart).length() * m_camera.zoom > 2;
  } else if (m_drag != Drag::None) {
    // Released.
    if (m_drag == Drag::Box) {
      if (!io.KeyCtrl) m_options.selection.clear();
      m_options.selectedTie = 0;
      for (std::uint32_t i : m_pick.nodesIn(s, m_dragStart, m_dragLast)) m_options.selection.insert(s.nodes[i].actorId);
    } else if (m_drag == Drag::Move && (m_dragLast - m_dragStart).length() * m_camera.zoom > 2) {
      // One undo step for the whole move; moved actors stay where the user put them.
      const Vec2 delta = m_dragLast - m_dragStart;
      std::vector<std::pair<RowId, std::optional<ViewPosition>>> placement;
      for (const auto& [id, from] : m_moving)
        if (doc.model().actors.contains(id))
          placement.emplace_back(id, ViewPosition{from.x + delta.x, from.y + delta.y, true});
      // Refused: the actors go back to where the file has them.
      if (!run(doc, [&] { return setPositions(doc.model(), m_options.viewId, std::move(placement)); }))
        m_builder.movePositions(m_moving);
    } else if (m_drag == Drag::Tie) {
      if (!m_dragMoved) {
        if (!m_options.selection.erase(m_tieFrom)) m_options.selection.insert(m_tieFrom);
      } else if (hovered && hovered != m_tieFrom) {
        addTieBetween(doc, m_tieFrom, hovered);
      }
      m_tieFrom = 0;
    }
    m_drag = Drag::None;
    m_moving.clear();
  }

  const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
  if ((focused || hoveredCanvas) && !io.WantTextInput && io.KeyCtrl &&
      ImGui::IsKeyPressed(static_cast<int>('F'), false))
    m_searchOpen = true;
  if (focused && !io.WantTextInput) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      m_options.selection.clear();
      m_options.selectedTie = 0;
    }
    if (ImGui::IsKeyPressed(static_cast<int>('F')) && !io.KeyCtrl) m_fitPending = true;
    if (!canEdit) {
      // Presentation, or a read-only map: nothing is removed.
    } else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete)) && !m_options.selection.empty()) {
      std::size_t present = 0;
      for (RowId id : m_options.selection) present += doc.model().actors.contains(id);
      const bool removed = present > 0 && run(doc, [&]() -> CommandPtr {
                             std::vector<CommandPtr> parts;
                             for (RowId id : m_options.selection)
                               if (doc.model().actors.contains(id)) parts.push_back(deleteActor(doc.model(), id));
                             const std::string what = parts.size() == 1
                                                          ? parts.front()->describe()
                                                          : trf("canvas.delete_actors", {std::to_string(parts.size())});
                             return std::make_unique<GroupCommand>(what, std::move(parts));
                           });
      if (removed || present == 0) m_options.selection.clear();
    } else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete)) && m_options.selectedTie &&
               doc.model().ties.contains(m_options.selectedTie)) {
      if (run(doc, [&] { return deleteTie(doc.model(), m_options.selectedTie); })) m_options.selectedTie = 0;
    }
  }
}

void CanvasPanel::draw(Document& doc, ImVec2 pos, ImVec2 size) {
  // On whole pixels, so that the OpenGL viewport and the overlays drawn by ImGui agree exactly.
  pos = ImVec2(std::round(pos.x), std::round(pos.y));
  size = ImVec2(std::round(size.x), std::round(size.y));
  m_pos = pos;
  m_size = size;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##canvas", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  ensureView(doc);
  loadSavedView(doc);
  // An undo may take the picked tie away.
  if (m_options.selectedTie && !doc.model().ties.contains(m_options.selectedTie)) m_options.selectedTie = 0;
  if (m_options.hoveredTie && !doc.model().ties.contains(m_options.hoveredTie)) m_options.hoveredTie = 0;
  startLayoutIfUnplaced(doc);
  applyView(doc);

  // The scene follows the document; while a layout runs, its positions win.
  if (!m_job || m_builder.scene().nodes.empty() || m_drag == Drag::None) {
    m_builder.build(shownModel(doc), shownRevision(doc), m_options);
    if (m_job && doc.revision() != m_jobRevision) m_job.reset();  // the map changed under the running layout
  }
  pollLayout(doc);
  if (m_pick.builtFor() != scene().version * 1000003 + scene().positionsVersion) m_pick.build(scene());
  m_nest.update(shownModel(doc), shownRevision(doc), m_options.viewId, m_options.asOf);
  if (m_fitPending && !scene().nodes.empty() && size.x > 0) fitToScene();
  // After any pending fit, so that fitting the map does not undo the centring.
  if (m_centreOn && !m_fitPending) {
    if (auto i = scene().nodeOf(*m_centreOn); i >= 0)
      m_camera.center = scene().nodes[static_cast<std::size_t>(i)].position;
    m_centreOn.reset();
    m_flight.reset();
  }
  if (m_bringAgreement && !m_fitPending) {
    // Fly to the middle of the agreement's drawn parties; zoom out if they would not fit.
    Vec2 lo{HUGE_VAL, HUGE_VAL}, hi{-HUGE_VAL, -HUGE_VAL};
    for (const Agreement* a = doc.model().agreements.find(m_bringAgreement); a; a = nullptr)
      for (const AgreementParty& p : a->parties)
        if (const auto i = scene().nodeOf(p.actorId); i >= 0) {
          const Vec2 at = scene().nodes[static_cast<std::size_t>(i)].position;
          lo = {std::min(lo.x, at.x), std::min(lo.y, at.y)};
          hi = {std::max(hi.x, at.x), std::max(hi.y, at.y)};
        }
    if (lo.x <= hi.x) {
      Flight flight;
      flight.fromCenter = m_camera.center;
      flight.toCenter = (lo + hi) * 0.5;
      flight.fromZoom = flight.toZoom = m_camera.zoom;
      // Close enough that the parties stand out, never so close that they leave the canvas.
      const double span = std::max(hi.x - lo.x, hi.y - lo.y), room = std::min(m_size.x, m_size.y);
      if (span * m_camera.zoom > 0.7 * room)
        flight.toZoom = 0.7 * room / std::max(span, 1e-9);
      else if (span * m_camera.zoom < 0.25 * room)
        flight.toZoom = std::min(m_camera.zoom * 4, 0.4 * room / std::max(span, 1e-9));
      m_flight = flight;
    }
    m_bringAgreement = 0;
  }
  animateFlight(ImGui::GetIO().DeltaTime);

  // The view button comes before the surface, so that it gets the mouse first.
  float buttonRight = pos.x;
  bool onButton = !m_chromeHidden && drawViewButton(doc, buttonRight);
  if (std::exchange(m_saveRequested, false)) saveView(doc);
  if (m_nest.active() && !m_chromeHidden) onButton = drawNestPicker(doc, buttonRight) || onButton;
  // So does the legend's show/hide button (placed where the legend was laid out last frame).
  // The legend's band is not part of the map: clicks there neither select nor pan.
  const bool onLegend = !scene().legend.empty() && ImGui::GetIO().MousePos.y >= pos.y + size.y - legendHeight();
  ImGui::SetCursorScreenPos(pos);
  ImGui::InvisibleButton(
      "##surface", size,
      ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle | ImGuiButtonFlags_MouseButtonRight);
  ImGui::SetItemAllowOverlap();  // the legend's button, drawn later on top, takes its own clicks
  const bool hovered = ImGui::IsItemHovered() && !onButton && !onLegend;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  handleInput(doc, {mouse.x - pos.x, mouse.y - pos.y}, hovered);

  // Everything that an export shows too comes from the display list (scene/view_picture).
  ImDrawList* list = ImGui::GetWindowDrawList();
  composeDisplay();
  drawItemsRange(list, 0, m_legendFrom);
  if (m_drag == Drag::Box) {
    const Vec2 a = m_camera.toScreen(m_dragStart, toVec(size)), b = m_camera.toScreen(m_dragLast, toVec(size));
    list->AddRectFilled(ImVec2(pos.x + a.x, pos.y + a.y), ImVec2(pos.x + b.x, pos.y + b.y), IM_COL32(16, 97, 217, 40));
    list->AddRect(ImVec2(pos.x + a.x, pos.y + a.y), ImVec2(pos.x + b.x, pos.y + b.y), IM_COL32(16, 97, 217, 200));
  }
  if (m_drag == Drag::Tie) {
    // The rubber band of the tie being drawn, and a ring on the actor it would end at.
    if (auto from = screenOf(m_tieFrom)) {
      const ImU32 color = IM_COL32(16, 97, 217, 220);
      list->AddLine(ImVec2(pos.x + static_cast<float>(from->first.x), pos.y + static_cast<float>(from->first.y)),
                    ImVec2(pos.x + static_cast<float>(m_mouse.x), pos.y + static_cast<float>(m_mouse.y)), color, 2.5f);
      const RowId target = m_options.hovered;
      if (auto to = target && target != m_tieFrom ? screenOf(target) : std::nullopt)
        list->AddCircle(ImVec2(pos.x + static_cast<float>(to->first.x), pos.y + static_cast<float>(to->first.y)),
                        static_cast<float>(to->second) + 4, color, 0, 2.5f);
    }
  }
  drawItemsRange(list, m_legendFrom, m_display.items.size());
  if (!scene().legend.empty() && !m_chromeHidden) {
    ImGui::SetCursorScreenPos(m_legendButton);
    const bool open = m_legendOpen.value_or(legendHeight() > ImGui::GetFrameHeight() + 8);
    if (ImGui::SmallButton(open ? tr("canvas.legend_hide").c_str() : tr("canvas.legend_show").c_str())) {
      m_legendOpen = !open;
      m_fitPending = true;
    }
  }
  // What is not today's plain map says so beside the button: the timeline's day, a comparison, a layout.
  std::string note;
  if (m_timelineAsOf) note = trf("canvas.as_of", {m_timelineAsOf->toString()});
  if (m_timelineCompare)
    note += (note.empty() ? "" : " · ") + trf("canvas.compared_with", {m_timelineCompare->toString()});
  if (m_job) note += (note.empty() ? "" : " · ") + trf("canvas.layout_running", {std::to_string(m_job->iterations())});
  // A map that can only be read says so where the eye is, and that what it shows of a layout is not kept.
  if (doc.readOnly() && !m_readOnly)
    note += (note.empty() ? "" : " · ") +
            tr(layoutUnsaved(m_options.viewId) || (m_memoryView && m_options.viewId == m_memoryView)
                   ? "canvas.read_only_unsaved"
                   : "canvas.read_only");
  if (!note.empty()) {
    const ImVec2 at(buttonRight + 12, pos.y + 8 + ImGui::GetStyle().FramePadding.y);
    const ImVec2 textSize = ImGui::CalcTextSize(note.c_str());
    list->AddRectFilled(ImVec2(at.x - 4, at.y - 2), ImVec2(at.x + textSize.x + 4, at.y + textSize.y + 2),
                        IM_COL32(255, 255, 255, 200), 3);
    list->AddText(at, IM_COL32(60, 60, 60, 255), note.c_str());
  }
  drawSearch(doc);
  if (hovered && m_options.hovered && m_drag == Drag::None)
    drawTooltip(doc);
  else if (hovered && m_options.hoveredTie && m_drag == Drag::None)
    drawTieTooltip(doc);
  ImGui::End();
}

// ---------------------------------------------------------------------------
// [SECTION] editing on the canvas: add an actor, tie two actors

void CanvasPanel::addActorAt(Document& doc, Vec2 world) {
  const Model& m = doc.model();
  const ActorType* type = m.actorTypeByKey("other");
  if (!type && !m.actorTypes.empty()) type = &m.actorTypes.records().front();
  if (!type || !m.views.contains(m_options.viewId)) return;
  Actor actor;
  actor.name = tr("canvas.new_actor");
  actor.typeId = type->id;
  actor.line = type->line;
  // PutRecord gives a new record the table's next id; the position needs it
  // before the actor exists, so it is built when the group applies.
  const RowId id = m.actors.nextId();
  const RowId viewId = m_options.viewId;
  const std::string description = trf("canvas.add_actor_here", {actor.name});
  std::vector<CommandPtr> parts;
  parts.push_back(addActor(std::move(actor)));
  parts.push_back(std::make_unique<DeferredCommand>([viewId, id, world](const Model& model) {
    return setPositions(model, viewId, {{id, ViewPosition{world.x, world.y, true}}});
  }));
  if (run(doc, [&]() -> CommandPtr { return std::make_unique<GroupCommand>(description, std::move(parts)); }))
    m_options.selection = {id};
}

void CanvasPanel::addTieBetween(Document& doc, RowId from, RowId to) {
  const Model& m = doc.model();
  if (from == to || !m.actors.contains(from) || !m.actors.contains(to)) return;
  const TieType* type = m.tieTypeByKey("other");
  if (!type && !m.tieTypes.empty()) type = &m.tieTypes.records().front();
  if (!type) return;
  Tie tie;
  tie.sourceId = from;
  tie.targetId = to;
  tie.typeId = type->id;
  tie.direction = Direction::Undirected;
  tie.strength = 2;
  tie.status = TieStatus::Active;
  run(doc, [&] { return addTie(m, tie); });
}

// ---------------------------------------------------------------------------
// [SECTION] view options, search, camera flight

void CanvasPanel::applyView(const Document& doc) {
  const Model& m = doc.model();
  const bool mapChanged = doc.revision() != m_viewRevision || &m != m_viewModel;
  if (mapChanged) {
    m_metricFor.reset();
    m_communitiesDone = false;
  }
  if (m_viewDirty || mapChanged) {
    applyViewOptions(m, m_view, m_options);
    // FIXME: computed on this thread, again after every edit; fine for maps of a few thousand actors.
    if (!needsMetric(m_view)) {
      m_options.metric.clear();
      m_metricFor.reset();
    } else if (m_metricFor != m_view.metric) {
      m_options.metric = actorMetric(m, m_view.metric);
      m_metricFor = m_view.metric;
    }
    if (!needsCommunities(m_view)) {
      m_options.community.clear();
      m_communitiesDone = false;
    } else if (!m_communitiesDone) {
      m_options.community = actorCommunities(m);
      m_communitiesDone = true;
    }
    m_viewDirty = false;
    m_viewRevision = doc.revision();
    m_viewModel = &m;
  }
  // The timeline wins over the popup's date while it is set.
  m_options.asOf = m_timelineAsOf ? m_timelineAsOf : parseAsOf(m_view);
  m_options.compareWith = m_timelineCompare;
  m_options.focus = focusOf(m_view, m_options.selection);
  m_options.focusDepth = m_view.focusDepth;
}

bool CanvasPanel::drawViewButton(const Document& doc, float& right) {
  ImGui::SetCursorScreenPos(ImVec2(m_pos.x + 8, m_pos.y + 8));
  if (ImGui::Button(tr("canvas.view").c_str())) ImGui::OpenPopup("##view_options");
  const bool hovered = ImGui::IsItemHovered() || ImGui::IsItemActive();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  right = max.x;
  ImGui::SetNextWindowPos(ImVec2(min.x, max.y + 4));
  if (ImGui::BeginPopup("##view_options")) {
    if (drawViewOptions(doc.model(), m_view)) m_viewDirty = true;
    ImGui::Separator();
    {
      EditScope edit(doc);
      if (ImGui::Button(tr("canvas.save_view").c_str())) m_saveRequested = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("canvas.save_view_tip").c_str());
    ImGui::EndPopup();
  }
  return hovered;
}

bool CanvasPanel::drawNestPicker(const Document& doc, float& right) {
  const Model& m = doc.model();
  ImGui::SetCursorScreenPos(ImVec2(right + 8, m_pos.y + 8));
  const Actor* prison = m.actors.find(m_nest.prisonId());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  bool hovered = false;
  if (ImGui::BeginCombo("##nest_prison", prison ? (tr("canvas.nest_of") + " " + prison->name).c_str() : "")) {
    for (const Actor* p : prisonsByName(m))
      if (ImGui::Selectable(p->name.c_str(), p->id == m_nest.prisonId()) && p->id != m_nest.prisonId())
        m_nestRequest = p->id;
    ImGui::EndCombo();
    hovered = true;
  }
  hovered = hovered || ImGui::IsItemHovered() || ImGui::IsItemActive();
  right = ImGui::GetItemRectMax().x;
  return hovered;
}

void CanvasPanel::drawSearch(Document& doc) {
  if (m_searchOpen) {
    ImGui::OpenPopup("##canvas_search");
    m_searchOpen = false;
    m_searchFocus = true;
    m_searchText.clear();
    m_searchIndex = 0;
  }
  ImGui::SetNextWindowPos(ImVec2(m_pos.x + m_size.x / 2, m_pos.y + 40), ImGuiCond_Appearing, ImVec2(0.5f, 0));
  if (!ImGui::BeginPopup("##canvas_search")) return;
  if (m_searchFocus) {
    ImGui::SetKeyboardFocusHere();
    m_searchFocus = false;
  }
  ImGui::SetNextItemWidth(320);
  if (ImGui::InputTextWithHint("##search", tr("canvas.search_hint").c_str(), &m_searchText)) m_searchIndex = 0;
  const Model& m = doc.model();
  const std::vector<RowId> hits = searchActors(m, m_searchText);
  const int count = static_cast<int>(hits.size());
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) ++m_searchIndex;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) --m_searchIndex;
  m_searchIndex = std::clamp(m_searchIndex, 0, std::max(count - 1, 0));
  RowId chosen = 0;
  if (count > 0 && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                    ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter))))
    chosen = hits[static_cast<std::size_t>(m_searchIndex)];
  for (int i = 0; i < count; ++i) {
    const Actor* actor = m.actors.find(hits[static_cast<std::size_t>(i)]);
    ImGui::PushID(i);
    if (ImGui::Selectable(actor->name.c_str(), i == m_searchIndex)) chosen = actor->id;
    ImGui::PopID();
  }
  if (count == 0 && !m_searchText.empty()) ImGui::TextDisabled("%s", tr("canvas.search_none").c_str());
  if (chosen) {
    m_options.selection = {chosen};
    flyTo(chosen);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void CanvasPanel::flyTo(RowId actorId) {
  const auto i = scene().nodeOf(actorId);
  if (i < 0) return;
  const SceneNode& node = scene().nodes[static_cast<std::size_t>(i)];
  Flight flight;
  flight.fromCenter = m_camera.center;
  flight.toCenter = node.position;
  flight.fromZoom = flight.toZoom = m_camera.zoom;
  // Far out, come close enough to see the actor as more than a dot.
  if (node.radius * m_camera.zoom < 8)
    flight.toZoom = std::clamp(12.0 / std::max<double>(node.radius, 1e-6), 1e-4, 1e5);
  m_flight = flight;
}

void CanvasPanel::animateFlight(float dt) {
  if (!m_flight) return;
  Flight& f = *m_flight;
  f.t = std::min(1.0f, f.t + std::max(dt, 0.0f) / 0.3f);
  const double s = f.t * f.t * (3 - 2 * f.t);  // ease in and out
  m_camera.center = f.fromCenter + (f.toCenter - f.fromCenter) * s;
  // Zoom moves evenly on a log scale, as the eye sees it.
  m_camera.zoom = f.fromZoom * std::pow(f.toZoom / f.fromZoom, s);
  if (f.t >= 1) m_flight.reset();
}

// ---------------------------------------------------------------------------
// [SECTION] overlays: labels, legend, tooltip

ViewDecoration CanvasPanel::decoration() const {
  ViewDecoration d;
  d.scale = m_uiScale;
  d.fontSize = ImGui::GetFontSize();
  d.minNodePixels = static_cast<float>(minNodePixels());
  d.agreements = m_view.agreements;
  d.selectedAgreement = m_options.selectedAgreement;
  d.allAgreements = &m_builder.allAgreements();
  d.path = m_path;
  d.nest = m_nest.active() ? &m_nest : nullptr;
  d.nestHighlight = m_nestHighlight;
  d.legendOpen = m_legendOpen;
  d.legendTitle = m_chromeHidden;
  return d;
}

PixelRect CanvasPanel::canvasRect() const {
  return {{m_pos.x, m_pos.y}, {m_pos.x + m_size.x, m_pos.y + m_size.y}};
}

void CanvasPanel::composeDisplay() {
  // In ImGui's screen coordinates, so that the items need no moving when drawn.
  const ImGuiMeasure measure(ImGui::GetFont());
  m_display = DisplayList{};
  m_display.size = {m_pos.x + m_size.x, m_pos.y + m_size.y};
  DisplayListBuilder out(m_display, measure);
  const LegendPlacement legend = composeView(out, scene(), m_camera, canvasRect(), decoration());
  m_legendButton = ImVec2(static_cast<float>(legend.header.x), static_cast<float>(legend.header.y));
  m_legendFrom = legend.firstItem;
}

void CanvasPanel::drawItemsRange(ImDrawList* list, std::size_t first, std::size_t last) const {
  drawItems(list, ImGui::GetFont(), m_display, {0, 0}, first, last);
}

float CanvasPanel::legendHeight() const {
  const ImGuiMeasure measure(ImGui::GetFont());
  return nestmap::legendHeight(scene(), decoration(), canvasRect(), measure);
}

void CanvasPanel::drawTooltip(const Document& doc) const {
  const Model& m = doc.model();
  const Actor* a = m.actors.find(m_options.hovered);
  if (!a) return;
  const ActorType* type = m.actorTypes.find(a->typeId);
  std::size_t ties = 0;
  const Scene& s = scene();
  const auto index = s.nodeOf(a->id);
  for (const SceneEdge& e : s.edges)
    if (static_cast<std::int64_t>(e.from) == index || static_cast<std::int64_t>(e.to) == index) ++ties;
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(a->name.c_str());
  if (type) ImGui::TextDisabled("%s", (language() == Language::Dutch ? type->nameNl : type->nameEn).c_str());
  if (!a->municipality.empty()) ImGui::TextUnformatted(a->municipality.c_str());
  ImGui::TextUnformatted(trf("canvas.tooltip_ties", {std::to_string(ties)}).c_str());
  std::size_t agreements = 0;
  for (const SceneAgreement& agreement : s.agreements)
    agreements += std::binary_search(agreement.nodes.begin(), agreement.nodes.end(), static_cast<std::uint32_t>(index));
  if (agreements) ImGui::TextUnformatted(trf("canvas.tooltip_agreements", {std::to_string(agreements)}).c_str());
  // The key measures, from the metrics table once it has computed them for this revision.
  const MetricsPanel::Row* row = nullptr;
  if (m_measures) {
    auto it = std::lower_bound(m_measures->begin(), m_measures->end(), a->id,
                               [](const MetricsPanel::Row& r, RowId id) { return r.actor < id; });
    if (it != m_measures->end() && it->actor == a->id) row = &*it;
  }
  if (row) {
    auto value = [&](MetricsPanel::Column column) {
      return row->values[static_cast<std::size_t>(column - MetricsPanel::Degree)];
    };
    ImGui::Separator();
    ImGui::TextUnformatted(
        trf("canvas.tooltip_measure", {tr("metrics.degree"), formatNumber(value(MetricsPanel::Degree), 0)}).c_str());
    ImGui::TextUnformatted(
        trf("canvas.tooltip_measure", {tr("metrics.betweenness"), formatNumber(value(MetricsPanel::Betweenness), 3)})
            .c_str());
    ImGui::TextUnformatted(
        trf("canvas.tooltip_measure", {tr("metrics.pagerank"), formatNumber(value(MetricsPanel::PageRank), 4)})
            .c_str());
    ImGui::TextUnformatted(
        trf("canvas.tooltip_measure", {tr("metrics.core"), formatNumber(value(MetricsPanel::Core), 0)}).c_str());
  } else {
    ImGui::TextDisabled("%s", tr("canvas.tooltip_measures_pending").c_str());
  }
  ImGui::EndTooltip();
}

void CanvasPanel::drawTieTooltip(const Document& doc) const {
  const Model& m = doc.model();
  const Tie* tie = m.ties.find(m_options.hoveredTie);
  if (!tie) return;
  auto name = [&](RowId id) {
    const Actor* a = m.actors.find(id);
    return a ? (a->shortName.empty() ? a->name : a->shortName) : std::string("?");
  };
  const TieType* type = m.tieTypes.find(tie->typeId);
  ImGui::BeginTooltip();
  if (type) ImGui::TextUnformatted((language() == Language::Dutch ? type->nameNl : type->nameEn).c_str());
  const char* arrow = tie->direction == Direction::Undirected ? " — " : " → ";
  ImGui::TextUnformatted((name(tie->sourceId) + arrow + name(tie->targetId)).c_str());
  ImGui::TextDisabled(
      "%s", trf("canvas.tooltip_tie_status",
                {tr(std::string("tie_status.") + std::string(key(tie->status))), std::to_string(tie->strength)})
                .c_str());
  ImGui::EndTooltip();
}

// ---------------------------------------------------------------------------
// [SECTION] OpenGL pass

void CanvasPanel::renderGraph(ImVec2 displaySize, ImVec2 framebufferScale) {
  if (!m_ready || m_size.x <= 0 || m_size.y <= 0) return;
  // ImGui's coordinates have y down from the top; OpenGL's viewport y up from the bottom.
  const int x = static_cast<int>(m_pos.x * framebufferScale.x);
  const int w = static_cast<int>(m_size.x * framebufferScale.x), h = static_cast<int>(m_size.y * framebufferScale.y);
  const int y = static_cast<int>((displaySize.y - m_pos.y - m_size.y) * framebufferScale.y);
  Camera camera = m_camera;
  camera.zoom *= framebufferScale.x;
  m_renderer.draw(scene(), camera, x, y, w, h, framebufferScale.x * m_uiScale);
}

}  // namespace nestmap
