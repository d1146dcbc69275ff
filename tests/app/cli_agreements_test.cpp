// `nestmap agreements` end to end on the demo map: the register and its
// filters in three formats, the follow-up on a fixed day, and --set-status,
// whose refusals leave the file as it was. Expected values were worked out by
// hand from data/demo/agreements.csv and agreement_history.csv (ids follow
// the rows of agreements.csv).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/cli.hpp"
#include "core/date.hpp"
#include "support/cli_sandbox.hpp"

using namespace nestmap;
using nestmap::test::Run;
using nestmap::test::Sandbox;

namespace {

struct DemoBox : test::DemoSandbox {
  /// `nestmap agreements demo.nestmap args...`
  Run run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"agreements", map});
    return box.run(args);
  }
  nlohmann::ordered_json list(std::vector<std::string> args) const {
    args.insert(args.end(), {"--format", "json"});
    Run r = run(args);
    INFO(r.err);
    REQUIRE(r.status == kExitOk);
    return nlohmann::ordered_json::parse(r.out);
  }
  std::vector<char> bytes() const { return test::readBytes(map); }
  std::size_t logLines() const {
    Run r = box.run({"log", map});
    REQUIRE(r.status == kExitOk);
    return static_cast<std::size_t>(std::count(r.out.begin(), r.out.end(), '\n'));
  }
};

std::vector<int> idsOf(const nlohmann::ordered_json& list) {
  std::vector<int> out;
  for (const auto& a : list.at("agreements")) out.push_back(a.at("id").get<int>());
  return out;
}

const nlohmann::ordered_json& withId(const nlohmann::ordered_json& list, int id) {
  for (const auto& a : list.at("agreements"))
    if (a.at("id") == id) return a;
  FAIL("no agreement " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("cli: agreements --format json follows the contract", "[cli][agreements]") {
  DemoBox demo;
  const auto j = demo.list({"--as-of", "2026-11-29"});
  std::vector<std::string> top;
  for (const auto& [k, v] : j.items()) top.push_back(k);
  CHECK(top == std::vector<std::string>{"as_of", "filters", "count", "follow_up", "agreements"});
  CHECK(j.at("as_of") == "2026-11-29");
  CHECK(j.at("filters") == nlohmann::ordered_json{{"status", nullptr}, {"prison", nullptr}, {"overdue", false}});
  CHECK(j.at("count") == 57);
  REQUIRE(j.at("agreements").size() == 57);
  CHECK(j.at("follow_up") == nlohmann::ordered_json{{"overdue", 14}, {"due_soon", 0}, {"stalled", 11}});

  const std::vector<std::string> fields{
      "id",          "uuid",         "title", "type",        "type_name",    "scope_prison",    "parties",  "status",
      "status_name", "status_since", "owner", "review_date", "work_package", "building_blocks", "follow_up"};
  const std::set<std::string> statuses{"idea",     "discussion", "agreed", "formalised",
                                       "practice", "evaluated",  "stopped"};
  int previous = 0;
  for (const auto& a : j.at("agreements")) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : a.items()) keys.push_back(k);
    CHECK(keys == fields);
    CHECK(a.at("id").get<int>() > previous);  // in id order
    previous = a.at("id").get<int>();
    CHECK(a.at("uuid").get<std::string>().size() == 36);
    CHECK(statuses.count(a.at("status").get<std::string>()) == 1);
    CHECK(a.at("parties").size() >= 2);
    for (const auto& p : a.at("parties")) CHECK(p.at("id").get<std::string>().size() == 36);
    CHECK((a.at("scope_prison").is_null() || a.at("scope_prison").at("name").is_string()));
    for (const auto& f : a.at("follow_up"))
      CHECK(std::set<std::string>{"overdue", "due_soon", "stalled"}.count(f.at("kind").get<std::string>()) == 1);
  }

  // Row 1 of agreements.csv, in practice since 2025-09-01 (agreement_history.csv).
  const auto& gent = withId(j, 1);
  CHECK(gent.at("title") == "Samenwerkingsovereenkomst JWW–PSD Gevangenis Gent");
  CHECK(gent.at("type") == "cooperation_agreement");
  CHECK(gent.at("type_name") == "Samenwerkingsovereenkomst");
  CHECK(gent.at("scope_prison").at("name") == "Gevangenis Gent");
  CHECK(gent.at("status") == "practice");
  CHECK(gent.at("status_name") == "in de praktijk");
  CHECK(gent.at("status_since") == "2025-09-01");
  CHECK(gent.at("owner") == "Directie Gevangenis Gent");
  CHECK(gent.at("review_date") == "2027-03-31");
  CHECK(gent.at("work_package") == 1);
  CHECK(gent.at("building_blocks") == nlohmann::ordered_json{3, 5});
  CHECK(gent.at("follow_up") == nlohmann::ordered_json::array());
  REQUIRE(gent.at("parties").size() == 4);
  CHECK(gent.at("parties")[2] == nlohmann::ordered_json{{"id", gent.at("scope_prison").at("id")},
                                                        {"name", "Gevangenis Gent"},
                                                        {"role", "ondertekenaar"}});

  // Oudenaarde: agreed since 2025-12-09, review 2026-10-31: both overdue and stalled.
  CHECK(withId(j, 14).at("follow_up") ==
        nlohmann::ordered_json{{{"kind", "overdue"}, {"days", 29}}, {{"kind", "stalled"}, {"days", 355}}});
  // The Kindreflex framework agreement holds for every prison.
  CHECK(withId(j, 23).at("scope_prison").is_null());
}

TEST_CASE("cli: agreements --overdue on a fixed day lists exactly the overdue reviews", "[cli][agreements]") {
  DemoBox demo;
  const auto j = demo.list({"--overdue", "--as-of", "2026-11-29"});
  CHECK(j.at("filters").at("overdue") == true);
  CHECK(idsOf(j) == std::vector<int>{2, 3, 6, 10, 14, 16, 18, 20, 24, 26, 27, 31, 46, 47});
  CHECK(withId(j, 2).at("follow_up")[0] == nlohmann::ordered_json{{"kind", "overdue"}, {"days", 60}});
  CHECK(withId(j, 46).at("follow_up")[0] == nlohmann::ordered_json{{"kind", "overdue"}, {"days", 517}});

  // A year and a half earlier only Ruiselede's review (2025-06-30) had passed, by one day.
  const auto early = demo.list({"--overdue", "--as-of", "2025-07-01"});
  CHECK(idsOf(early) == std::vector<int>{46});
  CHECK(withId(early, 46).at("follow_up") == nlohmann::ordered_json{{{"kind", "overdue"}, {"days", 1}}});

  // Merksplas (review 2026-11-15) is due soon ten days before.
  const auto before = demo.list({"--as-of", "2026-11-05"});
  CHECK(withId(before, 6).at("follow_up") == nlohmann::ordered_json{{{"kind", "due_soon"}, {"days", 10}}});
  CHECK(before.at("follow_up").at("due_soon").get<int>() >= 1);
}

TEST_CASE("cli: agreements --status takes the key or a label, any case or accent", "[cli][agreements]") {
  DemoBox demo;
  const std::vector<int> evaluated{35, 36, 37, 38, 39, 40};
  for (const char* name : {"evaluated", "EVALUATED", "geëvalueerd", "Geevalueerd", "Evaluated"}) {
    INFO(name);
    const auto j = demo.list({"--status", name, "--as-of", "2026-11-29"});
    CHECK(idsOf(j) == evaluated);
    CHECK(j.at("filters").at("status") == "evaluated");
  }
  CHECK(idsOf(demo.list({"--status", "In Discussion", "--as-of", "2026-11-29"})) ==
        idsOf(demo.list({"--status", "in bespreking", "--as-of", "2026-11-29"})));

  // The status on the --as-of day counts: nothing had been evaluated by mid-2025,
  // and Gent's JWW agreement was only agreed then.
  CHECK(demo.list({"--status", "evaluated", "--as-of", "2025-06-01"}).at("count") == 0);
  const auto agreed = demo.list({"--status", "agreed", "--as-of", "2025-05-01"});
  CHECK(withId(agreed, 1).at("status_since") == "2025-04-10");
  // Agreements not begun yet on the day are not in the register.
  CHECK(demo.list({"--as-of", "2024-12-31"}).at("count") == 0);

  Run none = demo.run({"--status", "stopped", "--as-of", "2024-01-01"});
  REQUIRE(none.status == kExitOk);
  CHECK(none.out == "Afspraken op 2024-01-01: 0\n\nGeen afspraken die aan de filters voldoen.\n");

  Run unknown = demo.run({"--status", "evaluatd"});
  CHECK(unknown.status == kExitInvalidInput);
  CHECK_THAT(unknown.err,
             Catch::Contains("Geen status gevonden voor ‘evaluatd’.") && Catch::Contains("geëvalueerd (evaluated)"));
  Run ambiguous = demo.run({"--status", "in"});
  CHECK(ambiguous.status == kExitInvalidInput);
  CHECK_THAT(ambiguous.err, Catch::Contains("‘in’ past bij meer dan één status"));
}

TEST_CASE("cli: agreements --prison keeps the prison's own and those its services take part in", "[cli][agreements]") {
  DemoBox demo;
  // Scoped to Gent: rows 1, 19, 24, 35, 48; row 55 (lerend netwerk) has no
  // scope but Gent's ambassadors (a team under the prison) are a party.
  const auto gent = demo.list({"--prison", "gent", "--as-of", "2026-11-29"});
  CHECK(gent.at("filters").at("prison") == "Gevangenis Gent");
  CHECK(idsOf(gent) == std::vector<int>{1, 19, 24, 35, 48, 55});
  CHECK(idsOf(demo.list({"--prison", "Gevangenis Gent", "--status", "practice", "--as-of", "2026-11-29"})) ==
        std::vector<int>{1, 19, 24});
  const auto leuven = demo.list({"--prison", "leuven centraal", "--as-of", "2026-11-29"});
  CHECK(leuven.at("filters").at("prison") == "Gevangenis Leuven-Centraal");
  for (const auto& a : leuven.at("agreements"))
    if (!a.at("scope_prison").is_null()) CHECK(a.at("scope_prison").at("name") == "Gevangenis Leuven-Centraal");

  Run unknown = demo.run({"--prison", "Gentt Zuid"});
  CHECK(unknown.status == kExitInvalidInput);
  CHECK_THAT(unknown.err, Catch::Contains("Geen gevangenis gevonden voor ‘Gentt Zuid’."));
}

TEST_CASE("cli: agreements as CSV and as a table, in Dutch and English", "[cli][agreements]") {
  DemoBox demo;
  Run csv = demo.run({"--as-of", "2026-11-29", "--format", "csv"});
  REQUIRE(csv.status == kExitOk);
  std::istringstream lines(csv.out);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  CHECK(header ==
        "id,uuid,title,type,scope_prison,parties,status,status_since,owner,review_date,work_package,"
        "building_blocks,follow_up");
  CHECK_THAT(first, Catch::StartsWith("1,") &&
                        Catch::EndsWith(",Samenwerkingsovereenkomst JWW–PSD Gevangenis Gent,cooperation_agreement,"
                                        "Gevangenis Gent,Psychosociale dienst Gevangenis Gent; JWW-team Gevangenis "
                                        "Gent; Gevangenis Gent; CAW Oost-Vlaanderen,practice,2025-09-01,Directie "
                                        "Gevangenis Gent,2027-03-31,1,3;5,"));
  CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 58);
  CHECK_THAT(csv.out, Catch::Contains("\n14,") && Catch::Contains(",2026-10-31,1,3;5,overdue;stalled\n"));

  Run table = demo.run({"--as-of", "2026-11-29"});
  REQUIRE(table.status == kExitOk);
  CHECK_THAT(table.out, Catch::StartsWith("Afspraken op 2026-11-29: 57\n"));
  CHECK_THAT(table.out,
             Catch::Contains("#2  Samenwerkingsovereenkomst JWW–PSD Gevangenis Antwerpen\n"
                             "    in de praktijk sinds 2025-10-01 · herziening 2026-09-30\n"
                             "    Samenwerkingsovereenkomst · Gevangenis Antwerpen · WP1 · bouwstenen 3, 5 · "
                             "eigenaar: Directie Gevangenis Antwerpen\n"));
  CHECK_THAT(table.out, Catch::Contains("    ! herziening 60 dagen te laat\n"));
  CHECK_THAT(table.out, Catch::Contains("alle gevangenissen"));
  CHECK_THAT(table.out,
             Catch::EndsWith("Opvolging: 14 te laat voor herziening, 0 binnenkort te herzien, 11 gestokt.\n"));

  Run english = demo.run({"--as-of", "2026-11-29", "--lang", "en"});
  REQUIRE(english.status == kExitOk);
  CHECK_THAT(english.out, Catch::StartsWith("Agreements on 2026-11-29: 57\n"));
  CHECK_THAT(english.out, Catch::Contains("    in practice since 2025-10-01 · review 2026-09-30\n"
                                          "    Cooperation agreement · Gevangenis Antwerpen · WP1 · building blocks "
                                          "3, 5 · owner: Directie Gevangenis Antwerpen\n"));
  CHECK_THAT(english.out, Catch::Contains("    ! review 60 days overdue\n"));
  CHECK_THAT(english.out, Catch::Contains("    ! stalled: no step forward for 355 days\n"));
  CHECK_THAT(english.out, Catch::EndsWith("Follow-up: 14 overdue for review, 0 due for review soon, 11 stalled.\n"));
  // JSON keys and status keys do not change with the language; names do.
  const auto j = demo.list({"--as-of", "2026-11-29", "--lang", "en"});
  CHECK(withId(j, 1).at("status") == "practice");
  CHECK(withId(j, 1).at("status_name") == "in practice");
  CHECK(withId(j, 1).at("type_name") == "Cooperation agreement");
}

TEST_CASE("cli: agreements --set-status moves an agreement on, as one change-log entry", "[cli][agreements]") {
  DemoBox demo;
  const std::size_t logBefore = demo.logLines();
  // Leuven-Centraal (row 7): formalised since 2026-04-21.
  Run r = demo.run({"--set-status", "7", "in de praktijk", "--date", "2026-11-01"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(r.out ==
        "Afspraak #7 ‘Samenwerkingsovereenkomst JWW–PSD Gevangenis Leuven-Centraal’: ‘geformaliseerd’ → "
        "‘in de praktijk’ op 2026-11-01.\n");
  CHECK(demo.logLines() == logBefore + 1);
  const auto after = demo.list({"--as-of", "2026-11-29"});
  CHECK(withId(after, 7).at("status") == "practice");
  CHECK(withId(after, 7).at("status_since") == "2026-11-01");
  // The day before, the register still shows the old status.
  CHECK(withId(demo.list({"--as-of", "2026-10-31"}), 7).at("status") == "formalised");

  // A step back with a note, naming the agreement by its UUID, in English.
  const std::string uuid = withId(after, 1).at("uuid");
  Run back = demo.run(
      {"--set-status", uuid, "agreed", "--date", "2026-11-02", "--note", "Opnieuw onderhandelen", "--lang", "en"});
  INFO(back.err);
  REQUIRE(back.status == kExitOk);
  CHECK(back.out ==
        "Agreement #1 ‘Samenwerkingsovereenkomst JWW–PSD Gevangenis Gent’: ‘in practice’ → ‘agreed’ on "
        "2026-11-02.\nNote: Opnieuw onderhandelen\n");
  CHECK(demo.logLines() == logBefore + 2);
  CHECK(withId(demo.list({"--as-of", "2026-11-29"}), 1).at("status") == "agreed");

  // Without --date the change is dated today.
  Run today = demo.run({"--set-status", "16", "agreed"});
  INFO(today.err);
  REQUIRE(today.status == kExitOk);
  CHECK(withId(demo.list({}), 16).at("status_since") == Date::today().toString());
}

TEST_CASE("cli: agreements --set-status refuses what breaks a rule and leaves the file as it was",
          "[cli][agreements]") {
  DemoBox demo;
  const auto bytesBefore = demo.bytes();
  const std::size_t logBefore = demo.logLines();
  struct Case {
    std::vector<std::string> args;
    int status;
    std::string message;
  };
  // Row 1 (Gent): in practice since 2025-09-01.
  const std::vector<Case> cases{
      {{"--set-status", "1", "agreed", "--date", "2026-11-01"},
       kExitInvalidInput,
       "nestmap: Afspraak ‘Samenwerkingsovereenkomst JWW–PSD Gevangenis Gent’ zou teruggaan van ‘in de praktijk’ naar "
       "‘afgesproken’; een stap terug kan alleen met een notitie die zegt waarom.\n"},
      {{"--set-status", "1", "agreed", "--date", "2026-11-01", "--note", " "},
       kExitInvalidInput,
       "een stap terug kan alleen met een notitie"},
      {{"--set-status", "1", "practice", "--date", "2026-11-01", "--note", "x"},
       kExitInvalidInput,
       "staat al op ‘in de praktijk’."},
      {{"--set-status", "1", "evaluated", "--date", "2025-08-31"},
       kExitInvalidInput,
       "de datum 2025-08-31 ligt vóór de laatste statuswijziging (2025-09-01, ‘in de praktijk’)"},
      // Row 41 (Dendermonde): stopped on 2025-12-31.
      {{"--set-status", "41", "practice", "--date", "2026-11-01"}, kExitInvalidInput, "is stopgezet"},
      {{"--set-status", "999", "evaluated", "--date", "2026-11-01"},
       kExitInvalidInput,
       "Er is geen afspraak met nummer of UUID ‘999’"},
      {{"--set-status", "00000000-0000-4000-8000-000000000000", "evaluated"}, kExitInvalidInput, "Er is geen afspraak"},
      {{"--set-status", "1", "afgerond"}, kExitInvalidInput, "Geen status gevonden voor ‘afgerond’."},
      {{"--set-status", "1", "evaluated", "--date", "2026-02-30"},
       kExitInvalidInput,
       "‘2026-02-30’ is geen geldige datum"},
      {{"--set-status", "1"}, kExitUsage, "--set-status"},
      {{"--set-status", "1", "evaluated", "--status", "idea"}, kExitUsage, "--status excludes --set-status"},
      {{"--set-status", "1", "evaluated", "--format", "json"}, kExitUsage, "excludes"},
      {{"--note", "x"}, kExitUsage, "--note requires --set-status"},
  };
  for (const Case& c : cases) {
    INFO(c.args.at(0) << ' ' << (c.args.size() > 1 ? c.args[1] : "") << ' ' << (c.args.size() > 2 ? c.args[2] : ""));
    Run r = demo.run(c.args);
    CHECK(r.status == c.status);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains(c.message));
    CHECK(demo.bytes() == bytesBefore);
  }
  CHECK(demo.logLines() == logBefore);

  Run english = demo.run({"--set-status", "1", "agreed", "--date", "2026-11-01", "--lang", "en"});
  CHECK(english.status == kExitInvalidInput);
  CHECK(english.err ==
        "nestmap: Agreement ‘Samenwerkingsovereenkomst JWW–PSD Gevangenis Gent’ would go back from ‘in practice’ to "
        "‘agreed’; a step back needs a note that says why.\n");
  CHECK(demo.bytes() == bytesBefore);

  Run missing = demo.box.run({"agreements", (demo.box / "nope.nestmap").string(), "--set-status", "1", "agreed"});
  CHECK(missing.status == kExitNotFound);
}
