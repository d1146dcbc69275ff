#pragma once
// [SECTION] The nest: the prisons, their sides and the categories a map's template asks for
// [SECTION] NestCoverage: prison × category status, flags and evidence
// [SECTION] Comparing two coverages (as of two dates)
// [SECTION] SectorGaps: sector × sector ties per prison region

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"
#include "core/model.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] The nest: the prisons, their sides and the categories a map's template asks for

/// Actor types (by key) that belong to a prison's side when they have an
/// active tie with the prison itself: its PSD, the CAW justice-welfare team
/// working there, its Kindreflex ambassadors.
inline constexpr std::string_view kSideTypeKeys[] = {"psd", "caw_jww", "ambassador_team"};
/// The actor type (by key) of prisons.
inline constexpr std::string_view kPrisonTypeKey = "prison";

/// Whether an agreement status makes an agreement count (agreed, formalised, in practice).
bool agreementCounts(AgreementStatus status);

/// The prisons of a map and the actors on each one's side, on one day.
///
/// A prison's side is the prison, every actor under it (through `parent`,
/// any depth), and every actor of a side type (kSideTypeKeys) with an active
/// tie to the prison that is valid on the day.
struct PrisonSides {
  struct Side {
    RowId prisonId = 0;
    std::vector<RowId> actors;  ///< the prison first, then ascending ids
  };
  std::vector<Side> prisons;  ///< by prison name, then id

  /// The sides of every prison of `model` valid on `asOf`.
  static PrisonSides of(const Model& model, Date asOf);
  const Side* find(RowId prisonId) const;
};

/// The categories of a template, in their sort order.
std::vector<const NestCategory*> templateCategories(const Model& model, RowId templateId);
/// The template a coverage uses when none is named: the one with the lowest id, or nullptr.
const NestTemplate* defaultTemplate(const Model& model);
/// The hop limit of a category: its own, else its template's.
int hopLimit(const Model& model, const NestCategory& category);
/// The graph the nest is measured on: actors and active ties valid on `asOf`,
/// with agreements that count on that day joining their parties.
GraphSnapshot nestSnapshot(const Model& model, Date asOf);

// ---------------------------------------------------------------------------
// [SECTION] NestCoverage: prison × category status, flags and evidence

/// How a prison reaches one category of its nest.
enum class CoverageStatus { Missing, Informal, Formalised };
/// `missing`, `informal` or `formalised`.
std::string_view key(CoverageStatus status);

/// Why a cell is fragile: the one thing every way to the category depends on.
enum class Fragility { None, SinglePartner, SingleActor, SingleTie };
/// `""`, `single_partner`, `single_actor` or `single_tie`.
std::string_view key(Fragility fragility);

struct NestCoverageParams {
  RowId templateId = 0;        ///< 0: defaultTemplate()
  Date asOf = Date::today();   ///< ties, agreements and actors as they stood on this day
  std::vector<RowId> prisons;  ///< empty: every prison
  bool nameTies = true;        ///< fill CoverageCell::ties (one pass over all ties); callers that need no evidence skip it
};

/// One actor of the category that the prison reaches.
struct CellPartner {
  RowId actorId = 0;
  int hops = -1;        ///< steps from the side through active ties and agreements; -1: only formally
  bool formal = false;  ///< linked to the side by an agreement that counts
};

/// One prison × category cell: its status, its flags and the evidence for them.
struct CoverageCell {
  RowId categoryId = 0;
  CoverageStatus status = CoverageStatus::Missing;
  bool fragile = false;
  bool stale = false;  ///< every agreement that formalises the cell is past its review date
  Fragility fragility = Fragility::None;
  RowId singleActor = 0;                  ///< Fragility::SingleActor: the actor every way runs through
  std::pair<RowId, RowId> singleTie{};    ///< Fragility::SingleTie: the pair of actors of that tie
  std::vector<CellPartner> partners;      ///< formal first, then by hops, then id
  std::vector<RowId> agreements;          ///< agreements that formalise the cell
  std::vector<RowId> staleAgreements;     ///< those of them past their review date
  std::vector<RowId> pendingAgreements;   ///< agreements between the side and the category not (yet) counting
  std::vector<std::vector<RowId>> paths;  ///< one shortest way per reached partner: side actor … partner
  std::vector<RowId> ties;                ///< the ties along those paths
  double value =
      0;  ///< 1 formalised, 0.5 informal (0.25 where the category asks for an agreement), 0 missing; × 0.75 per flag
};

struct PrisonCoverage {
  RowId prisonId = 0;
  std::vector<RowId> side;
  std::vector<CoverageCell> cells;  ///< one per category, in the categories' order
  double score = 0;                 ///< weighted mean of the cells' values, 0–100
};

/// Which categories of the nest template each prison reaches, and how.
///
/// Partners are actors of the category off the prison's side (the JWW team
/// working in the prison belongs to the side, not to its own category).
/// A cell is `formalised` when an agreement that counts (agreed, formalised,
/// in practice on the day) has a partner as a party and a party on the
/// prison's side (or is scoped to the prison); `informal` when an actor of
/// the category lies within the category's hop limit of the side through
/// active ties and counting agreements — never through another prison's side,
/// whose staff is no way to help for this prison's families; else `missing`.
/// It is `fragile` when it has one partner only, or every way within the hop
/// limit runs through one actor (the prison itself excepted) or one tie;
/// `stale` when every agreement that formalises it is past its review date.
struct NestCoverage {
  using Params = NestCoverageParams;
  struct Result {
    Date asOf;
    RowId templateId = 0;
    std::vector<RowId> categories;        ///< in sort order
    std::vector<PrisonCoverage> prisons;  ///< by prison name
    std::vector<double> categoryScores;   ///< per category: mean value over the prisons, 0–100

    /// Indices into `prisons`, weakest score first (ties by name order).
    std::vector<std::size_t> weakest() const;
    const PrisonCoverage* find(RowId prisonId) const;
  };
  static Result run(const Model& model, const Params& params = {}, Progress* progress = nullptr);
  /// The same on a graph made by nestSnapshot(model, params.asOf), for callers that already hold one.
  static Result run(const Model& model, const GraphSnapshot& graph, const Params& params, Progress* progress = nullptr);
};

// ---------------------------------------------------------------------------
// [SECTION] Comparing two coverages (as of two dates)

struct CoverageChange {
  RowId prisonId = 0, categoryId = 0;
  CoverageStatus from = CoverageStatus::Missing, to = CoverageStatus::Missing;
};

/// Cells whose status rose (gained) or fell (lost) from `before` to `after`.
struct CoverageDiff {
  std::vector<CoverageChange> gained, lost;
  static CoverageDiff between(const NestCoverage::Result& before, const NestCoverage::Result& after);
};

// ---------------------------------------------------------------------------
// [SECTION] SectorGaps: sector × sector ties per prison region

struct SectorGapsParams {
  Date asOf = Date::today();
};

/// Per province that holds a prison: how many active ties join each pair of
/// sectors among the actors of that province, and which pairs of sectors
/// present there have no tie at all.
struct SectorGaps {
  using Params = SectorGapsParams;
  struct Region {
    std::string province;
    std::vector<RowId> prisons;
    std::vector<RowId> sectors;                         ///< sectors with an actor in the province, by sort
    std::vector<std::vector<int>> ties;                 ///< [i][j] over `sectors`, symmetric
    std::vector<std::pair<RowId, RowId>> missingPairs;  ///< distinct sectors without a tie between them
  };
  struct Result {
    std::vector<Region> regions;  ///< by province code
  };
  static Result run(const Model& model, const Params& params = {});
};

}  // namespace nestmap
