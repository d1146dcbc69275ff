// Nest coverage and partner finder benchmark: a generated map of Flanders and
// Brussels on top of the default taxonomy and the Kindreflex nest template,
// timed the way a user waits for it.
//
//   nest_bench [--actors N] [--ties M] [--agreements A] [--prisons P] [--runs R] [--seed S]
//
// Prints what the map holds (so one can see it is neither all missing nor all
// formalised), then the median time of each step against the targets.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numbers>
#include <optional>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/nest_coverage.hpp"
#include "analysis/partner_finder.hpp"
#include "bench_clock.hpp"
#include "io/data_sources.hpp"

using namespace nestmap;
using bench::Clock;
using bench::msSince;

namespace {

struct Options {
  std::size_t actors = 20000, ties = 100000, agreements = 2000, prisons = 40;
  int runs = 5;
  std::uint64_t seed = 42;
};

/// Draws from a seeded mt19937_64 through our own mappings: the std
/// distributions differ between standard libraries, and one seed must give
/// one map everywhere.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : m_rng(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_rng() % n); }
  double unit() { return static_cast<double>(m_rng() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  double normal() {  // Box–Muller
    const double u = 1.0 - unit(), v = unit();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
  }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  /// An index drawn in proportion to `weights`.
  std::size_t weighted(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = unit() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 m_rng;
};

/// A part of Flanders or Brussels that actors cluster around.
struct Region {
  const char* name;
  double lat, lon;
  const char *province, *district, *zone;
  double weight;  ///< share of the actors
};

// clang-format off
constexpr Region kRegions[] = {
    {"Antwerpen",       51.22, 4.40, "ANT", "Antwerpen",       "ELZ Antwerpen",          2.0},
    {"Mechelen",        51.03, 4.48, "ANT", "Antwerpen",       "ELZ Mechelen-Katelijne", 1.0},
    {"Turnhout",        51.32, 4.95, "ANT", "Antwerpen",       "ELZ Kempen",             1.0},
    {"Hasselt",         50.93, 5.34, "LIM", "Limburg",         "ELZ Hasselt",            1.0},
    {"Genk",            50.97, 5.50, "LIM", "Limburg",         "ELZ Oost-Limburg",       0.8},
    {"Gent",            51.05, 3.72, "OVL", "Oost-Vlaanderen", "ELZ Gent",               1.5},
    {"Dendermonde",     51.03, 4.10, "OVL", "Oost-Vlaanderen", "ELZ Dender",             0.8},
    {"Sint-Niklaas",    51.16, 4.14, "OVL", "Oost-Vlaanderen", "ELZ Waasland",           0.8},
    {"Oudenaarde",      50.85, 3.60, "OVL", "Oost-Vlaanderen", "ELZ Vlaamse Ardennen",   0.6},
    {"Brugge",          51.21, 3.22, "WVL", "West-Vlaanderen", "ELZ Brugge",             1.0},
    {"Kortrijk",        50.83, 3.27, "WVL", "West-Vlaanderen", "ELZ Kortrijk",           1.0},
    {"Ieper",           50.85, 2.88, "WVL", "West-Vlaanderen", "ELZ Westhoek",           0.6},
    {"Leuven",          50.88, 4.70, "VBR", "Leuven",          "ELZ Leuven",             1.0},
    {"Halle",           50.74, 4.24, "VBR", "Halle-Vilvoorde", "ELZ Zennevallei",        0.7},
    {"Brussel",         50.85, 4.35, "BRU", "Brussel",         "",                       1.8},
};
// clang-format on
constexpr std::size_t kRegionCount = std::size(kRegions);

constexpr double kLatMin = 50.7, kLatMax = 51.4, kLonMin = 2.6, kLonMax = 5.9;
constexpr double kCellLat = 0.1, kCellLon = 0.15;  // about 11 × 10 km
constexpr int kRows = 7, kCols = 22;

/// The types of the actors that are not a prison's side, with their number in
/// a map of 20,000: the services of the nest about as many as Flanders and
/// Brussels have (5 VK, 13 justice houses, ~300 OCMWs), the rest the many
/// organisations around them.
struct TypeShare {
  const char* key;
  double share;
};
// clang-format off
constexpr TypeShare kTypeShares[] = {
    {"caw", 120},          {"vk", 8},             {"veck", 1},          {"veilig_huis", 10},
    {"ocj", 20},           {"ckg", 40},           {"opgroeien", 40},    {"huis_van_het_kind", 200},
    {"gezin_plan", 30},    {"parent_child", 100}, {"clb", 300},         {"overkop", 20},
    {"cgg", 80},           {"justitiehuis", 14},  {"ocmw", 300},        {"helpline", 50},
    {"volunteer_org", 6000}, {"network_org", 1500}, {"research", 400}, {"government", 1000},
    {"other", 9800},
};
// clang-format on
// Types whose organisations often have teams under them (parent = an earlier one nearby).
constexpr std::string_view kTeamTypes[] = {"caw", "cgg", "clb", "ocmw", "opgroeien", "ckg"};

const char* const kTieTypes[] = {"referral",   "consultation",   "information_sharing", "protocol",
                                 "funding",    "joint_activity", "governance",          "training",
                                 "membership", "other"};
constexpr double kTieTypeShares[] = {20, 20, 12, 4, 4, 15, 5, 8, 7, 5};

/// The statuses an agreement ends in, with their share.
constexpr double kFinalStatusShares[] = {10, 14, 14, 20, 22, 10, 10};  // in kAllAgreementStatuses order

Date day(int y, int m, int d) { return *Date::fromYmd(y, m, d); }
Date plusDays(Date d, int n) { return Date{d.days + n}; }

/// The ids of one prison and of the actors on its side.
struct PrisonIds {
  RowId prison = 0, psd = 0, jww = 0, ambassadors = 0;
  std::size_t region = 0;
};

/// Builds the benchmark map, deterministically from the seed.
class MapGenerator {
 public:
  MapGenerator(const Options& options, Date asOf)
      : m_options(options), m_asOf(asOf), m_draw(options.seed), m_model(defaultModel(embeddedData(), "nest_bench")) {}

  Model generate() {
    indexTaxonomy();
    makeActors();
    makeTies();
    makeAgreements();
    return std::move(m_model);
  }

  std::size_t agreementsWithSide() const { return m_agreementsWithSide; }

 private:
  RowId typeId(std::string_view key) const {
    const ActorType* t = m_model.actorTypeByKey(key);
    if (!t) throw std::runtime_error("the default taxonomy has no actor type " + std::string(key));
    return t->id;
  }

  void indexTaxonomy() {
    for (const char* k : kTieTypes) {
      const TieType* t = m_model.tieTypeByKey(k);
      if (!t) throw std::runtime_error(std::string("the default taxonomy has no tie type ") + k);
      m_tieTypes.push_back(t);
    }
    for (const auto& [id, type] : m_model.agreementTypes) m_agreementTypes.push_back(id);
    for (const auto& [id, category] : m_model.nestCategories)
      m_nestTypes.insert(m_nestTypes.end(), category.actorTypeIds.begin(), category.actorTypeIds.end());
  }

  static int cellOf(double lat, double lon) {
    const int row = std::clamp(static_cast<int>((lat - kLatMin) / kCellLat), 0, kRows - 1);
    const int col = std::clamp(static_cast<int>((lon - kLonMin) / kCellLon), 0, kCols - 1);
    return row * kCols + col;
  }

  /// Appends an actor of `type` in `region`, near its centre (spread in degrees), and indexes it.
  RowId addActor(std::string name, RowId type, std::size_t region, double spread, RowId parent = 0,
                 bool placed = true) {
    const Region& r = kRegions[region];
    const RowId id = m_model.actors.nextId();
    Actor& a = m_model.actors.append(id);
    a.name = std::move(name);
    a.typeId = type;
    a.parentId = parent;
    const double lat = std::clamp(r.lat + spread * m_draw.normal(), kLatMin, kLatMax);
    const double lon = std::clamp(r.lon + 1.5 * spread * m_draw.normal(), kLonMin, kLonMax);
    if (placed) {
      a.latitude = std::round(lat * 1e4) / 1e4;
      a.longitude = std::round(lon * 1e4) / 1e4;
    }
    a.municipality = r.name;
    if (placed || m_draw.chance(0.5)) {
      a.province = r.province;
      a.judicialDistrict = r.district;
      // Four zones per region, by quadrant around its centre (Brussels has none).
      if (*r.zone) a.eerstelijnszone = std::string(r.zone) + ' ' + char('1' + (lat > r.lat) * 2 + (lon > r.lon));
    }
    const ActorType* t = m_model.actorTypes.find(type);
    a.line = t ? t->line : 1;
    a.influence = m_draw.between(0, 5);
    a.interest = m_draw.between(0, 5);
    // A few organisations closed or not yet open on the day.
    if (m_draw.chance(0.02))
      a.validTo = plusDays(m_asOf, -m_draw.between(1, 2000));
    else if (m_draw.chance(0.01))
      a.validFrom = plusDays(m_asOf, m_draw.between(1, 400));
    else if (m_draw.chance(0.2))
      a.validFrom = plusDays(m_asOf, -m_draw.between(30, 9000));

    const int cell = placed ? cellOf(lat, lon) : cellOf(r.lat, r.lon);
    const auto index = static_cast<std::size_t>(id - 1);
    m_regionOf.push_back(region);
    m_cellOf.push_back(cell);
    m_cells[static_cast<std::size_t>(cell)].push_back(index);
    m_byRegion[region].push_back(index);
    if (std::find(m_nestTypes.begin(), m_nestTypes.end(), type) != m_nestTypes.end())
      m_nestByRegion[region].push_back(index);
    return id;
  }

  /// Puts actor `id` at the place of actor `to`.
  void moveTo(RowId id, RowId to) {
    Actor& a = *m_model.actors.find(id);
    const Actor& there = *m_model.actors.find(to);
    a.latitude = there.latitude;
    a.longitude = there.longitude;
    const auto index = static_cast<std::size_t>(id - 1), toIndex = static_cast<std::size_t>(to - 1);
    std::erase(m_cells[static_cast<std::size_t>(m_cellOf[index])], index);
    m_cellOf[index] = m_cellOf[toIndex];
    m_cells[static_cast<std::size_t>(m_cellOf[index])].push_back(index);
  }

  std::size_t pickRegion() {
    double weights[kRegionCount];
    for (std::size_t r = 0; r < kRegionCount; ++r) weights[r] = kRegions[r].weight;
    return m_draw.weighted(weights);
  }

  void makeActors() {
    m_cells.assign(kRows * kCols, {});
    m_byRegion.assign(kRegionCount, {});
    m_nestByRegion.assign(kRegionCount, {});
    m_model.actors.reserve(m_options.actors);

    // A national hub: the prison administration governs every prison.
    m_administration = addActor("FOD Justitie – DG EPI", typeId("government"), kRegionCount - 1, 0.01);
    m_hubs.push_back(static_cast<std::size_t>(m_administration - 1));
    // One CAW per region: the JWW teams hang under it.
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      m_regionalCaw.push_back(addActor(std::string("CAW ") + kRegions[r].name, typeId("caw"), r, 0.03));
      m_hubs.push_back(static_cast<std::size_t>(m_regionalCaw.back() - 1));
    }
    // Prisons: one in each region, the rest spread by weight; each with its side.
    for (std::size_t p = 0; p < m_options.prisons; ++p) {
      PrisonIds ids;
      ids.region = p < kRegionCount ? p : pickRegion();
      const std::string suffix = std::string(kRegions[ids.region].name) + ' ' + std::to_string(p + 1);
      ids.prison = addActor("Gevangenis " + suffix, typeId("prison"), ids.region, 0.05);
      ids.psd = addActor("PSD " + suffix, typeId("psd"), ids.region, 0.0, ids.prison);
      ids.ambassadors =
          addActor("Kindreflex-ambassadeurs " + suffix, typeId("ambassador_team"), ids.region, 0.0, ids.prison);
      ids.jww = addActor("JWW " + suffix, typeId("caw_jww"), ids.region, 0.0, m_regionalCaw[ids.region]);
      // The side sits at the prison, and prisons and sides are open on the day.
      for (RowId id : {ids.prison, ids.psd, ids.ambassadors, ids.jww}) {
        Actor& a = *m_model.actors.find(id);
        a.validFrom.reset();
        a.validTo.reset();
        if (id != ids.prison) moveTo(id, ids.prison);
      }
      m_prisons.push_back(ids);
    }
    // The rest over the other types.
    std::vector<double> shares;
    std::vector<RowId> types;
    for (const TypeShare& s : kTypeShares) {
      shares.push_back(s.share);
      types.push_back(typeId(s.key));
    }
    std::vector<RowId> teamTypes;
    for (std::string_view k : kTeamTypes) teamTypes.push_back(typeId(k));
    const RowId network = typeId("network_org"), government = typeId("government");
    std::vector<std::vector<std::vector<RowId>>> byTypeAndRegion(types.size(),
                                                                 std::vector<std::vector<RowId>>(kRegionCount));
    for (std::size_t n = 1; m_model.actors.size() < m_options.actors; ++n) {
      const std::size_t t = m_draw.weighted(shares);
      const std::size_t region = pickRegion();
      RowId parent = 0;
      auto& earlier = byTypeAndRegion[t][region];
      if (std::find(teamTypes.begin(), teamTypes.end(), types[t]) != teamTypes.end() && !earlier.empty() &&
          m_draw.chance(0.15))
        parent = m_draw.pick(earlier);
      const RowId id = addActor(std::string(kTypeShares[t].key) + ' ' + kRegions[region].name + ' ' + std::to_string(n),
                                types[t], region, 0.12, parent, !m_draw.chance(0.03));
      earlier.push_back(id);
      if ((types[t] == network || types[t] == government) && m_draw.chance(0.25))
        m_hubs.push_back(static_cast<std::size_t>(id - 1));
    }
    m_hubsByRegion.assign(kRegionCount, {});
    for (std::size_t h : m_hubs) m_hubsByRegion[m_regionOf[h]].push_back(h);
  }

  void addTie(std::size_t a, std::size_t b, const TieType& type, TieStatus status, int strength,
              std::optional<Date> from = {}, std::optional<Date> to = {}) {
    Tie& t = m_model.ties.append(m_model.ties.nextId());
    t.sourceId = static_cast<RowId>(a + 1);
    t.targetId = static_cast<RowId>(b + 1);
    t.typeId = type.id;
    t.direction = type.directed ? (m_draw.chance(0.85) ? Direction::Directed : Direction::Mutual)
                                : (m_draw.chance(0.8) ? Direction::Undirected : Direction::Mutual);
    t.strength = strength;
    t.status = status;
    t.validFrom = from;
    t.validTo = to;
    m_ends.push_back(a);
    m_ends.push_back(b);
  }

  const TieType& tieType(std::string_view key) const {
    for (const TieType* t : m_tieTypes)
      if (t->key == key) return *t;
    throw std::runtime_error("the default taxonomy has no tie type " + std::string(key));
  }

  /// An actor in the same or a neighbouring cell of `a`.
  std::size_t near(std::size_t a) {
    const int cell = m_cellOf[a], row = cell / kCols + m_draw.between(-1, 1),
              col = cell % kCols + m_draw.between(-1, 1);
    if (row >= 0 && row < kRows && col >= 0 && col < kCols) {
      const auto& there = m_cells[static_cast<std::size_t>(row * kCols + col)];
      if (!there.empty()) return m_draw.pick(there);
    }
    return m_draw.pick(m_cells[static_cast<std::size_t>(cell)]);
  }

  /// A tie of a random type, mostly active; a quarter dated.
  void randomTie(std::size_t a, std::size_t b) {
    const TieType& type = *m_tieTypes[m_draw.weighted(kTieTypeShares)];
    const double s = m_draw.unit();
    const TieStatus status = s < 0.85 ? TieStatus::Active : s < 0.93 ? TieStatus::Planned : TieStatus::Ended;
    std::optional<Date> from, to;
    if (m_draw.chance(0.25)) from = plusDays(day(2015, 1, 1), m_draw.between(0, 4500));  // to mid-2027
    if (status == TieStatus::Ended) to = plusDays(m_asOf, -m_draw.between(1, 1500));
    addTie(a, b, type, status, m_draw.between(1, 3), from, to);
  }

  void makeTies() {
    m_model.ties.reserve(m_options.ties);
    const TieType &governance = tieType("governance"), &joint = tieType("joint_activity"),
                  &consultation = tieType("consultation");
    auto index = [](RowId id) { return static_cast<std::size_t>(id - 1); };
    for (const PrisonIds& p : m_prisons) {
      addTie(index(m_administration), index(p.prison), governance, TieStatus::Active, 3);
      addTie(index(p.prison), index(p.psd), governance, TieStatus::Active, 3);
      addTie(index(p.prison), index(p.ambassadors), governance, TieStatus::Active, 2);
      addTie(index(p.psd), index(p.ambassadors), consultation, TieStatus::Active, 2);
      addTie(index(m_regionalCaw[p.region]), index(p.jww), governance, TieStatus::Active, 3);
      addTie(index(p.jww), index(p.prison), joint, TieStatus::Active, 3);
      // The side works with its surroundings.
      for (RowId side : {p.prison, p.psd, p.jww, p.ambassadors})
        for (int k = 0; k < (side == p.prison ? 4 : 6); ++k) {
          std::size_t other = near(index(side));
          if (other != index(side)) randomTie(index(side), other);
        }
    }
    const std::size_t n = m_regionOf.size();
    while (m_model.ties.size() < m_options.ties) {
      // A quarter of the sources by preferential attachment: some actors become hubs.
      const std::size_t a = m_draw.chance(0.25) && !m_ends.empty() ? m_draw.pick(m_ends) : m_draw.below(n);
      std::size_t b = 0;
      const double where = m_draw.unit();
      if (where < 0.75)
        b = near(a);
      else if (where < 0.85)
        b = m_draw.pick(m_byRegion[m_regionOf[a]]);
      else if (where < 0.95)
        b = !m_hubsByRegion[m_regionOf[a]].empty() && m_draw.chance(0.7) ? m_draw.pick(m_hubsByRegion[m_regionOf[a]])
                                                                         : m_draw.pick(m_hubs);
      else
        b = m_draw.below(n);
      if (a != b) randomTie(a, b);
    }
  }

  /// A dated history that ends in a status drawn by kFinalStatusShares.
  std::vector<StatusChange> history(Date start) {
    const AgreementStatus end = kAllAgreementStatuses[m_draw.weighted(kFinalStatusShares)];
    const AgreementStatus stopped = AgreementStatus::Stopped;
    // Stopped agreements stop after some stage short of evaluation.
    const std::size_t last = end == stopped ? m_draw.below(5) : static_cast<std::size_t>(end);
    std::vector<StatusChange> out;
    Date date = start;
    for (std::size_t s = 0; s <= last; ++s) {
      const AgreementStatus status = kAllAgreementStatuses[s];
      if (s < last && ((status == AgreementStatus::Idea && m_draw.chance(0.3)) ||
                       (status == AgreementStatus::Formalised && m_draw.chance(0.2))))
        continue;
      out.push_back({date, status, {}});
      date = plusDays(date, m_draw.between(14, 180));
    }
    if (end == stopped) out.push_back({date, stopped, "stopgezet"});
    return out;
  }

  void makeAgreements() {
    for (std::size_t i = 0; i < m_options.agreements; ++i) {
      Agreement& a = m_model.agreements.append(m_model.agreements.nextId());
      a.typeId = m_draw.pick(m_agreementTypes);
      std::vector<RowId> parties;
      auto add = [&](RowId id) {
        if (std::find(parties.begin(), parties.end(), id) == parties.end()) parties.push_back(id);
      };
      const int size = m_draw.between(2, 4);
      std::size_t region = 0;
      if (!m_prisons.empty() && m_draw.chance(0.5)) {
        // An agreement of a prison's side with services around it.
        const PrisonIds& p = m_draw.pick(m_prisons);
        region = p.region;
        const RowId side[] = {p.prison, p.psd, p.jww, p.ambassadors};
        constexpr double sideShares[] = {25, 35, 30, 10};
        add(side[m_draw.weighted(sideShares)]);
        if (m_draw.chance(0.2)) add(side[m_draw.weighted(sideShares)]);
        if (m_draw.chance(0.8)) a.scopePrisonId = p.prison;
        a.title = "Afspraak " + std::string(kRegions[region].name) + " gevangenis " + std::to_string(i + 1);
        a.owner = "Directie " + m_model.actors.find(p.prison)->name;
        ++m_agreementsWithSide;
      } else {
        // Among services of one region; some scoped to a prison there without its side as a party.
        region = pickRegion();
        add(static_cast<RowId>(m_draw.pick(m_byRegion[region]) + 1));
        if (m_draw.chance(0.15)) {
          std::vector<RowId> here;
          for (const PrisonIds& p : m_prisons)
            if (p.region == region) here.push_back(p.prison);
          if (!here.empty()) a.scopePrisonId = m_draw.pick(here);
        }
        a.title = "Samenwerking " + std::string(kRegions[region].name) + ' ' + std::to_string(i + 1);
        a.owner = m_model.actors.find(parties.front())->name;
      }
      for (int tries = 0; static_cast<int>(parties.size()) < size && tries < 20; ++tries) {
        const auto& nest = m_nestByRegion[region];
        const std::size_t other = !nest.empty() && m_draw.chance(0.6)
                                      ? m_draw.pick(nest)
                                      : near(static_cast<std::size_t>(parties.front() - 1));
        add(static_cast<RowId>(other + 1));
      }
      for (std::size_t k = 0; k < parties.size(); ++k)
        a.parties.push_back({parties[k], k == 0 ? "trekker" : "partner"});
      a.history = history(plusDays(day(2021, 1, 1), m_draw.between(0, 2100)));  // to late 2026
      const AgreementStatus now = a.history.back().status;
      if (now != AgreementStatus::Stopped && now >= AgreementStatus::Agreed && m_draw.chance(0.8))
        a.reviewDate = plusDays(a.history.back().date, m_draw.between(365, 1460));
      a.workPackage = m_draw.between(0, 5);
      for (int b = 1; b <= 8; ++b)
        if (m_draw.chance(0.2)) a.buildingBlocks.push_back(b);
    }
  }

  Options m_options;
  Date m_asOf;
  Draw m_draw;
  Model m_model;
  std::vector<const TieType*> m_tieTypes;
  std::vector<RowId> m_agreementTypes, m_nestTypes;
  RowId m_administration = 0;
  std::vector<RowId> m_regionalCaw;
  std::vector<PrisonIds> m_prisons;
  // Per actor index (row id − 1): its region and grid cell.
  std::vector<std::size_t> m_regionOf;
  std::vector<int> m_cellOf;
  std::vector<std::vector<std::size_t>> m_cells, m_byRegion, m_nestByRegion, m_hubsByRegion;
  std::vector<std::size_t> m_hubs, m_ends;
  std::size_t m_agreementsWithSide = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n == 0 ? 0.0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// The median wall time of `runs` calls of `f`, in ms.
template <class F>
double medianMs(int runs, F&& f) {
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    f();
    times.push_back(msSince(start));
  }
  return median(times);
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    if (i + 1 >= argc) return false;
    char* end = nullptr;
    const unsigned long long value = std::strtoull(argv[i + 1], &end, 10);
    if (!end || *end || end == argv[i + 1]) return false;
    const std::string_view flag = argv[i++];
    if (flag == "--actors")
      o.actors = value;
    else if (flag == "--ties")
      o.ties = value;
    else if (flag == "--agreements")
      o.agreements = value;
    else if (flag == "--prisons")
      o.prisons = value;
    else if (flag == "--runs")
      o.runs = static_cast<int>(std::max(1ULL, value));
    else if (flag == "--seed")
      o.seed = value;
    else
      return false;
  }
  return o.actors >= o.prisons * 4 + kRegionCount + 1;
}

void row(const char* measure, double ms, double target) {
  if (target > 0)
    std::printf("| %-46s | %9.1f | %6.0f ms | %5.2f × |\n", measure, ms, target, ms / target);
  else
    std::printf("| %-46s | %9.1f | %11s | %9s |\n", measure, ms, "—", "—");  // "—" is 3 bytes, 1 column
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: nest_bench [--actors N] [--ties M] [--agreements A] [--prisons P] [--runs R] [--seed S]\n"
                 "       (N must be at least 4 × P + %zu)\n",
                 kRegionCount + 1);
    return 2;
  }
  const Date asOf = day(2026, 11, 29);
  const auto genStart = Clock::now();
  MapGenerator generator(options, asOf);
  const Model model = generator.generate();
  const double genMs = msSince(genStart);

  std::size_t activeTies = 0, countingAgreements = 0;
  for (const auto& [id, t] : model.ties)
    activeTies += t.status == TieStatus::Active && withinValidity(asOf, t.validFrom, t.validTo);
  for (const auto& [id, a] : model.agreements) {
    const auto s = a.statusOn(asOf);
    countingAgreements += s && agreementCounts(*s);
  }
  std::printf("nest_bench: seed %llu, %d runs, as of %s; map generated in %.0f ms\n",
              static_cast<unsigned long long>(options.seed), options.runs, asOf.toString().c_str(), genMs);
  std::printf(
      "map: %zu actors (%zu prisons), %zu ties (%zu active on the day), %zu agreements (%zu counting on the "
      "day, %zu with a prison's side)\n",
      model.actors.size(), options.prisons, model.ties.size(), activeTies, model.agreements.size(), countingAgreements,
      generator.agreementsWithSide());

  NestCoverage::Params params;
  params.asOf = asOf;
  const GraphSnapshot graph = nestSnapshot(model, asOf);
  std::printf("snapshot: %zu vertices, %zu edges\n", graph.vertexCount(), graph.edgeCount());

  // What the coverage finds, so one can see the map is meaningful.
  const NestCoverage::Result coverage = NestCoverage::run(model, graph, params);
  std::size_t counts[3] = {0, 0, 0}, fragile = 0, stale = 0, sideActors = 0;
  std::vector<std::array<std::size_t, 3>> perCategory(coverage.categories.size());
  double scoreSum = 0;
  for (const PrisonCoverage& p : coverage.prisons) {
    sideActors += p.side.size();
    scoreSum += p.score;
    for (std::size_t k = 0; k < p.cells.size(); ++k) {
      const CoverageCell& cell = p.cells[k];
      ++counts[static_cast<int>(cell.status)];
      ++perCategory[k][static_cast<int>(cell.status)];
      fragile += cell.fragile;
      stale += cell.stale;
    }
  }
  const std::size_t prisons = coverage.prisons.size();
  std::printf(
      "coverage: %zu prisons × %zu categories; formalised %zu, informal %zu, missing %zu; fragile %zu, "
      "stale %zu; mean side %.1f actors, mean score %.1f\n",
      prisons, coverage.categories.size(), counts[2], counts[1], counts[0], fragile, stale,
      prisons ? static_cast<double>(sideActors) / static_cast<double>(prisons) : 0.0,
      prisons ? scoreSum / static_cast<double>(prisons) : 0.0);
  std::printf("  per category (formalised/informal/missing):");
  for (std::size_t k = 0; k < coverage.categories.size(); ++k)
    std::printf("%s %s %zu/%zu/%zu", k ? "," : "", model.nestCategories.find(coverage.categories[k])->key.c_str(),
                perCategory[k][2], perCategory[k][1], perCategory[k][0]);
  std::printf("\n");

  // The partner lists of the first ten prisons (by name), each for what it misses.
  std::vector<RowId> probe;
  for (std::size_t i = 0; i < std::min<std::size_t>(10, prisons); ++i) probe.push_back(coverage.prisons[i].prisonId);
  std::size_t searched = 0, candidates = 0;
  for (RowId id : probe) {
    PartnerFinder::Params pf;
    pf.prisonId = id;
    pf.asOf = asOf;
    const auto found = PartnerFinder::run(model, graph, pf);
    searched += found.categories.size();
    candidates += found.candidates.size();
  }
  std::printf("partner lists: %zu prisons, %zu missing categories searched, %zu candidates listed (at most 5 each)\n\n",
              probe.size(), searched, candidates);
  std::fflush(stdout);

  // The timings.
  std::size_t sink = 0;
  const double snapshotMs = medianMs(options.runs, [&] { sink += nestSnapshot(model, asOf).edgeCount(); });
  const double coverageFullMs =
      medianMs(options.runs, [&] { sink += NestCoverage::run(model, params).prisons.size(); });
  const double coverageMs =
      medianMs(options.runs, [&] { sink += NestCoverage::run(model, graph, params).prisons.size(); });
  std::vector<double> partnerFull, partnerOnGraph;
  for (RowId id : probe) {
    PartnerFinder::Params pf;
    pf.prisonId = id;
    pf.asOf = asOf;
    partnerFull.push_back(medianMs(options.runs, [&] { sink += PartnerFinder::run(model, pf).candidates.size(); }));
    partnerOnGraph.push_back(
        medianMs(options.runs, [&] { sink += PartnerFinder::run(model, graph, pf).candidates.size(); }));
  }
  const double worstPartner = partnerFull.empty() ? 0 : *std::max_element(partnerFull.begin(), partnerFull.end());

  std::printf("median of %d runs, ms (partner lists: median and worst of the per-prison medians over %zu prisons)\n",
              options.runs, probe.size());
  std::printf("| %-46s | %9s | %9s | %7s |\n", "measure", "ms", "target", "ratio");
  std::printf("|%s|%s|%s|%s|\n", std::string(48, '-').c_str(), std::string(11, '-').c_str(),
              std::string(11, '-').c_str(), std::string(9, '-').c_str());
  row("nestSnapshot", snapshotMs, 0);
  row("coverage, all prisons, with the snapshot", coverageFullMs, 500);
  row("coverage, all prisons, on a built snapshot", coverageMs, 0);
  row("partner list, one prison (median)", median(partnerFull), 50);
  row("partner list, one prison (worst)", worstPartner, 50);
  row("partner list, one prison, on a built snapshot", median(partnerOnGraph), 0);
  return sink == 0 ? 1 : 0;
}
