#pragma once
// [SECTION] NestLayout: one prison in the centre, its nest on rings and wedges, a ghost slot per gap

#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/nest_coverage.hpp"
#include "layout/layout_types.hpp"

namespace nestmap {

struct NestLayoutParams {
  double sideRadius = 6;    ///< the ring of the prison's side around it
  double ringSpacing = 14;  ///< between the rings of partners 1, 2, 3 … steps away
  double nodeRadius = 1;    ///< actors on one ring of a wedge, and the side's ring, keep this radius …
  double gap = 0.5;         ///< … and this gap between them: crowded rings grow
};

/// The nest view of one prison: the prison in the centre, its side on a small
/// ring around it, every nest-template category a wedge of equal angle in the
/// template's order (clockwise from the top), each partner on the ring of its
/// hops in its category's wedge, the go-betweens of the evidence paths on
/// their own rings towards the wedges they lead to, and — in the wedge of
/// every missing category — an empty ghost slot on the first ring, so that the
/// gap has a place on the map. Actors outside the nest are not placed.
struct NestLayout {
  using Params = NestLayoutParams;
  struct Wedge {
    RowId categoryId = 0;
    double startAngle = 0, endAngle = 0;  ///< radians, counter-clockwise from +x; start > end (clockwise)
    CoverageStatus status = CoverageStatus::Missing;
    bool ghost = false;  ///< the category is missing: `ghostPosition` is its empty slot
    Vec2 ghostPosition;
  };
  struct Result {
    std::vector<Vec2> positions;  ///< per snapshot vertex
    std::vector<char> placed;     ///< which vertices belong to the nest view
    std::vector<Wedge> wedges;    ///< in the template's order
    std::vector<double>
        rings;  ///< radius of ring h (h = 0: the side): sideRadius + h × ringSpacing, or more where crowded
  };
  /// `coverage` is the prison's row of a NestCoverage run on `graph`'s day;
  /// `categories` that run's categories.
  static Result run(const GraphSnapshot& graph, const PrisonCoverage& coverage, const std::vector<RowId>& categories,
                    const Params& params = {});
};

}  // namespace nestmap
