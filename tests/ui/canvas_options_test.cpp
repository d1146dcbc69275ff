// The canvas's view options, search and editing gestures: the pure functions
// on small hand-made maps, and the canvas in a headless ImGui (no OpenGL:
// init() is never called) fed scripted mouse and key input.

#include <imgui.h>

#include <catch2/catch.hpp>
#include <string>

#include "core/i18n.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/map_builder.hpp"
#include "support/temp_dir.hpp"
#include "ui/canvas_panel.hpp"
#include "ui/view_options_popup.hpp"

using namespace nestmap;

namespace {

// Indices into io.KeysDown; 1.86 leaves the mapping to the backend. 'F' is its own code, as in GLFW.
constexpr int kEnter = test::HeadlessGui::kEnter, kDown = test::HeadlessGui::kDown, kKeyF = 'F',
              kDelete = test::HeadlessGui::kDelete, kEscape = test::HeadlessGui::kEscape;

using test::actorByName;

Actor namedActor(const Model& m, std::string name, std::string shortName = {}) {
  Actor a;
  a.name = std::move(name);
  a.shortName = std::move(shortName);
  a.typeId = m.actorTypes.records().front().id;
  return a;
}

/// A map with a view and three placed actors, A (−10, 0) and B (10, 0) tied,
/// C (0, 10) alone; the canvas at (0, 0) with 800 × 600 in a headless ImGui.
struct Harness {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", defaultModel(embeddedData(), "test"));
  CanvasPanel canvas;
  RowId view = 0, a = 0, b = 0, c = 0;
  test::HeadlessGui gui{[this] { canvas.draw(doc, ImVec2(0, 0), ImVec2(800, 600)); }, ImVec2(800, 600)};

  explicit Harness(bool withActors = true) {
    View v;
    v.name = "Overzicht";
    doc.execute(putRecord<View>(v));
    view = doc.model().views.records().back().id;
    if (withActors) {
      doc.execute(addActor(namedActor(doc.model(), "CAW Oost-Vlaanderen", "CAW")));
      doc.execute(addActor(namedActor(doc.model(), "OCMW Gent")));
      doc.execute(addActor(namedActor(doc.model(), "Huisarts Lede")));
      a = actorByName(doc.model(), "CAW Oost-Vlaanderen");
      b = actorByName(doc.model(), "OCMW Gent");
      c = actorByName(doc.model(), "Huisarts Lede");
      Tie t;
      t.sourceId = a;
      t.targetId = b;
      t.typeId = doc.model().tieTypes.records().front().id;
      doc.execute(addTie(doc.model(), t));
      doc.execute(setPositions(
          doc.model(), view,
          {{a, ViewPosition{-10, 0, false}}, {b, ViewPosition{10, 0, false}}, {c, ViewPosition{0, 10, false}}}));
    }
    ImGui::GetIO().MousePos = ImVec2(700, 500);
    frame();
    frame();
  }

  void frame() { gui.frame(); }
  void moveTo(ImVec2 p) { gui.moveTo(p); }
  void button(bool down) { gui.button(down); }
  void clickAt(ImVec2 p) { gui.clickAt(p); }
  /// Drags with Ctrl held from `from` to `to` in a few steps.
  void ctrlDrag(ImVec2 from, ImVec2 to) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    moveTo(from);
    button(true);
    for (int i = 1; i <= 4; ++i)
      moveTo(ImVec2(from.x + (to.x - from.x) * i / 4.0f, from.y + (to.y - from.y) * i / 4.0f));
    button(false);
    io.KeyCtrl = false;
    frame();
  }
  void press(int key, bool ctrl = false) { gui.press(key, ctrl); }
  ImVec2 at(RowId actor) const {
    auto s = canvas.screenOf(actor);
    REQUIRE(s);
    return ImVec2(static_cast<float>(s->first.x), static_cast<float>(s->first.y));
  }
  std::size_t undoDepth() { return test::undoDepth(doc); }
};

}  // namespace

// ---------------------------------------------------------------------------
// ViewOptions → SceneOptions

TEST_CASE("View options: the defaults filter nothing and show active and planned ties", "[ui][canvas]") {
  const Model m = defaultModel(embeddedData(), "test");
  SceneContentOptions out;
  out.viewId = 7;
  applyViewOptions(m, ViewOptions{}, out);
  CHECK(out.viewId == 7);
  CHECK(out.actorTypes.empty());
  CHECK(out.tieTypes.empty());
  CHECK(out.tieStatuses == std::vector<TieStatus>{TieStatus::Active, TieStatus::Planned});
  CHECK_FALSE(out.asOf);
  CHECK(out.colorBy == ColorBy::Type);
  CHECK(out.sizeBy == SizeBy::Fixed);
  CHECK(out.metricName.empty());
  SceneContentOptions expected;
  expected.viewId = 7;
  CHECK(out == expected);
}

TEST_CASE("View options: hidden types leave the others; all hidden shows none", "[ui][canvas]") {
  const Model m = defaultModel(embeddedData(), "test");
  REQUIRE(m.actorTypes.size() >= 2);
  REQUIRE(m.tieTypes.size() >= 1);
  ViewOptions view;
  const RowId first = m.actorTypes.records().front().id;
  view.hiddenActorTypes = {first};
  SceneContentOptions out;
  applyViewOptions(m, view, out);
  CHECK(out.actorTypes.size() == m.actorTypes.size() - 1);
  CHECK(std::find(out.actorTypes.begin(), out.actorTypes.end(), first) == out.actorTypes.end());
  CHECK(out.actorTypes.front() == m.actorTypes.records()[1].id);

  for (const auto& [id, type] : m.tieTypes) view.hiddenTieTypes.insert(id);
  applyViewOptions(m, view, out);
  CHECK(out.tieTypes == std::vector<RowId>{0});  // no tie type has id 0
}

TEST_CASE("View options: statuses, date, colour and size", "[ui][canvas]") {
  const Model m = defaultModel(embeddedData(), "test");
  ViewOptions view;
  view.showActive = false;
  view.showEnded = true;
  view.asOf = "2024-02-29";
  view.colorBy = ColorBy::Community;
  view.sizeBy = SizeBy::Metric;
  view.metric = CanvasMetric::PageRank;
  SceneContentOptions out;
  applyViewOptions(m, view, out);
  CHECK(out.tieStatuses == std::vector<TieStatus>{TieStatus::Planned, TieStatus::Ended});
  REQUIRE(out.asOf);
  CHECK(out.asOf->toString() == "2024-02-29");
  CHECK(out.colorBy == ColorBy::Community);
  CHECK(out.sizeBy == SizeBy::Metric);
  CHECK(out.metricName == "PageRank");
  CHECK(needsMetric(view));
  CHECK(needsCommunities(view));

  view.asOf = "2023-02-29";  // no such day
  CHECK_FALSE(asOfValid(view));
  applyViewOptions(m, view, out);
  CHECK_FALSE(out.asOf);
  view.asOf = "";
  CHECK(asOfValid(view));
}

TEST_CASE("View options: focus is the selected actor in focus mode only", "[ui][canvas]") {
  ViewOptions view;
  CHECK_FALSE(focusOf(view, {4, 9}));
  view.focusMode = true;
  CHECK(focusOf(view, {9, 4}) == RowId{4});
  CHECK_FALSE(focusOf(view, {}));
}

// ---------------------------------------------------------------------------
// per-actor values and search

TEST_CASE("Per-actor values follow Model::actors order", "[ui][canvas]") {
  // Two triangles joined by one tie, and an isolated actor (id 7):
  //   1 - 2     4 - 5
  //    \ /  \  / \ /
  //     3    ---  6      7
  // (2–4 is the bridge)
  Model m = defaultModel(embeddedData(), "test");
  const RowId type = m.actorTypes.records().front().id, tieType = m.tieTypes.records().front().id;
  for (RowId id = 1; id <= 7; ++id) {
    Actor a = namedActor(m, "A" + std::string(1, static_cast<char>('a' + id)));
    a.id = id;
    a.typeId = type;
    m.actors.put(a);
  }
  RowId tieId = 1;
  for (auto [s, t] : std::vector<std::pair<RowId, RowId>>{{1, 2}, {2, 3}, {1, 3}, {4, 5}, {5, 6}, {4, 6}, {2, 4}}) {
    Tie tie;
    tie.id = tieId++;
    tie.sourceId = s;
    tie.targetId = t;
    tie.typeId = tieType;
    m.ties.put(tie);
  }
  CHECK(actorMetric(m, CanvasMetric::Degree) == std::vector<double>{2, 3, 2, 3, 2, 2, 0});
  const auto betweenness = actorMetric(m, CanvasMetric::Betweenness);
  REQUIRE(betweenness.size() == 7);
  // 2 lies on the paths of the 6 pairs {1, 3} × {4, 5, 6}; networkx normalizes by (n−1)(n−2)/2 = 15.
  CHECK(betweenness[1] == Approx(0.4));
  CHECK(betweenness[3] == Approx(0.4));
  CHECK(betweenness[0] == Approx(0.0));
  CHECK(actorCommunities(m) == std::vector<int>{0, 0, 0, 1, 1, 1, 2});
}

TEST_CASE("Actor search ranks whole name, start, word starts, then anywhere", "[ui][canvas]") {
  Model m = defaultModel(embeddedData(), "test");
  RowId id = 1;
  for (const char* name : {"Bocaw", "Gent CAW", "Cawdor", "CAW Oost-Vlaanderen", "Caw", "OCMW Gent"}) {
    Actor a = namedActor(m, name);
    a.id = id++;
    m.actors.put(a);
  }
  // Caw (5) equal; "caw oost vlaanderen" (4) and "cawdor" (3) start with it; Gent CAW (2) has a word
  // starting with it; Bocaw (1) has it inside.
  CHECK(searchActors(m, "caw") == std::vector<RowId>{5, 4, 3, 2, 1});
  CHECK(searchActors(m, "CAW", 2) == std::vector<RowId>{5, 4});
  CHECK(searchActors(m, "gent") == std::vector<RowId>{2, 6});
  CHECK(searchActors(m, "g c") == std::vector<RowId>{2});
  CHECK(searchActors(m, "  ").empty());
  CHECK(searchActors(m, "xyz").empty());
}

// ---------------------------------------------------------------------------
// the canvas, headless

TEST_CASE("Canvas: a double-click on empty space adds one actor there, in one step, selected", "[ui][canvas]") {
  Harness h(false);
  const std::size_t before = h.undoDepth();
  const RowId expected = h.doc.model().actors.nextId();
  // Nothing drawn yet: the camera looks at (0, 0) with 10 pixels per unit.
  h.clickAt(ImVec2(500, 200));
  h.clickAt(ImVec2(500, 200));
  const Model& m = h.doc.model();
  REQUIRE(m.actors.size() == 1);
  const Actor& actor = *m.actors.find(expected);
  CHECK(actor.name == "Nieuwe actor");
  REQUIRE(m.actorTypeByKey("other"));
  CHECK(actor.typeId == m.actorTypeByKey("other")->id);
  CHECK(m.positions.at(h.view).at(expected) == ViewPosition{10, 10, true});
  CHECK(h.canvas.options().selection == std::set<RowId>{expected});
  CHECK(h.undoDepth() == before + 1);
  h.doc.undo();
  CHECK(h.doc.model().actors.empty());
  const auto placed = h.doc.model().positions.find(h.view);
  CHECK((placed == h.doc.model().positions.end() || placed->second.empty()));
  h.doc.redo();
  CHECK(h.doc.model().positions.at(h.view).at(expected) == ViewPosition{10, 10, true});
}

TEST_CASE("Canvas: a click on a tie selects it, Delete removes it in one undoable step", "[ui][canvas]") {
  Harness h;
  const RowId tie = h.doc.model().ties.records().front().id;
  const ImVec2 a = h.at(h.a), b = h.at(h.b);
  const ImVec2 middle((a.x + b.x) / 2, (a.y + b.y) / 2);
  // Hovering it highlights it; clicking it selects it alone.
  h.clickAt(ImVec2(h.at(h.c).x, h.at(h.c).y));
  REQUIRE(h.canvas.options().selection == std::set<RowId>{h.c});
  h.moveTo(middle);
  CHECK(h.canvas.options().hoveredTie == tie);
  h.clickAt(middle);
  CHECK(h.canvas.selectedTie() == tie);
  CHECK(h.canvas.options().selection.empty());
  // A click beside it (well off the line) picks nothing.
  h.clickAt(ImVec2(middle.x, middle.y + 40));
  CHECK(h.canvas.selectedTie() == 0);
  h.clickAt(middle);
  REQUIRE(h.canvas.selectedTie() == tie);
  // Escape lets go; picking an actor lets go too.
  h.press(kEscape);
  CHECK(h.canvas.selectedTie() == 0);
  h.clickAt(middle);
  h.clickAt(h.at(h.a));
  CHECK(h.canvas.selectedTie() == 0);
  CHECK(h.canvas.options().selection == std::set<RowId>{h.a});

  h.clickAt(middle);
  const std::size_t before = h.undoDepth();
  h.press(kDelete);
  CHECK(h.doc.model().ties.empty());
  CHECK(h.doc.model().actors.size() == 3);
  CHECK(h.undoDepth() == before + 1);
  CHECK(h.canvas.selectedTie() == 0);
  h.doc.undo();
  CHECK(h.doc.model().ties.contains(tie));
  h.frame();
  CHECK(h.canvas.selectedTie() == 0);
}

TEST_CASE("Canvas: showing an agreement highlights its parties and flies to them", "[ui][canvas]") {
  Harness h;
  Agreement deal;
  deal.title = "Doorverwijzing CAW–OCMW";
  deal.typeId = h.doc.model().agreementTypes.records().front().id;
  deal.parties = {{h.a, {}}, {h.c, {}}};
  deal.history = {{*Date::parse("2025-03-01"), AgreementStatus::Agreed, {}}};
  h.doc.execute(addAgreement(deal));
  const RowId id = h.doc.model().agreements.records().back().id;
  h.frame();
  // Pan away first, so that the flight has somewhere to go.
  h.gui.moveTo(ImVec2(400, 300));
  h.button(true);
  h.gui.moveTo(ImVec2(600, 300));
  h.button(false);
  h.frame();
  h.canvas.showAgreement(id);
  for (int i = 0; i < 40; ++i) h.frame();  // the flight takes 0.3 s
  const Scene& s = h.canvas.scene();
  auto flags = [&](RowId actor) { return s.nodes[static_cast<std::size_t>(s.nodeOf(actor))].flags; };
  CHECK((flags(h.a) & SceneNode::Highlighted) != 0);
  CHECK((flags(h.c) & SceneNode::Highlighted) != 0);
  CHECK((flags(h.b) & SceneNode::Faded) != 0);
  CHECK(h.canvas.shownAgreement() == id);
  // The middle of A (−10, 0) and C (0, 10) is in the middle of the canvas now.
  CHECK(h.canvas.camera().center.x == Approx(-5).margin(1e-6));
  CHECK(h.canvas.camera().center.y == Approx(5).margin(1e-6));
  h.canvas.showAgreement(0);
  h.frame();
  CHECK(h.canvas.scene().nodes[static_cast<std::size_t>(h.canvas.scene().nodeOf(h.b))].flags == 0);
}

TEST_CASE("Canvas: Ctrl+drag from one actor to another adds an undirected tie", "[ui][canvas]") {
  Harness h;
  const std::size_t before = h.undoDepth();
  REQUIRE(h.doc.model().ties.size() == 1);
  h.ctrlDrag(h.at(h.a), h.at(h.c));
  const Model& m = h.doc.model();
  REQUIRE(m.ties.size() == 2);
  const Tie& tie = m.ties.records().back();
  CHECK(tie.sourceId == h.a);
  CHECK(tie.targetId == h.c);
  CHECK(tie.direction == Direction::Undirected);
  CHECK(tie.strength == 2);
  CHECK(tie.status == TieStatus::Active);
  const TieType* other = m.tieTypeByKey("other");
  CHECK(tie.typeId == (other ? other->id : m.tieTypes.records().front().id));
  CHECK(h.undoDepth() == before + 1);

  // Dragged away and back to the same actor: no self-tie, no command.
  const ImVec2 pa = h.at(h.a);
  ImGui::GetIO().KeyCtrl = true;
  h.moveTo(pa);
  h.button(true);
  h.moveTo(ImVec2(pa.x + 60, pa.y + 60));
  h.moveTo(pa);
  h.button(false);
  ImGui::GetIO().KeyCtrl = false;
  h.frame();
  CHECK(h.doc.model().ties.size() == 2);
  CHECK(h.undoDepth() == before + 1);

  // Ctrl+click without a drag still toggles the selection.
  h.ctrlDrag(h.at(h.b), h.at(h.b));
  CHECK(h.canvas.options().selection == std::set<RowId>{h.b});
  CHECK(h.doc.model().ties.size() == 2);
}

TEST_CASE("Canvas: Ctrl+F finds an actor, selects it and flies to it", "[ui][canvas]") {
  Harness h;
  h.moveTo(ImVec2(700, 500));
  h.press(kKeyF, true);
  ImGui::GetIO().AddInputCharactersUTF8("gent");
  h.frame();
  h.press(kEnter);
  CHECK(h.canvas.options().selection == std::set<RowId>{h.b});
  for (int i = 0; i < 30; ++i) h.frame();  // 0.5 s: the flight has landed
  const ImVec2 p = h.at(h.b);
  CHECK(p.x == Approx(400).margin(0.5));
  CHECK(p.y == Approx(300).margin(0.5));

  // Arrow down picks the second hit: "lede" → Huisarts Lede only, "o" → OCMW Gent, CAW Oost-Vlaanderen.
  h.press(kKeyF, true);
  ImGui::GetIO().AddInputCharactersUTF8("o");
  h.frame();
  h.press(kDown);
  h.press(kEnter);
  CHECK(h.canvas.options().selection == std::set<RowId>{h.a});
}

TEST_CASE("Canvas: the app's setters by name, and where an actor is drawn", "[ui][canvas]") {
  Harness h;
  CHECK(h.canvas.selectNamed(h.doc.model(), "ocmw gent"));
  CHECK(h.canvas.options().selection == std::set<RowId>{h.b});
  CHECK(h.canvas.selectNamed(h.doc.model(), "CAW"));  // short name
  CHECK(h.canvas.options().selection == std::set<RowId>{h.a});
  CHECK_FALSE(h.canvas.selectNamed(h.doc.model(), "niemand"));
  CHECK(h.canvas.showViewNamed(h.doc.model(), "overzicht"));
  CHECK(h.canvas.options().viewId == h.view);
  CHECK_FALSE(h.canvas.showViewNamed(h.doc.model(), "geen"));
  h.frame();
  h.frame();
  // Centred on A, which is 20 units left of B at the same height.
  const auto sa = h.canvas.screenOf(h.a), sb = h.canvas.screenOf(h.b);
  REQUIRE(sa);
  REQUIRE(sb);
  CHECK(sa->first.x == Approx(400));
  CHECK(sa->first.y == Approx(300));
  const double zoom = h.canvas.camera().zoom;
  CHECK(sb->first.x == Approx(400 + 20 * zoom));
  CHECK(sb->first.y == Approx(300));
  CHECK(sa->second == Approx(std::max(h.canvas.scene().nodes.front().radius * zoom, 5.0)));
  CHECK_FALSE(h.canvas.screenOf(999));
}

TEST_CASE("Canvas: view options reach the scene options, with metric and communities", "[ui][canvas]") {
  Harness h;
  ViewOptions view;
  view.colorBy = ColorBy::Community;
  view.sizeBy = SizeBy::Metric;
  view.metric = CanvasMetric::Degree;
  view.focusMode = true;
  view.focusDepth = 2;
  h.canvas.setViewOptions(view);
  h.canvas.selectAndCentre(h.c);
  h.frame();
  const SceneOptions& o = h.canvas.options();
  CHECK(o.colorBy == ColorBy::Community);
  CHECK(o.metric == std::vector<double>{1, 1, 0});
  CHECK(o.community.size() == 3);
  CHECK(o.community[0] == o.community[1]);
  CHECK(o.community[2] != o.community[0]);
  CHECK(o.focus == h.c);
  CHECK(o.focusDepth == 2);
  // A new tie changes the map: the degrees follow.
  Tie t;
  t.sourceId = h.b;
  t.targetId = h.c;
  t.typeId = h.doc.model().tieTypes.records().front().id;
  h.doc.execute(addTie(h.doc.model(), t));
  h.frame();
  CHECK(h.canvas.options().metric == std::vector<double>{1, 2, 1});
}

TEST_CASE("Canvas: the Weergave button opens the options, whose content draws without input unchanged",
          "[ui][canvas]") {
  Harness h;
  h.canvas.selectAndCentre(h.b);
  h.frame();
  // The button in the top-left corner takes the click: a click on empty canvas would clear the selection.
  h.clickAt(ImVec2(20, 18));
  CHECK(h.canvas.options().selection == std::set<RowId>{h.b});
  h.clickAt(ImVec2(700, 40));  // outside the popup: closes it
  h.clickAt(ImVec2(650, 80));  // empty canvas (away from the last click: not a double-click)
  CHECK(h.canvas.options().selection.empty());
  // The popup's content on its own: drawn with no input, it changes nothing.
  ViewOptions view;
  view.asOf = "gisteren";
  view.focusMode = true;
  const ViewOptions before = view;
  ImGui::NewFrame();
  ImGui::Begin("options");
  CHECK_FALSE(drawViewOptions(h.doc.model(), view));
  ImGui::End();
  ImGui::Render();
  CHECK(view == before);
}
