// Each command: apply → undo → redo restores exactly, in memory and in the
// file, with ids kept; groups are one step and one transaction.
#include "edit/commands.hpp"

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "edit/document.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

/// The model as the file holds it right now.
Model onDisk(Document& doc) { return doc.store().load(); }

/// Runs `command` and checks the apply → undo → redo cycle; returns the model after apply.
Model roundTrip(Document& doc, CommandPtr command) {
  const Model before = doc.model();
  const std::size_t logBefore = doc.store().changeLog().size();
  const std::string description = command->describe();

  doc.execute(std::move(command));
  const Model after = doc.model();
  CHECK_FALSE(after == before);
  CHECK(onDisk(doc) == after);
  CHECK(doc.undoDescription() == description);

  doc.undo();
  CHECK(doc.model() == before);
  CHECK(onDisk(doc) == before);
  CHECK(doc.redoDescription() == description);

  doc.redo();
  CHECK(doc.model() == after);  // same ids and UUIDs as the first time
  CHECK(onDisk(doc) == after);

  auto log = doc.store().changeLog();
  REQUIRE(log.size() == logBefore + 3);
  CHECK(log[logBefore].description == description);
  CHECK(log[logBefore + 1].description == "Ongedaan gemaakt: " + description);
  CHECK(log[logBefore + 2].description == "Opnieuw gedaan: " + description);
  return after;
}

struct Fixture {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", test::sampleModel());
};

}  // namespace

TEST_CASE_METHOD(Fixture, "adding an actor gets the next id and keeps it through undo and redo", "[edit]") {
  Actor a;
  a.name = "Huis van het Kind Gent";
  a.typeId = 3;
  a.latitude = 51.05;
  a.longitude = 3.72;
  a.tags = {"preventief"};
  Model after = roundTrip(doc, addActor(a));
  REQUIRE(after.actors.size() == 5);
  const Actor& added = *after.actors.find(5);
  CHECK(added.name == "Huis van het Kind Gent");
  CHECK_FALSE(added.uuid.isNil());
  CHECK(doc.model().actors.find(5)->uuid == added.uuid);
}

TEST_CASE_METHOD(Fixture, "editing an actor, tie, contact and agreement round-trips", "[edit]") {
  Actor caw = *doc.model().actors.find(3);
  caw.name = "CAW Oost-Vlaanderen (JWW)";
  caw.customFields["team"] = "JWW";
  caw.tags.clear();
  roundTrip(doc, updateActor(caw));

  Tie tie = *doc.model().ties.find(2);
  tie.status = TieStatus::Active;
  tie.strength = 3;
  tie.validFrom = Date::parse("2026-02-01");
  roundTrip(doc, updateTie(doc.model(), tie));

  Contact contact = *doc.model().contacts.find(1);
  contact.email = "onthaal@example.org";
  roundTrip(doc, updateContact(contact));

  Agreement agreement = *doc.model().agreements.find(1);
  agreement.parties.pop_back();
  agreement.documents.clear();
  agreement.buildingBlocks = {1, 2, 8};
  roundTrip(doc, updateAgreement(agreement));
}

TEST_CASE_METHOD(Fixture, "adding and deleting ties, contacts and agreements round-trips", "[edit]") {
  Tie tie;
  tie.sourceId = 2;
  tie.targetId = 4;
  tie.typeId = 1;
  tie.direction = Direction::Directed;
  Model after = roundTrip(doc, addTie(doc.model(), tie));
  CHECK(after.ties.find(4)->sourceId == 2);
  roundTrip(doc, deleteTie(doc.model(), 4));
  roundTrip(doc, deleteTie(doc.model(), 1));

  Contact contact;
  contact.actorId = 4;
  contact.role = "Onthaal";
  roundTrip(doc, addContact(contact));
  roundTrip(doc, deleteContact(doc.model(), 1));

  Agreement a;
  a.title = "Overleg PSD–VK";
  a.parties = {{2, "partner"}, {4, "partner"}};
  a.history = {{*Date::parse("2026-01-05"), AgreementStatus::Idea, ""}};
  roundTrip(doc, addAgreement(a));
  roundTrip(doc, deleteAgreement(doc.model(), 1));
}

TEST_CASE_METHOD(Fixture, "a status change is appended to the agreement's dated history", "[edit]") {
  Model after =
      roundTrip(doc, setAgreementStatus(doc.model(), 1, AgreementStatus::Formalised, *Date::parse("2026-03-01"), "ok"));
  const Agreement& a = *after.agreements.find(1);
  REQUIRE(a.history.size() == 4);
  CHECK(a.status() == AgreementStatus::Formalised);
  CHECK(a.statusOn(*Date::parse("2025-12-31")) == AgreementStatus::Agreed);
  CHECK(doc.undoDescription() == "Afspraak ‘Doorverwijsprotocol Gent’ op ‘geformaliseerd’ zetten");
}

TEST_CASE_METHOD(Fixture, "deleting an actor takes what hangs on it, in one step and one transaction", "[edit]") {
  // The prison: parent of the PSD, end of two ties, party and scope of the
  // agreement, placed in the view.
  const Model before = doc.model();
  Model after = roundTrip(doc, deleteActor(doc.model(), 1));
  CHECK_FALSE(after.actors.contains(1));
  CHECK(after.actors.find(2)->parentId == 0);
  CHECK(after.ties.size() == 1);  // only CAW–VK is left
  const Agreement& a = *after.agreements.find(1);
  CHECK(a.parties.size() == 2);
  CHECK(a.scopePrisonId == 0);
  CHECK(after.positions.at(1).count(1) == 0);
  CHECK(after.contacts.size() == 1);

  // One undo step brings everything back.
  doc.undo();
  CHECK(doc.model() == before);
  CHECK(doc.canRedo());
  CHECK_FALSE(doc.canUndo());
}

TEST_CASE_METHOD(Fixture, "an agreement left with one party goes with the deleted actor", "[edit]") {
  Agreement pair;
  pair.title = "Tweeledig";
  pair.parties = {{3, ""}, {4, ""}};
  doc.execute(addAgreement(pair));
  Model after = roundTrip(doc, deleteActor(doc.model(), 4));
  CHECK_FALSE(after.agreements.contains(2));
  CHECK(after.agreements.find(1)->parties.size() == 2);
}

TEST_CASE_METHOD(Fixture, "moving 500 actors is one undo step and one change-log entry", "[edit]") {
  std::vector<CommandPtr> adds;
  for (int i = 0; i < 500; ++i) {
    Actor a;
    a.name = "Actor " + std::to_string(i);
    a.typeId = 3;
    adds.push_back(addActor(a));
  }
  doc.execute(std::make_unique<GroupCommand>("500 actoren toevoegen", std::move(adds)));
  REQUIRE(doc.model().actors.size() == 504);

  std::vector<std::pair<RowId, std::optional<ViewPosition>>> moves;
  for (const auto& [id, actor] : doc.model().actors)
    if (id > 4) moves.emplace_back(id, ViewPosition{double(id), -double(id), id % 2 == 0});
  REQUIRE(moves.size() == 500);
  Model after = roundTrip(doc, setPositions(doc.model(), 1, moves));
  CHECK(after.positions.at(1).size() == 503);
  CHECK(after.positions.at(1).at(10) == ViewPosition{10, -10, true});
  CHECK(doc.undoDescription() == "500 actoren verplaatsen");
}

TEST_CASE_METHOD(Fixture, "map details round-trip", "[edit]") {
  MapInfo info = doc.model().info;
  info.name = "Nieuwe naam";
  info.description = "Andere beschrijving";
  roundTrip(doc, setMapInfo(doc.model(), info));
}

TEST_CASE_METHOD(Fixture, "taxonomy records round-trip", "[edit]") {
  TieType t;
  t.key = "training";
  t.nameNl = "Vorming";
  t.nameEn = "Training";
  roundTrip(doc, putRecord(t));
  ActorType type = *doc.model().actorTypes.find(4);
  type.shape = Shape::Circle;
  roundTrip(doc, putRecord(type));
  roundTrip(doc, removeRecord<TieType>(doc.model(), 3));
}

TEST_CASE_METHOD(Fixture, "an invalid edit changes nothing and says why", "[edit]") {
  const Model before = doc.model();
  const std::size_t logBefore = doc.store().changeLog().size();
  Tie loop;
  loop.sourceId = 3;
  loop.targetId = 3;
  loop.typeId = 1;
  try {
    doc.execute(addTie(doc.model(), loop));
    FAIL("a self-loop was accepted");
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::InvalidInput);
    CHECK_THAT(e.what(), Catch::Contains("twee verschillende actoren"));
  }
  CHECK(doc.model() == before);
  CHECK(onDisk(doc) == before);
  CHECK(doc.store().changeLog().size() == logBefore);
  CHECK_FALSE(doc.canUndo());
}

TEST_CASE_METHOD(Fixture, "a group that fails halfway leaves model and file untouched", "[edit]") {
  const Model before = doc.model();
  Actor ok;
  ok.name = "Goed";
  ok.typeId = 3;
  Actor bad;
  bad.name = "Fout";
  bad.typeId = 3;
  bad.influence = 9;
  std::vector<CommandPtr> parts;
  parts.push_back(addActor(ok));
  parts.push_back(deleteTie(doc.model(), 3));
  parts.push_back(addActor(bad));
  CHECK_THROWS_AS(doc.execute(std::make_unique<GroupCommand>("groep", std::move(parts))), UserError);
  CHECK(doc.model() == before);
  CHECK(onDisk(doc) == before);
}

TEST_CASE_METHOD(Fixture, "a new command clears the redo stack", "[edit]") {
  Actor a;
  a.name = "A";
  a.typeId = 3;
  doc.execute(addActor(a));
  doc.undo();
  REQUIRE(doc.canRedo());
  a.name = "B";
  doc.execute(addActor(a));
  CHECK_FALSE(doc.canRedo());
  CHECK(doc.model().actors.find(5)->name == "B");
}

TEST_CASE_METHOD(Fixture, "a layout into a new view is one step: the view and its positions come and go together",
                 "[edit][layout]") {
  View view;
  view.name = "Nest Gent";
  view.layout = "nest";
  std::vector<std::pair<RowId, std::optional<ViewPosition>>> placed{{1, ViewPosition{0, 0, false}},
                                                                    {2, ViewPosition{6, 0, false}}};
  const RowId newId = doc.model().views.nextId();
  Model after = roundTrip(doc, applyLayout(doc.model(), view, placed));
  REQUIRE(after.views.contains(newId));
  CHECK(after.views.find(newId)->name == "Nest Gent");
  CHECK(after.positions.at(newId).size() == 2);
  CHECK(after.positions.at(newId).at(2) == ViewPosition{6, 0, false});
  CHECK(doc.undoDescription() == "Indeling ‘nest’ in weergave ‘Nest Gent’");
}

TEST_CASE_METHOD(Fixture, "a layout into an existing view replaces positions and restores them on undo",
                 "[edit][layout]") {
  View view = *doc.model().views.find(1);
  view.layout = "fa2";
  const auto before = doc.model().positions;
  Model after = roundTrip(doc, applyLayout(doc.model(), view, {{1, ViewPosition{1, 2, false}}, {3, std::nullopt}}));
  CHECK(after.views.find(1)->layout == "fa2");
  CHECK(after.positions.at(1).at(1) == ViewPosition{1, 2, false});
  CHECK(after.positions.at(1).count(3) == 0);
  doc.undo();
  CHECK(doc.model().positions == before);
}
