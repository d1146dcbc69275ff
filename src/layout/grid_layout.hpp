#pragma once
// [SECTION] GridLayout: the power/interest grid (Mendelow)

#include <array>
#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"
#include "core/model.hpp"
#include "layout/layout_types.hpp"

namespace nestmap {

/// A quadrant of the power/interest grid; "high" is 3–5, "low" 0–2.
enum class Quadrant {
  Monitor,        ///< low influence, low interest
  KeepInformed,   ///< low influence, high interest
  KeepSatisfied,  ///< high influence, low interest
  ManageClosely,  ///< high influence, high interest
};

/// An axis-aligned rectangle in layout coordinates.
struct Rect {
  Vec2 min, max;
  friend bool operator==(const Rect&, const Rect&) = default;
};

/// Spacing of the power/interest grid, in layout units.
struct GridLayoutParams {
  double gap = 0.5;         ///< space between the borders of actors that share a cell
  double cellMargin = 1.0;  ///< extra space between the groups of neighbouring cells
};

/// One (influence, interest) cell of the grid.
struct GridCell {
  int influence = 0, interest = 0;
  Quadrant quadrant = Quadrant::Monitor;
  Rect rect;
  std::vector<GraphSnapshot::Vertex> vertices;  ///< actors laid out in it, by name
};

/// The power/interest grid (Mendelow): actors by their interest and influence.
///
/// x is interest, y influence (y up: more influence higher), each value 0–5 a
/// column or row of cells of side `cellSize`, the cell of value v centred at v
/// × cellSize, so the quadrant borders lie at 2.5 × cellSize. Actors sharing a
/// cell sit on a sub-grid in it (by name, rows from the top, a short last row
/// centred); the cells grow with the largest group so that nothing overlaps.
/// Values outside 0–5 count as the nearest. Pinned nodes keep their position
/// and take no place in a cell.
struct GridLayout {
  using Params = GridLayoutParams;
  static constexpr int kLevels = 6;  ///< values 0–5
  struct Result {
    std::vector<Vec2> positions;     ///< per vertex
    std::vector<Quadrant> quadrant;  ///< per vertex (pinned ones too)
    std::vector<GridCell> cells;     ///< kLevels², at influence × kLevels + interest
    std::array<Rect, 4> quadrants;   ///< indexed by Quadrant
    double cellSize = 0;
  };
  /// The quadrant of an influence and an interest (0–5 each).
  static Quadrant quadrantOf(int influence, int interest);
  /// Lays out `graph`'s vertices; `nodes` gives radii and pins (empty: radius 1, none pinned).
  static Result run(const Model& model, const GraphSnapshot& graph, const LayoutNodes& nodes = {},
                    const Params& params = {}, Progress* progress = nullptr);
};

}  // namespace nestmap
