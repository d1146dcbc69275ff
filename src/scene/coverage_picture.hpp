#pragma once
// [SECTION] a coverage cell's square as a display list: the status colour, its mark (✓ ~ ✗ as
// lines, so that it reads without colour), the fragile corner and the stale clock — drawn by the
// coverage heatmap in the window and in the report

#include "analysis/nest_coverage.hpp"
#include "scene/display_list.hpp"

namespace nestmap {

enum class CoverageMark { Check, Tilde, Cross };

/// The heatmap's colours of the three statuses.
inline constexpr Color kCoverageFormalised{46, 150, 70}, kCoverageInformal{236, 164, 28}, kCoverageMissing{206, 58, 48};

Color coverageColour(CoverageStatus status);
CoverageMark coverageMark(CoverageStatus status);

/// The square at `min` with side `side`: filled with `fill` (corners rounded), the mark in the
/// ink that contrasts best with it (none: a legend swatch without mark), a black triangle in the
/// top right corner when fragile, a small clock in the bottom right corner when stale.
void composeCoverageSquare(DisplayListBuilder& out, Vec2 min, double side, Color fill,
                           std::optional<CoverageMark> mark, bool fragile, bool stale);

}  // namespace nestmap
