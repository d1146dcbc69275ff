// The partner finder panel in a headless ImGui context fed scripted input, on
// the demo map: its table against PartnerFinder itself (the reference), the
// selection handed to the canvas, and the agreement "Afspraak plannen" adds.
//
// The map is measured as of 2026-11-29 (as tests/analysis/partner_finder_test.cpp);
// today, the day a planned agreement starts, is 2026-11-30.
#include "ui/partner_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analysis/nest_coverage.hpp"
#include "analysis/partner_finder.hpp"
#include "core/i18n.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/language_guard.hpp"
#include "support/map_builder.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

Date day(const char* text) { return *Date::parse(text); }
const Date kAsOf = day("2026-11-29"), kToday = day("2026-11-30");
const ImVec2 kPanelPos(0, 0), kPanelSize(1800, 900);

RowId categoryByKey(const Model& m, std::string_view key) {
  const NestTemplate* t = defaultTemplate(m);
  REQUIRE(t);
  for (const NestCategory* c : templateCategories(m, t->id))
    if (c->key == key) return c->id;
  FAIL("no category " << key);
  return 0;
}

/// The demo map, the panel on Ieper and a headless ImGui.
struct Harness {
  test::TempDir dir;
  Document doc;
  RowId ieper = 0;
  PartnerPanel panel;
  test::HeadlessGui gui;

  Harness()
      : doc(Document::create(dir / "demo.nestmap", demoModel(embeddedData()))),
        gui([this] { panel.draw(doc, kPanelPos, kPanelSize); }, ImVec2(1800, 1000)) {
    ieper = test::actorByKey(doc.model(), "prison_ieper");
    panel.setAsOf(kAsOf);
    panel.setToday(kToday);
    panel.setPrison(ieper);
    frame();
    frame();
  }
  void frame() { gui.frame(); }
  void clickAt(ImVec2 p) {
    gui.clickAt(p);
    gui.moveTo(ImVec2(-100, -100));
  }
  /// Clicks an item of the controls ("category", "category_option:3", ...).
  void clickItem(const std::string& item) {
    frame();  // a popup opened last frame is placed only now
    auto centre = panel.itemCenter(item);
    INFO("panel item " << item);
    REQUIRE(centre);
    clickAt(*centre);
  }
  const PartnerPanel::DrawnRow& drawn(std::size_t row) const {
    for (const auto& d : panel.hooks().rows)
      if (d.row == row) return d;
    FAIL("row " << row << " not drawn");
    return panel.hooks().rows.front();
  }
  /// Clicks a row on its rank, away from the button.
  void clickRow(std::size_t row) {
    const auto& d = drawn(row);
    clickAt(ImVec2(d.min.x + 4, (d.min.y + d.max.y) * 0.5f));
  }
  void clickPlan(std::size_t row) { clickAt(drawn(row).planCenter); }
  std::size_t undoDepth() { return test::undoDepth(doc); }

  /// What PartnerFinder itself gives for Ieper with the panel's settings.
  PartnerFinder::Result reference(std::vector<RowId> categories, int limit = PartnerPanel::kDefaultLimit) const {
    PartnerFinder::Params params;
    params.prisonId = ieper;
    params.categories = std::move(categories);
    params.asOf = kAsOf;
    params.limit = limit;
    return PartnerFinder::run(doc.model(), params);
  }
  /// Index of the first row whose candidate has an introduction through a go-between.
  std::size_t rowWithGoBetween() const {
    const auto& rows = panel.rows();
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i].candidate.introduction.size() > 2) return i;
    FAIL("no candidate with a go-between");
    return 0;
  }
};

/// The table's rows equal PartnerFinder's candidates: same actors, order, category, score and parts.
void checkSameAs(const PartnerPanel& panel, const PartnerFinder::Result& expected) {
  const auto& rows = panel.rows();
  REQUIRE(rows.size() == expected.candidates.size());
  CHECK(panel.result().categories == expected.categories);
  RowId category = 0;
  int rank = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const PartnerCandidate& want = expected.candidates[i];
    const PartnerCandidate& got = rows[i].candidate;
    INFO("row " << i);
    rank = want.categoryId == category ? rank + 1 : 1;
    category = want.categoryId;
    CHECK(rows[i].rank == rank);
    CHECK(got.actorId == want.actorId);
    CHECK(got.categoryId == want.categoryId);
    CHECK(got.score == want.score);
    CHECK(got.parts.connection == want.parts.connection);
    CHECK(got.parts.distance == want.parts.distance);
    CHECK(got.parts.region == want.parts.region);
    CHECK(got.parts.experience == want.parts.experience);
    CHECK(got.parts.broker == want.parts.broker);
    CHECK(got.distanceKm == want.distanceKm);
    CHECK(got.introduction == want.introduction);
  }
  // Every row drawn, in that order (the panel is tall enough for all of them).
  const auto& drawn = panel.hooks().rows;
  REQUIRE(drawn.size() == rows.size());
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    CHECK(drawn[i].row == i);
    if (i > 0) CHECK(drawn[i].min.y > drawn[i - 1].min.y);
  }
}

}  // namespace

TEST_CASE("Partner panel: a category chosen in the combo lists PartnerFinder's candidates", "[ui][partners]") {
  Harness h;
  const RowId vk = categoryByKey(h.doc.model(), "vk");
  h.clickItem("category");
  h.clickItem("category_option:" + std::to_string(vk));
  h.frame();
  CHECK(h.panel.category() == vk);
  CHECK_FALSE(h.panel.radiusKm());  // the category's own radius

  const auto expected = h.reference({vk});
  REQUIRE_FALSE(expected.candidates.empty());
  checkSameAs(h.panel, expected);

  // The texts: a name, the category, and the introduction without the candidate.
  const Model& m = h.doc.model();
  for (const PartnerPanel::Row& row : h.panel.rows()) {
    CHECK(row.name == m.actors.find(row.candidate.actorId)->name);
    CHECK(row.category == m.nestCategories.find(vk)->nameNl);
    const auto& way = row.candidate.introduction;
    if (way.size() > 1) {
      CHECK(row.introduction.starts_with("via " + m.actors.find(way.front())->name));
      CHECK(row.introduction.find(row.name) == std::string::npos);
      CHECK(row.path.ends_with("→ " + row.name));
    } else {
      CHECK(row.introduction == tr("partners.not_connected"));
    }
  }

  // A radius across Flanders gives more candidates, in PartnerFinder's order.
  h.panel.setRadiusKm(250);
  h.panel.setLimit(25);
  h.frame();
  PartnerFinder::Params params;
  params.prisonId = h.ieper;
  params.categories = {vk};
  params.asOf = kAsOf;
  params.radiusKm = 250;
  params.limit = 25;
  const auto wide = PartnerFinder::run(m, params);
  REQUIRE(wide.candidates.size() >= 4);
  checkSameAs(h.panel, wide);
  // The limit cuts the list.
  h.panel.setLimit(3);
  h.frame();
  params.limit = 3;
  checkSameAs(h.panel, PartnerFinder::run(m, params));
  CHECK(h.panel.rows().size() == 3);
}

TEST_CASE("Partner panel: \"all missing categories\" lists the candidates of every gap", "[ui][partners]") {
  Harness h;
  CHECK(h.panel.category() == 0);
  const Model& m = h.doc.model();
  const auto expected = h.reference({});
  // Ieper misses ocj, clb and overkop on the demo map (see the coverage test).
  CHECK(expected.categories ==
        std::vector<RowId>{categoryByKey(m, "ocj"), categoryByKey(m, "clb"), categoryByKey(m, "overkop")});
  checkSameAs(h.panel, expected);
  // A category without a candidate still shows, as a line saying so.
  std::vector<RowId> withRows, shown = h.panel.hooks().emptyCategories;
  for (const auto& row : h.panel.rows())
    if (withRows.empty() || withRows.back() != row.candidate.categoryId) withRows.push_back(row.candidate.categoryId);
  shown.insert(shown.end(), withRows.begin(), withRows.end());
  std::sort(shown.begin(), shown.end());
  std::vector<RowId> searched = expected.categories;
  std::sort(searched.begin(), searched.end());
  CHECK(shown == searched);
  // A candidate the prison already has an agreement with (not yet counting) cannot be planned twice.
  for (std::size_t i = 0; i < h.panel.rows().size(); ++i) {
    const PartnerPanel::Row& row = h.panel.rows()[i];
    INFO(row.name);
    CHECK(h.drawn(i).planEnabled == (row.existingAgreement == 0));
    if (const Agreement* a = m.agreements.find(row.existingAgreement)) {
      CHECK(std::any_of(a->parties.begin(), a->parties.end(),
                        [&](const AgreementParty& p) { return p.actorId == row.candidate.actorId; }));
      CHECK_FALSE(agreementCounts(a->status()));
    }
  }

  // Back from one category to all of them through the combo.
  h.panel.setCategory(categoryByKey(m, "vk"));
  h.frame();
  h.clickItem("category");
  h.clickItem("category_option:0");
  h.frame();
  CHECK(h.panel.category() == 0);
  checkSameAs(h.panel, expected);
}

TEST_CASE("Partner panel: a click on a row selects the candidate and gives its introduction path", "[ui][partners]") {
  Harness h;
  h.panel.setCategory(categoryByKey(h.doc.model(), "vk"));
  h.frame();
  h.frame();
  CHECK(h.panel.selectedCandidate() == 0);
  CHECK(h.panel.selectedPath().empty());
  CHECK_FALSE(h.panel.takeSelectionChanged());

  const std::size_t i = h.rowWithGoBetween();
  const PartnerCandidate want = h.panel.rows()[i].candidate;
  h.clickRow(i);
  CHECK(h.panel.selectedCandidate() == want.actorId);
  CHECK(h.panel.selectedCategory() == want.categoryId);
  CHECK(h.panel.takeSelectionChanged());
  CHECK_FALSE(h.panel.takeSelectionChanged());  // once
  const std::vector<RowId> path = h.panel.selectedPath();
  CHECK(path == want.introduction);
  REQUIRE(path.size() > 2);
  CHECK(path.back() == want.actorId);
  // The path starts on Ieper's side.
  const PrisonSides sides = PrisonSides::of(h.doc.model(), kAsOf);
  const auto& side = sides.find(h.ieper)->actors;
  CHECK(std::find(side.begin(), side.end(), path.front()) != side.end());
  CHECK(h.undoDepth() == 0);  // selecting changes nothing

  // Another category: the candidate is gone from the list, and so is the selection.
  h.panel.setCategory(categoryByKey(h.doc.model(), "ocj"));
  h.frame();
  CHECK(h.panel.selectedCandidate() == 0);
  CHECK(h.panel.selectedPath().empty());
  CHECK(h.panel.takeSelectionChanged());
}

TEST_CASE("Partner panel: \"Afspraak plannen\" adds one agreement in status idee, undo removes it", "[ui][partners]") {
  Harness h;
  const Model& m = h.doc.model();
  h.panel.setCategory(categoryByKey(m, "vk"));
  h.panel.setRadiusKm(250);
  h.frame();
  h.frame();
  REQUIRE(h.panel.rows().size() >= 2);
  const std::size_t agreementsBefore = m.agreements.size();
  const PartnerCandidate cand = h.panel.rows()[1].candidate;
  REQUIRE(h.drawn(1).planEnabled);

  h.clickPlan(1);
  CHECK(h.undoDepth() == 1);
  REQUIRE(m.agreements.size() == agreementsBefore + 1);
  const RowId id = h.panel.takePlannedAgreement();
  REQUIRE(id != 0);
  CHECK(h.panel.takePlannedAgreement() == 0);  // once
  const Agreement* a = m.agreements.find(id);
  REQUIRE(a);
  CHECK(a->parties.size() == 2);
  CHECK(a->parties[0].actorId == h.ieper);
  CHECK(a->parties[1].actorId == cand.actorId);
  CHECK(a->scopePrisonId == h.ieper);
  CHECK(a->status() == AgreementStatus::Idea);
  REQUIRE(a->history.size() == 1);
  CHECK(a->history[0].date == kToday);
  CHECK(a->typeId == m.agreementTypeByKey("referral_path")->id);
  CHECK(a->title == "Verkenning: " + m.actors.find(cand.actorId)->name + " – " + m.actors.find(h.ieper)->name);
  CHECK(h.panel.message().find(a->title) != std::string::npos);
  CHECK_FALSE(h.panel.messageIsError());
  // The planned row is selected, and its button now refuses a second agreement.
  CHECK(h.panel.selectedCandidate() == cand.actorId);
  h.frame();
  CHECK(h.panel.rows()[1].candidate.actorId == cand.actorId);
  CHECK(h.panel.rows()[1].existingAgreement == id);
  CHECK_FALSE(h.drawn(1).planEnabled);
  CHECK(h.drawn(0).planEnabled);  // the others stay open
  h.clickPlan(1);
  CHECK(h.undoDepth() == 1);
  CHECK(h.panel.takePlannedAgreement() == 0);

  h.doc.undo();
  CHECK(m.agreements.size() == agreementsBefore);
  CHECK_FALSE(m.agreements.contains(id));
  h.frame();
  CHECK(h.panel.rows()[1].existingAgreement == 0);
  CHECK(h.drawn(1).planEnabled);
  CHECK(h.panel.message().empty());  // the confirmation went with the agreement
}

TEST_CASE("Partner panel: recomputes only when the map, the date or a control changes", "[ui][partners]") {
  Harness h;
  const int once = h.panel.computations();
  for (int i = 0; i < 5; ++i) h.frame();
  CHECK(h.panel.computations() == once);

  h.panel.setLimit(3);
  h.frame();
  h.frame();
  CHECK(h.panel.computations() == once + 1);
  h.panel.setLimit(3);  // unchanged
  h.frame();
  CHECK(h.panel.computations() == once + 1);

  // The date: a day long before the map's agreements gives what PartnerFinder gives then.
  h.panel.setAsOf(day("2024-01-01"));
  h.frame();
  CHECK(h.panel.computations() == once + 2);
  PartnerFinder::Params params;
  params.prisonId = h.ieper;
  params.asOf = day("2024-01-01");
  params.limit = 3;
  checkSameAs(h.panel, PartnerFinder::run(h.doc.model(), params));

  // The map: an edit (here, undoing a planned agreement) recomputes.
  h.panel.setAsOf(kAsOf);
  h.frame();
  const int before = h.panel.computations();
  REQUIRE(h.panel.plan(h.doc, 0) != 0);
  h.frame();
  CHECK(h.panel.computations() == before + 1);
  h.doc.undo();
  h.frame();
  h.frame();
  CHECK(h.panel.computations() == before + 2);
}

TEST_CASE("Partner panel: the controls clamp, and the radius resets with the category", "[ui][partners]") {
  Harness h;
  h.panel.setLimit(0);
  CHECK(h.panel.limit() == PartnerPanel::kMinLimit);
  h.panel.setLimit(1000);
  CHECK(h.panel.limit() == PartnerPanel::kMaxLimit);
  h.panel.setRadiusKm(-5);
  CHECK(h.panel.radiusKm() == PartnerPanel::kMinRadiusKm);
  h.panel.setRadiusKm(40);
  h.frame();
  CHECK(h.panel.radiusKm() == 40);
  h.clickItem("radius_reset");
  CHECK_FALSE(h.panel.radiusKm());
  h.panel.setRadiusKm(40);
  h.frame();
  h.panel.setCategory(categoryByKey(h.doc.model(), "ocj"));
  CHECK_FALSE(h.panel.radiusKm());
  // An unknown prison falls back to the first by name.
  h.panel.setPrison(999999);
  h.frame();
  CHECK(h.panel.prison() == PrisonSides::of(h.doc.model(), kAsOf).prisons.front().prisonId);
}

TEST_CASE("Partner panel: the texts follow the language", "[ui][partners]") {
  Harness h;
  h.panel.setCategory(categoryByKey(h.doc.model(), "vk"));
  h.frame();
  test::LanguageGuard english(Language::English);
  h.frame();
  REQUIRE_FALSE(h.panel.rows().empty());
  CHECK(h.panel.rows()[0].category == h.doc.model().nestCategories.find(h.panel.category())->nameEn);
}
