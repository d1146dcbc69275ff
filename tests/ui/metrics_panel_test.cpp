// The metrics and change-log panels in a headless ImGui context: the worker's
// values equal the analysis engine's, headers sort, the search box filters,
// a click picks an actor, and the change log lists and undoes.
//
//   Zoë Zorg ── Bakkerij ── Café Centraal        Eenzaam (alone)
//        \        /
//      Dienst Welzijn
#include "ui/metrics_panel.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <thread>

#include "analysis/centrality.hpp"
#include "analysis/graph_snapshot.hpp"
#include "core/i18n.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/map_builder.hpp"
#include "support/temp_dir.hpp"
#include "ui/change_log_panel.hpp"

using namespace nestmap;

namespace {

using test::HeadlessGui;

struct TestMap {
  test::TempDir dir;
  RowId zoe = 0, bakkerij = 0, cafe = 0, dienst = 0, eenzaam = 0;  // before doc: make() sets them
  Document doc;

  TestMap() : doc(make(dir, *this)) {}

  static Document make(const test::TempDir& dir, TestMap& ids) {
    Model m = defaultModel(embeddedData(), "test");
    const RowId type = m.actorTypes.records().front().id;
    auto actor = [&](const char* name) {
      Actor a;
      a.name = name;
      a.typeId = type;
      a.uuid = Uuid::random();
      return test::putActor(m, a);
    };
    ids.zoe = actor("Zoë Zorg");
    ids.bakkerij = actor("Bakkerij");
    ids.cafe = actor("Café Centraal");
    ids.dienst = actor("Dienst Welzijn");
    ids.eenzaam = actor("Eenzaam");
    auto tie = [&](RowId from, RowId to) { m.ties.find(test::putTie(m, from, to))->uuid = Uuid::random(); };
    tie(ids.zoe, ids.bakkerij);
    tie(ids.bakkerij, ids.cafe);
    tie(ids.zoe, ids.dienst);
    tie(ids.bakkerij, ids.dienst);
    return Document::create(dir / "map.nestmap", std::move(m));
  }
};

const float kWidth = 1280, kHeight = 400;

/// Draws until the panel shows the results for the document's revision (or 20 s pass).
RowId settle(HeadlessGui& gui, MetricsPanel& panel, const Document& doc) {
  RowId clicked = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  do {
    gui.frame([&] { clicked = clicked ? clicked : panel.draw(doc, ImVec2(0, 0), ImVec2(kWidth, kHeight)); });
    if (panel.hasResult() && !panel.computing() && panel.resultRevision() == doc.revision()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  } while (std::chrono::steady_clock::now() < deadline);
  REQUIRE(panel.hasResult());
  REQUIRE_FALSE(panel.computing());
  REQUIRE(panel.resultRevision() == doc.revision());
  // Two more frames: the table sorts and filters the new rows as it draws them.
  gui.frame([&] { panel.draw(doc, ImVec2(0, 0), ImVec2(kWidth, kHeight)); });
  gui.frame([&] { panel.draw(doc, ImVec2(0, 0), ImVec2(kWidth, kHeight)); });
  return clicked;
}

/// The actors in the order the table shows them.
std::vector<RowId> shownActors(const MetricsPanel& panel) {
  std::vector<RowId> out;
  for (std::uint32_t i : panel.visibleRows()) out.push_back(panel.rows()[i].actor);
  return out;
}

}  // namespace

TEST_CASE("metrics panel computes on a worker the engine's values", "[ui][metrics_panel]") {
  TestMap map;
  HeadlessGui gui;
  MetricsPanel panel;
  settle(gui, panel, map.doc);

  const GraphSnapshot g = GraphSnapshot::fromModel(map.doc.model());
  const auto degree = Degree::run(g).degree;
  const auto betweenness = Betweenness::run(g).normalized;
  const auto closeness = Closeness::run(g).closeness;
  const auto eigenvector = EigenvectorCentrality::run(g).scores;
  const auto pagerank = PageRank::run(g).scores;
  const auto clustering = Clustering::run(g).coefficient;
  const auto core = CoreNumber::run(g).core;

  const auto& rows = panel.rows();
  REQUIRE(rows.size() == 5);
  for (GraphSnapshot::Vertex v = 0; v < g.vertexCount(); ++v) {
    INFO(rows[v].name);
    CHECK(rows[v].actor == g.rowId(v));
    CHECK(rows[v].values[MetricsPanel::Degree - MetricsPanel::Degree] == degree[v]);
    CHECK(rows[v].values[MetricsPanel::Betweenness - MetricsPanel::Degree] == betweenness[v]);
    CHECK(rows[v].values[MetricsPanel::Closeness - MetricsPanel::Degree] == closeness[v]);
    CHECK(rows[v].values[MetricsPanel::Eigenvector - MetricsPanel::Degree] == eigenvector[v]);
    CHECK(rows[v].values[MetricsPanel::PageRank - MetricsPanel::Degree] == pagerank[v]);
    CHECK(rows[v].values[MetricsPanel::Clustering - MetricsPanel::Degree] == clustering[v]);
    CHECK(rows[v].values[MetricsPanel::Core - MetricsPanel::Degree] == core[v]);
  }
  // And by hand: Bakkerij has three neighbours and lies on Café's paths to Zoë and Dienst,
  // 2 of the (5−1)(5−2)/2 = 6 pairs.
  const GraphSnapshot::Vertex b = *g.vertexOf(map.bakkerij);
  CHECK(rows[b].name == "Bakkerij");
  CHECK(rows[b].values[0] == 3);
  CHECK(rows[b].values[1] == Approx(2.0 / 6.0));
  CHECK(rows[*g.vertexOf(map.eenzaam)].values[0] == 0);

  SECTION("a change to the map starts a new computation with the new values") {
    map.doc.execute(addTie(map.doc.model(), [&] {
      Tie t;
      t.sourceId = map.cafe;
      t.targetId = map.eenzaam;
      t.typeId = map.doc.model().tieTypes.records().front().id;
      return t;
    }()));
    gui.frame([&] { panel.draw(map.doc, ImVec2(0, 0), ImVec2(kWidth, kHeight)); });
    // The old rows stay on show while the worker runs.
    CHECK(panel.rows().size() == 5);
    settle(gui, panel, map.doc);
    const GraphSnapshot after = GraphSnapshot::fromModel(map.doc.model());
    CHECK(panel.rows()[*after.vertexOf(map.eenzaam)].values[0] == 1);
    CHECK(panel.rows()[*after.vertexOf(map.bakkerij)].values[1] == Approx(Betweenness::run(after).normalized[b]));
  }
}

TEST_CASE("metrics panel sorts by a clicked header, filters by name and reports a clicked row", "[ui][metrics_panel]") {
  TestMap map;
  HeadlessGui gui;
  MetricsPanel panel;
  settle(gui, panel, map.doc);
  RowId clicked = 0;
  auto draw = [&] {
    if (RowId id = panel.draw(map.doc, ImVec2(0, 0), ImVec2(kWidth, kHeight))) clicked = id;
  };

  // By name first, accents and case folded: "Café" between "Bakkerij" and "Dienst", "Zoë" last.
  CHECK(shownActors(panel) == std::vector<RowId>{map.bakkerij, map.cafe, map.dienst, map.eenzaam, map.zoe});

  SECTION("a click on the degree header sorts by degree, largest first; a second click reverses") {
    gui.click(panel.hooks().headerCenter[MetricsPanel::Degree], draw);
    CHECK(shownActors(panel) == std::vector<RowId>{map.bakkerij, map.zoe, map.dienst, map.cafe, map.eenzaam});
    gui.click(panel.hooks().headerCenter[MetricsPanel::Degree], draw);
    CHECK(shownActors(panel) == std::vector<RowId>{map.eenzaam, map.cafe, map.zoe, map.dienst, map.bakkerij});
    CHECK(clicked == 0);  // a header is not a row
  }
  SECTION("every column sorts") {
    // From the last column back, so that each click falls on a column not yet sorted (Name is at first).
    for (int c = MetricsPanel::ColumnCount - 1; c >= 0; --c) {
      gui.click(panel.hooks().headerCenter[c], draw);
      const auto& order = panel.visibleRows();
      REQUIRE(order.size() == 5);
      for (std::size_t k = 1; k < order.size(); ++k) {
        const auto& prev = panel.rows()[order[k - 1]];
        const auto& next = panel.rows()[order[k]];
        INFO("column " << c << ", position " << k);
        if (c == MetricsPanel::Name)
          CHECK(prev.folded <= next.folded);
        else if (c == MetricsPanel::Type)
          CHECK(prev.type <= next.type);
        else  // measures sort largest first on the first click
          CHECK(prev.values[c - MetricsPanel::Degree] >= next.values[c - MetricsPanel::Degree]);
      }
    }
  }
  SECTION("the search box keeps names that contain the text, case and accents aside") {
    panel.setSearch("CAFE");
    gui.frame(draw);
    CHECK(shownActors(panel) == std::vector<RowId>{map.cafe});
    panel.setSearch("zoe");
    gui.frame(draw);
    CHECK(shownActors(panel) == std::vector<RowId>{map.zoe});
    panel.setSearch("ee");
    gui.frame(draw);
    CHECK(shownActors(panel) == std::vector<RowId>{map.eenzaam});
    panel.setSearch("nobody");
    gui.frame(draw);
    CHECK(shownActors(panel).empty());
    panel.setSearch("");
    gui.frame(draw);
    CHECK(shownActors(panel).size() == 5);
  }
  SECTION("a click on a row returns its actor") {
    const auto& hooks = panel.hooks();
    REQUIRE(hooks.firstRowDrawn);
    REQUIRE(hooks.firstRowPosition == 0);
    REQUIRE(hooks.rowHeight > 0);
    const float x = hooks.firstRowMin.x + 200;  // over the type and measure columns too
    const float y = (hooks.firstRowMin.y + hooks.firstRowMax.y) * 0.5f;
    gui.click(ImVec2(x, y), draw);
    CHECK(clicked == map.bakkerij);
    gui.click(ImVec2(x, y + 2 * hooks.rowHeight), draw);
    CHECK(clicked == map.dienst);
    panel.setSearch("zorg");
    gui.frame(draw);
    gui.click(ImVec2(x, y), draw);
    CHECK(clicked == map.zoe);
  }
}

TEST_CASE("change log panel lists the newest entry first and undoes and redoes", "[ui][change_log_panel]") {
  TestMap map;
  HeadlessGui gui;
  ChangeLogPanel panel;
  auto draw = [&] { panel.draw(map.doc, ImVec2(0, 0), ImVec2(kWidth, kHeight)); };

  Actor a;
  a.name = "Nieuwe Actor";
  a.typeId = map.doc.model().actorTypes.records().front().id;
  map.doc.execute(addActor(a));
  const std::string description = map.doc.undoDescription();
  REQUIRE_FALSE(description.empty());
  gui.frame(draw);
  gui.frame(draw);

  const auto log = map.doc.store().changeLog();
  REQUIRE(panel.entries().size() == log.size());
  REQUIRE(log.size() >= 2);
  CHECK(panel.entries().front().description == description);
  CHECK(panel.entries().front().id == log.back().id);
  for (std::size_t k = 1; k < panel.entries().size(); ++k) CHECK(panel.entries()[k - 1].id > panel.entries()[k].id);
  REQUIRE(panel.entries().front().affected.size() == 1);
  const std::size_t actors = map.doc.model().actors.size();

  gui.click(panel.hooks().undoCenter, draw);
  CHECK(map.doc.model().actors.size() == actors - 1);
  CHECK_FALSE(map.doc.canUndo());
  CHECK(map.doc.redoDescription() == description);
  CHECK(panel.entries().size() == log.size() + 1);
  CHECK(panel.entries().front().description == trf("doc.undone", {description}));

  gui.click(panel.hooks().redoCenter, draw);
  CHECK(map.doc.model().actors.size() == actors);
  CHECK(panel.entries().front().description == trf("doc.redone", {description}));

  SECTION("a button with nothing to do does nothing") {
    gui.click(panel.hooks().redoCenter, draw);
    CHECK(map.doc.model().actors.size() == actors);
    CHECK(panel.entries().size() == log.size() + 2);
  }
}

TEST_CASE("metrics panel follows the timeline's day", "[ui][metrics_panel]") {
  TestMap map;
  // Eenzaam only joined the map on 2026-01-01.
  Actor eenzaam = *map.doc.model().actors.find(map.eenzaam);
  eenzaam.validFrom = Date::parse("2026-01-01");
  map.doc.execute(updateActor(eenzaam));
  HeadlessGui gui;
  MetricsPanel panel;
  panel.setAsOf(Date::parse("2025-06-01"));
  settle(gui, panel, map.doc);
  REQUIRE(panel.rows().size() == 4);
  for (const auto& row : panel.rows()) CHECK(row.actor != map.eenzaam);

  // Back to today's map: the same revision, computed again for the other day.
  panel.setAsOf(std::nullopt);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((panel.computing() || panel.rows().size() != 5) && std::chrono::steady_clock::now() < deadline) {
    gui.frame([&] { panel.draw(map.doc, ImVec2(0, 0), ImVec2(kWidth, kHeight)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(panel.rows().size() == 5);
}
