// PartnerFinder on a hand-drawn map, every score part worked out by hand.
#include "analysis/partner_finder.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include "analysis/nest_coverage.hpp"
#include "io/data_sources.hpp"
#include "support/map_builder.hpp"

using namespace nestmap;

namespace {

Date day(std::string_view iso) { return *Date::parse(iso); }
const Date kAsOf = day("2026-11-29");

/// Along a meridian the great circle is the meridian: one degree of latitude
/// is the mean Earth radius × π / 180, whatever the longitude.
constexpr double kKmPerDegree = 6371.0088 * std::numbers::pi / 180;
/// Sectors in the default taxonomy (data/taxonomy/sectors.csv); the broker
/// part counts the others.
constexpr double kOtherSectors = 14 - 1;

/// The default taxonomy, a two-category template of our own, and the map below.
///
///   Template "mini", hop limit 1: vk (radius 50 km), clb (radius 20 km).
///
///   P (51.0, 4.0; ANT, ELZ Noord, Antwerpen)
///    ├ psd   (parent P)                 psd ══F══ vk5  (agreed: a formal partner)
///    ├ vkSide (a vk under P: on the side)
///    └── g1 ── vk1 (51.1, 4.0; ANT, Antwerpen)     vk1 ══E1══ Q1,  vk1 ══E2 (scoped to Q2)══ gx
///   psd ── g2 ── g3 ── vk2 (51.2, 4.0; VBR, Leuven)
///   vk3 (no coordinates; ANT, ELZ Noord)  ══E3══ Q1, Q2, Q3, Q4
///   P ── Q1: another prison's side is no way through, so vk3 stays unconnected
///   vk4 (51.0, 5.0; LIM): some 70 km away
///   clb1 (51.05, 4.0), clb2 (51.3, 4.0): not connected
struct Fixture {
  Model m = defaultModel(embeddedData(), "test");
  RowId mini = 0, vkCat = 0, clbCat = 0;
  RowId p = 0, psd = 0, vkSide = 0, g1 = 0, vk1 = 0, g2 = 0, g3 = 0, vk2 = 0, vk3 = 0, vk4 = 0, vk5 = 0;
  RowId gx = 0, clb1 = 0, clb2 = 0;
  RowId q[4] = {};

  Fixture() {
    NestTemplate t;
    t.id = mini = m.nestTemplates.nextId();
    t.key = "mini";
    t.hopLimit = 1;
    m.nestTemplates.put(t);
    vkCat = category("vk", 50, 1);
    clbCat = category("clb", 20, 2);

    p = actor("Gevangenis P", "prison", 51.0, 4.0, "ANT", "ELZ Noord", "Antwerpen");
    psd = actor("PSD P", "psd");
    m.actors.find(psd)->parentId = p;
    vkSide = actor("VK-antenne in P", "vk");
    m.actors.find(vkSide)->parentId = p;
    g1 = actor("Tussenpersoon 1", "other");
    vk1 = actor("VK Een", "vk", 51.1, 4.0, "ANT", "", "Antwerpen");
    g2 = actor("Tussenpersoon 2", "other");
    g3 = actor("Tussenpersoon 3", "other");
    vk2 = actor("VK Twee", "vk", 51.2, 4.0, "VBR", "", "Leuven");
    vk3 = actor("VK Drie", "vk", std::nullopt, std::nullopt, "ANT", "ELZ Noord", "");
    vk4 = actor("VK Vier", "vk", 51.0, 5.0, "LIM", "", "Limburg");
    vk5 = actor("VK Vijf", "vk", 51.0, 4.1, "ANT", "ELZ Noord", "Antwerpen");
    for (int i = 0; i < 4; ++i) q[i] = actor("Gevangenis Q" + std::to_string(i + 1), "prison");
    gx = actor("Andere partner", "other");
    clb1 = actor("CLB Een", "clb", 51.05, 4.0);
    clb2 = actor("CLB Twee", "clb", 51.3, 4.0);

    tie(p, g1);
    tie(g1, vk1);
    tie(psd, g2);
    tie(g2, g3);
    tie(g3, vk2);
    tie(p, q[0]);
    agreement({psd, vk5}, 0);
    agreement({q[0], vk1}, 0);
    agreement({vk1, gx}, q[1]);
    agreement({vk3, q[0], q[1], q[2], q[3]}, 0);
  }

  RowId category(std::string key, double radiusKm, int sort) {
    NestCategory c;
    c.id = m.nestCategories.nextId();
    c.templateId = mini;
    c.key = key;
    c.actorTypeIds = {m.actorTypeByKey(key)->id};
    c.radiusKm = radiusKm;
    c.sort = sort;
    m.nestCategories.put(c);
    return c.id;
  }
  RowId actor(std::string name, std::string_view type, std::optional<double> lat = {}, std::optional<double> lon = {},
              std::string province = "", std::string elz = "", std::string district = "") {
    Actor a;
    a.id = m.actors.nextId();
    a.name = std::move(name);
    a.typeId = m.actorTypeByKey(type)->id;
    a.latitude = lat;
    a.longitude = lon;
    a.province = std::move(province);
    a.eerstelijnszone = std::move(elz);
    a.judicialDistrict = std::move(district);
    m.actors.put(a);
    return a.id;
  }
  void tie(RowId a, RowId b) { test::putTie(m, a, b, "referral"); }
  void agreement(std::vector<RowId> parties, RowId scope) {
    Agreement a;
    a.id = m.agreements.nextId();
    a.typeId = m.agreementTypeByKey("protocol")->id;
    a.scopePrisonId = scope;
    for (RowId id : parties) a.parties.push_back({id, "partner"});
    a.history = {{day("2026-01-15"), AgreementStatus::Agreed, ""}};
    m.agreements.put(a);
  }

  PartnerFinder::Params params() const {
    PartnerFinder::Params out;
    out.prisonId = p;
    out.templateId = mini;
    out.asOf = kAsOf;
    out.limit = -1;
    return out;
  }
};

std::vector<RowId> actorsOf(const PartnerFinder::Result& r) {
  std::vector<RowId> out;
  for (const PartnerCandidate& c : r.candidates) out.push_back(c.actorId);
  return out;
}

void checkParts(const PartnerCandidate& c, double connection, double distance, double region, double experience,
                double broker) {
  CHECK(c.parts.connection == Approx(connection).margin(1e-12));
  CHECK(c.parts.distance == Approx(distance).margin(1e-12));
  CHECK(c.parts.region == Approx(region).margin(1e-12));
  CHECK(c.parts.experience == Approx(experience).margin(1e-12));
  CHECK(c.parts.broker == Approx(broker).margin(1e-12));
  CHECK(c.score == Approx(connection + distance + region + experience + broker).margin(1e-12));
  CHECK(c.score == c.parts.total());
}

}  // namespace

TEST_CASE("haversineKm: hand-computed arcs and Brussels–Antwerp", "[partners]") {
  CHECK(haversineKm(51, 4, 51, 4) == 0);
  CHECK(haversineKm(51.0, 4.0, 51.1, 4.0) == Approx(0.1 * kKmPerDegree).epsilon(1e-12));
  CHECK(haversineKm(0, 0, 0, 90) == Approx(90 * kKmPerDegree).epsilon(1e-12));    // a quarter of the equator
  CHECK(haversineKm(0, 0, 0, 180) == Approx(180 * kKmPerDegree).epsilon(1e-12));  // antipodes
  CHECK(haversineKm(90, 0, -90, 0) == Approx(180 * kKmPerDegree).epsilon(1e-12));
  // Grote Markt Brussel (50.8467, 4.3525) – Grote Markt Antwerpen (51.2213, 4.3997): 41.784 km
  // by the spherical law of cosines, an independent formula (Python, same mean radius).
  CHECK(haversineKm(50.8467, 4.3525, 51.2213, 4.3997) == Approx(41.784).margin(0.1));
  CHECK(haversineKm(51.2213, 4.3997, 50.8467, 4.3525) == haversineKm(50.8467, 4.3525, 51.2213, 4.3997));
}

TEST_CASE("Candidates for a category, ranked with every score part", "[partners]") {
  const Fixture f;
  auto params = f.params();
  params.categories = {f.vkCat};
  const auto result = PartnerFinder::run(f.m, params);
  CHECK(result.prisonId == f.p);
  CHECK(result.categories == std::vector<RowId>{f.vkCat});
  // Not vk4 (beyond 50 km), vk5 (a formal partner already), vkSide (on the side).
  REQUIRE(actorsOf(result) == std::vector<RowId>{f.vk1, f.vk3, f.vk2});

  const double d1 = 0.1 * kKmPerDegree, d2 = 0.2 * kKmPerDegree;
  SECTION("vk1: two steps away, near, in the same province and district, with two other prisons") {
    const PartnerCandidate& c = result.candidates[0];
    CHECK(c.categoryId == f.vkCat);
    CHECK(c.hops == 2);
    CHECK(c.introduction == std::vector<RowId>{f.p, f.g1, f.vk1});
    REQUIRE(c.distanceKm);
    CHECK(*c.distanceKm == Approx(d1).epsilon(1e-12));
    CHECK(c.sameProvince);
    CHECK_FALSE(c.sameEerstelijnszone);
    CHECK(c.sameJudicialDistrict);
    CHECK(c.otherPrisons == 2);   // Q1 as a party, Q2 as the scope
    CHECK(c.brokerSectors == 2);  // "other" (g1, gx) and justice (Q1)
    checkParts(c, 3.0 / 2, 2 * (1 - d1 / 50), 2 * 0.5, 2 * 0.5, 2 / kOtherSectors);
  }
  SECTION("vk3: without coordinates, not connected (not through Q1), but experienced (capped at three prisons)") {
    const PartnerCandidate& c = result.candidates[1];
    CHECK_FALSE(c.hops);
    CHECK(c.introduction.empty());
    CHECK_FALSE(c.distanceKm);
    CHECK(c.sameProvince);
    CHECK(c.sameEerstelijnszone);
    CHECK_FALSE(c.sameJudicialDistrict);
    CHECK(c.otherPrisons == 4);
    CHECK(c.brokerSectors == 1);
    checkParts(c, 0, 0, 2 * 0.5, 3 * 0.5, 1 / kOtherSectors);
  }
  SECTION("vk2: introduced by the PSD through two go-betweens, farther, elsewhere") {
    const PartnerCandidate& c = result.candidates[2];
    CHECK(c.hops == 3);
    CHECK(c.introduction == std::vector<RowId>{f.psd, f.g2, f.g3, f.vk2});
    REQUIRE(c.distanceKm);
    CHECK(*c.distanceKm == Approx(d2).epsilon(1e-12));
    CHECK_FALSE(c.sameProvince);
    CHECK(c.otherPrisons == 0);
    checkParts(c, 3.0 / 3, 2 * (1 - d2 / 50), 0, 0, 1 / kOtherSectors);
  }
  SECTION("a wider radius takes vk4 in and changes the distance points, and so the order") {
    params.radiusKm = 100;
    const auto wide = PartnerFinder::run(f.m, params);
    REQUIRE(actorsOf(wide) == std::vector<RowId>{f.vk1, f.vk2, f.vk3, f.vk4});
    checkParts(wide.candidates[0], 1.5, 2 * (1 - d1 / 100), 1, 1, 2 / kOtherSectors);
    checkParts(wide.candidates[1], 1, 2 * (1 - d2 / 100), 0, 0, 1 / kOtherSectors);
    const PartnerCandidate& c = wide.candidates[3];
    const double d4 = haversineKm(51.0, 4.0, 51.0, 5.0);
    CHECK(d4 == Approx(69.977).margin(0.001));
    CHECK(*c.distanceKm == d4);
    checkParts(c, 0, 2 * (1 - d4 / 100), 0, 0, 0);
    // A radius that keeps vk1 only of those with coordinates; vk3 has none and stays.
    params.radiusKm = 15;
    CHECK(actorsOf(PartnerFinder::run(f.m, params)) == std::vector<RowId>{f.vk1, f.vk3});
  }
  SECTION("the limit keeps the best") {
    params.limit = 2;
    CHECK(actorsOf(PartnerFinder::run(f.m, params)) == std::vector<RowId>{f.vk1, f.vk3});
    params.limit = 0;
    CHECK(PartnerFinder::run(f.m, params).candidates.empty());
  }
  SECTION("the same on a snapshot the caller made") {
    const auto again = PartnerFinder::run(f.m, nestSnapshot(f.m, kAsOf), params);
    CHECK(actorsOf(again) == actorsOf(result));
    CHECK(again.candidates[0].score == result.candidates[0].score);
  }
}

TEST_CASE("Which categories are searched: the prison's missing ones unless asked", "[partners]") {
  const Fixture f;
  auto params = f.params();
  // vk is formalised (vk5; vkSide, on the side, is no partner) and clb is
  // missing: only clb, where clb2 lies beyond 20 km.
  NestCoverage::Params coverageParams;
  coverageParams.templateId = f.mini;
  coverageParams.asOf = kAsOf;
  const auto coverage = NestCoverage::run(f.m, coverageParams);
  const CoverageCell& vk = coverage.find(f.p)->cells[0];
  REQUIRE(vk.categoryId == f.vkCat);
  REQUIRE(vk.partners.size() == 1);
  CHECK(vk.partners[0].actorId == f.vk5);
  CHECK(vk.partners[0].hops == 1);
  CHECK(vk.partners[0].formal);
  const auto byDefault = PartnerFinder::run(f.m, params);
  CHECK(byDefault.categories == std::vector<RowId>{f.clbCat});
  REQUIRE(actorsOf(byDefault) == std::vector<RowId>{f.clb1});
  const PartnerCandidate& c = byDefault.candidates[0];
  CHECK(c.categoryId == f.clbCat);
  const double d = 0.05 * kKmPerDegree;
  CHECK(*c.distanceKm == Approx(d).epsilon(1e-12));
  checkParts(c, 0, 2 * (1 - d / 20), 0, 0, 0);

  // Asked for both, in any order: template order, each category's candidates together.
  params.categories = {f.clbCat, f.vkCat};
  const auto both = PartnerFinder::run(f.m, params);
  CHECK(both.categories == std::vector<RowId>{f.vkCat, f.clbCat});
  CHECK(actorsOf(both) == std::vector<RowId>{f.vk1, f.vk3, f.vk2, f.clb1});
  CHECK(both.candidates[3].categoryId == f.clbCat);

  // The VK under P is on its side, no partner: before vk5's agreement was
  // made, vk is missing and searched too, and vk5 is a candidate like the others.
  params = f.params();
  params.asOf = day("2026-01-01");
  const auto before = PartnerFinder::run(f.m, params);
  CHECK(before.categories == std::vector<RowId>{f.vkCat, f.clbCat});
  REQUIRE(actorsOf(before) == std::vector<RowId>{f.vk1, f.vk5, f.vk2, f.vk3, f.clb1});
  // vk5 then: not connected (its agreement does not exist yet), near, in P's
  // province, eerstelijnszone and district, with no other prison.
  const double d5 = haversineKm(51.0, 4.0, 51.0, 4.1);
  CHECK_FALSE(before.candidates[1].hops);
  checkParts(before.candidates[1], 0, 2 * (1 - d5 / 50), 3 * 0.5, 0, 0);

  // A prison that does not exist, or a category outside the template: nothing.
  params.prisonId = 999;
  CHECK(PartnerFinder::run(f.m, params).categories.empty());
  params = f.params();
  params.categories = {999};
  CHECK(PartnerFinder::run(f.m, params).candidates.empty());
}

TEST_CASE("On the demo map: candidates for Ieper's missing OCJ", "[partners]") {
  const Model m = demoModel(embeddedData());
  auto actor = [&](std::string_view key) { return test::actorByKey(m, key); };
  PartnerFinder::Params params;
  params.prisonId = actor("prison_ieper");
  params.asOf = kAsOf;
  const auto result = PartnerFinder::run(m, params);
  // Ieper misses ocj, clb and overkop (see the coverage test).
  REQUIRE(result.categories.size() == 3);
  bool sawOcj = false;
  for (const PartnerCandidate& c : result.candidates) {
    CHECK(c.score == Approx(c.parts.total()).margin(1e-12));
    if (c.actorId == actor("ocj_west_vlaanderen")) {
      sawOcj = true;
      CHECK(c.sameProvince);
      REQUIRE(c.distanceKm);
      CHECK(*c.distanceKm < 60);  // the OCJ's radius
    }
  }
  CHECK(sawOcj);
}
