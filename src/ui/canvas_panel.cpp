// [SECTION] view, layout in the background
// [SECTION] input: pan, zoom, select, box select, move, delete
// [SECTION] overlays: labels, legend, tooltip
// [SECTION] OpenGL pass
#include "ui/canvas_panel.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/graph_snapshot.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "edit/command.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"

namespace nestmap {
namespace {

ImU32 imColor(Color c, float alpha = 1.0f) { return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255)); }

Vec2 toVec(ImVec2 v) { return {v.x, v.y}; }

}  // namespace

bool CanvasPanel::init(std::string& error) {
  m_ready = m_renderer.init(error);
  return m_ready;
}

// ---------------------------------------------------------------------------
// [SECTION] view, layout in the background

void CanvasPanel::showView(RowId viewId) {
  m_options.viewId = viewId;
  m_fitPending = true;
  m_job.reset();
}

void CanvasPanel::selectAndCentre(RowId actorId) {
  m_options.selection = {actorId};
  m_centreOn = actorId;
}

void CanvasPanel::ensureView(Document& doc) {
  const Model& m = doc.model();
  if (m_options.viewId && m.views.contains(m_options.viewId)) return;
  if (!m.views.empty()) {
    showView(m.views.records().front().id);
    return;
  }
  // A map without any view gets the overview, so that positions have a home.
  View view;
  view.name = tr("view.overview");
  doc.execute(putRecord<View>(view));
  showView(doc.model().views.records().back().id);
}

void CanvasPanel::startLayoutIfUnplaced(Document& doc) {
  if (m_job) return;
  const Model& m = doc.model();
  auto it = m.positions.find(m_options.viewId);
  const std::size_t placed = it == m.positions.end() ? 0 : it->second.size();
  if (m.actors.empty() || placed * 2 >= m.actors.size()) return;
  // Most actors have no place in this view: lay the map out while the user watches.
  GraphSnapshot g = GraphSnapshot::fromModel(m, layoutSnapshotOptions());
  m_jobActors = g.rowIds();
  LayoutNodes start;
  if (it != m.positions.end() && placed > 0) {
    start.position = ForceAtlas2::randomStart(g.vertexCount(), 1, std::sqrt(double(g.vertexCount())) * 10 + 10);
    start.pinned.assign(g.vertexCount(), 0);
    for (std::size_t v = 0; v < g.vertexCount(); ++v)
      if (auto p = it->second.find(m_jobActors[v]); p != it->second.end()) {
        start.position[v] = {p->second.x, p->second.y};
        start.pinned[v] = p->second.pinned;
      }
  }
  m_job = std::make_unique<LayoutJob>(std::move(g), std::move(start), ForceAtlas2Params{}, LayoutJob::Params{});
  m_fitPending = true;
}

void CanvasPanel::pollLayout(Document& doc) {
  if (!m_job) return;
  std::vector<Vec2> positions;
  if (m_job->takePositions(positions)) {
    std::vector<std::pair<RowId, Vec2>> moved;
    moved.reserve(positions.size());
    for (std::size_t v = 0; v < positions.size(); ++v) moved.emplace_back(m_jobActors[v], positions[v]);
    m_builder.movePositions(moved);
    if (m_fitPending) fitToScene();
  }
  const auto state = m_job->state();
  if (state != LayoutJob::State::Finished && state != LayoutJob::State::Cancelled) return;
  // Settled: the layout becomes part of the map, as one undoable step.
  m_job->takePositions(positions);
  placeIsolated(m_job->graph(), positions);
  View view = *doc.model().views.find(m_options.viewId);
  view.layout = "fa2";
  std::vector<std::pair<RowId, std::optional<ViewPosition>>> placement;
  for (std::size_t v = 0; v < positions.size(); ++v)
    placement.emplace_back(m_jobActors[v], ViewPosition{positions[v].x, positions[v].y, false});
  m_job.reset();
  doc.execute(applyLayout(doc.model(), view, std::move(placement)));
  m_fitPending = true;
}

void CanvasPanel::fitToScene() {
  // The whole map in the part of the canvas that the legend leaves free.
  const float legend = legendHeight();
  m_camera.fit(scene().min, scene().max, {m_size.x, std::max(m_size.y - legend, 50.0f)});
  m_camera.center.y -= legend / 2 / m_camera.zoom;
  if (!m_job) m_fitPending = false;
}

// ---------------------------------------------------------------------------
// [SECTION] input

void CanvasPanel::handleInput(Document& doc, Vec2 mouse, bool hoveredCanvas) {
  ImGuiIO& io = ImGui::GetIO();
  const Vec2 size = toVec(m_size);
  const Vec2 world = m_camera.toWorld(mouse, size);
  const Scene& s = scene();
  // The pointer may land a few pixels off, and tiny actors are drawn at their minimum size.
  const std::int64_t under =
      hoveredCanvas ? m_pick.nodeAt(s, world, (GraphRenderer::kMinNodePixels + 3.0) / m_camera.zoom) : -1;
  const RowId hovered = under >= 0 ? s.nodes[static_cast<std::size_t>(under)].actorId : 0;
  m_options.hovered = m_drag == Drag::None ? hovered : m_options.hovered;

  if (hoveredCanvas && io.MouseWheel != 0) m_camera.zoomAt(mouse, size, std::pow(1.15, io.MouseWheel));
  if (hoveredCanvas && ImGui::IsMouseClicked(ImGuiMouseButton_Middle)) m_drag = Drag::Pan;
  if (hoveredCanvas && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    m_dragStart = m_dragLast = world;
    if (io.KeyShift) {
      m_drag = Drag::Box;
    } else if (hovered) {
      if (io.KeyCtrl) {
        if (!m_options.selection.erase(hovered)) m_options.selection.insert(hovered);
      } else if (!m_options.selection.count(hovered)) {
        m_options.selection = {hovered};
      }
      m_drag = Drag::Move;
      m_moving.clear();
      for (RowId id : m_options.selection)
        if (auto i = s.nodeOf(id); i >= 0) m_moving.emplace_back(id, s.nodes[static_cast<std::size_t>(i)].position);
    } else {
      if (!io.KeyCtrl) m_options.selection.clear();
      m_drag = Drag::Pan;
    }
  }

  if (m_drag == Drag::Pan &&
      (ImGui::IsMouseDown(ImGuiMouseButton_Left) || ImGui::IsMouseDown(ImGuiMouseButton_Middle))) {
    m_camera.center += Vec2{-io.MouseDelta.x / m_camera.zoom, io.MouseDelta.y / m_camera.zoom};
  } else if (m_drag == Drag::Move && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    const Vec2 delta = world - m_dragStart;
    std::vector<std::pair<RowId, Vec2>> moved;
    for (const auto& [id, from] : m_moving) moved.emplace_back(id, from + delta);
    m_builder.movePositions(moved);
    m_dragLast = world;
  } else if (m_drag == Drag::Box && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    m_dragLast = world;
  } else if (m_drag != Drag::None) {
    // Released.
    if (m_drag == Drag::Box) {
      if (!io.KeyCtrl) m_options.selection.clear();
      for (std::uint32_t i : m_pick.nodesIn(s, m_dragStart, m_dragLast)) m_options.selection.insert(s.nodes[i].actorId);
    } else if (m_drag == Drag::Move && (m_dragLast - m_dragStart).length() * m_camera.zoom > 2) {
      // One undo step for the whole move; moved actors stay where the user put them.
      const Vec2 delta = m_dragLast - m_dragStart;
      std::vector<std::pair<RowId, std::optional<ViewPosition>>> placement;
      for (const auto& [id, from] : m_moving)
        placement.emplace_back(id, ViewPosition{from.x + delta.x, from.y + delta.y, true});
      doc.execute(setPositions(doc.model(), m_options.viewId, std::move(placement)));
    }
    m_drag = Drag::None;
    m_moving.clear();
  }

  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !io.WantTextInput) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) m_options.selection.clear();
    if (ImGui::IsKeyPressed(static_cast<int>('F')) && !io.KeyCtrl) m_fitPending = true;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete)) && !m_options.selection.empty()) {
      std::vector<CommandPtr> parts;
      for (RowId id : m_options.selection)
        if (doc.model().actors.contains(id)) parts.push_back(deleteActor(doc.model(), id));
      const std::string what =
          parts.size() == 1 ? parts.front()->describe() : trf("canvas.delete_actors", {std::to_string(parts.size())});
      if (!parts.empty()) doc.execute(std::make_unique<GroupCommand>(what, std::move(parts)));
      m_options.selection.clear();
    }
  }
}

void CanvasPanel::draw(Document& doc, ImVec2 pos, ImVec2 size) {
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
  startLayoutIfUnplaced(doc);

  // The scene follows the document; while a layout runs, its positions win.
  if (!m_job || m_builder.scene().nodes.empty() || m_drag == Drag::None) {
    const std::uint64_t before = scene().version;
    m_builder.build(doc.model(), doc.revision(), m_options);
    if (m_job && scene().version != before) m_job.reset();  // the map changed under the running layout
  }
  pollLayout(doc);
  if (m_pick.builtFor() != scene().version * 1000003 + scene().positionsVersion) m_pick.build(scene());
  if (m_fitPending && !scene().nodes.empty() && size.x > 0) fitToScene();
  if (m_centreOn) {
    if (auto i = scene().nodeOf(*m_centreOn); i >= 0)
      m_camera.center = scene().nodes[static_cast<std::size_t>(i)].position;
    m_centreOn.reset();
  }

  ImGui::SetCursorScreenPos(pos);
  ImGui::InvisibleButton(
      "##surface", size,
      ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle | ImGuiButtonFlags_MouseButtonRight);
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  handleInput(doc, {mouse.x - pos.x, mouse.y - pos.y}, hovered);

  ImDrawList* list = ImGui::GetWindowDrawList();
  drawLabels(list);
  if (m_drag == Drag::Box) {
    const Vec2 a = m_camera.toScreen(m_dragStart, toVec(size)), b = m_camera.toScreen(m_dragLast, toVec(size));
    list->AddRectFilled(ImVec2(pos.x + a.x, pos.y + a.y), ImVec2(pos.x + b.x, pos.y + b.y), IM_COL32(16, 97, 217, 40));
    list->AddRect(ImVec2(pos.x + a.x, pos.y + a.y), ImVec2(pos.x + b.x, pos.y + b.y), IM_COL32(16, 97, 217, 200));
  }
  drawLegend(list);
  if (!scene().legend.empty()) {
    ImGui::SetCursorScreenPos(m_legendButton);
    const bool open = m_legendOpen.value_or(legendHeight() > ImGui::GetFrameHeight() + 8);
    if (ImGui::SmallButton(open ? tr("canvas.legend_hide").c_str() : tr("canvas.legend_show").c_str())) {
      m_legendOpen = !open;
      m_fitPending = true;
    }
  }
  if (m_job) {
    const std::string text = trf("canvas.layout_running", {std::to_string(m_job->iterations())});
    list->AddText(ImVec2(pos.x + 12, pos.y + 10), IM_COL32(60, 60, 60, 255), text.c_str());
  }
  if (hovered && m_options.hovered && m_drag == Drag::None) drawTooltip(doc);
  ImGui::End();
}

// ---------------------------------------------------------------------------
// [SECTION] overlays: labels, legend, tooltip

void CanvasPanel::drawLabels(ImDrawList* list) const {
  // Most important first; a label is drawn only where no earlier one lies,
  // checked in a coarse screen grid of label-sized cells.
  const Scene& s = scene();
  const Vec2 size = toVec(m_size);
  const float lineHeight = ImGui::GetTextLineHeight();
  const int cellW = 90, cellH = static_cast<int>(lineHeight) + 4;
  const int columns = static_cast<int>(m_size.x) / cellW + 2, rows = static_cast<int>(m_size.y) / cellH + 2;
  std::vector<char> taken(static_cast<std::size_t>(columns * rows), 0);
  int drawn = 0;
  for (const SceneLabel& label : s.labels) {
    const SceneNode& node = s.nodes[label.node];
    const double radiusPx = std::max<double>(node.radius * m_camera.zoom, GraphRenderer::kMinNodePixels);
    const bool important = (node.flags & (SceneNode::Selected | SceneNode::Hovered)) != 0;
    if (!important && drawn > 400) continue;
    const Vec2 at = m_camera.toScreen(node.position, size);
    if (at.x < -100 || at.y < 0 || at.x > size.x + 100 || at.y > size.y) continue;
    const ImVec2 textSize = ImGui::CalcTextSize(label.text.c_str());
    const float x = static_cast<float>(at.x) - textSize.x / 2, y = static_cast<float>(at.y + radiusPx) + 2;
    const int c0 = std::max(0, static_cast<int>(x) / cellW),
              c1 = std::min(columns - 1, static_cast<int>(x + textSize.x) / cellW);
    const int r0 = std::clamp(static_cast<int>(y) / cellH, 0, rows - 1);
    const int r1 = std::clamp(static_cast<int>(y + textSize.y) / cellH, 0, rows - 1);
    bool free = true;
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c) free = free && !taken[static_cast<std::size_t>(r * columns + c)];
    if (!free && !important) continue;
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c) taken[static_cast<std::size_t>(r * columns + c)] = 1;
    const ImU32 color = (node.flags & SceneNode::Faded) ? IM_COL32(0, 0, 0, 60) : IM_COL32(20, 20, 20, 255);
    list->AddRectFilled(ImVec2(m_pos.x + x - 2, m_pos.y + y - 1),
                        ImVec2(m_pos.x + x + textSize.x + 2, m_pos.y + y + textSize.y + 1),
                        IM_COL32(255, 255, 255, 170), 3);
    list->AddText(ImVec2(m_pos.x + x, m_pos.y + y), color, label.text.c_str());
    ++drawn;
  }
}

float CanvasPanel::legendHeight() const { return layoutLegend(nullptr); }

void CanvasPanel::drawLegend(ImDrawList* list) const { layoutLegend(list); }

float CanvasPanel::layoutLegend(ImDrawList* list) const {
  // Along the bottom of the canvas, entries flowing left to right: the
  // actors' kinds first, then the ties'. Without a list it only measures.
  const Scene& s = scene();
  if (s.legend.empty()) return 0;
  const float line = ImGui::GetTextLineHeight() + 4, pad = 8, swatch = 26, gap = 16;
  const float width = m_size.x - 2 * pad;
  // First pass: where each entry goes.
  std::vector<ImVec2> at(s.legend.size());
  float x = 0, y = 0;
  for (std::size_t i = 0; i < s.legend.size(); ++i) {
    const float w = swatch + ImGui::CalcTextSize(s.legend[i].label.c_str()).x;
    const bool newKind = i > 0 && s.legend[i].kind != s.legend[i - 1].kind;
    if (newKind || (x > 0 && x + w > width)) {
      x = 0;
      y += line;
    }
    at[i] = ImVec2(x, y);
    x += w + gap;
  }
  // A header line with the button that shows or hides the entries; a legend
  // that would take more than a third of the canvas starts hidden.
  const float header = ImGui::GetFrameHeight() + 4;
  const float full = header + y + line + 2 * pad;
  const bool open = m_legendOpen.value_or(full <= m_size.y / 3);
  const float height = open ? full : header + 4;
  if (!list) return height;
  const ImVec2 corner(m_pos.x, m_pos.y + m_size.y - height);
  list->AddRectFilled(corner, ImVec2(corner.x + m_size.x, corner.y + height), IM_COL32(255, 255, 255, 235));
  list->AddLine(corner, ImVec2(corner.x + m_size.x, corner.y), IM_COL32(0, 0, 0, 40));
  m_legendButton = ImVec2(corner.x + pad, corner.y + 4);
  if (!open) return height;
  const ImVec2 entries(corner.x, corner.y + header);
  for (std::size_t i = 0; i < s.legend.size(); ++i) {
    const LegendEntry& e = s.legend[i];
    const ImVec2 origin(entries.x + pad + at[i].x, entries.y + pad + at[i].y);
    const ImVec2 mid(origin.x + 10, origin.y + line / 2 - 2);
    const ImU32 color = imColor(e.color);
    const float r = 5.5f;
    if (e.kind == LegendEntry::Kind::Edge) {
      if (e.dashed)
        for (float d = -10; d < 10; d += 6)
          list->AddLine(ImVec2(mid.x + d, mid.y), ImVec2(mid.x + d + 3, mid.y), color, 2.5f);
      else
        list->AddLine(ImVec2(mid.x - 10, mid.y), ImVec2(mid.x + 10, mid.y), color, 2.5f);
    } else if (e.shape == Shape::Square) {
      list->AddRectFilled(ImVec2(mid.x - r, mid.y - r), ImVec2(mid.x + r, mid.y + r), color);
    } else if (e.shape == Shape::Diamond) {
      list->AddQuadFilled(ImVec2(mid.x, mid.y - r - 1), ImVec2(mid.x + r + 1, mid.y), ImVec2(mid.x, mid.y + r + 1),
                          ImVec2(mid.x - r - 1, mid.y), color);
    } else if (e.shape == Shape::Triangle) {
      list->AddTriangleFilled(ImVec2(mid.x, mid.y - r), ImVec2(mid.x + r, mid.y + r * 0.8f),
                              ImVec2(mid.x - r, mid.y + r * 0.8f), color);
    } else if (e.shape == Shape::Hexagon) {
      list->AddNgonFilled(mid, r + 0.5f, color, 6);
    } else {
      list->AddCircleFilled(mid, r, color);
    }
    list->AddText(ImVec2(origin.x + swatch, origin.y), IM_COL32(30, 30, 30, 255), e.label.c_str());
  }
  return height;
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
  ImGui::TextUnformatted(trf("canvas.tooltip_ties", {std::to_string(ties)}).c_str());
  if (!a->municipality.empty()) ImGui::TextUnformatted(a->municipality.c_str());
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
  m_renderer.draw(scene(), camera, x, y, w, h, framebufferScale.x);
}

}  // namespace nestmap
