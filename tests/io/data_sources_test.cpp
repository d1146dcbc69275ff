#include "io/data_sources.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/validate.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

namespace {

struct Failure {
  UserError::Kind kind = UserError::Kind::Io;
  std::string message = "<no error>";
};

/// The UserError that `f` throws; message "<no error>" when it throws none.
Failure failureOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const UserError& e) {
    return {e.kind(), e.what()};
  }
  return {};
}

/// A copy of the source tree's data/ in a temporary directory, to break on purpose.
struct DataCopy {
  test::TempDir dir;
  fs::path root = dir / "data";
  DataCopy() { fs::copy(fs::path(NESTMAP_SOURCE_DIR) / "data", root, fs::copy_options::recursive); }
  DataReader reader() const { return dataDirectory(root.string()); }

  std::vector<std::string> lines(const std::string& file) const {
    std::ifstream in(root / file, std::ios::binary);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
  void write(const std::string& file, const std::vector<std::string>& lines) const {
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    test::writeBytes(root / file, text);
  }
};

/// `line` with its field number `index` (0-based; no quoted commas before it) replaced by `value`.
std::string replaceField(const std::string& line, int index, const std::string& value) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) start = line.find(',', start) + 1;
  std::size_t end = line.find(',', start);
  return line.substr(0, start) + value + (end == std::string::npos ? "" : line.substr(end));
}

}  // namespace

TEST_CASE("The default model holds the taxonomy and the nest template", "[data]") {
  Model m = defaultModel(embeddedData(), "x");
  CHECK(m.info.name == "x");
  CHECK(m.sectors.size() == 14);
  CHECK(m.actorTypes.size() == 25);
  CHECK(m.tieTypes.size() == 10);
  CHECK(m.agreementTypes.size() == 7);
  CHECK(m.statusLabels.size() == 7);
  CHECK(m.nestTemplates.size() == 1);
  CHECK(m.nestCategories.size() == 12);
  CHECK(m.actors.empty());
  CHECK(m.ties.empty());
  CHECK(m.agreements.empty());
  CHECK(m.contacts.empty());

  const ActorType* prison = m.actorTypeByKey("prison");
  REQUIRE(prison != nullptr);
  CHECK(prison->nameNl == "Gevangenis");
  CHECK(prison->nameEn == "Prison");
  CHECK(prison->line == 3);
  CHECK(prison->shape == Shape::Square);
  REQUIRE(m.sectorByKey("justice") != nullptr);
  CHECK(prison->sectorId == m.sectorByKey("justice")->id);
  CHECK(prison->uuid == Uuid::fromName("nestmap:data", "actor_type/prison"));
  REQUIRE(m.tieTypeByKey("referral") != nullptr);
  CHECK(m.tieTypeByKey("referral")->directed);
  CHECK_FALSE(m.tieTypeByKey("consultation")->directed);

  std::set<AgreementStatus> statuses;
  for (const auto& [id, label] : m.statusLabels) statuses.insert(label.status);
  CHECK(statuses.size() == 7);

  const NestTemplate& nest = *m.nestTemplates.rows().front();
  CHECK(nest.key == "kindreflex");
  CHECK(nest.hopLimit == 2);
  for (const auto& [id, category] : m.nestCategories) {
    INFO("category " << category.key);
    CHECK(category.templateId == nest.id);
    CHECK_FALSE(category.actorTypeIds.empty());
    for (RowId type : category.actorTypeIds) CHECK(m.actorTypes.contains(type));
    CHECK(validate(m, category) == std::vector<std::string>{});
  }
  const NestCategory& caw = *m.nestCategories.rows().front();
  CHECK(caw.key == "caw_jww");
  CHECK(caw.reach == Reach::Formal);
  CHECK(caw.hopLimit == 1);
  CHECK(caw.radiusKm == 25);
  CHECK(caw.weight == 3);
  // "caw_jww;caw" in the file, kept in id order.
  CHECK(caw.actorTypeIds == std::vector<RowId>{m.actorTypeByKey("caw")->id, m.actorTypeByKey("caw_jww")->id});
}

TEST_CASE("The demo model is large, complete and valid", "[data]") {
  Model m = demoModel(embeddedData());
  CHECK(m.actors.size() >= 150);
  CHECK(m.ties.size() >= 300);
  CHECK(m.agreements.size() >= 40);
  CHECK(m.info.description.find("fictie") != std::string::npos);  // fictief/fictieve: the ties are invented
  CHECK(m.info.uuid == Uuid::fromName("nestmap:demo", "map"));
  REQUIRE(m.views.size() == 1);
  CHECK(m.views.rows().front()->name == "Alliantie-overzicht");

  std::set<AgreementStatus> current;
  for (const auto& [id, a] : m.agreements) {
    INFO("agreement " << a.title);
    current.insert(a.status());
    CHECK(a.parties.size() >= 2);
    CHECK_FALSE(a.history.empty());
    CHECK(validate(m, a) == std::vector<std::string>{});
  }
  for (AgreementStatus s : kAllAgreementStatuses) {
    INFO("status " << key(s));
    CHECK(current.count(s) == 1);
  }

  const ActorType* prison = m.actorTypeByKey("prison");
  REQUIRE(prison != nullptr);
  int prisons = 0;
  for (const auto& [id, a] : m.actors) {
    INFO("actor " << a.externalId);
    CHECK(m.actorTypes.contains(a.typeId));
    CHECK(validate(m, a) == std::vector<std::string>{});
    if (a.typeId != prison->id) continue;
    ++prisons;
    REQUIRE(a.latitude.has_value());
    REQUIRE(a.longitude.has_value());
    // Flanders and Brussels.
    CHECK(*a.latitude > 50.6);
    CHECK(*a.latitude < 51.6);
    CHECK(*a.longitude > 2.5);
    CHECK(*a.longitude < 6.0);
  }
  CHECK(prisons == 19);
  for (const auto& [id, t] : m.ties) CHECK(validate(m, t) == std::vector<std::string>{});
  for (const auto& [id, c] : m.contacts) CHECK(validate(m, c) == std::vector<std::string>{});

  const Actor* gent = nullptr;
  for (const auto& [id, a] : m.actors)
    if (a.externalId == "prison_gent") gent = &a;
  REQUIRE(gent != nullptr);
  CHECK(gent->uuid == Uuid::fromName("nestmap:demo", "actor/prison_gent"));
  CHECK(gent->typeId == prison->id);
}

TEST_CASE("The demo model is the same every time", "[data]") {
  Model a = demoModel(embeddedData());
  Model b = demoModel(embeddedData());
  CHECK(a == b);
  // The embedded copy matches data/ in the source tree.
  CHECK(demoModel(dataDirectory(NESTMAP_SOURCE_DIR "/data")) == a);
  CHECK(defaultModel(embeddedData(), "x") == defaultModel(embeddedData(), "x"));
  CHECK(defaultModel(embeddedData(), "x") != defaultModel(embeddedData(), "y"));
}

TEST_CASE("Bad data sources give errors that name file, line and value", "[data]") {
  DataCopy data;
  REQUIRE(demoModel(data.reader()) == demoModel(embeddedData()));

  SECTION("wrong header") {
    auto lines = data.lines("taxonomy/sectors.csv");
    lines[0] = "key,naam,name_en,color";
    data.write("taxonomy/sectors.csv", lines);
    Failure f = failureOf([&] { defaultModel(data.reader(), "x"); });
    CHECK(f.kind == UserError::Kind::InvalidInput);
    CHECK(f.message ==
          "data/taxonomy/sectors.csv:1:1: verkeerde kopregel: verwacht ‘key,name_nl,name_en,color’, gevonden "
          "‘key,naam,name_en,color’");
  }
  SECTION("impossible date") {
    auto lines = data.lines("demo/agreement_history.csv");
    REQUIRE(lines.size() > 3);
    lines[2] = replaceField(lines[2], 1, "2025-02-30");
    data.write("demo/agreement_history.csv", lines);
    Failure f = failureOf([&] { demoModel(data.reader()); });
    CHECK(f.kind == UserError::Kind::InvalidInput);
    CHECK(f.message ==
          "data/demo/agreement_history.csv:3:2: kolom ‘date’: ‘2025-02-30’ is geen geldige datum (JJJJ-MM-DD)");
  }
  SECTION("unknown actor key") {
    auto lines = data.lines("demo/ties.csv");
    REQUIRE(lines.size() > 4);
    lines[3] = replaceField(lines[3], 1, "no_such_actor");
    data.write("demo/ties.csv", lines);
    Failure f = failureOf([&] { demoModel(data.reader()); });
    CHECK(f.kind == UserError::Kind::InvalidInput);
    CHECK(f.message == "data/demo/ties.csv:4:2: kolom ‘target’: onbekende sleutel ‘no_such_actor’");
  }
  SECTION("a record that breaks a rule") {
    auto lines = data.lines("demo/ties.csv");
    lines[1] = replaceField(lines[1], 4, "4");  // strength 1–3
    data.write("demo/ties.csv", lines);
    Failure f = failureOf([&] { demoModel(data.reader()); });
    CHECK(f.kind == UserError::Kind::InvalidInput);
    CHECK(f.message == "data/demo/ties.csv:2:5: kolom ‘strength’: ‘4’ is geen geheel getal van 1 tot 3");
  }
  SECTION("missing file") {
    fs::remove(data.root / "demo/contacts.csv");
    CHECK_NOTHROW(defaultModel(data.reader(), "x"));  // needs no demo file
    Failure f = failureOf([&] { demoModel(data.reader()); });
    CHECK(f.kind == UserError::Kind::NotFound);
    CHECK(f.message == "Het bronbestand data/demo/contacts.csv ontbreekt.");

    fs::remove(data.root / "taxonomy/tie_types.csv");
    f = failureOf([&] { defaultModel(data.reader(), "x"); });
    CHECK(f.kind == UserError::Kind::NotFound);
    CHECK(f.message == "Het bronbestand data/taxonomy/tie_types.csv ontbreekt.");
  }
}
