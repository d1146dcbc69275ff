#include "analysis/partner_finder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include "analysis/nest_coverage.hpp"

namespace nestmap {
namespace {

using Vertex = GraphSnapshot::Vertex;

struct Point {
  double lat, lon;
};

std::optional<Point> where(const Actor& a) {
  if (!a.latitude || !a.longitude) return std::nullopt;
  return Point{*a.latitude, *a.longitude};
}

bool same(const std::string& a, const std::string& b) { return !a.empty() && a == b; }

/// For every actor, the prisons it has a counting agreement with: the
/// agreement's scope prison and every prison with a party on its side.
std::map<RowId, std::set<RowId>> prisonsByPartner(const Model& model, const PrisonSides& sides, Date asOf) {
  std::map<RowId, std::vector<RowId>> prisonsOfSideActor;
  for (const auto& side : sides.prisons)
    for (RowId a : side.actors) prisonsOfSideActor[a].push_back(side.prisonId);
  std::map<RowId, std::set<RowId>> out;
  for (const auto& [id, agreement] : model.agreements) {
    const auto status = agreement.statusOn(asOf);
    if (!status || !agreementCounts(*status)) continue;
    std::set<RowId> prisons;
    if (agreement.scopePrisonId) prisons.insert(agreement.scopePrisonId);
    for (const AgreementParty& party : agreement.parties)
      if (auto it = prisonsOfSideActor.find(party.actorId); it != prisonsOfSideActor.end())
        prisons.insert(it->second.begin(), it->second.end());
    for (const AgreementParty& party : agreement.parties) out[party.actorId].insert(prisons.begin(), prisons.end());
  }
  return out;
}

}  // namespace

double haversineKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0088;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dLat = (lat2 - lat1) * kRad, dLon = (lon2 - lon1) * kRad;
  const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

PartnerFinder::Result PartnerFinder::run(const Model& model, const Params& params) {
  const GraphSnapshot graph = nestSnapshot(model, params.asOf);
  return run(model, graph, params);
}

PartnerFinder::Result PartnerFinder::run(const Model& model, const GraphSnapshot& graph, const Params& params) {
  Result result;
  result.prisonId = params.prisonId;
  NestCoverage::Params coverageParams;
  coverageParams.templateId = params.templateId;
  coverageParams.asOf = params.asOf;
  coverageParams.prisons = {params.prisonId};
  coverageParams.nameTies = false;  // the gaps are what matter here, not the ties along the evidence
  const auto coverage = NestCoverage::run(model, graph, coverageParams);
  const PrisonCoverage* prison = coverage.find(params.prisonId);
  if (!prison) return result;

  for (std::size_t k = 0; k < coverage.categories.size(); ++k) {
    const RowId c = coverage.categories[k];
    const bool asked = params.categories.empty() ? prison->cells[k].status == CoverageStatus::Missing
                                                 : std::find(params.categories.begin(), params.categories.end(), c) !=
                                                       params.categories.end();
    if (asked) result.categories.push_back(c);
  }
  if (result.categories.empty()) return result;

  // Distances from the side through the whole graph, for hops and
  // introductions — not through other prisons' sides, as in the coverage.
  const PrisonSides sides = PrisonSides::of(model, params.asOf);
  std::vector<int> dist(graph.vertexCount(), -1);
  std::vector<Vertex> parent(graph.vertexCount()), queue;
  std::vector<char> onSide(graph.vertexCount(), 0), closed(graph.vertexCount(), 0);
  for (const auto& side : sides.prisons)
    for (RowId id : side.actors)
      if (auto v = graph.vertexOf(id)) closed[*v] = 1;
  for (RowId id : prison->side)
    if (auto v = graph.vertexOf(id)) {
      onSide[*v] = 1;
      closed[*v] = 0;
    }
  for (Vertex v = 0; v < graph.vertexCount(); ++v)
    if (onSide[v]) {
      dist[v] = 0;
      parent[v] = v;
      queue.push_back(v);
    }
  for (std::size_t head = 0; head < queue.size(); ++head)
    for (Vertex w : graph.neighbours(queue[head]))
      if (dist[w] < 0 && !closed[w]) {
        dist[w] = dist[queue[head]] + 1;
        parent[w] = queue[head];
        queue.push_back(w);
      }

  const Actor& prisonActor = *model.actors.find(params.prisonId);
  std::optional<Point> home = where(prisonActor);
  for (RowId id : prison->side)
    if (!home) home = where(*model.actors.find(id));

  const auto experience = prisonsByPartner(model, sides, params.asOf);
  auto sectorOf = [&](RowId actorId) -> RowId {
    const ActorType* t = model.actorTypes.find(model.actors.find(actorId)->typeId);
    return t ? t->sectorId : 0;
  };
  const double otherSectors = std::max<double>(1, static_cast<double>(model.sectors.size()) - 1);

  for (RowId categoryId : result.categories) {
    const NestCategory& category = *model.nestCategories.find(categoryId);
    const CoverageCell* cell = nullptr;
    for (const CoverageCell& c : prison->cells)
      if (c.categoryId == categoryId) cell = &c;
    const double radius = params.radiusKm.value_or(category.radiusKm);
    std::vector<PartnerCandidate> found;
    for (Vertex v = 0; v < graph.vertexCount(); ++v) {
      if (onSide[v]) continue;
      const RowId actorId = graph.rowId(v);
      const Actor& a = *model.actors.find(actorId);
      if (std::find(category.actorTypeIds.begin(), category.actorTypeIds.end(), a.typeId) ==
          category.actorTypeIds.end())
        continue;
      if (std::any_of(cell->partners.begin(), cell->partners.end(),
                      [&](const CellPartner& p) { return p.formal && p.actorId == actorId; }))
        continue;
      PartnerCandidate cand;
      cand.actorId = actorId;
      cand.categoryId = categoryId;
      if (auto there = where(a); there && home) {
        cand.distanceKm = haversineKm(home->lat, home->lon, there->lat, there->lon);
        if (*cand.distanceKm > radius) continue;
        cand.parts.distance = PartnerScoreParts::kDistanceMax * std::max(0.0, 1.0 - *cand.distanceKm / radius);
      }
      if (dist[v] > 0) {
        cand.hops = dist[v];
        cand.parts.connection = PartnerScoreParts::kConnectionMax / dist[v];
        for (Vertex w = v;; w = parent[w]) {
          cand.introduction.push_back(graph.rowId(w));
          if (parent[w] == w) break;
        }
        std::reverse(cand.introduction.begin(), cand.introduction.end());
      }
      cand.sameProvince = same(a.province, prisonActor.province);
      cand.sameEerstelijnszone = same(a.eerstelijnszone, prisonActor.eerstelijnszone);
      cand.sameJudicialDistrict = same(a.judicialDistrict, prisonActor.judicialDistrict);
      cand.parts.region =
          PartnerScoreParts::kRegionEach * (cand.sameProvince + cand.sameEerstelijnszone + cand.sameJudicialDistrict);
      if (auto it = experience.find(actorId); it != experience.end())
        cand.otherPrisons = static_cast<int>(it->second.size() - it->second.count(params.prisonId));
      cand.parts.experience = PartnerScoreParts::kExperienceEach * std::min(cand.otherPrisons, 3);
      std::set<RowId> sectors;
      const RowId own = sectorOf(actorId);
      for (Vertex w : graph.neighbours(v))
        if (RowId s = sectorOf(graph.rowId(w)); s && s != own) sectors.insert(s);
      cand.brokerSectors = static_cast<int>(sectors.size());
      cand.parts.broker = PartnerScoreParts::kBrokerMax * std::min(1.0, cand.brokerSectors / otherSectors);
      cand.score = cand.parts.total();
      found.push_back(std::move(cand));
    }
    std::sort(found.begin(), found.end(), [&](const PartnerCandidate& a, const PartnerCandidate& b) {
      if (a.score != b.score) return a.score > b.score;
      const int ha = a.hops.value_or(1 << 30), hb = b.hops.value_or(1 << 30);
      if (ha != hb) return ha < hb;
      const double da = a.distanceKm.value_or(1e300), db = b.distanceKm.value_or(1e300);
      if (da != db) return da < db;
      const Actor &x = *model.actors.find(a.actorId), &y = *model.actors.find(b.actorId);
      return std::tie(x.name, x.id) < std::tie(y.name, y.id);
    });
    if (params.limit >= 0 && found.size() > static_cast<std::size_t>(params.limit)) found.resize(params.limit);
    result.candidates.insert(result.candidates.end(), found.begin(), found.end());
  }
  return result;
}

}  // namespace nestmap
