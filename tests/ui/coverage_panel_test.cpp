// The coverage heatmap and the structural warnings panel in a headless ImGui
// context: the heatmap draws for the demo map exactly what NestCoverage says,
// sorts, explains a cell on hover and asks to open a nest on a click; the
// warnings panel lists the cut points, bridges, isolated actors and sector
// gaps of a small hand-drawn map and hands a click on one to the canvas.
#include "ui/coverage_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "analysis/nest_coverage.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/language_guard.hpp"
#include "support/map_builder.hpp"
#include "support/temp_dir.hpp"
#include "core/date_text.hpp"
#include "ui/warnings_panel.hpp"

using namespace nestmap;

namespace {

using test::HeadlessGui;

Date day(std::string_view iso) { return *Date::parse(iso); }
/// The day the demo is looked at (as in tests/analysis/nest_coverage_test.cpp), so nothing depends on today.
const Date kAsOf = day("2026-11-29");
const ImVec2 kDisplay(1600, 1000);

ImVec2 centre(ImVec2 min, ImVec2 max) { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }

struct DemoMap {
  test::TempDir dir;
  Document doc = Document::create(dir / "demo.nestmap", demoModel(embeddedData()));
  RowId actor(std::string_view key) const { return test::actorByKey(doc.model(), key); }
  RowId category(std::string_view key) const {
    for (const auto& [id, c] : doc.model().nestCategories)
      if (c.key == key) return id;
    FAIL("no category " << key);
    return 0;
  }
};

struct Heatmap {
  DemoMap map;
  HeadlessGui gui{kDisplay};
  CoveragePanel panel;
  Heatmap() {
    panel.setAsOf(kAsOf);
    frame();
    frame();
  }
  void draw() { panel.draw(map.doc, ImVec2(0, 0), kDisplay); }
  void frame() {
    gui.frame([&] { draw(); });
  }
  void click(ImVec2 at) {
    gui.click(at, [&] { draw(); });
  }
  void hover(ImVec2 at) {
    ImGui::GetIO().MousePos = at;
    frame();
  }
  const CoveragePanel::DrawnCell& cell(RowId prison, RowId category) const {
    for (const auto& c : panel.hooks().cells)
      if (c.prisonId == prison && c.categoryId == category) return c;
    FAIL("cell not drawn");
    return panel.hooks().cells.front();
  }
};

ImU32 colourOf(CoverageStatus s) {
  return s == CoverageStatus::Formalised ? CoveragePanel::kFormalisedColour
         : s == CoverageStatus::Informal ? CoveragePanel::kInformalColour
                                         : CoveragePanel::kMissingColour;
}
CoveragePanel::Mark markOf(CoverageStatus s) {
  return s == CoverageStatus::Formalised ? CoveragePanel::Mark::Check
         : s == CoverageStatus::Informal ? CoveragePanel::Mark::Tilde
                                         : CoveragePanel::Mark::Cross;
}

}  // namespace

TEST_CASE("coverage heatmap draws every cell of the demo as the gap analysis has it", "[ui][coverage_panel]") {
  Heatmap h;
  NestCoverage::Params params;
  params.asOf = kAsOf;
  const auto expected = NestCoverage::run(h.map.doc.model(), params);
  REQUIRE(expected.prisons.size() == 19);
  REQUIRE(expected.categories.size() == 12);

  const auto& cells = h.panel.hooks().cells;
  REQUIRE(cells.size() == 19 * 12);
  REQUIRE(h.panel.hooks().rows.size() == 19);
  CHECK(h.panel.hooks().legendDrawn);
  int formalised = 0, informal = 0, missing = 0, fragile = 0, stale = 0;
  std::set<std::pair<RowId, RowId>> seen;
  for (std::size_t row = 0; row < 19; ++row) {
    const PrisonCoverage* prison = expected.find(h.panel.hooks().rows[row]);
    REQUIRE(prison);
    for (std::size_t k = 0; k < 12; ++k) {
      const CoverageCell& want = prison->cells[k];
      const CoveragePanel::DrawnCell& got = cells[row * 12 + k];
      INFO(h.map.doc.model().actors.find(prison->prisonId)->name
           << " × " << h.map.doc.model().nestCategories.find(want.categoryId)->key);
      CHECK(got.prisonId == prison->prisonId);
      CHECK(got.categoryId == want.categoryId);
      CHECK(got.categoryId == expected.categories[k]);  // columns in the template's order
      CHECK(got.fill == colourOf(want.status));
      CHECK(got.mark == markOf(want.status));
      CHECK(got.fragileMark == want.fragile);
      CHECK(got.staleMark == want.stale);
      CHECK(got.max.x > got.min.x);
      seen.insert({got.prisonId, got.categoryId});
      formalised += want.status == CoverageStatus::Formalised;
      informal += want.status == CoverageStatus::Informal;
      missing += want.status == CoverageStatus::Missing;
      fragile += want.fragile;
      stale += want.stale;
    }
  }
  CHECK(seen.size() == 19 * 12);
  // The demo has every kind, so the checks above are no formality.
  CHECK(formalised > 0);
  CHECK(informal > 0);
  CHECK(missing > 0);
  CHECK(fragile > 0);
  CHECK(stale > 0);
  // Known cells, by hand (tests/analysis/nest_coverage_test.cpp).
  const auto& ieperVk = h.cell(h.map.actor("prison_ieper"), h.map.category("vk"));
  CHECK(ieperVk.fill == CoveragePanel::kInformalColour);
  CHECK(ieperVk.fragileMark);
  CHECK_FALSE(ieperVk.staleMark);
  const auto& merksplasVk = h.cell(h.map.actor("prison_merksplas"), h.map.category("vk"));
  CHECK(merksplasVk.fill == CoveragePanel::kFormalisedColour);
  CHECK(merksplasVk.fragileMark);
  CHECK(merksplasVk.staleMark);
  CHECK(h.cell(h.map.actor("prison_ieper"), h.map.category("ocj")).fill == CoveragePanel::kMissingColour);

  SECTION("it computes once per revision and date, not every frame") {
    CHECK(h.panel.computeCount() == 1);
    h.frame();
    h.frame();
    CHECK(h.panel.computeCount() == 1);
    h.panel.setAsOf(day("2024-01-01"));
    h.frame();
    CHECK(h.panel.computeCount() == 2);
    REQUIRE(h.panel.coverage());
    CHECK(h.panel.coverage()->asOf == day("2024-01-01"));
    h.frame();
    CHECK(h.panel.computeCount() == 2);
  }
}

TEST_CASE("coverage heatmap sorts by score and by name from its headers", "[ui][coverage_panel]") {
  Heatmap h;
  const NestCoverage::Result& coverage = *h.panel.coverage();
  auto scores = [&] {
    std::vector<double> out;
    for (RowId id : h.panel.hooks().rows) out.push_back(coverage.find(id)->score);
    return out;
  };
  auto names = [&] {
    std::vector<std::string> out;
    for (RowId id : h.panel.hooks().rows) out.push_back(foldForSearch(h.map.doc.model().actors.find(id)->name));
    return out;
  };

  // Weakest first at the start: Olen and Ruiselede lead, as weakest() has it.
  CHECK(h.panel.sort() == CoveragePanel::Sort::ScoreAscending);
  std::vector<RowId> weakest;
  for (std::size_t i : coverage.weakest()) weakest.push_back(coverage.prisons[i].prisonId);
  CHECK(h.panel.hooks().rows == weakest);
  CHECK(h.panel.hooks().rows[0] == h.map.actor("prison_olen"));
  CHECK(h.panel.hooks().rows[1] == h.map.actor("prison_ruiselede"));
  const auto ascending = scores();
  CHECK(std::is_sorted(ascending.begin(), ascending.end()));
  CHECK(ascending.front() < ascending.back());

  h.click(h.panel.hooks().scoreHeaderCenter);
  CHECK(h.panel.sort() == CoveragePanel::Sort::ScoreDescending);
  const auto descending = scores();
  CHECK(std::is_sorted(descending.begin(), descending.end(), std::greater<>()));
  CHECK(h.panel.hooks().rows.back() == h.map.actor("prison_olen"));

  h.click(h.panel.hooks().nameHeaderCenter);
  CHECK(h.panel.sort() == CoveragePanel::Sort::NameAscending);
  const auto byName = names();
  CHECK(std::is_sorted(byName.begin(), byName.end()));
  CHECK(byName.front() < byName.back());

  h.click(h.panel.hooks().nameHeaderCenter);
  CHECK(h.panel.sort() == CoveragePanel::Sort::NameDescending);
  const auto reversed = names();
  CHECK(std::is_sorted(reversed.begin(), reversed.end(), std::greater<>()));

  h.click(h.panel.hooks().scoreHeaderCenter);
  CHECK(h.panel.sort() == CoveragePanel::Sort::ScoreAscending);
  CHECK(h.panel.hooks().rows == weakest);
  CHECK_FALSE(h.panel.takeOpenRequest());  // headers open nothing
}

TEST_CASE("coverage heatmap explains a hovered cell and asks to open the nest on a click", "[ui][coverage_panel]") {
  Heatmap h;
  const Model& m = h.map.doc.model();
  const RowId ieper = h.map.actor("prison_ieper"), vk = h.map.category("vk");
  const auto ieperVk = h.cell(ieper, vk);
  REQUIRE(h.panel.hooks().tooltip.empty());

  SECTION("Ieper × VK: informal, only through CAW Centraal-West-Vlaanderen") {
    h.hover(centre(ieperVk.min, ieperVk.max));
    CHECK(h.panel.hooks().tooltip ==
          std::vector<std::string>{
              "Gevangenis Ieper — Vertrouwenscentrum Kindermishandeling",
              "Status: informeel",
              "Deze categorie vraagt een afspraak: zonder afspraak telt de cel maar voor een kwart.",
              "Partners (1):",
              "  • Vertrouwenscentrum Kindermishandeling West-Vlaanderen — 2 stappen",
              "Langs:",
              "  • JWW-team Gevangenis Ieper → CAW Centraal-West-Vlaanderen → Vertrouwenscentrum Kindermishandeling "
              "West-Vlaanderen",
              "Kwetsbaar: elke weg loopt via CAW Centraal-West-Vlaanderen",
              "Klik om de nest van deze gevangenis te openen met deze categorie gemarkeerd.",
          });
    CHECK_FALSE(h.panel.takeOpenRequest());  // hovering opens nothing
    h.hover(ImVec2(-1, -1));
    CHECK(h.panel.hooks().tooltip.empty());
  }
  SECTION("in English") {
    test::LanguageGuard english(Language::English);
    h.hover(centre(ieperVk.min, ieperVk.max));
    const auto& lines = h.panel.hooks().tooltip;
    REQUIRE(lines.size() == 9);
    CHECK(lines[0] == "Gevangenis Ieper — Child abuse confidential centre");
    CHECK(lines[1] == "Status: informal");
    CHECK(lines[4] == "  • Vertrouwenscentrum Kindermishandeling West-Vlaanderen — 2 steps");
    CHECK(lines[7] == "Fragile: every way runs through CAW Centraal-West-Vlaanderen");
  }
  SECTION("Merksplas × VK: formal, one partner, its agreement overdue") {
    const RowId merksplas = h.map.actor("prison_merksplas");
    const auto& cell = h.cell(merksplas, vk);
    h.hover(centre(cell.min, cell.max));
    const Agreement* consult = nullptr;
    for (const auto& [id, a] : m.agreements)
      if (a.title == "Consultatieafspraak PSD Merksplas – VK Antwerpen") consult = &a;
    REQUIRE(consult);
    REQUIRE(consult->reviewDate);
    const auto& lines = h.panel.hooks().tooltip;
    REQUIRE(lines.size() >= 6);
    CHECK(lines[0] == "Gevangenis Merksplas — Vertrouwenscentrum Kindermishandeling");
    CHECK(lines[1] == "Status: geformaliseerd");
    const std::string agreementLine =
        "  • Consultatieafspraak PSD Merksplas – VK Antwerpen — herziening verstreken sinds " +
        longDate(*consult->reviewDate);
    CHECK(std::find(lines.begin(), lines.end(), "Afspraken die tellen:") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), agreementLine) != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "Verouderd: elke afspraak van deze cel wacht op haar herziening.") !=
          lines.end());
    CHECK(std::find(lines.begin(), lines.end(),
                    "Kwetsbaar: slechts één partner (" + m.actors.find(test::actorByKey(m, "vk_antwerpen"))->name +
                        ")") != lines.end());
  }
  SECTION("Olen × CAW-JWW: its agreement stalled, pending") {
    const auto& cell = h.cell(h.map.actor("prison_olen"), h.map.category("caw_jww"));
    h.hover(centre(cell.min, cell.max));
    const auto& lines = h.panel.hooks().tooltip;
    const auto pending = std::find(lines.begin(), lines.end(), "Afspraken die (nog) niet tellen:");
    REQUIRE(pending != lines.end());
    REQUIRE(pending + 1 != lines.end());
    CHECK(pending[1].starts_with("  • Samenwerkingsovereenkomst JWW–PSD Detentiehuis Olen ("));
  }
  SECTION("a click on a cell asks for the prison's nest with that category, once") {
    h.click(centre(ieperVk.min, ieperVk.max));
    const auto request = h.panel.takeOpenRequest();
    REQUIRE(request);
    CHECK(*request == CoveragePanel::OpenRequest{ieper, vk});
    CHECK_FALSE(h.panel.takeOpenRequest());
    const auto& other = h.cell(h.map.actor("prison_gent"), h.map.category("ocj"));
    h.click(centre(other.min, other.max));
    CHECK(h.panel.takeOpenRequest() ==
          std::optional(CoveragePanel::OpenRequest{h.map.actor("prison_gent"), h.map.category("ocj")}));
  }
  SECTION("a click on a prison's name asks for its nest, no category highlighted") {
    const auto& rows = h.panel.hooks().rows;
    const std::size_t row = static_cast<std::size_t>(std::find(rows.begin(), rows.end(), ieper) - rows.begin());
    REQUIRE(row < rows.size());
    const auto& first = h.panel.hooks().cells[row * 12];
    h.click(ImVec2(8, centre(first.min, first.max).y));
    CHECK(h.panel.takeOpenRequest() == std::optional(CoveragePanel::OpenRequest{ieper, 0}));
  }
}

TEST_CASE("coverage heatmap's short headers", "[ui][coverage_panel]") {
  NestCategory c;
  c.key = "vk";
  CHECK(CoveragePanel::shortName(c) == "VK");
  c.key = "custom";
  c.nameNl = "Leerlingenbegeleiding (CLB)";
  CHECK(CoveragePanel::shortName(c) == "CLB");
  c.nameNl = "Buurtwerking Zuid";
  CHECK(CoveragePanel::shortName(c) == "Buurtwer…");
  c.nameNl = "Zoë";
  CHECK(CoveragePanel::shortName(c) == "Zoë");
}

// ---------------------------------------------------------------------------
// The warnings panel on a small map, all in West Flanders:
//
//   Abdij ── Bureau ══ CAW ── Eerste ── Geestelijke ·· Huis        Fanfare
//       \     /                  (from 2025-06-01)    (agreement)   (only an ended tie to Abdij)
//        Dienst
//
// ══ two parallel ties; ·· joined by an agreement only.
namespace {

struct SmallMap {
  test::TempDir dir;
  RowId abdij = 0, bureau = 0, caw = 0, dienst = 0, eerste = 0, fanfare = 0, geestelijke = 0, huis = 0;
  RowId tBureauCaw = 0, tBureauCaw2 = 0, tCawEerste = 0, tEersteGeestelijke = 0;
  Document doc;

  SmallMap() : doc(make(dir, *this)) {}

  static Document make(const test::TempDir& dir, SmallMap& ids) {
    Model m = defaultModel(embeddedData(), "test");
    auto actor = [&](const char* name, std::string_view type) {
      Actor a;
      a.name = name;
      a.typeId = m.actorTypeByKey(type)->id;
      a.province = "WVL";
      a.uuid = Uuid::random();
      return test::putActor(m, a);
    };
    ids.abdij = actor("Abdij Gevangenis", "prison");
    ids.bureau = actor("Bureau PSD", "psd");
    ids.caw = actor("CAW Noord", "caw");
    ids.dienst = actor("Dienst VK", "vk");
    ids.eerste = actor("Eerste CLB", "clb");
    ids.fanfare = actor("Fanfare", "other");
    ids.geestelijke = actor("Geestelijke Zorg", "cgg");
    ids.huis = actor("Huis OCMW", "ocmw");
    auto tie = [&](RowId a, RowId b) {
      const RowId id = test::putTie(m, a, b);
      m.ties.find(id)->uuid = Uuid::random();
      return id;
    };
    tie(ids.abdij, ids.bureau);
    tie(ids.bureau, ids.dienst);
    tie(ids.abdij, ids.dienst);
    ids.tBureauCaw = tie(ids.bureau, ids.caw);
    ids.tBureauCaw2 = tie(ids.caw, ids.bureau);
    ids.tCawEerste = tie(ids.caw, ids.eerste);
    m.ties.find(ids.tCawEerste)->validFrom = day("2025-06-01");
    ids.tEersteGeestelijke = tie(ids.eerste, ids.geestelijke);
    m.ties.find(tie(ids.abdij, ids.fanfare))->status = TieStatus::Ended;
    Agreement a;
    a.id = m.agreements.nextId();
    a.uuid = Uuid::random();
    a.title = "Afspraak Geestelijke Zorg – Huis OCMW";
    a.typeId = m.agreementTypeByKey("cooperation_agreement")->id;
    a.parties = {{ids.geestelijke, "partner"}, {ids.huis, "partner"}};
    a.history = {{day("2024-01-01"), AgreementStatus::Agreed, ""}};
    m.agreements.put(a);
    return Document::create(dir / "small.nestmap", std::move(m));
  }
};

struct Warnings {
  SmallMap map;
  HeadlessGui gui{ImVec2(1000, 1400)};
  WarningsPanel panel;
  Warnings() {
    panel.setAsOf(day("2026-01-01"));
    frame();
    frame();
  }
  void draw() { panel.draw(map.doc, ImVec2(0, 0), ImVec2(1000, 1400)); }
  void frame() {
    gui.frame([&] { draw(); });
  }
  /// Clicks the drawn line `index` of `kind` and returns what the panel hands over.
  std::optional<WarningsPanel::Selection> click(WarningsPanel::Kind kind, std::size_t index) {
    for (const auto& line : panel.hooks().lines)
      if (line.kind == kind && line.index == index) {
        gui.click(centre(line.min, line.max), [&] { draw(); });
        return panel.takeSelection();
      }
    FAIL("line not drawn");
    return std::nullopt;
  }
};

using Kind = WarningsPanel::Kind;

std::vector<RowId> firstActors(const std::vector<WarningsPanel::Warning>& list) {
  std::vector<RowId> out;
  for (const auto& w : list) out.push_back(w.selection.actors.front());
  return out;
}

std::set<RowId> rest(const WarningsPanel::Selection& s) { return {s.actors.begin() + 1, s.actors.end()}; }

}  // namespace

TEST_CASE("warnings panel lists the cut points, bridges and isolated actors of a small map", "[ui][warnings_panel]") {
  Warnings w;
  const SmallMap& m = w.map;

  // Cut points, those that cut off the most first (then by name):
  // CAW (Eerste, Geestelijke, Huis: 3 against Abdij, Bureau, Dienst — a tie
  // keeps the piece holding the first actor), Bureau (Abdij and Dienst are
  // the smaller piece), Eerste (Geestelijke, Huis), Geestelijke (Huis).
  const auto& cuts = w.panel.warnings(Kind::CutPoint);
  REQUIRE(cuts.size() == 4);
  CHECK(firstActors(cuts) == std::vector<RowId>{m.caw, m.bureau, m.eerste, m.geestelijke});
  CHECK(rest(cuts[0].selection) == std::set<RowId>{m.eerste, m.geestelijke, m.huis});
  CHECK(rest(cuts[1].selection) == std::set<RowId>{m.abdij, m.dienst});
  CHECK(rest(cuts[2].selection) == std::set<RowId>{m.geestelijke, m.huis});
  CHECK(rest(cuts[3].selection) == std::set<RowId>{m.huis});
  CHECK(cuts[0].cutsOff == 3);
  CHECK(cuts[0].text == "CAW Noord: zonder deze actor raken 3 actoren los (Eerste CLB, Geestelijke Zorg, Huis OCMW)");
  CHECK(cuts[3].text == "Geestelijke Zorg: zonder deze actor raakt Huis OCMW los");
  CHECK(cuts[0].detail == "Raken los: Eerste CLB, Geestelijke Zorg, Huis OCMW");
  for (const auto& c : cuts) CHECK(c.selection.tieId == 0);

  // Bridges by name; the doubled Bureau–CAW tie is one bridge, its lower tie
  // selected; Geestelijke–Huis stands on an agreement only.
  const auto& bridges = w.panel.warnings(Kind::Bridge);
  REQUIRE(bridges.size() == 4);
  CHECK(bridges[0].text == "Bureau PSD – CAW Noord");
  CHECK(bridges[0].selection == WarningsPanel::Selection{{m.bureau, m.caw}, m.tBureauCaw});
  CHECK(bridges[1].selection == WarningsPanel::Selection{{m.caw, m.eerste}, m.tCawEerste});
  CHECK(bridges[2].selection == WarningsPanel::Selection{{m.eerste, m.geestelijke}, m.tEersteGeestelijke});
  CHECK(bridges[3].selection == WarningsPanel::Selection{{m.geestelijke, m.huis}, 0});
  CHECK(bridges[3].text == "Geestelijke Zorg – Huis OCMW (enkel via een afspraak)");

  // Fanfare's only tie has ended; Huis has its agreement.
  const auto& isolated = w.panel.warnings(Kind::Isolated);
  REQUIRE(isolated.size() == 1);
  CHECK(isolated[0].selection == WarningsPanel::Selection{{m.fanfare}, 0});
  CHECK(isolated[0].text == "Fanfare (Andere organisatie)");

  SECTION("clicking a line hands its selection to the canvas, once") {
    const auto cut = w.click(Kind::CutPoint, 0);
    REQUIRE(cut);
    CHECK(*cut == cuts[0].selection);
    CHECK(cut->actors.front() == m.caw);
    CHECK_FALSE(w.panel.takeSelection());
    CHECK(w.click(Kind::Bridge, 0) == std::optional(WarningsPanel::Selection{{m.bureau, m.caw}, m.tBureauCaw}));
    CHECK(w.click(Kind::Bridge, 3) == std::optional(WarningsPanel::Selection{{m.geestelijke, m.huis}, 0}));
    CHECK(w.click(Kind::Isolated, 0) == std::optional(WarningsPanel::Selection{{m.fanfare}, 0}));
    CHECK(w.panel.hooks().headerCenter[static_cast<int>(Kind::Bridge)].y >
          w.panel.hooks().headerCenter[static_cast<int>(Kind::CutPoint)].y);
  }
  SECTION("it follows the date: before CAW–Eerste existed the map had two pieces") {
    CHECK(w.panel.computeCount() == 1);
    w.panel.setAsOf(day("2025-01-01"));
    w.frame();
    CHECK(w.panel.computeCount() == 2);
    // Bureau now cuts off CAW alone (Abdij and Dienst are the larger piece);
    // in Eerste – Geestelijke – Huis, Geestelijke cuts off Huis.
    const auto& before = w.panel.warnings(Kind::CutPoint);
    REQUIRE(before.size() == 2);
    CHECK(firstActors(before) == std::vector<RowId>{m.bureau, m.geestelijke});
    CHECK(rest(before[0].selection) == std::set<RowId>{m.caw});
    CHECK(w.panel.warnings(Kind::Bridge).size() == 3);
    w.frame();
    CHECK(w.panel.computeCount() == 2);
  }
}

TEST_CASE("warnings panel lists the sector pairs without a tie per province with a prison", "[ui][warnings_panel]") {
  Warnings w;
  const SmallMap& m = w.map;
  // Seven sectors in West Flanders (justice, welfare, child protection,
  // education, mental health, local government, other) make 21 pairs; the
  // active ties join four of them (justice–child protection, justice–welfare,
  // welfare–education, education–mental health; agreements are no ties here).
  const auto& gaps = w.panel.warnings(Kind::SectorGap);
  REQUIRE(gaps.size() == 17);
  const auto expected = SectorGaps::run(m.doc.model(), {day("2026-01-01")});
  REQUIRE(expected.regions.size() == 1);
  CHECK(expected.regions[0].missingPairs.size() == 17);
  CHECK(gaps[0].group == "provincie West-Vlaanderen (Abdij Gevangenis)");
  CHECK(gaps[0].text == "Justitie – Onderwijs");
  CHECK(gaps[0].selection == WarningsPanel::Selection{{m.abdij, m.bureau, m.eerste}, 0});
  for (const auto& g : gaps) CHECK(g.text != "Justitie – Welzijn");
  CHECK(w.click(Kind::SectorGap, 0) == std::optional(gaps[0].selection));
}
