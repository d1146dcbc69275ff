// The agreements register and the agreement editor in a headless ImGui
// context fed scripted input: sorting, filters, follow-up highlighting with a
// fixed today, and the commands that the panel and the editor push.
//
//   Gevangenis Gent ── PSD Gent (part of it)        Gevangenis Brugge
//
//   A1 "Doorverwijzing CAW"        CAW, PSD Gent        scope Gent    in bespreking  review 2025-05-20 (12 days late)
//   A2 "Vorming Brugge"            JWW Brugge, G.Brugge scope Brugge  idee           review 2025-06-10 (due in 9 days)
//   A3 "Overleg Huis van het Kind" Café Zoë, CAW        every prison  geformaliseerd review 2025-09-01
//   A4 "Stopgezette pilot"         CAW, JWW Brugge      every prison  stopgezet      review 2025-01-01 (stopped: no
//   flag)
//
// Today is 2025-06-01 throughout.
#include "ui/agreements_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/agreement_workflow.hpp"
#include "core/i18n.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/map_builder.hpp"
#include "support/temp_dir.hpp"
#include "ui/agreement_editor.hpp"
#include "ui/open_external.hpp"

using namespace nestmap;

namespace {

constexpr int kEnter = test::HeadlessGui::kEnter, kKeyA = test::HeadlessGui::kKeyA,
              kDelete = test::HeadlessGui::kDelete;

Date day(const char* text) { return *Date::parse(text); }

struct Ids {
  RowId gent = 0, brugge = 0, psd = 0, caw = 0, jww = 0, cafe = 0, contact = 0;
  RowId a1 = 0, a2 = 0, a3 = 0, a4 = 0;
};

Document makeMap(const test::TempDir& dir, Ids& ids) {
  Model m = defaultModel(embeddedData(), "test");
  auto actor = [&](const char* name, const char* type, RowId parent = 0) {
    Actor a;
    a.name = name;
    a.typeId = m.actorTypeByKey(type)->id;
    a.parentId = parent;
    a.uuid = Uuid::random();
    return test::putActor(m, a);
  };
  ids.gent = actor("Gevangenis Gent", "prison");
  ids.brugge = actor("Gevangenis Brugge", "prison");
  ids.psd = actor("PSD Gent", "psd", ids.gent);
  ids.caw = actor("CAW Oost-Vlaanderen", "caw");
  ids.jww = actor("JWW Brugge", "caw_jww");
  ids.cafe = actor("Café Zoë Ouderwerking", "parent_child");

  Contact c;
  c.id = 1;
  c.uuid = Uuid::random();
  c.actorId = ids.caw;
  c.name = "An Peeters";
  c.role = "teamverantwoordelijke";
  m.contacts.put(c);
  ids.contact = c.id;

  auto agreement = [&](const char* title, std::vector<RowId> parties, RowId scope,
                       std::vector<std::pair<const char*, AgreementStatus>> history, const char* review, int wp,
                       std::vector<int> blocks, const char* owner, const char* notes) {
    Agreement a;
    a.id = m.agreements.nextId();
    a.uuid = Uuid::random();
    a.title = title;
    for (RowId p : parties) a.parties.push_back({p, ""});
    a.scopePrisonId = scope;
    a.typeId = m.agreementTypeByKey("protocol")->id;
    for (const auto& [date, status] : history) a.history.push_back({day(date), status, ""});
    a.reviewDate = day(review);
    a.workPackage = wp;
    a.buildingBlocks = std::move(blocks);
    a.owner = owner;
    a.notes = notes;
    m.agreements.put(a);
    return a.id;
  };
  using S = AgreementStatus;
  ids.a1 =
      agreement("Doorverwijzing CAW", {ids.caw, ids.psd}, ids.gent,
                {{"2025-01-10", S::Idea}, {"2025-02-01", S::Discussion}}, "2025-05-20", 1, {3, 5}, "Directie Gent", "");
  ids.a2 = agreement("Vorming Brugge", {ids.jww, ids.brugge}, ids.brugge, {{"2025-03-01", S::Idea}}, "2025-06-10", 2,
                     {}, "JWW", "Vorming over ouderschap in de gevangenis");
  ids.a3 = agreement("Overleg Huis van het Kind", {ids.cafe, ids.caw}, 0,
                     {{"2025-01-05", S::Idea}, {"2025-02-05", S::Agreed}, {"2025-03-05", S::Formalised}}, "2025-09-01",
                     3, {1}, "", "");
  ids.a4 = agreement("Stopgezette pilot", {ids.caw, ids.jww}, 0, {{"2024-10-01", S::Idea}, {"2024-12-01", S::Stopped}},
                     "2025-01-01", 0, {}, "", "");
  return Document::create(dir / "map.nestmap", std::move(m));
}

const ImVec2 kPanelPos(0, 0), kPanelSize(1600, 360), kEditorPos(0, 380), kEditorSize(1000, 1200);

/// The map, the register and its editor in a headless ImGui, today 2025-06-01.
struct Harness {
  test::TempDir dir;
  Ids ids;
  Document doc;
  AgreementsPanel panel;
  std::set<RowId> canvasSelection;
  test::HeadlessGui gui;

  Harness() : doc(makeMap(dir, ids)), gui([this] { drawAll(); }, ImVec2(1600, 1600)) {
    panel.setToday(day("2025-06-01"));
    frame();
    frame();
  }

  void drawAll() {
    panel.draw(doc, kPanelPos, kPanelSize);
    panel.drawEditor(doc, canvasSelection, kEditorPos, kEditorSize);
  }
  void frame() { gui.frame(); }
  void press(int key, bool ctrl = false) { gui.press(key, ctrl); }
  void type(const std::string& text) { gui.type(text); }
  void clickAt(ImVec2 p) {
    gui.clickAt(p);
    gui.moveTo(ImVec2(-100, -100));
  }
  /// Clicks an item of the register ("new", "status_filter", ...).
  void clickItem(const std::string& item) {
    frame();  // a popup opened last frame is placed only now
    auto centre = panel.itemCenter(item);
    INFO("register item " << item);
    REQUIRE(centre);
    clickAt(*centre);
  }
  /// Clicks a field of the editor ("title", "block:3", ...).
  void clickField(const std::string& field) {
    frame();
    auto centre = panel.editor().fieldCenter(field);
    INFO("editor field " << field);
    REQUIRE(centre);
    clickAt(*centre);
  }
  /// Clicks a text field of the editor, replaces its text and presses Enter.
  void enter(const std::string& field, const std::string& text) {
    clickField(field);
    gui.replaceText(text);
  }
  const AgreementsPanel::DrawnRow* drawnRow(RowId agreement) const {
    for (const auto& row : panel.hooks().rows)
      if (row.agreement == agreement) return &row;
    return nullptr;
  }
  ImVec2 rowCentre(RowId agreement) const {
    const AgreementsPanel::DrawnRow* row = drawnRow(agreement);
    REQUIRE(row);
    return ImVec2((row->min.x + row->max.x) * 0.5f, (row->min.y + row->max.y) * 0.5f);
  }
  void doubleClick(ImVec2 p) {
    gui.moveTo(p);
    gui.button(true);
    gui.button(false);
    gui.button(true);
    gui.button(false);
    gui.moveTo(ImVec2(-100, -100));
  }
  void clickHeader(AgreementsPanel::Column column) {
    clickAt(panel.hooks().headerCenter[column]);
    frame();
  }
  /// Opens the editor on an agreement as a double-click does.
  void openEditor(RowId agreement) {
    panel.openEditor(agreement);
    frame();
    frame();
  }
  const Agreement& agreement(RowId id) const { return *doc.model().agreements.find(id); }
  std::size_t undoDepth() { return test::undoDepth(doc); }
};

}  // namespace

// ---------------------------------------------------------------------------
// the register

TEST_CASE("Register: every agreement is a row, sorted by title at first", "[ui][agreements]") {
  Harness h;
  CHECK(h.panel.rows().size() == 4);
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a1, h.ids.a3, h.ids.a4, h.ids.a2});
  const auto& row = h.panel.rows().front();
  CHECK(row.text[AgreementsPanel::Parties] == "CAW Oost-Vlaanderen, PSD Gent");
  CHECK(row.text[AgreementsPanel::Prison] == "Gevangenis Gent");
  CHECK(row.text[AgreementsPanel::Status] == "in bespreking");
  CHECK(row.text[AgreementsPanel::WorkPackage] == "WP1");
  CHECK(row.text[AgreementsPanel::BuildingBlocks] == "3, 5");
  CHECK(h.panel.rows()[2].text[AgreementsPanel::Prison] == tr("agreements.all_prisons"));
}

TEST_CASE("Register: a click on a header sorts by that column, a second click reverses", "[ui][agreements]") {
  Harness h;
  const Ids& i = h.ids;
  h.clickHeader(AgreementsPanel::Review);
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{i.a4, i.a1, i.a2, i.a3});
  h.clickHeader(AgreementsPanel::Review);
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{i.a3, i.a2, i.a1, i.a4});
  // Status in workflow order, stopped last.
  h.clickHeader(AgreementsPanel::Status);
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{i.a2, i.a1, i.a3, i.a4});
  h.clickHeader(AgreementsPanel::WorkPackage);
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{i.a4, i.a1, i.a2, i.a3});
  // Equal owners ("" twice) keep id order.
  h.clickHeader(AgreementsPanel::Owner);
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{i.a3, i.a4, i.a1, i.a2});
  h.clickHeader(AgreementsPanel::Prison);
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{i.a3, i.a4, i.a2, i.a1});
  h.clickHeader(AgreementsPanel::BuildingBlocks);
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{i.a2, i.a4, i.a3, i.a1});

  // Every column sorts: its key never decreases down the table.
  for (int c = 0; c < AgreementsPanel::ColumnCount; ++c) {
    INFO("column " << c);
    h.clickHeader(static_cast<AgreementsPanel::Column>(c));
    std::vector<std::string> keys;
    for (std::uint32_t v : h.panel.visibleRows()) keys.push_back(h.panel.rows()[v].folded[c]);
    if (c == AgreementsPanel::Title || c == AgreementsPanel::Parties || c == AgreementsPanel::Type)
      CHECK(std::is_sorted(keys.begin(), keys.end()));
  }
  // "cafe zoe …" before "caw …": folded, accents aside.
  h.clickHeader(AgreementsPanel::Parties);
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{i.a3, i.a4, i.a1, i.a2});
}

TEST_CASE("Register: the status filter, chosen in its combo", "[ui][agreements]") {
  Harness h;
  h.clickItem("status_filter");
  h.clickItem("status_option:idea");
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a2});
  h.clickItem("status_filter");
  h.clickItem("status_option:stopped");
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a4});
  h.clickItem("status_filter");
  h.clickItem("status_option:all");
  CHECK(h.panel.visibleAgreements().size() == 4);
}

TEST_CASE("Register: the prison filter counts the scope and the prison's own services", "[ui][agreements]") {
  Harness h;
  h.clickItem("prison_filter");
  h.clickItem("prison_option:" + std::to_string(h.ids.brugge));
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a2});
  // A1 is made for Gent; PSD Gent, a party, belongs to it too.
  h.panel.setPrisonFilter(h.ids.gent);
  h.frame();
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a1});
  h.clickItem("prison_filter");
  h.clickItem("prison_option:0");
  CHECK(h.panel.visibleAgreements().size() == 4);
}

TEST_CASE("Register: the party filter matches any party, accents and case aside", "[ui][agreements]") {
  Harness h;
  h.clickItem("party_filter");
  h.type("CAFE zoe");
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a3});  // while typing
  h.press(kEnter);  // done typing: the box no longer holds its own text
  h.panel.setPartyFilter("caw");
  h.frame();
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a1, h.ids.a3, h.ids.a4});
  h.panel.setPartyFilter("nobody");
  h.frame();
  CHECK(h.panel.visibleAgreements().empty());
}

TEST_CASE("Register: free text searches title, notes and work package", "[ui][agreements]") {
  Harness h;
  h.clickItem("search");
  h.type("pilot");
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a4});
  h.press(kEnter);
  h.panel.setSearch("ouderschap");  // in A2's notes only
  h.frame();
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a2});
  h.panel.setSearch("WP3");
  h.frame();
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a3});
  // The owner is not searched.
  h.panel.setSearch("directie");
  h.frame();
  CHECK(h.panel.visibleAgreements().empty());
  // Filters combine.
  h.panel.setSearch("o");
  h.panel.setStatusFilter(AgreementStatus::Formalised);
  h.frame();
  CHECK(h.panel.visibleAgreements() == std::vector<RowId>{h.ids.a3});
}

TEST_CASE("Register: overdue reviews are red, those due within 14 days amber, with words", "[ui][agreements]") {
  Harness h;
  const auto* a1 = h.drawnRow(h.ids.a1);
  const auto* a2 = h.drawnRow(h.ids.a2);
  const auto* a3 = h.drawnRow(h.ids.a3);
  const auto* a4 = h.drawnRow(h.ids.a4);
  REQUIRE(a1);
  REQUIRE(a2);
  REQUIRE(a3);
  REQUIRE(a4);
  CHECK(a1->tint == AgreementsPanel::kOverdueTint);
  CHECK(a1->flag == "12 dagen te laat");
  CHECK(a2->tint == AgreementsPanel::kDueSoonTint);
  CHECK(a2->flag == "over 9 dagen");
  CHECK(a3->tint == 0);
  CHECK(a3->flag.empty());
  CHECK(a4->tint == 0);  // stopped: no follow-up
  CHECK(a4->flag.empty());

  // Another day: A1 becomes due soon, A2 is far off.
  h.panel.setToday(day("2025-05-19"));
  h.frame();
  CHECK(h.drawnRow(h.ids.a1)->tint == AgreementsPanel::kDueSoonTint);
  CHECK(h.drawnRow(h.ids.a1)->flag == "morgen");
  CHECK(h.drawnRow(h.ids.a2)->tint == 0);
  h.panel.setToday(day("2025-05-20"));
  h.frame();
  CHECK(h.drawnRow(h.ids.a1)->flag == "vandaag");
  h.panel.setToday(day("2025-05-21"));
  h.frame();
  CHECK(h.drawnRow(h.ids.a1)->tint == AgreementsPanel::kOverdueTint);
  CHECK(h.drawnRow(h.ids.a1)->flag == "1 dag te laat");
}

TEST_CASE("Register: a click selects a row, a double-click opens the editor", "[ui][agreements]") {
  Harness h;
  h.clickAt(h.rowCentre(h.ids.a3));
  CHECK(h.panel.selectedAgreement() == h.ids.a3);
  CHECK_FALSE(h.panel.editor().isOpen());
  h.doubleClick(h.rowCentre(h.ids.a2));
  CHECK(h.panel.selectedAgreement() == h.ids.a2);
  REQUIRE(h.panel.editor().isOpen());
  CHECK(h.panel.editor().agreement() == h.ids.a2);
  CHECK(h.panel.editor().fieldCenter("title"));
}

TEST_CASE("Register: Delete removes the selected agreement as one undoable command", "[ui][agreements]") {
  Harness h;
  h.clickAt(h.rowCentre(h.ids.a2));
  REQUIRE(h.panel.selectedAgreement() == h.ids.a2);
  h.press(kDelete);
  CHECK_FALSE(h.doc.model().agreements.contains(h.ids.a2));
  CHECK(h.undoDepth() == 1);
  CHECK(h.doc.undoDescription() == trf("cmd.delete_agreement", {"Vorming Brugge"}));
  CHECK(h.panel.selectedAgreement() == 0);
  h.frame();
  CHECK(h.panel.rows().size() == 3);
  h.doc.undo();
  h.frame();
  CHECK(h.doc.model().agreements.contains(h.ids.a2));
  CHECK(h.panel.rows().size() == 4);

  // The button does the same; with nothing selected there is nothing to delete.
  h.clickAt(h.rowCentre(h.ids.a4));
  h.clickItem("delete");
  CHECK_FALSE(h.doc.model().agreements.contains(h.ids.a4));
  h.clickItem("delete");
  CHECK(h.doc.model().agreements.size() == 3);
}

TEST_CASE("Register: Delete while typing in a filter deletes nothing", "[ui][agreements]") {
  Harness h;
  h.clickAt(h.rowCentre(h.ids.a2));
  h.clickItem("search");
  h.type("x");
  h.press(kDelete);
  CHECK(h.doc.model().agreements.contains(h.ids.a2));
  CHECK(h.undoDepth() == 0);
}

TEST_CASE("Register: Nieuwe afspraak is a draft until it has two parties, then one command", "[ui][agreements]") {
  Harness h;
  h.clickItem("new");
  h.frame();
  REQUIRE(h.panel.editor().isDraft());
  CHECK(h.panel.editor().showedPartyWarning());
  // Created too early: refused with the reason, nothing in the map.
  h.clickField("create");
  CHECK(h.panel.editor().errorField() == "create");
  CHECK(h.panel.editor().error().find(tr("valid.parties_two")) != std::string::npos);
  CHECK(h.undoDepth() == 0);
  // Parties from the canvas selection: the draft changes, the map does not.
  h.canvasSelection = {h.ids.caw, h.ids.gent};
  h.clickField("add_selection");
  CHECK(h.panel.editor().draft().parties.size() == 2);
  CHECK(h.undoDepth() == 0);
  h.enter("title", "Afspraak CAW en Gent");
  CHECK(h.undoDepth() == 0);
  h.frame();
  CHECK_FALSE(h.panel.editor().showedPartyWarning());

  h.clickField("create");
  CHECK(h.undoDepth() == 1);
  CHECK(h.doc.undoDescription() == trf("cmd.add_agreement", {"Afspraak CAW en Gent"}));
  REQUIRE(h.doc.model().agreements.size() == 5);
  const Agreement& created = h.doc.model().agreements.records().back();
  CHECK(created.title == "Afspraak CAW en Gent");
  CHECK(created.parties == std::vector<AgreementParty>{{h.ids.gent, ""}, {h.ids.caw, ""}});
  CHECK(created.history == std::vector<StatusChange>{{day("2025-06-01"), AgreementStatus::Idea, ""}});
  CHECK(h.panel.selectedAgreement() == created.id);
  CHECK(h.panel.editor().agreement() == created.id);
  CHECK_FALSE(h.panel.editor().isDraft());
  h.frame();
  CHECK(h.drawnRow(created.id));

  const RowId id = created.id;
  h.doc.undo();
  h.frame();
  CHECK_FALSE(h.doc.model().agreements.contains(id));
  CHECK_FALSE(h.panel.editor().isOpen());  // nothing left to edit
  CHECK(h.panel.rows().size() == 4);
}

// ---------------------------------------------------------------------------
// the editor

TEST_CASE("Editor: the title is one updateAgreement command", "[ui][agreements]") {
  Harness h;
  h.openEditor(h.ids.a1);
  h.enter("title", "Doorverwijzing CAW – PSD");
  CHECK(h.agreement(h.ids.a1).title == "Doorverwijzing CAW – PSD");
  CHECK(h.undoDepth() == 1);
  CHECK(h.doc.undoDescription() == trf("cmd.update_agreement", {"Doorverwijzing CAW – PSD"}));
  // An empty title is refused and says why.
  h.enter("title", "");
  CHECK(h.agreement(h.ids.a1).title == "Doorverwijzing CAW – PSD");
  CHECK(h.undoDepth() == 1);
  CHECK(h.panel.editor().errorField() == "title");
  CHECK(h.panel.editor().error().find(tr("valid.title_empty")) != std::string::npos);
  h.doc.undo();
  CHECK(h.agreement(h.ids.a1).title == "Doorverwijzing CAW");
}

TEST_CASE("Editor: the review date must be a real date", "[ui][agreements]") {
  Harness h;
  h.openEditor(h.ids.a1);
  h.enter("review_date", "2025-02-30");
  CHECK(h.agreement(h.ids.a1).reviewDate == day("2025-05-20"));
  CHECK(h.undoDepth() == 0);
  CHECK(h.panel.editor().errorField() == "review_date");
  CHECK(h.panel.editor().error() == trf("agreement_editor.bad_date", {"2025-02-30"}));
  h.enter("review_date", "31/12/2025");
  CHECK(h.undoDepth() == 0);
  h.enter("review_date", "2025-12-31");
  CHECK(h.agreement(h.ids.a1).reviewDate == day("2025-12-31"));
  CHECK(h.undoDepth() == 1);
  CHECK(h.panel.editor().error().empty());
  // The register follows: no longer overdue.
  h.frame();
  CHECK(h.drawnRow(h.ids.a1)->tint == 0);
  // Emptying it removes the review date.
  h.enter("review_date", "");
  CHECK_FALSE(h.agreement(h.ids.a1).reviewDate);
  CHECK(h.undoDepth() == 2);
}

TEST_CASE("Editor: each building block check box is one command", "[ui][agreements]") {
  Harness h;
  h.openEditor(h.ids.a1);
  h.clickField("block:2");
  CHECK(h.agreement(h.ids.a1).buildingBlocks == std::vector<int>{2, 3, 5});
  CHECK(h.undoDepth() == 1);
  h.clickField("block:5");
  CHECK(h.agreement(h.ids.a1).buildingBlocks == std::vector<int>{2, 3});
  CHECK(h.undoDepth() == 2);
  h.doc.undo();
  CHECK(h.agreement(h.ids.a1).buildingBlocks == std::vector<int>{2, 3, 5});
}

TEST_CASE("Editor: type, prison, work package and owner from their lists", "[ui][agreements]") {
  Harness h;
  h.openEditor(h.ids.a1);
  const RowId pilot = h.doc.model().agreementTypeByKey("pilot")->id;
  h.clickField("type");
  h.clickField("type_option:" + std::to_string(pilot));
  CHECK(h.agreement(h.ids.a1).typeId == pilot);
  h.clickField("prison");
  h.clickField("prison_option:0");
  CHECK(h.agreement(h.ids.a1).scopePrisonId == 0);
  h.clickField("work_package");
  h.clickField("wp_option:4");
  CHECK(h.agreement(h.ids.a1).workPackage == 4);
  h.clickField("owner_pick");
  h.clickField("owner_option:" + std::to_string(h.ids.contact));
  CHECK(h.agreement(h.ids.a1).owner == "An Peeters — CAW Oost-Vlaanderen");
  CHECK(h.undoDepth() == 4);
  // The owner is free text too.
  h.enter("owner", "Directie Gevangenis Gent");
  CHECK(h.agreement(h.ids.a1).owner == "Directie Gevangenis Gent");
  // Notes span lines (Enter is a new line): they go when the field loses focus.
  h.clickField("notes");
  h.press(kKeyA, true);
  h.type("Opvolgen in september");
  CHECK(h.agreement(h.ids.a1).notes.empty());
  h.clickField("title");
  CHECK(h.agreement(h.ids.a1).notes == "Opvolgen in september");
  CHECK(h.undoDepth() == 6);
}

TEST_CASE("Editor: parties from the searchable list and from the canvas selection", "[ui][agreements]") {
  Harness h;
  h.openEditor(h.ids.a1);
  CHECK_FALSE(h.panel.editor().showedPartyWarning());
  h.clickField("party_search");
  h.type("jww");
  h.frame();
  CHECK_FALSE(h.panel.editor().fieldCenter("party_option:" + std::to_string(h.ids.cafe)));  // filtered out
  h.clickField("party_option:" + std::to_string(h.ids.jww));
  CHECK(h.agreement(h.ids.a1).parties ==
        std::vector<AgreementParty>{{h.ids.caw, ""}, {h.ids.psd, ""}, {h.ids.jww, ""}});
  CHECK(h.undoDepth() == 1);

  // The canvas selection: those not yet parties, as one command.
  h.canvasSelection = {h.ids.caw, h.ids.gent, h.ids.brugge};
  h.clickField("add_selection");
  CHECK(h.agreement(h.ids.a1).parties.size() == 5);
  CHECK(h.agreement(h.ids.a1).parties[3].actorId == h.ids.gent);
  CHECK(h.agreement(h.ids.a1).parties[4].actorId == h.ids.brugge);
  CHECK(h.undoDepth() == 2);

  // A role, then removing parties; the last two stay.
  h.enter("party_role:" + std::to_string(h.ids.gent), "ondertekenaar");
  CHECK(h.agreement(h.ids.a1).parties[3].role == "ondertekenaar");
  for (RowId id : {h.ids.gent, h.ids.brugge, h.ids.jww}) h.clickField("party_remove:" + std::to_string(id));
  CHECK(h.agreement(h.ids.a1).parties == std::vector<AgreementParty>{{h.ids.caw, ""}, {h.ids.psd, ""}});
  CHECK(h.undoDepth() == 6);
  h.clickField("party_remove:" + std::to_string(h.ids.psd));
  CHECK(h.agreement(h.ids.a1).parties.size() == 2);
  CHECK(h.undoDepth() == 6);
  CHECK(h.panel.editor().errorField() == "party_remove:" + std::to_string(h.ids.psd));
  CHECK(h.panel.editor().error().find(tr("valid.parties_two")) != std::string::npos);
}

TEST_CASE("Editor: documents are added, opened with the system's handler and removed", "[ui][agreements]") {
  Harness h;
  std::vector<std::vector<std::string>> launched;
  h.panel.editor().launcher = [&](const std::vector<std::string>& argv) -> std::optional<std::string> {
    launched.push_back(argv);
    return std::nullopt;
  };
  h.openEditor(h.ids.a1);
  h.clickField("new_doc_ref");
  h.type("https://example.org/protocol.pdf");
  h.clickField("doc_add");
  REQUIRE(h.agreement(h.ids.a1).documents.size() == 1);
  CHECK(h.agreement(h.ids.a1).documents[0].reference == "https://example.org/protocol.pdf");
  CHECK(h.agreement(h.ids.a1).documents[0].title == "protocol.pdf");
  CHECK(h.undoDepth() == 1);
  h.clickField("doc_open:0");
  REQUIRE(launched.size() == 1);
  CHECK(launched[0] == openCommand("https://example.org/protocol.pdf"));
  CHECK(h.undoDepth() == 1);  // opening changes nothing
  // A missing file is said, not launched.
  h.enter("doc_ref:0", "dossier/ontbreekt.pdf");
  CHECK(h.agreement(h.ids.a1).documents[0].reference == "dossier/ontbreekt.pdf");
  h.clickField("doc_open:0");
  CHECK(launched.size() == 1);
  CHECK(h.panel.editor().errorField() == "doc_open:0");
  h.clickField("doc_remove:0");
  CHECK(h.agreement(h.ids.a1).documents.empty());
  CHECK(h.undoDepth() == 3);
  // Adding without a path is refused.
  h.clickField("doc_add");
  CHECK(h.panel.editor().errorField() == "doc_add");
  CHECK(h.undoDepth() == 3);
}

TEST_CASE("Editor: status forward, a step back needs a note, each change in the history", "[ui][agreements]") {
  Harness h;
  h.openEditor(h.ids.a1);
  // The next step forward and today are offered.
  CHECK(h.panel.editor().chosenStatus() == AgreementStatus::Agreed);
  CHECK_FALSE(h.panel.editor().showedNoteHint());
  h.clickField("status_apply");
  REQUIRE(h.agreement(h.ids.a1).history.size() == 3);
  CHECK(h.agreement(h.ids.a1).history.back() == StatusChange{day("2025-06-01"), AgreementStatus::Agreed, ""});
  CHECK(h.undoDepth() == 1);
  CHECK(h.doc.undoDescription() == trf("cmd.agreement_status", {"Doorverwijzing CAW", "afgesproken"}));

  // Forward two steps at once, on a date typed by hand.
  h.clickField("status_combo");
  h.clickField("status_option:practice");
  h.enter("status_date", "2025-06-15");
  h.clickField("status_apply");
  CHECK(h.agreement(h.ids.a1).history.back() == StatusChange{day("2025-06-15"), AgreementStatus::Practice, ""});
  CHECK(h.undoDepth() == 2);

  // Back to discussion: said before pressing, refused without a note.
  h.clickField("status_combo");
  h.clickField("status_option:discussion");
  CHECK(h.panel.editor().showedNoteHint());
  h.enter("status_date", "2025-06-20");
  h.clickField("status_apply");
  CHECK(h.agreement(h.ids.a1).history.size() == 4);
  CHECK(h.undoDepth() == 2);
  CHECK(h.panel.editor().errorField() == "status_apply");
  Agreement now = h.agreement(h.ids.a1);
  CHECK(h.panel.editor().error() == *checkStatusChange(now, AgreementStatus::Discussion, day("2025-06-20"), ""));
  // With a note it goes through.
  h.clickField("status_note");
  h.type("De partner herbekijkt de afspraak");
  h.frame();
  CHECK_FALSE(h.panel.editor().showedNoteHint());
  h.clickField("status_apply");
  CHECK(h.agreement(h.ids.a1).history.back() ==
        StatusChange{day("2025-06-20"), AgreementStatus::Discussion, "De partner herbekijkt de afspraak"});
  CHECK(h.undoDepth() == 3);
  CHECK(h.panel.editor().error().empty());

  // A date before the last change is refused; a date that is no date too.
  h.clickField("status_combo");
  h.clickField("status_option:stopped");
  h.enter("status_date", "2025-06-19");
  h.clickField("status_apply");
  CHECK(h.undoDepth() == 3);
  CHECK(h.panel.editor().errorField() == "status_apply");
  h.enter("status_date", "2025-06-31");
  h.clickField("status_apply");
  CHECK(h.undoDepth() == 3);
  CHECK(h.panel.editor().errorField() == "status_date");
}

TEST_CASE("Editor: the history timeline has a dot per change; hovering one names it", "[ui][agreements]") {
  Harness h;
  h.openEditor(h.ids.a3);
  for (int i = 0; i < 3; ++i) CHECK(h.panel.editor().fieldCenter("timeline_dot:" + std::to_string(i)));
  CHECK_FALSE(h.panel.editor().fieldCenter("timeline_dot:3"));
  const ImVec2 first = *h.panel.editor().fieldCenter("timeline_dot:0");
  const ImVec2 last = *h.panel.editor().fieldCenter("timeline_dot:2");
  CHECK(first.x < last.x);
  CHECK(first.y == last.y);
  h.gui.moveTo(*h.panel.editor().fieldCenter("timeline_dot:1"));
  h.frame();
  REQUIRE(h.panel.editor().hoveredHistoryEntry());
  CHECK(*h.panel.editor().hoveredHistoryEntry() == 1);
  h.gui.moveTo(ImVec2(-100, -100));
  CHECK_FALSE(h.panel.editor().hoveredHistoryEntry());
}

TEST_CASE("Editor: closes when its agreement is deleted", "[ui][agreements]") {
  Harness h;
  h.openEditor(h.ids.a2);
  h.doc.execute(deleteAgreement(h.doc.model(), h.ids.a2));
  h.frame();
  CHECK_FALSE(h.panel.editor().isOpen());
}

// ---------------------------------------------------------------------------
// opening documents

TEST_CASE("Documents open through xdg-open without a shell, paths made absolute", "[ui][agreements]") {
#if !defined(__APPLE__)
  CHECK(openCommand("https://example.org/a b.pdf") ==
        std::vector<std::string>{"xdg-open", "https://example.org/a b.pdf"});
  CHECK(openCommand("/tmp/x; rm -rf ~") == std::vector<std::string>{"xdg-open", "/tmp/x; rm -rf ~"});
#endif
  CHECK(isUrl("https://example.org"));
  CHECK(isUrl("mailto:info@example.org"));
  CHECK_FALSE(isUrl("dossier/wp1/a.pdf"));
  CHECK_FALSE(isUrl("C:/x.pdf"));
  CHECK(resolveDocumentReference("https://example.org/x", "/maps") == "https://example.org/x");
  CHECK(resolveDocumentReference("dossier/../wp1/a.pdf", "/maps") == "/maps/wp1/a.pdf");
  CHECK(resolveDocumentReference("-rf", "/maps") == "/maps/-rf");
  CHECK(resolveDocumentReference("/srv/a.pdf", "/maps") == "/srv/a.pdf");
  CHECK_FALSE(launchDetached({"true"}));
  auto problem = launchDetached({"nestmap-no-such-program-xyz"});
  REQUIRE(problem);
  CHECK(problem->find("nestmap-no-such-program-xyz") != std::string::npos);
}
