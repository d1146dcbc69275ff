// `nestmap layout` end to end: positions written into a view as one command,
// the same seed giving the same layout, the nest view of a prison, bad input.
#include <catch2/catch.hpp>

#include "app/cli.hpp"
#include "edit/document.hpp"
#include "support/cli_sandbox.hpp"

using namespace nestmap;
using nestmap::test::Run;
using nestmap::test::Sandbox;

namespace {

const View* viewNamed(const Model& m, const std::string& name) {
  for (const auto& [id, view] : m.views)
    if (view.name == name) return &view;
  return nullptr;
}

}  // namespace

TEST_CASE("cli: layout writes every actor's position into the view, one change-log entry", "[cli][layout]") {
  Sandbox box;
  const std::string map = (box / "demo.nestmap").string();
  REQUIRE(box.run({"demo", map}).status == kExitOk);
  for (const char* algo : {"fa2", "sectors", "geo", "grid"}) {
    INFO(algo);
    const std::size_t logBefore = Document::open(map).store().changeLog().size();
    Run r = box.run({"layout", map, "--algo", algo, "--view", std::string("Test ") + algo});
    INFO(r.err);
    REQUIRE(r.status == kExitOk);
    CHECK(r.out.find("Geschreven in weergave ‘Test " + std::string(algo) + "’") != std::string::npos);
    Document doc = Document::open(map);
    const View* view = viewNamed(doc.model(), std::string("Test ") + algo);
    REQUIRE(view);
    CHECK(view->layout == algo);
    CHECK(doc.model().positions.at(view->id).size() == doc.model().actors.size());
    const auto log = doc.store().changeLog();
    REQUIRE(log.size() == logBefore + 1);
    CHECK(log.back().description == "Indeling ‘" + std::string(algo) + "’ in weergave ‘Test " + algo + "’");
  }
}

TEST_CASE("cli: the same seed gives the same force layout", "[cli][layout]") {
  Sandbox a, b;
  ViewPositions first, second;
  for (auto* box : {&a, &b}) {
    const std::string map = (*box / "demo.nestmap").string();
    REQUIRE(box->run({"demo", map}).status == kExitOk);
    REQUIRE(box->run({"layout", map, "--seed", "7", "--iterations", "50"}).status == kExitOk);
    Document doc = Document::open(map);
    (box == &a ? first : second) = doc.model().positions.at(viewNamed(doc.model(), "Alliantie-overzicht")->id);
  }
  CHECK(first.size() == 211);
  CHECK(first == second);
}

TEST_CASE("cli: layout --algo nest places the prison's nest in its own view", "[cli][layout]") {
  Sandbox box;
  const std::string map = (box / "demo.nestmap").string();
  REQUIRE(box.run({"demo", map}).status == kExitOk);
  Run r = box.run({"layout", map, "--algo", "nest", "--prison", "ieper", "--as-of", "2026-11-29"});
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(r.out.find("Nest van Gevangenis Ieper") != std::string::npos);
  CHECK(r.out.find("3 lege plaatsen voor ontbrekende categorieën") != std::string::npos);
  Document doc = Document::open(map);
  const View* view = viewNamed(doc.model(), "Nest Gev. Ieper");
  REQUIRE(view);
  const auto& positions = doc.model().positions.at(view->id);
  CHECK(positions.size() > 5);
  CHECK(positions.size() < 40);

  Run missing = box.run({"layout", map, "--algo", "nest"});
  CHECK(missing.status == kExitInvalidInput);
  CHECK(missing.err.find("--prison") != std::string::npos);
  Run unknown = box.run({"layout", map, "--algo", "spiral"});
  CHECK(unknown.status == kExitUsage);
}
