#include "scene/coverage_picture.hpp"

#include <algorithm>
#include <cmath>

namespace nestmap {

Color coverageColour(CoverageStatus status) {
  switch (status) {
    case CoverageStatus::Formalised:
      return kCoverageFormalised;
    case CoverageStatus::Informal:
      return kCoverageInformal;
    case CoverageStatus::Missing:
      break;
  }
  return kCoverageMissing;
}

CoverageMark coverageMark(CoverageStatus status) {
  switch (status) {
    case CoverageStatus::Formalised:
      return CoverageMark::Check;
    case CoverageStatus::Informal:
      return CoverageMark::Tilde;
    case CoverageStatus::Missing:
      break;
  }
  return CoverageMark::Cross;
}

void composeCoverageSquare(DisplayListBuilder& out, Vec2 min, double s, Color fill, std::optional<CoverageMark> mark,
                           bool fragile, bool stale) {
  out.rect(min, min + Vec2{s, s}, rgba(fill), {}, 1, static_cast<float>(s * 0.12));
  auto at = [&](double x, double y) { return min + Vec2{x * s, y * s}; };
  if (mark) {
    // Dark ink on amber, white on green and red: each has the better contrast.
    const Rgba ink = fill == kCoverageInformal ? rgba(40, 30, 10) : rgba(255, 255, 255);
    const float t = static_cast<float>(std::max(1.5, s * 0.12));
    switch (*mark) {
      case CoverageMark::Check: {
        const Vec2 points[] = {at(0.24, 0.52), at(0.42, 0.70), at(0.76, 0.30)};
        out.polyline(points, false, ink, t);
        break;
      }
      case CoverageMark::Tilde: {
        Vec2 points[13];
        for (int i = 0; i <= 12; ++i) {
          const double u = i / 12.0;
          points[i] = at(0.22 + 0.56 * u, 0.5 - 0.11 * std::sin(u * 6.283185307179586));
        }
        out.polyline(points, false, ink, t);
        break;
      }
      case CoverageMark::Cross:
        out.line(at(0.30, 0.30), at(0.70, 0.70), ink, t);
        out.line(at(0.70, 0.30), at(0.30, 0.70), ink, t);
        break;
    }
  }
  if (fragile) {
    const double k = s * 0.4;
    const Vec2 corner[] = {{min.x + s - k, min.y}, {min.x + s, min.y}, {min.x + s, min.y + k}};
    out.polygon(corner, rgba(20, 20, 20));
  }
  if (stale) {
    const double r = s * 0.19;
    const Vec2 c{min.x + s - r - 1, min.y + s - r - 1};
    const Rgba ink = rgba(20, 20, 20);
    out.circle(c, r, rgba(255, 255, 255), ink, 1);
    out.line(c, {c.x, c.y - r * 0.75}, ink, 1);
    out.line(c, {c.x + r * 0.6, c.y}, ink, 1);
  }
}

}  // namespace nestmap
