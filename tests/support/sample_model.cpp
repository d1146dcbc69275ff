#include "support/sample_model.hpp"

namespace nestmap::test {
namespace {

Uuid uuidFor(int n) { return Uuid::fromName("nestmap:test", std::to_string(n)); }
Date date(const char* text) { return *Date::parse(text); }

}  // namespace

Model sampleModel() {
  Model m;
  m.info = {uuidFor(0), "Testkaart Gent", "Beschrijving met ë, é en – …", "2025-01-02T03:04:05Z"};

  m.sectors.put({1, uuidFor(1), "justice", "Justitie", "Justice", {10, 20, 30}, 1});
  m.sectors.put({2, uuidFor(2), "welfare", "Welzijn", "Welfare", {200, 100, 50}, 2});
  m.actorTypes.put({1, uuidFor(3), "prison", "Gevangenis", "Prison", 1, {1, 2, 3}, Shape::Square, 3, 1});
  m.actorTypes.put({2, uuidFor(4), "psd", "PSD", "PSD", 1, {4, 5, 6}, Shape::Diamond, 2, 2});
  m.actorTypes.put({3, uuidFor(5), "caw", "CAW", "CAW", 2, {7, 8, 9}, Shape::Hexagon, 1, 3});
  m.actorTypes.put(
      {4, uuidFor(6), "vk", "Vertrouwenscentrum", "Confidential centre", 2, {9, 9, 9}, Shape::Triangle, 2, 4});
  m.tieTypes.put({1, uuidFor(7), "referral", "Doorverwijzing", "Referral", {11, 12, 13}, true, 1});
  m.tieTypes.put({2, uuidFor(8), "consultation", "Overleg", "Consultation", {14, 15, 16}, false, 2});
  m.agreementTypes.put({1, uuidFor(9), "protocol", "Protocol", "Protocol", 5});
  m.statusLabels.put({1, uuidFor(10), AgreementStatus::Agreed, "afgesproken", "agreed", {1, 1, 1}});
  m.statusLabels.put({2, uuidFor(11), AgreementStatus::Stopped, "stopgezet", "stopped", {2, 2, 2}});
  m.nestTemplates.put({1, uuidFor(12), "kindreflex", "Kindreflex-nest", "Standaard", 3});
  m.nestCategories.put({1, uuidFor(13), 1, "caw_jww", "CAW", "CAW", {3}, Reach::Formal, 1, 25.5, 3, 1});
  m.nestCategories.put({2, uuidFor(14), 1, "vk", "VK", "VK", {3, 4}, Reach::Any, std::nullopt, 60, 2.5, 2});

  Actor prison;
  prison.id = 1;
  prison.uuid = uuidFor(20);
  prison.externalId = "prison_gent";
  prison.name = "Gevangenis Gent";
  prison.shortName = "Gent";
  prison.typeId = 1;
  prison.address = "Nieuwewandeling 89";
  prison.postcode = "9000";
  prison.municipality = "Gent";
  prison.latitude = 51.06;
  prison.longitude = 3.71;
  prison.province = "OVL";
  prison.eerstelijnszone = "ELZ Gent";
  prison.judicialDistrict = "Oost-Vlaanderen";
  prison.line = 3;
  prison.influence = 5;
  prison.interest = 4;
  prison.tags = {"kindreflex", "pilot"};
  prison.notes = "Notities";
  prison.customFields = {{"capaciteit", "263"}, {"regio", "Oost"}};
  prison.validFrom = date("2014-01-01");
  prison.validTo = date("2030-12-31");
  m.actors.put(prison);

  Actor psd = prison;
  psd.id = 2;
  psd.uuid = uuidFor(21);
  psd.externalId = "psd_gent";
  psd.name = "PSD Gent";
  psd.typeId = 2;
  psd.parentId = 1;
  psd.tags = {"intern"};
  psd.customFields = {};
  psd.validTo.reset();
  m.actors.put(psd);

  Actor caw = prison;
  caw.id = 3;
  caw.uuid = uuidFor(22);
  caw.name = "CAW Oost-Vlaanderen";
  caw.typeId = 3;
  caw.latitude.reset();
  caw.longitude.reset();
  caw.line = 1;
  m.actors.put(caw);

  Actor vk = caw;
  vk.id = 4;
  vk.uuid = uuidFor(23);
  vk.name = "VK Oost-Vlaanderen";
  vk.typeId = 4;
  m.actors.put(vk);

  m.contacts.put(
      {1, uuidFor(30), 3, "Onthaal JWW", "Coördinator", "jww@example.org", "+32 0 000 00 00", "nota", false});

  m.ties.put({1, uuidFor(40), 1, 3, 1, Direction::Directed, 3, TieStatus::Active, date("2025-01-01"),
              date("2026-01-01"), "Terreinverkenning", std::nullopt, {}});
  m.ties.put({2, uuidFor(41), 1, 4, 2, Direction::Mutual, 1, TieStatus::Planned, std::nullopt, std::nullopt, "", 2.75,
              {{"bron", "GraphML"}, {"gewicht_ruw", "2.75"}}});
  m.ties.put({3, uuidFor(42), 3, 4, 2, Direction::Undirected, 2, TieStatus::Ended, std::nullopt, date("2025-06-30"),
              "Overleg", std::nullopt, {}});

  Agreement a;
  a.id = 1;
  a.uuid = uuidFor(50);
  a.title = "Doorverwijsprotocol Gent";
  a.typeId = 1;
  a.scopePrisonId = 1;
  a.parties = {{1, "ondertekenaar"}, {3, "trekker"}, {4, "partner"}};
  a.history = {{date("2025-01-10"), AgreementStatus::Idea, "start"},
               {date("2025-03-01"), AgreementStatus::Discussion, ""},
               {date("2025-09-12"), AgreementStatus::Agreed, "getekend"}};
  a.owner = "Projectleider Kindreflex";
  a.reviewDate = date("2026-06-30");
  a.workPackage = 1;
  a.buildingBlocks = {3, 5};
  a.documents = {{"Protocol (ondertekend)", "dossier/wp1/gent.pdf"}, {"Verslag", ""}};
  a.notes = "Opvolgen in juni";
  m.agreements.put(a);

  m.views.put({1, uuidFor(60), "Nest Gent", "{\"types\":[1]}", "{\"color\":\"sector\"}", "nest", 1.5, -2.5, 0.75});
  m.positions[1] = {{1, {0, 0, true}}, {3, {10.5, -3.25, false}}, {4, {-7, 8, false}}};
  return m;
}

}  // namespace nestmap::test
