#pragma once
// [SECTION] Distances on the globe
// [SECTION] PartnerFinder: who could close a prison's gap, and who can introduce them

#include <optional>
#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "core/model.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] Distances on the globe

/// Great-circle distance in km between two points in degrees (haversine, mean Earth radius 6371.0088 km).
double haversineKm(double lat1, double lon1, double lat2, double lon2);

// ---------------------------------------------------------------------------
// [SECTION] PartnerFinder

struct PartnerFinderParams {
  RowId prisonId = 0;
  std::vector<RowId> categories;   ///< empty: every category the prison misses
  std::optional<double> radiusKm;  ///< empty: each category's own catchment radius
  int limit = 5;                   ///< candidates per category
  Date asOf = Date::today();
  RowId templateId = 0;  ///< 0: the default template
};

/// The parts of a candidate's score, in points; the score is their sum.
struct PartnerScoreParts {
  static constexpr double kConnectionMax = 3;     ///< 3 / hops from the prison's side; 0 when not connected
  static constexpr double kDistanceMax = 2;       ///< 2 × (1 − km / radius); 0 without coordinates
  static constexpr double kRegionEach = 0.5;      ///< per shared province, eerstelijnszone, judicial district
  static constexpr double kExperienceEach = 0.5;  ///< per other prison it has a counting agreement with, at most 3
  static constexpr double kBrokerMax = 1;         ///< share of the other sectors its neighbours belong to
  double connection = 0, distance = 0, region = 0, experience = 0, broker = 0;
  double total() const { return connection + distance + region + experience + broker; }
};

struct PartnerCandidate {
  RowId actorId = 0, categoryId = 0;
  double score = 0;
  PartnerScoreParts parts;
  std::optional<double> distanceKm;  ///< empty: the candidate or the prison lacks coordinates
  std::optional<int> hops;           ///< steps from the prison's side; empty: not connected
  std::vector<RowId> introduction;   ///< side actor, go-betweens …, candidate; empty: not connected
  bool sameProvince = false, sameEerstelijnszone = false, sameJudicialDistrict = false;
  int otherPrisons = 0;   ///< other prisons it has counting agreements with
  int brokerSectors = 0;  ///< other sectors among its neighbours
};

/// Candidate partners for one prison: actors of a category it misses (or of
/// the categories asked for), within the radius, ranked by a score whose parts
/// are kept, each with the shortest introduction through active ties and
/// counting agreements from the prison's side (not through another prison's
/// side, as in NestCoverage). Candidates without coordinates
/// are kept (no distance points); actors on the side, and partners the side
/// already has an agreement with for that category, are left out.
struct PartnerFinder {
  using Params = PartnerFinderParams;
  struct Result {
    RowId prisonId = 0;
    std::vector<RowId> categories;             ///< searched, in template order
    std::vector<PartnerCandidate> candidates;  ///< per category in that order, best first
  };
  static Result run(const Model& model, const Params& params);
  /// The same on a graph made by nestSnapshot(model, params.asOf).
  static Result run(const Model& model, const GraphSnapshot& graph, const Params& params);
};

}  // namespace nestmap
