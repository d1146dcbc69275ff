// The workflow rules of agreement statuses, every pair of statuses checked
// against a table drawn by hand.
#include "core/agreement_workflow.hpp"

#include <catch2/catch.hpp>

#include "support/language_guard.hpp"

using namespace nestmap;

namespace {

Date day(const char* text) { return *Date::parse(text); }

/// An agreement whose history ends in `last` on 2026-03-01 (after an idea in January).
Agreement endingIn(AgreementStatus last) {
  Agreement a;
  a.id = 7;
  a.title = "Doorverwijsprotocol Gent";
  if (last != AgreementStatus::Idea) a.history.push_back({day("2026-01-15"), AgreementStatus::Idea, "start"});
  a.history.push_back({day("2026-03-01"), last, ""});
  return a;
}

constexpr AgreementStatus kOrder[] = {
    AgreementStatus::Idea,     AgreementStatus::Discussion, AgreementStatus::Agreed,  AgreementStatus::Formalised,
    AgreementStatus::Practice, AgreementStatus::Evaluated,  AgreementStatus::Stopped,
};

// Row: the current status; column: the status asked for.
//   + allowed without a note   n allowed only with a note   - refused (same status)
//                                 to: I D A F P E S
constexpr const char* kRules[] = {/* idea       */ "-++++++",
                                  /* discussion */ "n-+++++",
                                  /* agreed     */ "nn-++++",
                                  /* formalised */ "nnn-+++",
                                  /* practice   */ "nnnn-++",
                                  /* evaluated  */ "nnnnn-+",
                                  /* stopped    */ "nnnnnn-"};

}  // namespace

TEST_CASE("workflow: the steps of the order, stopped outside it", "[workflow]") {
  for (int i = 0; i < 6; ++i) CHECK(workflowStep(kOrder[i]) == i);
  CHECK_FALSE(workflowStep(AgreementStatus::Stopped).has_value());
}

TEST_CASE("workflow: every pair of statuses, with and without a note", "[workflow]") {
  int allowed = 0, needNote = 0, refused = 0;
  for (int from = 0; from < 7; ++from)
    for (int to = 0; to < 7; ++to) {
      const Agreement a = endingIn(kOrder[from]);
      const char rule = kRules[from][to];
      INFO("from " << key(kOrder[from]) << " to " << key(kOrder[to]) << ", rule " << rule);
      const auto bare = checkStatusChange(a, kOrder[to], day("2026-04-01"), "");
      const auto noted = checkStatusChange(a, kOrder[to], day("2026-04-01"), "herbekeken in de stuurgroep");
      const auto blank = checkStatusChange(a, kOrder[to], day("2026-04-01"), "  \t ");
      switch (rule) {
        case '+':
          CHECK_FALSE(bare);
          CHECK_FALSE(noted);
          ++allowed;
          break;
        case 'n':
          REQUIRE(bare);
          CHECK_THAT(*bare, Catch::Contains("notitie die zegt waarom"));
          CHECK_THAT(*bare, Catch::Contains("‘Doorverwijsprotocol Gent’"));
          CHECK(blank == bare);  // spaces are no reason
          CHECK_FALSE(noted);
          ++needNote;
          break;
        default:
          REQUIRE(bare);
          REQUIRE(noted);
          CHECK(*bare == "Afspraak ‘Doorverwijsprotocol Gent’ staat al op ‘" +
                             tr("status." + std::string(key(kOrder[to]))) + "’.");
          ++refused;
      }
    }
  CHECK(allowed == 21);
  CHECK(needNote == 21);
  CHECK(refused == 7);
}

TEST_CASE("workflow: the texts name what is wrong", "[workflow]") {
  const Agreement practice = endingIn(AgreementStatus::Practice);
  CHECK(checkStatusChange(practice, AgreementStatus::Agreed, day("2026-04-01"), "") ==
        "Afspraak ‘Doorverwijsprotocol Gent’ zou teruggaan van ‘in de praktijk’ naar ‘afgesproken’; een stap terug "
        "kan alleen met een notitie die zegt waarom.");
  CHECK(checkStatusChange(endingIn(AgreementStatus::Stopped), AgreementStatus::Discussion, day("2026-04-01"), "") ==
        "Afspraak ‘Doorverwijsprotocol Gent’ is stopgezet; ze opnieuw op ‘in bespreking’ zetten kan alleen met een "
        "notitie die zegt waarom.");
  CHECK(checkStatusChange(practice, AgreementStatus::Evaluated, day("2026-02-28"), "") ==
        "Afspraak ‘Doorverwijsprotocol Gent’: de datum 2026-02-28 ligt vóór de laatste statuswijziging (2026-03-01, "
        "‘in de praktijk’). Kies 2026-03-01 of later.");

  test::LanguageGuard english(Language::English);
  CHECK(checkStatusChange(practice, AgreementStatus::Agreed, day("2026-04-01"), "") ==
        "Agreement ‘Doorverwijsprotocol Gent’ would go back from ‘in practice’ to ‘agreed’; a step back needs a note "
        "that says why.");
  CHECK(checkStatusChange(practice, AgreementStatus::Practice, day("2026-04-01"), "") ==
        "Agreement ‘Doorverwijsprotocol Gent’ is already ‘in practice’.");
}

TEST_CASE("workflow: a date before the last change is refused, the same day is not", "[workflow]") {
  const Agreement a = endingIn(AgreementStatus::Discussion);
  // Refused whatever the step: forward, stopping, or back with a note.
  CHECK(checkStatusChange(a, AgreementStatus::Agreed, day("2026-02-28"), ""));
  CHECK(checkStatusChange(a, AgreementStatus::Stopped, day("2025-12-31"), ""));
  CHECK(checkStatusChange(a, AgreementStatus::Idea, day("2026-02-28"), "terug"));
  CHECK_FALSE(checkStatusChange(a, AgreementStatus::Agreed, day("2026-03-01"), ""));
  CHECK_FALSE(checkStatusChange(a, AgreementStatus::Agreed, day("2031-01-01"), ""));
}

TEST_CASE("workflow: the first status of a new agreement may be any, on any day", "[workflow]") {
  Agreement fresh;
  fresh.title = "Nieuw";
  for (AgreementStatus s : kOrder) {
    INFO(key(s));
    CHECK_FALSE(checkStatusChange(fresh, s, day("1999-01-01"), ""));
  }
}

TEST_CASE("workflow: a history replayed names each change that breaks a rule", "[workflow]") {
  Agreement a;
  a.title = "Proef";
  a.history = {{day("2025-01-10"), AgreementStatus::Discussion, ""},
               {day("2025-02-10"), AgreementStatus::Formalised, ""},
               {day("2025-03-10"), AgreementStatus::Agreed, "opnieuw onderhandeld"},
               {day("2025-04-10"), AgreementStatus::Stopped, ""},
               {day("2025-05-10"), AgreementStatus::Idea, "nieuwe kans"}};
  CHECK(workflowProblems(a).empty());

  a.history.push_back({day("2025-06-10"), AgreementStatus::Idea, ""});    // same status
  a.history.push_back({day("2025-06-11"), AgreementStatus::Agreed, ""});  // forward: fine
  a.history.push_back({day("2025-06-12"), AgreementStatus::Idea, ""});    // back without a note
  const auto problems = workflowProblems(a);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "2025-06-10: Afspraak ‘Proef’ staat al op ‘idee’.");
  CHECK_THAT(problems[1], Catch::StartsWith("2025-06-12: Afspraak ‘Proef’ zou teruggaan van ‘afgesproken’"));
}
