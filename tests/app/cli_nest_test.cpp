// `nestmap gaps|partners|report` end to end on the demo map: the output
// contracts of issue 4, name matching, dates and bad input.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/cli.hpp"
#include "support/cli_sandbox.hpp"

using namespace nestmap;
using nestmap::test::Run;
using nestmap::test::Sandbox;

namespace {

struct DemoBox : test::DemoSandbox {
  Run run(std::vector<std::string> args) const {
    args.insert(args.begin() + 1, map);
    return box.run(args);
  }
};

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const nlohmann::json& cellOf(const nlohmann::json& prison, const std::string& category) {
  for (const auto& cell : prison.at("cells"))
    if (cell.at("category") == category) return cell;
  FAIL("no cell " << category);
  throw std::logic_error("unreachable");
}

const nlohmann::json& prisonNamed(const nlohmann::json& gaps, const std::string& name) {
  for (const auto& p : gaps.at("prisons"))
    if (p.at("name") == name) return p;
  FAIL("no prison " << name);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("cli: gaps --format json follows the contract and shows the demo's gaps", "[cli][nest]") {
  DemoBox demo;
  Run r = demo.run({"gaps", "--as-of", "2026-11-29", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j.at("as_of") == "2026-11-29");
  REQUIRE(j.at("categories").size() == 12);
  CHECK(j.at("categories")[0].at("key") == "caw_jww");
  REQUIRE(j.at("prisons").size() == 19);
  std::set<std::string> statuses;
  bool fragile = false, stale = false;
  for (const auto& p : j.at("prisons")) {
    CHECK(p.at("id").get<std::string>().size() == 36);
    CHECK(p.at("score").get<double>() >= 0);
    CHECK(p.at("score").get<double>() <= 100);
    REQUIRE(p.at("cells").size() == 12);
    for (const auto& cell : p.at("cells")) {
      statuses.insert(cell.at("status"));
      fragile = fragile || cell.at("fragile").get<bool>();
      stale = stale || cell.at("stale").get<bool>();
      const auto& evidence = cell.at("evidence");
      for (const char* part : {"partners", "agreements", "ties", "paths"}) CHECK(evidence.at(part).is_array());
      // A missing cell has no partner; a formalised one names its agreement.
      if (cell.at("status") == "missing") CHECK(evidence.at("partners").empty());
      if (cell.at("status") == "formalised") CHECK_FALSE(evidence.at("agreements").empty());
      if (cell.at("status") == "informal") CHECK_FALSE(evidence.at("paths").empty());
    }
  }
  CHECK(statuses == std::set<std::string>{"formalised", "informal", "missing"});
  CHECK(fragile);
  CHECK(stale);

  // The gaps built into the demo on purpose.
  const auto& ieper = prisonNamed(j, "Gevangenis Ieper");
  const auto& vk = cellOf(ieper, "vk");
  CHECK(vk.at("status") == "informal");
  CHECK(vk.at("evidence").at("fragility") == "single_actor");
  CHECK(vk.at("evidence").at("single_actor") == "CAW Centraal-West-Vlaanderen");
  const auto& hasselt = prisonNamed(j, "Gevangenis Hasselt");
  CHECK(cellOf(hasselt, "ocj").at("evidence").at("single_actor") == "Vertrouwenscentrum Kindermishandeling Limburg");
  // Olen and Ruiselede are the thinnest nests; the stalled JWW agreement of Olen is pending, not formal.
  CHECK(j.at("weakest")[0] == "Detentiehuis Olen");
  CHECK(j.at("weakest")[1] == "Gevangenis Ruiselede");
  const auto& olenJww = cellOf(prisonNamed(j, "Detentiehuis Olen"), "caw_jww");
  CHECK(olenJww.at("status") == "informal");
  REQUIRE(olenJww.at("evidence").at("pending_agreements").size() == 1);
  CHECK(olenJww.at("evidence").at("pending_agreements")[0].at("title") ==
        "Samenwerkingsovereenkomst JWW–PSD Detentiehuis Olen");
  for (const char* category : {"huis_van_het_kind", "ocj", "clb"})
    CHECK(cellOf(prisonNamed(j, "Gevangenis Ruiselede"), category).at("status") == "missing");
  REQUIRE(j.at("sector_gaps").size() == 6);
  CHECK(j.at("sector_gaps")[0].at("province") == "ANT");
  CHECK_FALSE(j.at("sector_gaps")[0].at("missing_pairs").empty());
}

TEST_CASE("cli: gaps as of an earlier day, and what changed since", "[cli][nest]") {
  DemoBox demo;
  // Before the field exploration began, no agreement counted yet.
  Run early = demo.run({"gaps", "--as-of", "2024-06-01", "--format", "json"});
  REQUIRE(early.status == kExitOk);
  // Held in a variable: a range-for over .at() of a temporary would read freed memory.
  const auto earlyJson = nlohmann::json::parse(early.out);
  for (const auto& p : earlyJson.at("prisons"))
    for (const auto& cell : p.at("cells")) CHECK(cell.at("status") != "formalised");

  Run r = demo.run({"gaps", "--as-of", "2026-11-29", "--since", "2024-06-01", "--format", "json"});
  REQUIRE(r.status == kExitOk);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j.at("changes").at("since") == "2024-06-01");
  const auto& gained = j.at("changes").at("gained");
  CHECK(gained.size() > 20);
  bool gentJww = false;
  for (const auto& change : gained) {
    CHECK(change.at("from") != change.at("to"));
    gentJww = gentJww || (change.at("prison") == "Gevangenis Gent" && change.at("category") == "caw_jww" &&
                          change.at("to") == "formalised");
  }
  CHECK(gentJww);

  Run table = demo.run({"gaps", "--as-of", "2026-11-29", "--since", "2024-06-01"});
  REQUIRE(table.status == kExitOk);
  CHECK(table.out.find("Sinds 2024-06-01: " + std::to_string(gained.size()) + " cellen gewonnen") != std::string::npos);
}

TEST_CASE("cli: gaps as a table, CSV and Markdown", "[cli][nest]") {
  DemoBox demo;
  Run table = demo.run({"gaps", "--as-of", "2026-11-29", "--prison", "gent"});
  INFO(table.err);
  REQUIRE(table.status == kExitOk);
  CHECK(table.out.find("Dekking van de nest op 2026-11-29") != std::string::npos);
  CHECK(table.out.find("Gevangenis Gent") != std::string::npos);
  CHECK(table.out.find("Gevangenis Brugge") == std::string::npos);
  CHECK(table.out.find("● geformaliseerd") != std::string::npos);

  Run csv = demo.run({"gaps", "--as-of", "2026-11-29", "--format", "csv"});
  REQUIRE(csv.status == kExitOk);
  std::istringstream lines(csv.out);
  std::string header, line;
  std::getline(lines, header);
  CHECK(header == "prison_id,prison,category,status,fragile,fragility,stale,value,partners,agreements,prison_score");
  int rows = 0;
  while (std::getline(lines, line)) ++rows;
  CHECK(rows == 19 * 12);

  Run md = demo.run({"gaps", "--as-of", "2026-11-29", "--format", "md", "--lang", "en"});
  REQUIRE(md.status == kExitOk);
  CHECK(md.out.find("| Prison | Score | 1 |") != std::string::npos);
  CHECK(md.out.find("| Detentiehuis Olen |") != std::string::npos);
  CHECK(md.out.find("1. CAW – justice welfare work") != std::string::npos);
}

TEST_CASE("cli: prison names match regardless of case and accents; unknown ones list close matches", "[cli][nest]") {
  DemoBox demo;
  for (const char* name : {"Gevangenis Leuven-Centraal", "leuven centraal", "LEUVEN-CENTRAAL", "prison_leuven_centraal",
                           "lëuven céntraal"}) {
    Run r = demo.run({"gaps", "--as-of", "2026-11-29", "--prison", name, "--format", "json"});
    INFO(name << ": " << r.err);
    REQUIRE(r.status == kExitOk);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.at("prisons").size() == 1);
    CHECK(j.at("prisons")[0].at("name") == "Gevangenis Leuven-Centraal");
  }
  Run ambiguous = demo.run({"gaps", "--prison", "leuven"});
  CHECK(ambiguous.status == kExitInvalidInput);
  CHECK(ambiguous.err.find("meer dan één gevangenis") != std::string::npos);
  CHECK(ambiguous.err.find("Gevangenis Leuven-Hulp") != std::string::npos);

  Run typo = demo.run({"partners", "--prison", "Ipre"});
  CHECK(typo.status == kExitInvalidInput);
  CHECK(typo.err.find("Geen gevangenis gevonden voor ‘Ipre’") != std::string::npos);
  CHECK(typo.err.find("Bedoelt u:") != std::string::npos);
  CHECK(typo.err.find("Gevangenis Ieper") != std::string::npos);

  Run category = demo.run({"partners", "--prison", "ieper", "--category", "vertrouwenscentrum"});
  INFO(category.err);
  CHECK(category.status == kExitOk);
  Run badCategory = demo.run({"partners", "--prison", "ieper", "--category", "ocjj"});
  CHECK(badCategory.status == kExitInvalidInput);
  CHECK(badCategory.err.find("Ondersteuningscentrum Jeugdzorg (ocj)") != std::string::npos);
}

TEST_CASE("cli: an impossible date is refused with its reason and nothing is written", "[cli][nest]") {
  DemoBox demo;
  const auto before = std::filesystem::last_write_time(demo.map);
  for (const char* option : {"--as-of", "--since"}) {
    Run r = demo.run({"gaps", option, "2025-02-30"});
    CHECK(r.status == kExitInvalidInput);
    CHECK(r.err.find("‘2025-02-30’ is geen geldige datum (JJJJ-MM-DD)") != std::string::npos);
  }
  const auto report = demo.box / "rapport.md";
  Run r = demo.run({"report", "--out", report.string(), "--as-of", "29-11-2026"});
  CHECK(r.status == kExitInvalidInput);
  CHECK_FALSE(std::filesystem::exists(report));
  CHECK(std::filesystem::last_write_time(demo.map) == before);
}

TEST_CASE("cli: partners --format json follows the contract", "[cli][nest]") {
  DemoBox demo;
  Run r = demo.run({"partners", "--prison", "ieper", "--category", "vk", "--as-of", "2026-11-29", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j.at("prison") == "Gevangenis Ieper");
  REQUIRE_FALSE(j.at("candidates").empty());
  const auto& best = j.at("candidates")[0];
  CHECK(best.at("name") == "Vertrouwenscentrum Kindermishandeling West-Vlaanderen");
  CHECK(best.at("category") == "vk");
  CHECK(best.at("hops") == 2);
  CHECK(best.at("introduction") == nlohmann::json::array({"JWW-team Gevangenis Ieper", "CAW Centraal-West-Vlaanderen",
                                                          "Vertrouwenscentrum Kindermishandeling West-Vlaanderen"}));
  const auto& parts = best.at("parts");
  const double sum = parts.at("connection").get<double>() + parts.at("distance").get<double>() +
                     parts.at("region").get<double>() + parts.at("experience").get<double>() +
                     parts.at("broker").get<double>();
  CHECK(best.at("score").get<double>() == Approx(sum).margin(0.011));
  CHECK(parts.at("connection") == 1.5);
  CHECK(best.at("distance_km").get<double>() > 0);
  // Ranked best first.
  for (std::size_t i = 1; i < j.at("candidates").size(); ++i)
    CHECK(j.at("candidates")[i - 1].at("score").get<double>() >= j.at("candidates")[i].at("score").get<double>());

  // Without --category: every category the prison misses, each with its own candidates.
  Run all = demo.run({"partners", "--prison", "Detentiehuis Olen", "--as-of", "2026-11-29", "--format", "json"});
  REQUIRE(all.status == kExitOk);
  const auto k = nlohmann::json::parse(all.out);
  CHECK(k.at("categories").size() == 10);
  bool withoutCoordinates = false;
  for (const auto& c : k.at("candidates"))
    withoutCoordinates = withoutCoordinates || (c.at("distance_km").is_null() && !c.at("has_coordinates").get<bool>());
  CHECK(withoutCoordinates);
}

TEST_CASE("cli: report writes a Markdown report a steering group can read", "[cli][nest]") {
  DemoBox demo;
  const auto out = demo.box / "rapport.md";
  Run r = demo.run({"report", "--out", out.string(), "--as-of", "2026-11-29", "--since", "2025-06-01"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(r.out == "Rapport geschreven: " + out.string() + "\n");
  const std::string text = slurp(out);
  for (const char* heading :
       {"# Nestrapport — Demo", "## Samenvatting", "## Dekkingsmatrix", "## Wat veranderde sinds 2025-06-01",
        "## Zwakste nesten", "## Kwetsbare punten", "## Afspraken die opvolging vragen", "### Herziening verstreken",
        "### Gestokt", "## Sectoren zonder band", "## Partnersuggesties per gat", "### Detentiehuis Olen"})
    CHECK(text.find(heading) != std::string::npos);
  CHECK(text.find("1. **Detentiehuis Olen**") != std::string::npos);
  CHECK(text.find("Samenwerkingsovereenkomst JWW–PSD Detentiehuis Olen | in bespreking") != std::string::npos);
  CHECK(text.find("Gevangenis Ieper — Vertrouwenscentrum Kindermishandeling: elke weg loopt via CAW "
                  "Centraal-West-Vlaanderen") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out.string() + ".tmp"));

  // Written again over the earlier report with --force (refused without); English on request.
  CHECK(demo.run({"report", "--out", out.string(), "--as-of", "2026-11-29"}).status == kExitExists);
  Run en = demo.run({"report", "--out", out.string(), "--as-of", "2026-11-29", "--lang", "en", "--force"});
  REQUIRE(en.status == kExitOk);
  CHECK(slurp(out).find("## Weakest nests") != std::string::npos);
}
