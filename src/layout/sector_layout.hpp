#pragma once
// [SECTION] SectorLayout: actors around one circle, grouped by sector

#include <numbers>
#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"
#include "core/model.hpp"
#include "layout/layout_types.hpp"

namespace nestmap {

/// Spacing of the circular-by-sector layout, in layout units (y up).
struct SectorLayoutParams {
  double gap = 0.5;                          ///< space between the borders of neighbours on the circle
  double sectorGap = 2.0;                    ///< extra space between the last of one sector and the first of the next
  double startAngle = std::numbers::pi / 2;  ///< the angle of the first actor (π/2: at the top)
};

/// One sector's arc on the circle, for a legend or labels.
struct SectorArc {
  RowId sectorId = 0;  ///< 0: the actors whose type has no sector
  /// Radians, counter-clockwise from +x; startAngle ≤ endAngle, both may exceed 2π.
  /// The arc covers its actors' circles and never reaches into a neighbouring sector's arc.
  double startAngle = 0, endAngle = 0;
  std::vector<GraphSnapshot::Vertex> vertices;  ///< in their order along the arc
};

/// "Circular by sector": the actors on one circle, each sector an arc of it.
///
/// The circle is centred at the origin; actors go counter-clockwise from
/// `startAngle` sector by sector (by the sectors' sort, then id; actors whose
/// type has no sector last), inside a sector by name, then id. The circle is
/// the smallest on which neighbours keep the gap between their borders. Pinned
/// nodes keep their position and are left out of the circle.
struct SectorLayout {
  using Params = SectorLayoutParams;
  struct Result {
    std::vector<Vec2> positions;  ///< per vertex
    std::vector<SectorArc> arcs;  ///< sectors with an actor on the circle, in circle order
    double radius = 0;            ///< of the circle
  };
  /// Lays out `graph`'s vertices; `nodes` gives radii and pins (empty: radius 1, none pinned).
  static Result run(const Model& model, const GraphSnapshot& graph, const LayoutNodes& nodes = {},
                    const Params& params = {}, Progress* progress = nullptr);
};

}  // namespace nestmap
