#include "core/validate.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/i18n.hpp"

using namespace nestmap;
using Problems = std::vector<std::string>;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {

Date day(const char* text) {
  auto d = Date::parse(text);
  REQUIRE(d.has_value());
  return *d;
}

// The small map every test starts from:
//
//   sector 1 "justice" ── actor type 1 "prison"      tie type 1 "referral"
//                                                     agreement type 1 "protocol"
//   actor 1 Gevangenis Gent
//     └── actor 2 PSD Gent        (parent 1)
//           └── actor 3 PSD-team  (parent 2)
//   actor 4 JWW Gent
/// A taxonomy record with an id and a key.
template <class T>
T keyed(RowId id, std::string key) {
  T r;
  r.id = id;
  r.key = std::move(key);
  return r;
}

Actor actor(RowId id, std::string name, RowId typeId, RowId parentId = 0) {
  Actor a;
  a.id = id;
  a.name = std::move(name);
  a.typeId = typeId;
  a.parentId = parentId;
  return a;
}

Model smallModel() {
  Model m;
  m.sectors.put(keyed<Sector>(1, "justice"));
  ActorType prison = keyed<ActorType>(1, "prison");
  prison.sectorId = 1;
  m.actorTypes.put(prison);
  m.tieTypes.put(keyed<TieType>(1, "referral"));
  m.agreementTypes.put(keyed<AgreementType>(1, "protocol"));
  m.actors.put(actor(1, "Gevangenis Gent", 1));
  m.actors.put(actor(2, "PSD Gent", 1, 1));
  m.actors.put(actor(3, "PSD-team", 1, 2));
  m.actors.put(actor(4, "JWW Gent", 1));
  return m;
}

Actor validActor(const Model& m) {
  Actor a = *m.actors.find(4);
  a.latitude = 51.05;
  a.longitude = 3.72;
  a.line = 3;
  a.influence = 5;
  a.interest = 0;
  a.validFrom = day("2025-01-01");
  a.validTo = day("2025-01-01");  // a single day is a valid period
  return a;
}

Tie validTie() {
  Tie t;
  t.id = 1;
  t.sourceId = 1;
  t.targetId = 4;
  t.typeId = 1;
  t.strength = 2;
  return t;
}

Agreement validAgreement() {
  Agreement a;
  a.id = 1;
  a.title = "Samenwerking JWW–PSD Gent";
  a.typeId = 1;
  a.scopePrisonId = 1;
  a.parties = {{2, "trekker"}, {4, "partner"}};
  a.history = {{day("2025-01-20"), AgreementStatus::Idea, ""},
               {day("2025-02-18"), AgreementStatus::Discussion, ""},
               {day("2025-02-18"), AgreementStatus::Agreed, "same day"}};
  a.workPackage = 1;
  a.buildingBlocks = {1, 3, 8};
  return a;
}

}  // namespace

TEST_CASE("A valid actor has no problems", "[validate]") {
  Model m = smallModel();
  CHECK(validate(m, validActor(m)) == Problems{});
  for (const auto& [id, actor] : m.actors) CHECK(validate(m, actor) == Problems{});
  // A new actor (id 0, not yet in the map) under an existing parent.
  Actor fresh = actor(0, "Nieuw", 1, 3);
  CHECK(validate(m, fresh) == Problems{});
}

TEST_CASE("Actor rules each give their problem", "[validate]") {
  Model m = smallModel();
  Actor a = validActor(m);

  SECTION("empty name") {
    a.name = "";
    CHECK(validate(m, a) == Problems{"De naam mag niet leeg zijn."});
  }
  SECTION("unknown type") {
    a.typeId = 9;
    CHECK(validate(m, a) == Problems{"Onbekend actortype (#9)."});
  }
  SECTION("own parent") {
    a.parentId = a.id;
    CHECK(validate(m, a) == Problems{"Een actor kan niet zijn eigen moederorganisatie zijn."});
  }
  SECTION("missing parent") {
    a.parentId = 42;
    CHECK(validate(m, a) == Problems{"De moederorganisatie (#42) bestaat niet."});
  }
  SECTION("parent cycle of two") {
    Actor top = *m.actors.find(1);
    top.parentId = 2;  // 2 is already under 1
    CHECK(validate(m, top) == Problems{"Deze moederorganisatie zou een kring maken (A onder B onder A)."});
  }
  SECTION("parent cycle of three") {
    Actor top = *m.actors.find(1);
    top.parentId = 3;  // 3 under 2 under 1
    CHECK(validate(m, top) == Problems{"Deze moederorganisatie zou een kring maken (A onder B onder A)."});
  }
  SECTION("latitude without longitude and the reverse") {
    a.longitude.reset();
    CHECK(validate(m, a) == Problems{"Geef breedte- én lengtegraad, of geen van beide."});
    a.latitude.reset();
    CHECK(validate(m, a) == Problems{});
    a.longitude = 3.72;
    CHECK(validate(m, a) == Problems{"Geef breedte- én lengtegraad, of geen van beide."});
  }
  SECTION("latitude out of range") {
    a.latitude = 91;
    auto problems = validate(m, a);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "Breedtegraad 91 ligt niet tussen −90 en 90.");
    a.latitude = -90;
    CHECK(validate(m, a) == Problems{});
  }
  SECTION("longitude out of range") {
    a.longitude = -180.5;
    auto problems = validate(m, a);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "Lengtegraad -180,5 ligt niet tussen −180 en 180.");  // Dutch decimal comma
  }
  SECTION("line") {
    a.line = 4;
    CHECK(validate(m, a) == Problems{"Lijn 4 bestaat niet (0–3)."});
    a.line = -1;
    CHECK(validate(m, a) == Problems{"Lijn -1 bestaat niet (0–3)."});
    a.line = 0;
    CHECK(validate(m, a) == Problems{});
  }
  SECTION("influence and interest") {
    a.influence = 6;
    CHECK(validate(m, a) == Problems{"Invloed 6 ligt niet tussen 0 en 5."});
    a.influence = 0;
    a.interest = -1;
    CHECK(validate(m, a) == Problems{"Belang -1 ligt niet tussen 0 en 5."});
  }
  SECTION("end before start") {
    a.validFrom = day("2025-01-01");
    a.validTo = day("2024-12-31");
    CHECK(validate(m, a) == Problems{"De einddatum 2024-12-31 ligt vóór de begindatum 2025-01-01."});
    a.validFrom.reset();  // an open start has no order to break
    CHECK(validate(m, a) == Problems{});
  }
  SECTION("several problems are listed in rule order") {
    a.name = "";
    a.typeId = 7;
    a.influence = 6;
    CHECK(validate(m, a) ==
          Problems{"De naam mag niet leeg zijn.", "Onbekend actortype (#7).", "Invloed 6 ligt niet tussen 0 en 5."});
  }
  SECTION("problems follow the language") {
    setLanguage(Language::English);
    a.parentId = 42;
    auto problems = validate(m, a);
    setLanguage(Language::Dutch);
    CHECK(problems == Problems{"The parent organisation (#42) does not exist."});
  }
}

TEST_CASE("Tie rules each give their problem", "[validate]") {
  Model m = smallModel();
  Tie t = validTie();
  CHECK(validate(m, t) == Problems{});

  SECTION("self-loop") {
    t.targetId = t.sourceId;
    CHECK(validate(m, t) == Problems{"Een band moet twee verschillende actoren verbinden."});
  }
  SECTION("unknown end") {
    t.targetId = 9;
    CHECK(validate(m, t) == Problems{"Een uiteinde van de band (#9) bestaat niet."});
    t.sourceId = 8;
    CHECK(validate(m, t) ==
          Problems{"Een uiteinde van de band (#8) bestaat niet.", "Een uiteinde van de band (#9) bestaat niet."});
  }
  SECTION("unknown type") {
    t.typeId = 5;
    CHECK(validate(m, t) == Problems{"Onbekend type band (#5)."});
  }
  SECTION("strength") {
    t.strength = 0;
    CHECK(validate(m, t) == Problems{"Sterkte 0 ligt niet tussen 1 en 3."});
    t.strength = 4;
    CHECK(validate(m, t) == Problems{"Sterkte 4 ligt niet tussen 1 en 3."});
    t.strength = 1;
    CHECK(validate(m, t) == Problems{});
    t.strength = 3;
    CHECK(validate(m, t) == Problems{});
  }
  SECTION("end before start") {
    t.validFrom = day("2025-03-01");
    t.validTo = day("2025-02-28");
    CHECK(validate(m, t) == Problems{"De einddatum 2025-02-28 ligt vóór de begindatum 2025-03-01."});
  }
}

TEST_CASE("Agreement rules each give their problem", "[validate]") {
  Model m = smallModel();
  Agreement a = validAgreement();
  CHECK(validate(m, a) == Problems{});

  SECTION("empty title") {
    a.title = "";
    CHECK(validate(m, a) == Problems{"De titel mag niet leeg zijn."});
  }
  SECTION("one party") {
    a.parties = {{2, "trekker"}};
    CHECK(validate(m, a) == Problems{"Een afspraak heeft minstens twee partijen."});
    a.parties.clear();
    CHECK(validate(m, a) == Problems{"Een afspraak heeft minstens twee partijen."});
  }
  SECTION("duplicate party") {
    a.parties = {{2, "trekker"}, {4, "partner"}, {2, "partner"}};
    CHECK(validate(m, a) == Problems{"Partij #2 staat er twee keer in."});
    // Twice the same actor is still one party.
    a.parties = {{2, "trekker"}, {2, "partner"}};
    CHECK(validate(m, a) == Problems{"Partij #2 staat er twee keer in.", "Een afspraak heeft minstens twee partijen."});
  }
  SECTION("missing party") {
    a.parties.push_back({9, ""});
    CHECK(validate(m, a) == Problems{"Partij #9 bestaat niet."});
  }
  SECTION("unknown type, missing prison") {
    a.typeId = 0;  // no type is allowed
    CHECK(validate(m, a) == Problems{});
    a.typeId = 7;
    a.scopePrisonId = 9;
    CHECK(validate(m, a) ==
          Problems{"Onbekend type afspraak (#7).", "De gevangenis van deze afspraak (#9) bestaat niet."});
  }
  SECTION("history out of order") {
    a.history.push_back({day("2025-02-01"), AgreementStatus::Formalised, ""});
    CHECK(validate(m, a) == Problems{"Statusdatum 2025-02-01 ligt vóór de vorige status (2025-02-18)."});
  }
  SECTION("work package") {
    a.workPackage = 6;
    CHECK(validate(m, a) == Problems{"Werkpakket 6 bestaat niet (1–5)."});
    a.workPackage = -1;
    CHECK(validate(m, a) == Problems{"Werkpakket -1 bestaat niet (1–5)."});
    a.workPackage = 0;  // none
    CHECK(validate(m, a) == Problems{});
    a.workPackage = 5;
    CHECK(validate(m, a) == Problems{});
  }
  SECTION("building block out of range") {
    a.buildingBlocks = {1, 9};
    CHECK(validate(m, a) == Problems{"Bouwsteen 9 bestaat niet of staat er twee keer in (1–8)."});
    a.buildingBlocks = {0};
    CHECK(validate(m, a) == Problems{"Bouwsteen 0 bestaat niet of staat er twee keer in (1–8)."});
  }
  SECTION("building block twice") {
    a.buildingBlocks = {3, 3, 5};
    CHECK(validate(m, a) == Problems{"Bouwsteen 3 bestaat niet of staat er twee keer in (1–8)."});
  }
}

TEST_CASE("Contact rules each give their problem", "[validate]") {
  Model m = smallModel();
  Contact c;
  c.id = 1;
  c.actorId = 4;
  c.role = "Onthaal";
  CHECK(validate(m, c) == Problems{});
  c.role = "";
  CHECK(validate(m, c) == Problems{"Geef het contact een naam of een functie."});
  c.name = "An";
  CHECK(validate(m, c) == Problems{});
  c.actorId = 9;
  CHECK(validate(m, c) == Problems{"De actor van dit contact (#9) bestaat niet."});
}

TEST_CASE("Taxonomy and view rules each give their problem", "[validate]") {
  Model m = smallModel();
  CHECK(validate(m, *m.sectors.find(1)) == Problems{});
  CHECK(validate(m, keyed<Sector>(2, "")) == Problems{"De sleutel mag niet leeg zijn."});

  CHECK(validate(m, *m.actorTypes.find(1)) == Problems{});
  ActorType type = keyed<ActorType>(2, "x");
  type.sectorId = 5;
  type.line = 4;
  CHECK(validate(m, type) == Problems{"Onbekende sector (#5).", "Lijn 4 bestaat niet (0–3)."});

  CHECK(validate(m, *m.tieTypes.find(1)) == Problems{});
  CHECK(validate(m, keyed<TieType>(2, "")) == Problems{"De sleutel mag niet leeg zijn."});
  CHECK(validate(m, keyed<AgreementType>(2, "")) == Problems{"De sleutel mag niet leeg zijn."});
  CHECK(validate(m, StatusLabel{}) == Problems{});

  NestTemplate t = keyed<NestTemplate>(1, "kindreflex");
  CHECK(validate(m, t) == Problems{});
  t.hopLimit = 0;
  CHECK(validate(m, t) == Problems{"Stappenlimiet 0 moet minstens 1 zijn."});
  t.hopLimit = 2;
  m.nestTemplates.put(t);

  const NestCategory validCategory = [] {
    NestCategory c = keyed<NestCategory>(1, "caw");
    c.templateId = 1;
    c.actorTypeIds = {1};
    return c;
  }();
  NestCategory c = validCategory;
  CHECK(validate(m, c) == Problems{});
  c.templateId = 2;
  c.actorTypeIds = {1, 6};
  c.hopLimit = 0;
  CHECK(validate(m, c) ==
        Problems{"Onbekend nestsjabloon (#2).", "Onbekend actortype (#6).", "Stappenlimiet 0 moet minstens 1 zijn."});
  c = validCategory;
  c.radiusKm = 0;
  c.weight = -1;
  auto problems = validate(m, c);
  REQUIRE(problems.size() == 2);
  CHECK_THAT(problems[0], StartsWith("Straal 0") && EndsWith(" km moet groter dan 0 zijn."));
  CHECK_THAT(problems[1], StartsWith("Gewicht -1") && EndsWith(" moet groter dan 0 zijn."));

  View view;
  view.id = 1;
  CHECK(validate(m, view) == Problems{"De naam mag niet leeg zijn."});
  view.name = "Alliantie-overzicht";
  CHECK(validate(m, view) == Problems{});
}
