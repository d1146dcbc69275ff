#pragma once
// [SECTION] RemoveOverlap: push overlapping circles apart

#include <cstddef>
#include <vector>

#include "analysis/progress.hpp"
#include "layout/layout_types.hpp"

namespace nestmap {

/// How far apart RemoveOverlap pushes circles and how long it tries.
struct RemoveOverlapParams {
  double gap = 0.1;         ///< extra space wanted between two circles' borders
  int maxIterations = 200;  ///< passes over all pairs at most
  /// A pair is pushed to (1 + slack) × its required distance; the overshoot absorbs
  /// the slight overlaps that later pushes cause (0: exactly to the required distance).
  double slack = 0.01;
};

/// Moves circles apart until no two are closer than their radii plus the gap.
///
/// Each pass finds candidate pairs in a uniform grid (cell = largest diameter +
/// gap) and resolves them one after another: a pair overlapping by o (plus the
/// slack) moves apart along the line between its centres by o/2 each, or by o
/// for the unpinned one when the other is pinned. Pinned circles never move.
/// Same input, same output.
struct RemoveOverlap {
  using Params = RemoveOverlapParams;
  struct Result {
    std::size_t overlaps = 0;  ///< pairs still overlapping (two pinned circles stay as they are)
    int iterations = 0;        ///< passes made
  };
  /// Separates `positions` in place; `radius` and `pinned` are empty (radius
  /// LayoutNodes::kDefaultRadius, none pinned) or as long as `positions`.
  static Result run(std::vector<Vec2>& positions, const std::vector<double>& radius, const std::vector<char>& pinned,
                    const Params& params = {}, Progress* progress = nullptr);
  /// The same on a LayoutNodes' positions, radii and pins.
  static Result run(LayoutNodes& nodes, const Params& params = {}, Progress* progress = nullptr);
};

}  // namespace nestmap
