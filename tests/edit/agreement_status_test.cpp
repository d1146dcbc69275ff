// setAgreementStatus follows the workflow rules: an allowed step is appended
// to the history as one undo step; a refused one changes nothing, in memory
// or in the file. The demo's histories keep the rules too.
#include <catch2/catch.hpp>

#include "core/agreement_workflow.hpp"
#include "core/error.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

Date day(const char* text) { return *Date::parse(text); }

// Agreement 1 of the sample model: idea (2025-01-10) → discussion (2025-03-01) → agreed (2025-09-12).
struct Fixture {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", test::sampleModel());

  /// Runs the command that `make` builds and expects it refused with a text containing `expected`, nothing changed.
  template <class Make>
  void expectRefused(Make make, const std::string& expected) {
    const Model before = doc.model();
    const std::size_t logBefore = doc.store().changeLog().size();
    const bool couldUndo = doc.canUndo();
    try {
      doc.execute(make());
      FAIL("the status change was accepted");
    } catch (const UserError& e) {
      CHECK(e.kind() == UserError::Kind::InvalidInput);
      CHECK_THAT(e.what(), Catch::Contains(expected));
    }
    CHECK(doc.model() == before);
    CHECK(doc.store().load() == before);
    CHECK(doc.store().changeLog().size() == logBefore);
    CHECK(doc.canUndo() == couldUndo);
  }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "status: a step forward is appended; undo takes it off, redo puts it back",
                 "[edit][workflow]") {
  const Model before = doc.model();
  doc.execute(setAgreementStatus(doc.model(), 1, AgreementStatus::Practice, day("2025-10-01"), ""));
  const Agreement& a = *doc.model().agreements.find(1);
  REQUIRE(a.history.size() == 4);
  CHECK(a.history.back() == StatusChange{day("2025-10-01"), AgreementStatus::Practice, ""});
  CHECK(a.history[2].status == AgreementStatus::Agreed);  // the earlier history is kept as it was
  CHECK(doc.store().load() == doc.model());
  const Model after = doc.model();
  CHECK(doc.store().changeLog().back().description == "Afspraak ‘Doorverwijsprotocol Gent’ op ‘in de praktijk’ zetten");

  doc.undo();
  CHECK(doc.model() == before);
  CHECK(doc.store().load() == before);
  doc.redo();
  CHECK(doc.model() == after);
}

TEST_CASE_METHOD(Fixture, "status: a step back needs a note, and then keeps it", "[edit][workflow]") {
  expectRefused([&] { return setAgreementStatus(doc.model(), 1, AgreementStatus::Discussion, day("2025-10-01")); },
                "een stap terug kan alleen met een notitie");
  expectRefused([&] { return setAgreementStatus(doc.model(), 1, AgreementStatus::Idea, day("2025-10-01"), "   "); },
                "een stap terug kan alleen met een notitie");

  doc.execute(setAgreementStatus(doc.model(), 1, AgreementStatus::Discussion, day("2025-10-01"), "partner haakt af"));
  const Agreement& a = *doc.model().agreements.find(1);
  REQUIRE(a.history.size() == 4);
  CHECK(a.history.back().note == "partner haakt af");
  CHECK(a.status() == AgreementStatus::Discussion);
  doc.undo();
  CHECK(doc.model().agreements.find(1)->status() == AgreementStatus::Agreed);
}

TEST_CASE_METHOD(Fixture, "status: stopping is free, reopening needs a note", "[edit][workflow]") {
  doc.execute(setAgreementStatus(doc.model(), 1, AgreementStatus::Stopped, day("2025-10-01")));
  CHECK(doc.model().agreements.find(1)->status() == AgreementStatus::Stopped);
  expectRefused([&] { return setAgreementStatus(doc.model(), 1, AgreementStatus::Stopped, day("2025-11-01"), "x"); },
                "staat al op ‘stopgezet’");
  expectRefused([&] { return setAgreementStatus(doc.model(), 1, AgreementStatus::Evaluated, day("2025-11-01")); },
                "is stopgezet; ze opnieuw op ‘geëvalueerd’ zetten");
  doc.execute(setAgreementStatus(doc.model(), 1, AgreementStatus::Agreed, day("2025-11-01"), "nieuwe trekker"));
  CHECK(doc.model().agreements.find(1)->history.size() == 5);
  CHECK(doc.model().agreements.find(1)->status() == AgreementStatus::Agreed);
}

TEST_CASE_METHOD(Fixture, "status: the same status and an earlier date are refused", "[edit][workflow]") {
  expectRefused([&] { return setAgreementStatus(doc.model(), 1, AgreementStatus::Agreed, day("2025-10-01"), "x"); },
                "Afspraak ‘Doorverwijsprotocol Gent’ staat al op ‘afgesproken’.");
  expectRefused([&] { return setAgreementStatus(doc.model(), 1, AgreementStatus::Formalised, day("2025-09-11")); },
                "de datum 2025-09-11 ligt vóór de laatste statuswijziging (2025-09-12, ‘afgesproken’)");
  // The same day as the last change is fine.
  doc.execute(setAgreementStatus(doc.model(), 1, AgreementStatus::Formalised, day("2025-09-12")));
  CHECK(doc.model().agreements.find(1)->status() == AgreementStatus::Formalised);
}

TEST_CASE_METHOD(Fixture, "status: a new agreement's first status may be any; an unknown one is refused",
                 "[edit][workflow]") {
  Agreement fresh;
  fresh.title = "Overleg PSD–VK";
  fresh.parties = {{2, ""}, {4, ""}};
  doc.execute(addAgreement(fresh));
  const RowId id = doc.model().agreements.records().back().id;
  doc.execute(setAgreementStatus(doc.model(), id, AgreementStatus::Evaluated, day("2020-01-01")));
  CHECK(doc.model().agreements.find(id)->history ==
        std::vector<StatusChange>{{day("2020-01-01"), AgreementStatus::Evaluated, ""}});
  doc.undo();
  CHECK(doc.model().agreements.find(id)->history.empty());

  CHECK_THROWS_AS(setAgreementStatus(doc.model(), 99, AgreementStatus::Agreed, day("2026-01-01")), UserError);
}

TEST_CASE_METHOD(Fixture, "status: updateAgreement and undo still write any history as it is", "[edit][workflow]") {
  // The rules guard the workflow command; a whole-record edit (the inspector,
  // an import) keeps its history as given.
  Agreement a = *doc.model().agreements.find(1);
  a.history.push_back({day("2025-10-01"), AgreementStatus::Idea, ""});
  doc.execute(updateAgreement(a));
  CHECK(doc.model().agreements.find(1)->status() == AgreementStatus::Idea);
  CHECK(doc.store().load() == doc.model());
  doc.undo();
  CHECK(doc.model().agreements.find(1)->status() == AgreementStatus::Agreed);
}

TEST_CASE("status: every history of the demo keeps the workflow rules", "[edit][workflow][demo]") {
  const Model demo = demoModel(embeddedData());
  REQUIRE(demo.agreements.size() >= 50);
  std::size_t changes = 0, stopped = 0, evaluated = 0;
  for (const auto& [id, a] : demo.agreements) {
    INFO(a.title);
    CHECK(workflowProblems(a) == std::vector<std::string>{});
    changes += a.history.size();
    stopped += a.status() == AgreementStatus::Stopped;
    evaluated += a.status() == AgreementStatus::Evaluated;
  }
  // The demo exercises the workflow: enough history, and both ends of it.
  CHECK(changes > 150);
  CHECK(stopped == 5);
  CHECK(evaluated == 6);

  // And the same steps go through the command, one by one, in a document.
  test::TempDir dir;
  Model empty = demo;
  for (const auto& [id, a] : demo.agreements) {
    Agreement bare = a;
    bare.history.clear();
    empty.agreements.put(std::move(bare));
  }
  Document doc = Document::create(dir / "demo.nestmap", empty);
  for (const auto& [id, a] : demo.agreements)
    for (const StatusChange& c : a.history) doc.execute(setAgreementStatus(doc.model(), id, c.status, c.date, c.note));
  CHECK(doc.model().agreements == demo.agreements);
}
