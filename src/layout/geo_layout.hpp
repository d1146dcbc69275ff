#pragma once
// [SECTION] Belgian Lambert 2008 projection
// [SECTION] GeoLayout: actors where they are on the map

#include <cstddef>
#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"
#include "core/model.hpp"
#include "layout/layout_types.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] Belgian Lambert 2008 projection

/// Belgian Lambert 2008 (EPSG:3812) of an ETRS89 latitude and longitude in
/// degrees: x easting, y northing, in metres (Lambert Conformal Conic 2SP on GRS80).
Vec2 lambert2008(double latitude, double longitude);

// ---------------------------------------------------------------------------
// [SECTION] GeoLayout

/// Settings of the geographic layout.
struct GeoLayoutParams {
  double scale = 1000;         ///< metres per layout unit (1000: layout units are kilometres)
  int spreadIterations = 100;  ///< RemoveOverlap passes that part actors in the same place
  double gap = 0.1;            ///< space RemoveOverlap leaves between borders, in layout units
};

/// How GeoLayout placed a vertex.
enum class GeoPlacement {
  Coordinates,  ///< at its projected latitude and longitude
  Neighbours,   ///< no coordinates: at the mean of its neighbours that have them (or are pinned)
  Row,          ///< no coordinates, nor neighbours with them: in a row below the map
  Pinned,       ///< where the user pinned it
};

/// The geographic layout: actors where their latitude and longitude put them.
///
/// Each actor sits at its Lambert 2008 position divided by `scale`, with y
/// pointing north (a y-down screen must flip it). Actors without coordinates go
/// to the mean position of their neighbours that have them (or are pinned),
/// else in rows below the map. Actors in exactly the same place start on a
/// small spiral around it; then RemoveOverlap (with the nodes' radii; pinned
/// nodes stay) parts those in the same or almost the same place.
struct GeoLayout {
  using Params = GeoLayoutParams;
  struct Result {
    std::vector<Vec2> positions;          ///< per vertex
    std::vector<GeoPlacement> placement;  ///< per vertex
    std::size_t withoutCoordinates = 0;   ///< unpinned actors without a latitude and longitude
    std::size_t overlaps = 0;             ///< pairs still overlapping after the spreading
  };
  /// Lays out `graph`'s vertices; `nodes` gives radii and pins (empty: radius 1, none pinned).
  static Result run(const Model& model, const GraphSnapshot& graph, const LayoutNodes& nodes = {},
                    const Params& params = {}, Progress* progress = nullptr);
};

}  // namespace nestmap
