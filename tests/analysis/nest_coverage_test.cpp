// NestCoverage, PrisonSides, CoverageDiff and SectorGaps on hand-drawn maps
// built on the real taxonomy and Kindreflex template, with values worked out
// by hand; then the demo map, whose gaps were built in on purpose.
#include "analysis/nest_coverage.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "io/data_sources.hpp"
#include "support/map_builder.hpp"

using namespace nestmap;

namespace {

Date day(std::string_view iso) { return *Date::parse(iso); }

/// The day every test looks at, so that nothing depends on today.
const Date kAsOf = day("2026-11-29");

/// A map with the default taxonomy and nest template, grown record by record.
struct TestMap {
  Model m = defaultModel(embeddedData(), "test");

  RowId actor(std::string name, std::string_view typeKey, RowId parent = 0) {
    return test::putActor(m, std::move(name), typeKey, parent);
  }
  Actor& at(RowId id) { return *m.actors.find(id); }

  RowId tie(RowId a, RowId b, TieStatus status = TieStatus::Active, std::optional<Date> from = {},
            std::optional<Date> to = {}) {
    return test::putTie(m, a, b, "consultation", status, from, to);
  }

  RowId agreement(std::vector<RowId> parties, std::vector<StatusChange> history, RowId scope = 0,
                  std::optional<Date> review = {}) {
    return test::putAgreement(m, std::move(parties), std::move(history), scope,
                              m.agreementTypeByKey("cooperation_agreement")->id, review);
  }

  /// A category of the Kindreflex template by key.
  RowId category(std::string_view key) const {
    for (const auto& [id, c] : m.nestCategories)
      if (c.key == key && c.templateId == defaultTemplate(m)->id) return id;
    FAIL("no category " << key);
    return 0;
  }
};

StatusChange on(std::string_view iso, AgreementStatus status) { return {day(iso), status, ""}; }

/// "status[ fragility][ stale]" of a cell, to compare whole rows at once.
std::string describe(const CoverageCell& cell) {
  std::string out(key(cell.status));
  if (cell.fragile) out += " " + std::string(key(cell.fragility));
  if (cell.stale) out += " stale";
  return out;
}

std::vector<std::string> row(const PrisonCoverage& prison) {
  std::vector<std::string> out;
  for (const CoverageCell& cell : prison.cells) out.push_back(describe(cell));
  return out;
}

std::vector<double> values(const PrisonCoverage& prison) {
  std::vector<double> out;
  for (const CoverageCell& cell : prison.cells) out.push_back(cell.value);
  return out;
}

const CoverageCell& cellOf(const PrisonCoverage& prison, RowId categoryId) {
  for (const CoverageCell& cell : prison.cells)
    if (cell.categoryId == categoryId) return cell;
  FAIL("no cell for category " << categoryId);
  return prison.cells.front();
}

using PartnerRow = std::tuple<RowId, int, bool>;  // actor, hops, formal
std::vector<PartnerRow> partners(const CoverageCell& cell) {
  std::vector<PartnerRow> out;
  for (const CellPartner& p : cell.partners) out.emplace_back(p.actorId, p.hops, p.formal);
  return out;
}

using ChangeRow = std::tuple<RowId, RowId, CoverageStatus, CoverageStatus>;
std::vector<ChangeRow> changes(const std::vector<CoverageChange>& list) {
  std::vector<ChangeRow> out;
  for (const CoverageChange& c : list) out.emplace_back(c.prisonId, c.categoryId, c.from, c.to);
  return out;
}

NestCoverage::Result coverage(const Model& m, Date asOf, RowId templateId = 0) {
  NestCoverage::Params params;
  params.asOf = asOf;
  params.templateId = templateId;
  return NestCoverage::run(m, params);
}

}  // namespace

TEST_CASE("Small helpers: counting statuses, keys, the template and its hop limits", "[nest]") {
  CHECK_FALSE(agreementCounts(AgreementStatus::Idea));
  CHECK_FALSE(agreementCounts(AgreementStatus::Discussion));
  CHECK(agreementCounts(AgreementStatus::Agreed));
  CHECK(agreementCounts(AgreementStatus::Formalised));
  CHECK(agreementCounts(AgreementStatus::Practice));
  CHECK_FALSE(agreementCounts(AgreementStatus::Evaluated));
  CHECK_FALSE(agreementCounts(AgreementStatus::Stopped));
  CHECK(key(CoverageStatus::Missing) == "missing");
  CHECK(key(CoverageStatus::Informal) == "informal");
  CHECK(key(CoverageStatus::Formalised) == "formalised");
  CHECK(key(Fragility::None).empty());
  CHECK(key(Fragility::SinglePartner) == "single_partner");
  CHECK(key(Fragility::SingleActor) == "single_actor");
  CHECK(key(Fragility::SingleTie) == "single_tie");

  TestMap t;
  const NestTemplate* kindreflex = defaultTemplate(t.m);
  REQUIRE(kindreflex);
  CHECK(kindreflex->key == "kindreflex");
  std::vector<std::string> keys;
  std::vector<int> limits;
  for (const NestCategory* c : templateCategories(t.m, kindreflex->id)) {
    keys.push_back(c->key);
    limits.push_back(hopLimit(t.m, *c));
  }
  CHECK(keys == std::vector<std::string>{"caw_jww", "huis_van_het_kind", "vk", "ocj", "clb", "gezin_plan", "overkop",
                                         "cgg", "opgroeien", "ouder_kind", "justitiehuis", "ocmw"});
  // Their own where data/nest_categories.csv gives one, else the template's 2.
  CHECK(limits == std::vector<int>{1, 2, 2, 2, 2, 2, 2, 2, 3, 2, 2, 1});
  CHECK(templateCategories(t.m, 999).empty());
  CHECK(defaultTemplate(Model{}) == nullptr);
  CHECK(coverage(Model{}, kAsOf).prisons.empty());
}

TEST_CASE("A prison's side: descendants at any depth, and side-type actors tied to it", "[nest]") {
  //   Gevangenis Zuid (Z)                    Gevangenis Noord (N)
  //     ├ psdZ (parent Z)                      ├ psdN (parent N) ── psdY (a PSD tied to the PSD only)
  //     │   └ teamZ (parent psdZ)              │
  //     └ oldZ (parent Z, until 2025-12-31)    amb ── N        (ambassadors, no parent)
  //                                            psdX ┄┄ N       (planned tie)
  //   cawK ── jww (caw_jww, parent cawK) ── Z, N               (a JWW team under its CAW)
  //   jwwOld ── Z   (tie until 2026-01-31)    vk ── Z (no side type)
  //   psdN ══A1══ jww    (agreed: both on Noord's side)
  //   psdN ══A2══ cawK   (agreed: the regional CAW signs with Noord's PSD)
  TestMap t;
  const RowId z = t.actor("Gevangenis Zuid", "prison");
  const RowId psdZ = t.actor("PSD Zuid", "psd", z);
  const RowId teamZ = t.actor("Team onder de PSD Zuid", "other", psdZ);
  const RowId oldZ = t.actor("Vroegere dienst Zuid", "other", z);
  t.at(oldZ).validTo = day("2025-12-31");
  const RowId n = t.actor("Gevangenis Noord", "prison");
  const RowId psdN = t.actor("PSD Noord", "psd", n);
  const RowId cawK = t.actor("CAW Kempen", "caw");
  const RowId jww = t.actor("JWW-team", "caw_jww", cawK);
  const RowId amb = t.actor("Ambassadeurs Noord", "ambassador_team");
  const RowId psdX = t.actor("PSD X", "psd");
  const RowId jwwOld = t.actor("Vroeger JWW-team", "caw_jww");
  const RowId vk = t.actor("VK", "vk");
  const RowId psdY = t.actor("PSD Y", "psd");
  t.tie(cawK, jww);
  t.tie(jww, z);
  t.tie(n, jww);
  t.tie(amb, n);
  t.tie(psdX, n, TieStatus::Planned);
  t.tie(jwwOld, z, TieStatus::Active, std::nullopt, day("2026-01-31"));
  t.tie(vk, z);
  t.tie(psdY, psdN);
  t.agreement({psdN, jww}, {on("2025-05-01", AgreementStatus::Agreed)});
  const RowId withCaw = t.agreement({psdN, cawK}, {on("2025-05-01", AgreementStatus::Agreed)});

  const PrisonSides sides = PrisonSides::of(t.m, kAsOf);
  REQUIRE(sides.prisons.size() == 2);
  // By name: Noord before Zuid; the prison first, then ascending ids.
  CHECK(sides.prisons[0].prisonId == n);
  CHECK(sides.prisons[0].actors == std::vector<RowId>{n, psdN, jww, amb});
  CHECK(sides.prisons[1].prisonId == z);
  CHECK(sides.prisons[1].actors == std::vector<RowId>{z, psdZ, teamZ, jww});
  CHECK(sides.find(z) == &sides.prisons[1]);
  CHECK(sides.find(psdZ) == nullptr);

  // Before the old service and the old JWW tie ended, both were on Zuid's side.
  const PrisonSides earlier = PrisonSides::of(t.m, day("2025-06-01"));
  CHECK(earlier.find(z)->actors == std::vector<RowId>{z, psdZ, teamZ, oldZ, jww, jwwOld});

  // The JWW team is on both sides: it belongs to the side, never to its own
  // category, so its agreement with Noord's PSD formalises nothing, and it is
  // no partner of either prison, not even at 0 steps. Its CAW, off both sides,
  // is: formally for Noord (the CAW signed with Noord's PSD), informally for
  // Zuid, one step from the team. One partner each; caw_jww asks for an
  // agreement, so informal is worth 0.25 there.
  const auto result = coverage(t.m, kAsOf);
  const RowId cawJww = t.category("caw_jww");
  const CoverageCell& noord = cellOf(*result.find(n), cawJww);
  CHECK(describe(noord) == "formalised single_partner");
  CHECK(partners(noord) == std::vector<PartnerRow>{{cawK, 1, true}});
  CHECK(noord.agreements == std::vector<RowId>{withCaw});
  CHECK(noord.pendingAgreements.empty());
  CHECK(noord.paths == std::vector<std::vector<RowId>>{{psdN, cawK}});
  CHECK(noord.value == 0.75);
  const CoverageCell& zuid = cellOf(*result.find(z), cawJww);
  CHECK(describe(zuid) == "informal single_partner");
  CHECK(partners(zuid) == std::vector<PartnerRow>{{cawK, 1, false}});
  CHECK(zuid.agreements.empty());
  CHECK(zuid.pendingAgreements.empty());
  CHECK(zuid.paths == std::vector<std::vector<RowId>>{{jww, cawK}});
  CHECK(zuid.value == 0.25 * 0.75);
  CHECK(result.find(z)->side == sides.find(z)->actors);
}

TEST_CASE("A cycle of parents through the prison: each actor once, and the call returns", "[nest]") {
  // A damaged file: parents that run in a circle through the prison.
  //   Gevangenis A ⇄ a1                   (A's parent is a1, a1's parent is A)
  //   Gevangenis B → b2 → b1 → B, b3 → b1 (B's parent is b2; b3 hangs off the cycle)
  //   Gevangenis C → C                    (its own parent)
  //   jww ── A, B                         (a JWW team tied to both)
  TestMap t;
  const RowId prison = t.m.actorTypeByKey("prison")->id, psd = t.m.actorTypeByKey("psd")->id,
              other = t.m.actorTypeByKey("other")->id;
  auto put = [&](RowId id, std::string name, RowId type, RowId parent) {
    Actor a;
    a.id = id;
    a.name = std::move(name);
    a.typeId = type;
    a.parentId = parent;
    t.m.actors.put(a);
  };
  const RowId a = 1, a1 = 2, b = 3, b1 = 4, b2 = 5, b3 = 6, c = 7;
  put(a, "Gevangenis A", prison, a1);
  put(a1, "PSD A", psd, a);
  put(b, "Gevangenis B", prison, b2);
  put(b1, "PSD B", psd, b);
  put(b2, "Team B", other, b1);
  put(b3, "Bezoekteam B", other, b1);
  put(c, "Gevangenis C", prison, c);
  const RowId jww = t.actor("JWW-team", "caw_jww");
  t.tie(jww, a);
  t.tie(b, jww);

  const PrisonSides sides = PrisonSides::of(t.m, kAsOf);
  REQUIRE(sides.prisons.size() == 3);
  CHECK(sides.find(a)->actors == std::vector<RowId>{a, a1, jww});
  CHECK(sides.find(b)->actors == std::vector<RowId>{b, b1, b2, b3, jww});
  CHECK(sides.find(c)->actors == std::vector<RowId>{c});

  const auto result = coverage(t.m, kAsOf);
  REQUIRE(result.prisons.size() == 3);
  CHECK(result.find(a)->side == sides.find(a)->actors);
  CHECK(result.find(b)->side == sides.find(b)->actors);
  CHECK(result.find(c)->score == 0);
}

TEST_CASE("Every status and flag of one prison, with its evidence, values and score", "[nest]") {
  //   psd's parent is P: it is on the side without a tie.   (A: agreement, ┄: planned/ended/out of validity)
  //
  //   P ── vkB ══A1b══ psd      psd ══A1══ vkA                  vk           formalised, two ways; A1b stale, A1 not
  //   P ·····A2 (scoped to P)····· ocjA, gov                    ocj          formalised (scoped), single partner, stale
  //   P ── hvhkB                psd ── hvhkA                    hvhk         informal, two independent ways
  //   P ── go ──┬── clbA                                        clb          informal, single actor: go
  //             ├── clbB
  //             ├── ocmwA          (2 hops, limit 1)            ocmw         missing
  //             └── go2 ── opgA    (3 hops, limit 3)            opgroeien    informal, one partner, through go
  //   psd ──┬── g1pA                                            gezin_plan   informal, single actor: the PSD
  //         └── g1pB
  //   P ── ovkA ── ovkB                                         overkop      informal, single tie: P–ovkA
  //   P ──┬── cggA                                              cgg          informal; the prison is no single actor
  //       └── cggB
  //   P ┄┄ jhA, psd ┄┄ jhA; psd ··A3 (discussion)·· jhA         justitiehuis missing, A3 pending
  //   ckgA ··A4 (idea, scoped to P); psd ··A5 (stopped), A6 (evaluated)·· ckgA
  //                                                             ouder_kind   missing, A4 pending
  //   P ── jwwP (a JWW team: on the side, no partner)
  //   psd ══A7 (agreed, scoped to P)══ jwwP; psd ··A8 (discussion)·· jwwP
  //                                                             caw_jww      missing, nothing pending
  TestMap t;
  const RowId p = t.actor("Gevangenis Noord", "prison");
  const RowId psd = t.actor("PSD Noord", "psd", p);
  const RowId vkA = t.actor("VK A", "vk");
  const RowId vkB = t.actor("VK B", "vk");
  const RowId ocjA = t.actor("OCJ A", "ocj");
  const RowId gov = t.actor("Overheid", "government");
  const RowId hvhkA = t.actor("Huis van het Kind A", "huis_van_het_kind");
  const RowId hvhkB = t.actor("Huis van het Kind B", "huis_van_het_kind");
  const RowId go = t.actor("Tussenpersoon", "other");
  const RowId clbA = t.actor("CLB A", "clb");
  const RowId clbB = t.actor("CLB B", "clb");
  const RowId ocmwA = t.actor("OCMW A", "ocmw");
  const RowId go2 = t.actor("Tweede tussenpersoon", "other");
  const RowId opgA = t.actor("Opgroeien A", "opgroeien");
  const RowId g1pA = t.actor("1G1P A", "gezin_plan");
  const RowId g1pB = t.actor("1G1P B", "gezin_plan");
  const RowId ovkA = t.actor("OverKop A", "overkop");
  const RowId ovkB = t.actor("OverKop B", "overkop");
  const RowId cggA = t.actor("CGG A", "cgg");
  const RowId cggB = t.actor("CGG B", "cgg");
  const RowId jhA = t.actor("Justitiehuis A", "justitiehuis");
  const RowId ckgA = t.actor("CKG A", "ckg");
  const RowId jwwP = t.actor("JWW-team Noord", "caw_jww");

  const RowId tVkB = t.tie(p, vkB);
  t.tie(p, hvhkB);
  t.tie(psd, hvhkA);
  const RowId tGo = t.tie(p, go);
  const RowId tClbA = t.tie(go, clbA);
  const RowId tClbB = t.tie(go, clbB);
  t.tie(go, ocmwA);
  const RowId tGo2 = t.tie(go, go2);
  const RowId tOpg = t.tie(go2, opgA);
  t.tie(psd, g1pA);
  t.tie(psd, g1pB);
  const RowId tOvkA = t.tie(p, ovkA);
  const RowId tOvkB = t.tie(ovkA, ovkB);
  t.tie(p, cggA);
  t.tie(p, cggB);
  // None of these counts on the day: planned, ended, expired, not yet begun.
  t.tie(p, jhA, TieStatus::Planned);
  t.tie(psd, jhA, TieStatus::Ended);
  t.tie(psd, jhA, TieStatus::Active, day("2025-01-01"), day("2026-01-31"));
  t.tie(p, jhA, TieStatus::Active, day("2027-01-01"));

  const RowId a1 = t.agreement({psd, vkA},
                               {on("2025-01-15", AgreementStatus::Idea), on("2025-03-01", AgreementStatus::Agreed),
                                on("2025-06-01", AgreementStatus::Formalised)},
                               0, day("2027-06-30"));
  const RowId a1b = t.agreement({psd, vkB}, {on("2025-02-01", AgreementStatus::Agreed)}, 0, day("2026-01-31"));
  const RowId a2 = t.agreement({ocjA, gov}, {on("2025-02-01", AgreementStatus::Practice)}, p, day("2026-06-30"));
  const RowId a3 = t.agreement({psd, jhA}, {on("2026-02-01", AgreementStatus::Discussion)});
  const RowId a4 = t.agreement({ckgA}, {on("2026-05-01", AgreementStatus::Idea)}, p);
  t.agreement({psd, ckgA}, {on("2025-01-01", AgreementStatus::Agreed), on("2025-09-01", AgreementStatus::Stopped)});
  // Evaluated is neither one that counts (agreed, formalised, in practice) nor a pending one.
  t.agreement({psd, ckgA}, {on("2025-01-01", AgreementStatus::Agreed), on("2026-01-01", AgreementStatus::Evaluated)});
  // The JWW team working in the prison is the side's own: neither agreement is the category's.
  t.tie(p, jwwP);
  t.agreement({psd, jwwP}, {on("2025-01-01", AgreementStatus::Agreed)}, p);
  t.agreement({psd, jwwP}, {on("2026-03-01", AgreementStatus::Discussion)});

  const auto result = coverage(t.m, kAsOf);
  CHECK(result.asOf == kAsOf);
  CHECK(result.templateId == defaultTemplate(t.m)->id);
  REQUIRE(result.categories.size() == 12);
  REQUIRE(result.prisons.size() == 1);
  const PrisonCoverage& prison = result.prisons[0];
  CHECK(prison.prisonId == p);
  CHECK(prison.side == std::vector<RowId>{p, psd, jwwP});

  // caw_jww, huis_van_het_kind, vk, ocj, clb, gezin_plan, overkop, cgg, opgroeien, ouder_kind, justitiehuis, ocmw
  CHECK(row(prison) == std::vector<std::string>{"missing", "informal", "formalised", "formalised single_partner stale",
                                                "informal single_actor", "informal single_actor", "informal single_tie",
                                                "informal", "informal single_actor", "missing", "missing", "missing"});
  // 1 formalised, 0.5 informal (0.25 where the category's reach is formal: caw_jww,
  // huis_van_het_kind, vk, ocj, justitiehuis), 0 missing; × 0.75 per flag.
  CHECK(values(prison) == std::vector<double>{0, 0.25, 1, 0.5625, 0.375, 0.375, 0.375, 0.5, 0.375, 0, 0, 0});
  // Weights 3 2 3 2 1 2 1 2 1 2 2 1 (22): 0.5 + 3 + 1.125 + 0.375 + 0.75 + 0.375 + 1 + 0.375 = 7.5.
  CHECK(prison.score == Approx(100.0 * 7.5 / 22).epsilon(1e-12));
  CHECK(result.categoryScores == std::vector<double>{0, 25, 100, 56.25, 37.5, 37.5, 37.5, 50, 37.5, 0, 0, 0});

  SECTION("formalised through agreements with a side party; fresh while one of them is") {
    const CoverageCell& vk = cellOf(prison, t.category("vk"));
    CHECK(partners(vk) == std::vector<PartnerRow>{{vkA, 1, true}, {vkB, 1, true}});
    CHECK(vk.agreements == std::vector<RowId>{a1, a1b});
    CHECK(vk.staleAgreements == std::vector<RowId>{a1b});
    CHECK_FALSE(vk.stale);
    CHECK(vk.pendingAgreements.empty());
    CHECK(vk.paths == std::vector<std::vector<RowId>>{{psd, vkA}, {p, vkB}});
    CHECK(vk.ties == std::vector<RowId>{tVkB});  // the agreements join their parties, but are no ties
    CHECK(vk.singleActor == 0);
  }
  SECTION("formalised through an agreement scoped to the prison without a side party; past its review") {
    const CoverageCell& ocj = cellOf(prison, t.category("ocj"));
    CHECK(partners(ocj) == std::vector<PartnerRow>{{ocjA, 1, true}});
    CHECK(ocj.agreements == std::vector<RowId>{a2});
    CHECK(ocj.staleAgreements == std::vector<RowId>{a2});
    CHECK(ocj.paths == std::vector<std::vector<RowId>>{{p, ocjA}});
    CHECK(ocj.ties.empty());
  }
  SECTION("informal through two independent ways: not fragile") {
    const CoverageCell& hvhk = cellOf(prison, t.category("huis_van_het_kind"));
    CHECK(partners(hvhk) == std::vector<PartnerRow>{{hvhkA, 1, false}, {hvhkB, 1, false}});
    CHECK(hvhk.paths == std::vector<std::vector<RowId>>{{psd, hvhkA}, {p, hvhkB}});
    CHECK(hvhk.agreements.empty());
  }
  SECTION("every way through one go-between") {
    const CoverageCell& clb = cellOf(prison, t.category("clb"));
    CHECK(partners(clb) == std::vector<PartnerRow>{{clbA, 2, false}, {clbB, 2, false}});
    CHECK(clb.singleActor == go);
    CHECK(clb.paths == std::vector<std::vector<RowId>>{{p, go, clbA}, {p, go, clbB}});
    CHECK(clb.ties == std::vector<RowId>{tGo, tClbA, tClbB});
  }
  SECTION("every way through one side actor, the PSD") {
    const CoverageCell& g1p = cellOf(prison, t.category("gezin_plan"));
    CHECK(partners(g1p) == std::vector<PartnerRow>{{g1pA, 1, false}, {g1pB, 1, false}});
    CHECK(g1p.singleActor == psd);
  }
  SECTION("every way through one tie, to a partner the other hangs on") {
    // ovkA is a single point too, but a tie on every way is asked for before
    // the partner at its end: the tie is the more telling flag.
    const CoverageCell& overkop = cellOf(prison, t.category("overkop"));
    CHECK(partners(overkop) == std::vector<PartnerRow>{{ovkA, 1, false}, {ovkB, 2, false}});
    CHECK(overkop.singleTie == std::pair<RowId, RowId>{p, ovkA});
    CHECK(overkop.singleActor == 0);
    CHECK(overkop.paths == std::vector<std::vector<RowId>>{{p, ovkA}, {p, ovkA, ovkB}});
    CHECK(overkop.ties == std::vector<RowId>{tOvkA, tOvkB});
  }
  SECTION("every way through the prison itself is not fragile") {
    const CoverageCell& cgg = cellOf(prison, t.category("cgg"));
    CHECK(partners(cgg) == std::vector<PartnerRow>{{cggA, 1, false}, {cggB, 1, false}});
    CHECK(cgg.paths == std::vector<std::vector<RowId>>{{p, cggA}, {p, cggB}});
  }
  SECTION("reach through go-betweens within the category's hop limit, not beyond it") {
    // One partner, but the go-between it hangs on is the more telling flag.
    const CoverageCell& opgroeien = cellOf(prison, t.category("opgroeien"));
    CHECK(partners(opgroeien) == std::vector<PartnerRow>{{opgA, 3, false}});
    CHECK(opgroeien.singleActor == go);
    CHECK(opgroeien.paths == std::vector<std::vector<RowId>>{{p, go, go2, opgA}});
    CHECK(opgroeien.ties == std::vector<RowId>{tGo, tGo2, tOpg});
    const CoverageCell& ocmw = cellOf(prison, t.category("ocmw"));
    CHECK(ocmw.partners.empty());  // ocmwA lies 2 steps away; the limit is 1
    CHECK(ocmw.paths.empty());
    CHECK(ocmw.ties.empty());
  }
  SECTION("ties that do not count, and agreements that do not count yet") {
    const CoverageCell& jh = cellOf(prison, t.category("justitiehuis"));
    CHECK(jh.partners.empty());
    CHECK(jh.agreements.empty());
    CHECK(jh.pendingAgreements == std::vector<RowId>{a3});
    const CoverageCell& ouderKind = cellOf(prison, t.category("ouder_kind"));
    CHECK(ouderKind.partners.empty());
    CHECK(ouderKind.pendingAgreements == std::vector<RowId>{a4});  // not the stopped one, not the evaluated one
    // The JWW team on the side is no partner of its category, even at 0 steps
    // and with an agreement scoped to the prison: caw_jww stays missing.
    const CoverageCell& cawJww = cellOf(prison, t.category("caw_jww"));
    CHECK(cawJww.partners.empty());
    CHECK(cawJww.agreements.empty());
    CHECK(cawJww.pendingAgreements.empty());
    CHECK(cawJww.paths.empty());
    CHECK_FALSE(cawJww.fragile);
  }

  SECTION("the same on a snapshot the caller made") {
    NestCoverage::Params params;
    params.asOf = kAsOf;
    const auto again = NestCoverage::run(t.m, nestSnapshot(t.m, kAsOf), params);
    REQUIRE(again.prisons.size() == 1);
    CHECK(row(again.prisons[0]) == row(prison));
    CHECK(again.prisons[0].score == prison.score);
  }
}

TEST_CASE("Which single point a fragile cell names: the most telling first", "[nest]") {
  // One overkop cell (hop limit 2) per prison, each on its own; psd's parent is its prison.
  //   A:  P ── go ── ovk1                       an outside go-between before a lone partner  single_actor go
  //   B:  psd ── ovk1                            a lone partner before the PSD it hangs on    single_partner
  //   C:  psd ── go ──┬── ovk1                   an outside go-between before the PSD         single_actor go
  //                   └── ovk2
  //   D:  psd ── ovk1 ── ovk2                    the PSD before the tie psd–ovk1 and ovk1     single_actor psd
  //   E:  P ── ovk1 ── ovk2                      the tie P–ovk1 before ovk1                   single_tie P–ovk1
  //   F:  P ── ovk1, psd ── ovk1, ovk1 ── ovk2   no one tie: ovk2 hangs on ovk1               single_actor ovk1
  //   G:  P ── ovk1, P ── ovk2                   only the prison itself: not fragile
  TestMap t;
  struct Prison {
    RowId p, psd, go, ovk1, ovk2;
  };
  auto prison = [&](const std::string& name) {
    Prison out{};
    out.p = t.actor("Gevangenis " + name, "prison");
    out.psd = t.actor("PSD " + name, "psd", out.p);
    out.go = t.actor("Tussenpersoon " + name, "other");
    out.ovk1 = t.actor("OverKop " + name + "1", "overkop");
    out.ovk2 = t.actor("OverKop " + name + "2", "overkop");
    return out;
  };
  const Prison a = prison("A"), b = prison("B"), c = prison("C"), d = prison("D"), e = prison("E"), f = prison("F"),
               g = prison("G");
  t.tie(a.p, a.go);
  t.tie(a.go, a.ovk1);
  t.tie(b.psd, b.ovk1);
  t.tie(c.psd, c.go);
  t.tie(c.go, c.ovk1);
  t.tie(c.go, c.ovk2);
  t.tie(d.psd, d.ovk1);
  t.tie(d.ovk1, d.ovk2);
  t.tie(e.p, e.ovk1);
  t.tie(e.ovk1, e.ovk2);
  t.tie(f.p, f.ovk1);
  t.tie(f.psd, f.ovk1);
  t.tie(f.ovk1, f.ovk2);
  t.tie(g.p, g.ovk1);
  t.tie(g.p, g.ovk2);

  const auto result = coverage(t.m, kAsOf);
  REQUIRE(result.prisons.size() == 7);
  const RowId overkop = t.category("overkop");
  auto cell = [&](const Prison& x) -> const CoverageCell& { return cellOf(*result.find(x.p), overkop); };
  using Tie = std::pair<RowId, RowId>;

  CHECK(describe(cell(a)) == "informal single_actor");
  CHECK(cell(a).singleActor == a.go);
  CHECK(describe(cell(b)) == "informal single_partner");
  CHECK(cell(b).singleActor == 0);
  CHECK(describe(cell(c)) == "informal single_actor");
  CHECK(cell(c).singleActor == c.go);
  CHECK(describe(cell(d)) == "informal single_actor");
  CHECK(cell(d).singleActor == d.psd);
  CHECK(cell(d).singleTie == Tie{});
  CHECK(describe(cell(e)) == "informal single_tie");
  CHECK(cell(e).singleTie == Tie{e.p, e.ovk1});
  CHECK(cell(e).singleActor == 0);
  CHECK(describe(cell(f)) == "informal single_actor");
  CHECK(cell(f).singleActor == f.ovk1);
  CHECK(cell(f).singleTie == Tie{});
  CHECK(partners(cell(f)) == std::vector<PartnerRow>{{f.ovk1, 1, false}, {f.ovk2, 2, false}});
  CHECK(describe(cell(g)) == "informal");
  CHECK(cell(g).singleActor == 0);
  CHECK(cell(g).singleTie == Tie{});
  for (const Prison* x : {&a, &b, &c, &d, &e, &f}) CHECK(cell(*x).value == 0.375);
  CHECK(cell(g).value == 0.5);
}

TEST_CASE("Hop limits of a template of one's own; category scores; the weakest prisons first", "[nest]") {
  // Template "mini", hop limit 1: vk (weight 2, the template's limit), clb (weight 1, limit 3).
  //
  //   A ── vk1 ── B ══(agreed)══ vk2        C, D: nothing
  //   A ── z ── vk3                  (vk3: 2 steps from A, beyond the limit 1)
  //   A ── x ── y ── clb1            (3 steps: within clb's limit 3; 5 from B)
  TestMap t;
  NestTemplate mini;
  mini.id = t.m.nestTemplates.nextId();
  mini.key = "mini";
  mini.name = "Mini";
  mini.hopLimit = 1;
  t.m.nestTemplates.put(mini);
  NestCategory vkCat;
  vkCat.id = t.m.nestCategories.nextId();
  vkCat.templateId = mini.id;
  vkCat.key = "vk";
  vkCat.actorTypeIds = {t.m.actorTypeByKey("vk")->id};
  vkCat.weight = 2;
  vkCat.sort = 2;
  t.m.nestCategories.put(vkCat);
  NestCategory clbCat = vkCat;
  clbCat.id = t.m.nestCategories.nextId();
  clbCat.key = "clb";
  clbCat.actorTypeIds = {t.m.actorTypeByKey("clb")->id};
  clbCat.hopLimit = 3;
  clbCat.weight = 1;
  clbCat.sort = 1;  // sorted before vk although added after it
  t.m.nestCategories.put(clbCat);
  CHECK(hopLimit(t.m, vkCat) == 1);
  CHECK(hopLimit(t.m, clbCat) == 3);

  const RowId d = t.actor("Gevangenis D", "prison");
  const RowId c = t.actor("Gevangenis C", "prison");
  const RowId b = t.actor("Gevangenis B", "prison");
  const RowId a = t.actor("Gevangenis A", "prison");
  const RowId vk1 = t.actor("VK 1", "vk");
  const RowId vk2 = t.actor("VK 2", "vk");
  const RowId vk3 = t.actor("VK 3", "vk");
  const RowId z = t.actor("z", "other");
  const RowId x = t.actor("x", "other");
  const RowId y = t.actor("y", "other");
  const RowId clb1 = t.actor("CLB 1", "clb");
  t.tie(a, vk1);
  t.tie(b, vk1);
  t.tie(a, z);
  t.tie(z, vk3);
  t.tie(a, x);
  t.tie(x, y);
  t.tie(y, clb1);
  t.agreement({b, vk2}, {on("2026-01-01", AgreementStatus::Agreed)});

  const auto result = coverage(t.m, kAsOf, mini.id);
  CHECK(result.templateId == mini.id);
  CHECK(result.categories == std::vector<RowId>{clbCat.id, vkCat.id});
  REQUIRE(result.prisons.size() == 4);
  CHECK(result.prisons[0].prisonId == a);
  CHECK(result.prisons[1].prisonId == b);
  CHECK(result.prisons[2].prisonId == c);
  CHECK(result.prisons[3].prisonId == d);

  const PrisonCoverage& pa = result.prisons[0];
  CHECK(row(pa) == std::vector<std::string>{"informal single_actor", "informal single_partner"});
  CHECK(partners(pa.cells[0]) == std::vector<PartnerRow>{{clb1, 3, false}});
  CHECK(pa.cells[0].singleActor == x);
  CHECK(partners(pa.cells[1]) == std::vector<PartnerRow>{{vk1, 1, false}});  // not vk3
  CHECK(pa.score == Approx(100 * (1 * 0.375 + 2 * 0.375) / 3).epsilon(1e-12));
  const PrisonCoverage& pb = result.prisons[1];
  CHECK(row(pb) == std::vector<std::string>{"missing", "formalised"});
  CHECK(partners(pb.cells[1]) == std::vector<PartnerRow>{{vk2, 1, true}, {vk1, 1, false}});
  CHECK(pb.score == Approx(100 * 2.0 / 3).epsilon(1e-12));
  CHECK(result.prisons[2].score == 0);
  CHECK(result.prisons[3].score == 0);

  // Per category, the mean value over the four prisons.
  CHECK(result.categoryScores == std::vector<double>{100 * 0.375 / 4, 100 * 1.375 / 4});
  // C and D tie at 0 and keep their name order.
  CHECK(result.weakest() == std::vector<std::size_t>{2, 3, 0, 1});

  NestCoverage::Params onlyB;
  onlyB.asOf = kAsOf;
  onlyB.templateId = mini.id;
  onlyB.prisons = {b};
  const auto justB = NestCoverage::run(t.m, onlyB);
  REQUIRE(justB.prisons.size() == 1);
  CHECK(justB.prisons[0].prisonId == b);
  CHECK(justB.categoryScores == std::vector<double>{0, 100});
  CHECK(justB.find(a) == nullptr);

  // Without a template named, the one with the lowest id: Kindreflex.
  CHECK(coverage(t.m, kAsOf).categories.size() == 12);
}

TEST_CASE("Never through another prison's side; a formal partner there is reached only formally", "[nest]") {
  //   Gevangenis Een (P1) ── team2 ── cgg1     team2 works under Twee (parent P2): closed to Een
  //                                            (a PSD tied to Een would be on Een's side as well)
  //   Gevangenis Twee (P2) ─┐
  //   Gevangenis Een  (P1) ─┴── jww ── hvhk1    a JWW team on both sides is open to both
  //   P1 ══(agreed)══ vk2                       vk2 sits under P2: on Twee's side, so no partner of Twee
  TestMap t;
  const RowId p1 = t.actor("Gevangenis Een", "prison");
  const RowId p2 = t.actor("Gevangenis Twee", "prison");
  const RowId team2 = t.actor("Bezoekteam Twee", "other", p2);
  const RowId vk2 = t.actor("VK-antenne Twee", "vk", p2);
  const RowId cgg1 = t.actor("CGG 1", "cgg");
  const RowId jww = t.actor("JWW-team", "caw_jww");
  const RowId hvhk1 = t.actor("Huis van het Kind 1", "huis_van_het_kind");
  t.tie(p1, team2);
  t.tie(team2, cgg1);
  t.tie(jww, p1);
  t.tie(jww, p2);
  t.tie(jww, hvhk1);
  const RowId a = t.agreement({p1, vk2}, {on("2026-01-01", AgreementStatus::Agreed)});

  const auto result = coverage(t.m, kAsOf);
  const PrisonCoverage& een = *result.find(p1);
  const PrisonCoverage& twee = *result.find(p2);
  CHECK(een.side == std::vector<RowId>{p1, jww});
  CHECK(twee.side == std::vector<RowId>{p2, team2, vk2, jww});

  const RowId cgg = t.category("cgg"), hvhk = t.category("huis_van_het_kind"), vk = t.category("vk");
  CHECK(cellOf(een, cgg).status == CoverageStatus::Missing);
  CHECK(partners(cellOf(twee, cgg)) == std::vector<PartnerRow>{{cgg1, 1, false}});
  CHECK(cellOf(twee, cgg).paths == std::vector<std::vector<RowId>>{{team2, cgg1}});
  CHECK(cellOf(een, hvhk).paths == std::vector<std::vector<RowId>>{{jww, hvhk1}});
  CHECK(cellOf(twee, hvhk).paths == std::vector<std::vector<RowId>>{{jww, hvhk1}});

  const CoverageCell& formal = cellOf(een, vk);
  CHECK(describe(formal) == "formalised single_partner");
  CHECK(partners(formal) == std::vector<PartnerRow>{{vk2, -1, true}});
  CHECK(formal.agreements == std::vector<RowId>{a});
  CHECK(formal.paths.empty());
  // For Twee the VK is on its own side: part of the side, no partner, not
  // even through the agreement it signed with Een. Twee has no vk.
  const CoverageCell& own = cellOf(twee, vk);
  CHECK(describe(own) == "missing");
  CHECK(own.partners.empty());
  CHECK(own.agreements.empty());
  CHECK(own.pendingAgreements.empty());
  CHECK(own.paths.empty());
}

TEST_CASE("As of a day: dated ties and agreement histories, and the difference between two days", "[nest]") {
  //   psd ══A1══ vk1     A1: idea 2025-01-10, agreed 2026-03-01
  //   P ── ocj1, psd ══A2══ ocj1   A2: agreed 2026-04-01
  //   P ── clb1          from 2026-05-01
  //   P ── cgg1          until 2026-02-28
  //   P2 ── cgg2         P2 (Gevangenis Tweede) closes 2026-06-30
  TestMap t;
  const RowId p = t.actor("Gevangenis Eerste", "prison");
  const RowId psd = t.actor("PSD Eerste", "psd", p);
  const RowId p2 = t.actor("Gevangenis Tweede", "prison");
  t.at(p2).validTo = day("2026-06-30");
  const RowId vk1 = t.actor("VK 1", "vk");
  const RowId ocj1 = t.actor("OCJ 1", "ocj");
  const RowId clb1 = t.actor("CLB 1", "clb");
  const RowId cgg1 = t.actor("CGG 1", "cgg");
  const RowId cgg2 = t.actor("CGG 2", "cgg");
  const RowId a1 =
      t.agreement({psd, vk1}, {on("2025-01-10", AgreementStatus::Idea), on("2026-03-01", AgreementStatus::Agreed)});
  t.tie(p, ocj1);
  t.agreement({psd, ocj1}, {on("2026-04-01", AgreementStatus::Agreed)});
  t.tie(p, clb1, TieStatus::Active, day("2026-05-01"));
  t.tie(p, cgg1, TieStatus::Active, std::nullopt, day("2026-02-28"));
  t.tie(p2, cgg2);
  const RowId vk = t.category("vk"), ocj = t.category("ocj"), clb = t.category("clb"), cgg = t.category("cgg");

  const auto before = coverage(t.m, day("2025-12-31"));
  const auto after = coverage(t.m, kAsOf);
  REQUIRE(before.prisons.size() == 2);
  REQUIRE(after.prisons.size() == 1);
  const PrisonCoverage& then = *before.find(p);
  const PrisonCoverage& now = *after.find(p);
  CHECK(key(cellOf(then, vk).status) == "missing");
  CHECK(cellOf(then, vk).pendingAgreements == std::vector<RowId>{a1});
  CHECK(key(cellOf(then, ocj).status) == "informal");
  CHECK(key(cellOf(then, clb).status) == "missing");
  CHECK(partners(cellOf(then, cgg)) == std::vector<PartnerRow>{{cgg1, 1, false}});
  CHECK(key(cellOf(*before.find(p2), cgg).status) == "informal");

  CHECK(partners(cellOf(now, vk)) == std::vector<PartnerRow>{{vk1, 1, true}});
  CHECK(cellOf(now, vk).agreements == std::vector<RowId>{a1});
  CHECK(cellOf(now, vk).pendingAgreements.empty());
  CHECK(key(cellOf(now, ocj).status) == "formalised");
  CHECK(partners(cellOf(now, clb)) == std::vector<PartnerRow>{{clb1, 1, false}});
  CHECK(key(cellOf(now, cgg).status) == "missing");

  // Before the agreement's first entry it does not exist: not even pending.
  CHECK(cellOf(*coverage(t.m, day("2025-01-09")).find(p), vk).pendingAgreements.empty());

  const auto diff = CoverageDiff::between(before, after);
  using S = CoverageStatus;
  CHECK(changes(diff.gained) == std::vector<ChangeRow>{{p, vk, S::Missing, S::Formalised},
                                                       {p, ocj, S::Informal, S::Formalised},
                                                       {p, clb, S::Missing, S::Informal}});
  // A prison that is gone loses what it had.
  CHECK(changes(diff.lost) ==
        std::vector<ChangeRow>{{p, cgg, S::Informal, S::Missing}, {p2, cgg, S::Informal, S::Missing}});

  const auto back = CoverageDiff::between(after, before);
  CHECK(changes(back.gained) ==
        std::vector<ChangeRow>{{p, cgg, S::Missing, S::Informal}, {p2, cgg, S::Missing, S::Informal}});
  CHECK(changes(back.lost) == std::vector<ChangeRow>{{p, vk, S::Formalised, S::Missing},
                                                     {p, ocj, S::Formalised, S::Informal},
                                                     {p, clb, S::Informal, S::Missing}});
  const auto same = CoverageDiff::between(after, after);
  CHECK(same.gained.empty());
  CHECK(same.lost.empty());
}

TEST_CASE("Sector gaps per province that holds a prison", "[nest]") {
  //   ANT:  Gevangenis Aa      Gevangenis Antwerpen ── psdA              (justice–justice)
  //                            Gevangenis Antwerpen ── vkA ── clbA ── clbA2
  //                            Gevangenis Antwerpen ┄┄ clbA (planned)
  //                            Gevangenis Antwerpen ── cawOld (CAW closed in 2025: no welfare sector)
  //   LIM:  Gevangenis Hasselt ── vkA (across provinces: not counted)     vkL
  //   OVL:  clbO (no prison: no region);   Gevangenis Nergens: no province, no region
  TestMap t;
  auto placed = [&](std::string name, std::string_view type, std::string province) {
    const RowId id = t.actor(std::move(name), type);
    t.at(id).province = std::move(province);
    return id;
  };
  const RowId pa = placed("Gevangenis Antwerpen", "prison", "ANT");
  const RowId pa2 = placed("Gevangenis Aa", "prison", "ANT");
  const RowId psdA = placed("PSD Antwerpen", "psd", "ANT");
  const RowId vkA = placed("VK Antwerpen", "vk", "ANT");
  const RowId clbA = placed("CLB Antwerpen", "clb", "ANT");
  const RowId clbA2 = placed("CLB Antwerpen 2", "clb", "ANT");
  const RowId cawOld = placed("CAW Oud", "caw", "ANT");
  t.at(cawOld).validTo = day("2025-12-31");
  const RowId pl = placed("Gevangenis Hasselt", "prison", "LIM");
  placed("VK Limburg", "vk", "LIM");
  placed("CLB Gent", "clb", "OVL");
  placed("Gevangenis Nergens", "prison", "");
  t.tie(pa, psdA);
  t.tie(pa, vkA);
  t.tie(vkA, clbA);
  t.tie(clbA, clbA2);
  t.tie(pa, clbA, TieStatus::Planned);
  t.tie(pa, cawOld);
  t.tie(pl, vkA);

  SectorGaps::Params params;
  params.asOf = kAsOf;
  const auto result = SectorGaps::run(t.m, params);
  const RowId justice = t.m.sectorByKey("justice")->id;
  const RowId child = t.m.sectorByKey("child_protection")->id;
  const RowId education = t.m.sectorByKey("education")->id;
  using Pairs = std::vector<std::pair<RowId, RowId>>;
  using Matrix = std::vector<std::vector<int>>;
  REQUIRE(result.regions.size() == 2);
  const SectorGaps::Region& ant = result.regions[0];
  CHECK(ant.province == "ANT");
  CHECK(ant.prisons == std::vector<RowId>{pa2, pa});
  CHECK(ant.sectors == std::vector<RowId>{justice, child, education});
  CHECK(ant.ties == Matrix{{1, 1, 0}, {1, 0, 1}, {0, 1, 1}});
  CHECK(ant.missingPairs == Pairs{{justice, education}});
  const SectorGaps::Region& lim = result.regions[1];
  CHECK(lim.province == "LIM");
  CHECK(lim.prisons == std::vector<RowId>{pl});
  CHECK(lim.sectors == std::vector<RowId>{justice, child});
  CHECK(lim.ties == Matrix{{0, 0}, {0, 0}});
  CHECK(lim.missingPairs == Pairs{{justice, child}});

  // While the CAW was open, welfare was there too, tied to justice.
  params.asOf = day("2025-06-01");
  const auto earlier = SectorGaps::run(t.m, params);
  const RowId welfare = t.m.sectorByKey("welfare")->id;
  CHECK(earlier.regions[0].sectors == std::vector<RowId>{justice, welfare, child, education});
  CHECK(earlier.regions[0].ties == Matrix{{1, 1, 1, 0}, {1, 0, 0, 0}, {1, 0, 0, 1}, {0, 0, 1, 1}});
  CHECK(earlier.regions[0].missingPairs == Pairs{{justice, education}, {welfare, child}, {welfare, education}});
}

TEST_CASE("The demo map shows the gaps that were built into it", "[nest]") {
  const Model m = demoModel(embeddedData());
  auto actor = [&](std::string_view key) { return test::actorByKey(m, key); };
  auto agreement = [&](std::string_view title) -> RowId {
    for (const auto& [id, a] : m.agreements)
      if (a.title.starts_with(title)) return id;
    FAIL("no agreement " << title);
    return 0;
  };
  auto category = [&](std::string_view key) -> RowId {
    for (const auto& [id, c] : m.nestCategories)
      if (c.key == key) return id;
    FAIL("no category " << key);
    return 0;
  };
  const auto result = coverage(m, kAsOf);
  REQUIRE(result.prisons.size() == 19);
  auto cell = [&](std::string_view prison, std::string_view cat) -> const CoverageCell& {
    const PrisonCoverage* p = result.find(actor(prison));
    REQUIRE(p);
    return cellOf(*p, category(cat));
  };
  auto missing = [&](std::string_view prison) {
    std::set<std::string> out;
    for (const CoverageCell& c : result.find(actor(prison))->cells)
      if (c.status == CoverageStatus::Missing) out.insert(m.nestCategories.find(c.categoryId)->key);
    return out;
  };

  std::set<std::string> kinds;
  for (const PrisonCoverage& p : result.prisons)
    for (const CoverageCell& c : p.cells) {
      kinds.insert(std::string(key(c.status)));
      if (c.fragile) kinds.insert(std::string(key(c.fragility)));
      if (c.stale) kinds.insert("stale");
    }
  // The demo has no cell whose ways all hang on one tie: where everything
  // runs through one thing, it is an actor (a go-between or the PSD), or the
  // cell has one partner only.
  CHECK(kinds == std::set<std::string>{"formalised", "informal", "missing", "single_partner", "single_actor", "stale"});

  SECTION("Olen and Ruiselede are thin: the two weakest nests") {
    const auto weakest = result.weakest();
    CHECK(result.prisons[weakest[0]].prisonId == actor("prison_olen"));
    CHECK(result.prisons[weakest[1]].prisonId == actor("prison_ruiselede"));
  }
  SECTION("missing categories") {
    // The categories left out on purpose are missing (opgroeien, three steps
    // away at most, is missing for several more once other prisons' sides are
    // no way through); a full nest misses none.
    using Keys = std::set<std::string>;
    auto includes = [](const Keys& all, const Keys& some) {
      return std::includes(all.begin(), all.end(), some.begin(), some.end());
    };
    CHECK(includes(missing("prison_wortel"), {"huis_van_het_kind", "clb", "gezin_plan", "overkop", "ouder_kind"}));
    CHECK(includes(missing("prison_dendermonde"), {"overkop"}));
    CHECK(includes(missing("prison_merksplas"), {"huis_van_het_kind", "overkop"}));
    CHECK(missing("prison_ieper") == Keys{"ocj", "clb", "overkop"});
    CHECK(includes(missing("prison_oudenaarde"), {"gezin_plan"}));
    CHECK(missing("prison_gent").empty());
    CHECK(missing("prison_olen").size() >= 9);
    CHECK(missing("prison_ruiselede").size() >= 9);
  }
  SECTION("single go-betweens: one partner, reached through one actor") {
    const CoverageCell& ieperVk = cell("prison_ieper", "vk");
    CHECK(describe(ieperVk) == "informal single_actor");
    CHECK(ieperVk.singleActor == actor("caw_centraal_west_vlaanderen"));
    CHECK(ieperVk.paths == std::vector<std::vector<RowId>>{{actor("jww_ieper"), actor("caw_centraal_west_vlaanderen"),
                                                            actor("vk_west_vlaanderen")}});
    const CoverageCell& hasseltOcj = cell("prison_hasselt", "ocj");
    CHECK(describe(hasseltOcj) == "informal single_actor");
    CHECK(hasseltOcj.singleActor == actor("vk_limburg"));
    CHECK(hasseltOcj.paths ==
          std::vector<std::vector<RowId>>{{actor("psd_hasselt"), actor("vk_limburg"), actor("ocj_limburg")}});
    // vk asks for an agreement: informal is worth 0.25, × 0.75 for the flag.
    CHECK(ieperVk.value == 0.25 * 0.75);
  }
  SECTION("the JWW team is the side: its own CAW is the one caw_jww partner") {
    // No partner anywhere is on its prison's side, or 0 steps from it.
    const RowId jwwType = m.actorTypeByKey("caw_jww")->id;
    for (const PrisonCoverage& p : result.prisons)
      for (const CoverageCell& c : p.cells)
        for (const CellPartner& partner : c.partners) {
          CHECK(std::find(p.side.begin(), p.side.end(), partner.actorId) == p.side.end());
          CHECK(partner.hops != 0);
          CHECK(m.actors.find(partner.actorId)->typeId != jwwType);
        }
    // Every prison has one JWW team on its side; the regional CAW above it is
    // the cell's one partner, one step away: formal where the JWW–PSD
    // agreement the CAW signed counts, informal where there is none that does.
    std::set<std::string> informal;
    for (const PrisonCoverage& p : result.prisons) {
      std::vector<RowId> teams;
      for (RowId id : p.side)
        if (m.actors.find(id)->typeId == jwwType) teams.push_back(id);
      REQUIRE(teams.size() == 1);
      const RowId caw = m.actors.find(teams[0])->parentId;
      const CoverageCell& c = cellOf(p, category("caw_jww"));
      CHECK(c.fragility == Fragility::SinglePartner);
      REQUIRE(c.partners.size() == 1);
      CHECK(c.partners[0].actorId == caw);
      CHECK(c.partners[0].hops == 1);
      CHECK(c.partners[0].formal == (c.status == CoverageStatus::Formalised));
      if (c.status == CoverageStatus::Informal) informal.insert(m.actors.find(p.prisonId)->externalId);
    }
    CHECK(informal == std::set<std::string>{"prison_hoogstraten", "prison_ieper", "prison_olen", "prison_ruiselede",
                                            "prison_wortel"});
    const CoverageCell& olenJww = cell("prison_olen", "caw_jww");
    CHECK(describe(olenJww) == "informal single_partner");
    CHECK(partners(olenJww) == std::vector<PartnerRow>{{actor("caw_de_kempen"), 1, false}});
    CHECK(olenJww.paths == std::vector<std::vector<RowId>>{{actor("jww_olen"), actor("caw_de_kempen")}});
    CHECK(olenJww.value == 0.25 * 0.75);
  }
  SECTION("single side actors: the PSD") {
    for (std::string_view prison : {"beveren", "dendermonde"}) {
      const std::string psd = "psd_" + std::string(prison);
      const CoverageCell& cgg = cell("prison_" + std::string(prison), "cgg");
      CHECK(describe(cgg) == "informal single_actor");
      CHECK(cgg.singleActor == actor(psd));
      CHECK(partners(cgg) ==
            std::vector<PartnerRow>{{actor("cgg_waas_en_dender"), 1, false}, {actor("cgg_eclips"), 2, false}});
      CHECK(cgg.paths ==
            std::vector<std::vector<RowId>>{{actor(psd), actor("cgg_waas_en_dender")},
                                            {actor(psd), actor("vk_oost_vlaanderen"), actor("cgg_eclips")}});
    }
  }
  SECTION("stalled agreements are pending, not formal") {
    // Pending for caw_jww because the regional CAW is a party, not the JWW team.
    const CoverageCell& olenJww = cell("prison_olen", "caw_jww");
    CHECK(olenJww.agreements.empty());
    CHECK(olenJww.pendingAgreements ==
          std::vector<RowId>{agreement("Samenwerkingsovereenkomst JWW–PSD Detentiehuis Olen")});
    const CoverageCell& ieperJww = cell("prison_ieper", "caw_jww");
    CHECK(ieperJww.agreements.empty());
    CHECK(ieperJww.pendingAgreements ==
          std::vector<RowId>{agreement("Samenwerkingsovereenkomst JWW–PSD Gevangenis Ieper")});
    const CoverageCell& ruiseledeVk = cell("prison_ruiselede", "vk");
    CHECK(ruiseledeVk.status == CoverageStatus::Informal);
    CHECK(ruiseledeVk.pendingAgreements ==
          std::vector<RowId>{agreement("Consultatieafspraak Gevangenis Ruiselede – VK West-Vlaanderen")});
    const CoverageCell& wortelOcj = cell("prison_wortel", "ocj");
    CHECK(wortelOcj.status == CoverageStatus::Informal);
    CHECK(wortelOcj.pendingAgreements ==
          std::vector<RowId>{agreement("Doorverwijsafspraak Gevangenis Wortel – OCJ Antwerpen")});
  }
  SECTION("overdue reviews make formal cells stale") {
    const CoverageCell& merksplasVk = cell("prison_merksplas", "vk");
    CHECK(describe(merksplasVk) == "formalised single_partner stale");
    const RowId consult = agreement("Consultatieafspraak PSD Merksplas – VK Antwerpen");
    CHECK(merksplasVk.staleAgreements == std::vector<RowId>{consult});
    CHECK(*m.agreements.find(consult)->reviewDate < kAsOf);
    CHECK(merksplasVk.value == 0.5625);
    const CoverageCell& merksplasJww = cell("prison_merksplas", "caw_jww");
    CHECK(describe(merksplasJww) == "formalised single_partner stale");
    CHECK(partners(merksplasJww) == std::vector<PartnerRow>{{actor("caw_de_kempen"), 1, true}});
    CHECK(merksplasJww.staleAgreements ==
          std::vector<RowId>{agreement("Samenwerkingsovereenkomst JWW–PSD Gevangenis Merksplas")});
    // The same kind of agreement, reviewed in time, leaves the cell fresh.
    CHECK(describe(cell("prison_beveren", "caw_jww")) == "formalised single_partner");
    // Gent's case consultation is overdue: it makes the vk and ocj cells it
    // formalises stale. It has the JWW team as a party but not its CAW, so it
    // is no caw_jww agreement: that cell rests on the JWW–PSD agreement alone,
    // reviewed in time. (No demo cell has a fresh agreement beside an overdue one.)
    const RowId consultation = agreement("Casusoverleg OCJ – VK Oost-Vlaanderen – JWW Gent");
    const CoverageCell& gentJww = cell("prison_gent", "caw_jww");
    CHECK(describe(gentJww) == "formalised single_partner");
    CHECK(gentJww.agreements == std::vector<RowId>{agreement("Samenwerkingsovereenkomst JWW–PSD Gevangenis Gent")});
    CHECK(gentJww.staleAgreements.empty());
    const CoverageCell& gentVk = cell("prison_gent", "vk");
    CHECK(describe(gentVk) == "formalised stale");
    CHECK(gentVk.agreements == std::vector<RowId>{consultation});
    CHECK(partners(gentVk).front() == PartnerRow{actor("vk_oost_vlaanderen"), 1, true});
    CHECK(describe(cell("prison_gent", "ocj")) == "formalised single_partner stale");
    CHECK(cell("prison_gent", "ocj").staleAgreements == std::vector<RowId>{consultation});
  }
}
