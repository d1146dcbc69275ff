// The inspector without a window: a headless ImGui context (no renderer)
// fed scripted mouse and key input, checking the commands the panel pushes.

#include "ui/inspector_panel.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "core/i18n.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/map_builder.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

using test::actorByName;

/// A map with two actors and a tie between them, and the panel in a headless ImGui.
struct Harness {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", defaultModel(embeddedData(), "test"));
  InspectorPanel panel;
  std::set<RowId> selection;
  RowId tie = 0;
  RowId caw = 0, ocmw = 0, tieId = 0;
  test::HeadlessGui gui{[this] { panel.draw(doc, selection, ImVec2(0, 0), ImVec2(420, 800), tie); }};

  Harness() {
    Actor a;
    a.name = "CAW Oost-Vlaanderen";
    a.typeId = doc.model().actorTypes.records().front().id;
    doc.execute(addActor(a));
    a.name = "OCMW Gent";
    doc.execute(addActor(a));
    caw = actorByName(doc.model(), "CAW Oost-Vlaanderen");
    ocmw = actorByName(doc.model(), "OCMW Gent");
    Tie t;
    t.sourceId = caw;
    t.targetId = ocmw;
    t.typeId = doc.model().tieTypes.records().front().id;
    doc.execute(addTie(doc.model(), t));
    tieId = doc.model().ties.records().front().id;

    selection = {caw};
    frame();
    frame();
  }

  void frame() { gui.frame(); }
  void clickAt(ImVec2 p) { gui.clickAt(p); }
  void click(const std::string& field) {
    frame();  // a popup opened last frame is placed only now
    auto centre = panel.fieldCenter(field);
    INFO("field " << field);
    REQUIRE(centre);
    clickAt(*centre);
  }
  void press(int key, bool ctrl = false) { gui.press(key, ctrl); }
  void type(const std::string& text) { gui.type(text); }
  /// Clicks a text field, replaces its text and presses Enter.
  void enter(const std::string& field, const std::string& text) {
    click(field);
    gui.replaceText(text);
  }
  const Actor& actor(RowId id) const { return *doc.model().actors.find(id); }
  std::size_t undoDepth() { return test::undoDepth(doc); }
};

}  // namespace

TEST_CASE("Inspector: typing a name and pressing Enter is one updateActor command", "[ui][inspector]") {
  Harness h;
  REQUIRE(h.undoDepth() == 3);
  h.enter("name", "CAW Gent");
  CHECK(h.actor(h.caw).name == "CAW Gent");
  CHECK(h.doc.undoDescription() == trf("cmd.update_actor", {"CAW Gent"}));
  CHECK(h.undoDepth() == 4);
  CHECK(h.panel.error().empty());
  // Nothing else changed with it.
  h.doc.undo();
  CHECK(h.actor(h.caw).name == "CAW Oost-Vlaanderen");
}

TEST_CASE("Inspector: a text field commits when it loses focus, not while typing", "[ui][inspector]") {
  Harness h;
  h.click("municipality");
  h.type("Gent");
  h.frame();
  CHECK(h.actor(h.caw).municipality.empty());  // still typing: nothing pushed
  CHECK(h.undoDepth() == 3);
  h.click("postcode");  // focus moves on: the municipality goes as one command
  CHECK(h.actor(h.caw).municipality == "Gent");
  CHECK(h.undoDepth() == 4);
  // Leaving a field untouched pushes nothing.
  h.click("address");
  h.click("province");
  CHECK(h.undoDepth() == 4);
}

TEST_CASE("Inspector: an empty name is refused with a red message and changes nothing", "[ui][inspector]") {
  Harness h;
  h.enter("name", "");
  CHECK(h.actor(h.caw).name == "CAW Oost-Vlaanderen");
  CHECK(h.undoDepth() == 3);
  CHECK(h.panel.errorField() == "name");
  CHECK(h.panel.error().find(tr("valid.name_empty")) != std::string::npos);
  h.frame();
  CHECK(h.actor(h.caw).name == "CAW Oost-Vlaanderen");  // the field shows the map again
  // The next good commit clears the message.
  h.enter("short_name", "CAW");
  CHECK(h.actor(h.caw).shortName == "CAW");
  CHECK(h.panel.error().empty());
}

TEST_CASE("Inspector: latitude and longitude go together; out of range is refused", "[ui][inspector]") {
  Harness h;
  h.enter("latitude", "51,05");
  CHECK_FALSE(h.actor(h.caw).latitude);  // waits for the longitude
  CHECK(h.undoDepth() == 3);
  h.enter("longitude", "3.72");
  REQUIRE(h.actor(h.caw).latitude);
  REQUIRE(h.actor(h.caw).longitude);
  CHECK(*h.actor(h.caw).latitude == 51.05);
  CHECK(*h.actor(h.caw).longitude == 3.72);
  CHECK(h.undoDepth() == 4);

  h.enter("latitude", "123");
  CHECK(*h.actor(h.caw).latitude == 51.05);
  CHECK(h.panel.errorField() == "latitude");
  CHECK(h.panel.error().find("123") != std::string::npos);
  CHECK(h.undoDepth() == 4);

  h.enter("longitude", "oost");
  CHECK(h.panel.error() == trf("inspector.bad_number", {"oost"}));
  CHECK(h.undoDepth() == 4);

  h.enter("latitude", "");  // empty: no position at all
  CHECK_FALSE(h.actor(h.caw).latitude);
  CHECK_FALSE(h.actor(h.caw).longitude);
  CHECK(h.undoDepth() == 5);
}

TEST_CASE("Inspector: tags are split on commas", "[ui][inspector]") {
  Harness h;
  h.enter("tags", "justitie,  welzijn ,,gent");
  CHECK(h.actor(h.caw).tags == std::vector<std::string>{"justitie", "welzijn", "gent"});
  CHECK(h.undoDepth() == 4);
}

TEST_CASE("Inspector: combos and sliders commit on change", "[ui][inspector]") {
  Harness h;
  // Type: open the combo, pick another type.
  RowId other = 0;
  for (const auto& [id, t] : h.doc.model().actorTypes)
    if (id != h.actor(h.caw).typeId) {
      other = id;
      break;
    }
  h.click("type");
  h.click("type_option:" + std::to_string(other));
  CHECK(h.actor(h.caw).typeId == other);
  CHECK(h.undoDepth() == 4);

  // Parent: open, search, pick; then back to none.
  h.click("parent");
  CHECK(h.panel.fieldCenter("parent_search"));
  CHECK_FALSE(h.panel.fieldCenter("parent_option:" + std::to_string(h.caw)));  // not its own parent
  h.click("parent_option:" + std::to_string(h.ocmw));
  CHECK(h.actor(h.caw).parentId == h.ocmw);
  CHECK(h.undoDepth() == 5);
  h.click("parent");
  h.click("parent_option:0");
  CHECK(h.actor(h.caw).parentId == 0);
  CHECK(h.undoDepth() == 6);

  // Line: a click at the left end of the slider is 0 (the item's rectangle
  // includes its label on the right, so the left end is the one to aim at).
  REQUIRE(h.actor(h.caw).line == 1);
  auto rect = h.panel.fieldRect("line");
  REQUIRE(rect);
  h.clickAt(ImVec2(rect->first.x + 2, (rect->first.y + rect->second.y) / 2));
  CHECK(h.actor(h.caw).line == 0);
  CHECK(h.undoDepth() == 7);
  CHECK(h.doc.undoDescription() == trf("cmd.update_actor", {"CAW Oost-Vlaanderen"}));
  // Influence is 0 already: the same click changes nothing and pushes nothing.
  rect = h.panel.fieldRect("influence");
  REQUIRE(rect);
  h.clickAt(ImVec2(rect->first.x + 2, (rect->first.y + rect->second.y) / 2));
  CHECK(h.actor(h.caw).influence == 0);
  CHECK(h.undoDepth() == 7);
}

TEST_CASE("Inspector: contacts are added, edited and deleted by commands", "[ui][inspector]") {
  Harness h;
  h.click("contact_add");
  REQUIRE(h.doc.model().contacts.size() == 1);
  const RowId id = h.doc.model().contacts.records().front().id;
  CHECK(h.doc.undoDescription() == trf("cmd.add_contact", {tr("inspector.new_contact")}));
  h.frame();
  const std::string suffix = ":" + std::to_string(id);

  h.enter("contact_name" + suffix, "An Peeters");
  h.enter("contact_email" + suffix, "an@caw.be");
  CHECK(h.doc.model().contacts.find(id)->name == "An Peeters");
  CHECK(h.doc.model().contacts.find(id)->email == "an@caw.be");
  CHECK(h.doc.undoDescription() == trf("cmd.update_contact", {"An Peeters"}));

  REQUIRE(h.doc.model().contacts.find(id)->personalData);
  h.click("contact_personal" + suffix);
  CHECK_FALSE(h.doc.model().contacts.find(id)->personalData);

  h.click("contact_delete" + suffix);
  CHECK(h.doc.model().contacts.empty());
  CHECK(h.doc.undoDescription() == trf("cmd.delete_contact", {"An Peeters"}));
  CHECK(h.undoDepth() == 3 + 5);
}

TEST_CASE("Inspector: several or no actors show no fields", "[ui][inspector]") {
  Harness h;
  REQUIRE(h.panel.fieldCenter("name"));
  h.selection = {h.caw, h.ocmw};
  h.frame();
  CHECK_FALSE(h.panel.fieldCenter("name"));
  h.selection.clear();
  h.frame();
  CHECK_FALSE(h.panel.fieldCenter("name"));
  CHECK(h.undoDepth() == 3);
}

TEST_CASE("Inspector: the tie editor checks dates and commits through updateTie", "[ui][inspector]") {
  Harness h;
  h.selection.clear();
  h.tie = h.tieId;
  h.frame();
  const std::string updated = trf("cmd.update_tie", {"CAW Oost-Vlaanderen", "OCMW Gent"});

  h.enter("tie_valid_from", "2024-02-30");
  CHECK_FALSE(h.doc.model().ties.find(h.tieId)->validFrom);
  CHECK(h.panel.errorField() == "tie_valid_from");
  CHECK(h.panel.error() == trf("inspector.bad_date", {"2024-02-30"}));
  CHECK(h.undoDepth() == 3);

  h.enter("tie_valid_from", "2024-01-15");
  CHECK(h.doc.model().ties.find(h.tieId)->validFrom == Date::parse("2024-01-15"));
  CHECK(h.doc.undoDescription() == updated);
  CHECK(h.panel.error().empty());

  // An end before the start is the command's own validation.
  h.enter("tie_valid_to", "2023-12-31");
  CHECK_FALSE(h.doc.model().ties.find(h.tieId)->validTo);
  CHECK(h.panel.errorField() == "tie_valid_to");
  CHECK(h.undoDepth() == 4);

  h.click("tie_status");
  h.click("tie_status_option:ended");
  CHECK(h.doc.model().ties.find(h.tieId)->status == TieStatus::Ended);
  h.click("tie_direction");
  h.click("tie_direction_option:mutual");
  CHECK(h.doc.model().ties.find(h.tieId)->direction == Direction::Mutual);

  auto rect = h.panel.fieldRect("tie_strength");
  REQUIRE(rect);
  h.clickAt(ImVec2(rect->first.x + 2, (rect->first.y + rect->second.y) / 2));
  CHECK(h.doc.model().ties.find(h.tieId)->strength == 1);

  h.enter("tie_source_note", "Samenwerkingsakkoord 2024");
  CHECK(h.doc.model().ties.find(h.tieId)->sourceNote == "Samenwerkingsakkoord 2024");
  CHECK(h.doc.undoDescription() == updated);
  CHECK(h.undoDepth() == 8);
}
