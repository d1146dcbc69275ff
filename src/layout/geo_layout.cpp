#include "layout/geo_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "layout/remove_overlap.hpp"

namespace nestmap {
namespace {

using Vertex = GraphSnapshot::Vertex;

constexpr double kDegree = std::numbers::pi / 180;
constexpr double degrees(double d, double m, double s) { return (d + m / 60 + s / 3600) * kDegree; }

/// The constants of EPSG:3812, worked out once (EPSG Guidance Note 7-2, LCC 2SP).
struct Lambert2008 {
  static constexpr double a = 6378137.0;          // GRS80 semi-major axis
  static constexpr double f = 1 / 298.257222101;  // GRS80 flattening
  static constexpr double falseEasting = 649328.0;
  static constexpr double falseNorthing = 665262.0;
  double e = 0, n = 0, F = 0, rOrigin = 0, lambda0 = 0;

  Lambert2008() {
    e = std::sqrt(f * (2 - f));
    const double phi1 = degrees(49, 50, 0), phi2 = degrees(51, 10, 0), phiF = degrees(50, 47, 52.134);
    lambda0 = degrees(4, 21, 33.177);
    const double m1 = m(phi1), m2 = m(phi2), t1 = t(phi1), t2 = t(phi2);
    n = (std::log(m1) - std::log(m2)) / (std::log(t1) - std::log(t2));
    F = m1 / (n * std::pow(t1, n));
    rOrigin = r(phiF);
  }
  double m(double phi) const { return std::cos(phi) / std::sqrt(1 - e * e * std::sin(phi) * std::sin(phi)); }
  double t(double phi) const {
    const double es = e * std::sin(phi);
    return std::tan(std::numbers::pi / 4 - phi / 2) / std::pow((1 - es) / (1 + es), e / 2);
  }
  double r(double phi) const { return a * F * std::pow(t(phi), n); }
};

const Lambert2008& lambert() {
  static const Lambert2008 constants;
  return constants;
}

std::optional<Vec2> projected(const Actor& actor, double scale) {
  if (!actor.latitude || !actor.longitude) return std::nullopt;
  const Vec2 p = lambert2008(*actor.latitude, *actor.longitude);
  // The poles and non-numbers project to infinities: such an actor has no usable place.
  if (!std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
  return p * (1 / scale);
}

}  // namespace

Vec2 lambert2008(double latitude, double longitude) {
  const Lambert2008& l = lambert();
  const double r = l.r(latitude * kDegree);
  const double theta = l.n * (longitude * kDegree - l.lambda0);
  return {l.falseEasting + r * std::sin(theta), l.falseNorthing + l.rOrigin - r * std::cos(theta)};
}

GeoLayout::Result GeoLayout::run(const Model& model, const GraphSnapshot& graph, const LayoutNodes& nodes,
                                 const Params& params, Progress* progress) {
  const std::size_t n = graph.vertexCount();
  nodes.requireFits(n, "GeoLayout");
  if (!(params.scale > 0)) throw std::invalid_argument("GeoLayout: scale must be positive");
  step(progress, 0);

  Result result;
  result.positions.assign(n, {});
  result.placement.assign(n, GeoPlacement::Row);
  double minX = std::numeric_limits<double>::max(), maxX = std::numeric_limits<double>::lowest(), minY = minX;
  for (Vertex v = 0; v < n; ++v) {
    if (nodes.isPinned(v)) {
      result.positions[v] = nodes.position[v];
      result.placement[v] = GeoPlacement::Pinned;
    } else {
      const Actor* actor = model.actors.find(graph.rowId(v));
      const std::optional<Vec2> p = actor ? projected(*actor, params.scale) : std::nullopt;
      if (!p) {
        ++result.withoutCoordinates;
        continue;
      }
      result.positions[v] = *p;
      result.placement[v] = GeoPlacement::Coordinates;
    }
    minX = std::min(minX, result.positions[v].x);
    maxX = std::max(maxX, result.positions[v].x);
    minY = std::min(minY, result.positions[v].y);
  }

  // Only neighbours placed by coordinates or pins count, not those placed by
  // their own neighbours, so that the visiting order cannot change the result.
  std::vector<Vertex> row;
  for (Vertex v = 0; v < n; ++v) {
    if (result.placement[v] != GeoPlacement::Row) continue;
    Vec2 sum;
    std::size_t count = 0;
    for (Vertex w : graph.neighbours(v))
      if (result.placement[w] == GeoPlacement::Coordinates || result.placement[w] == GeoPlacement::Pinned) {
        sum += result.positions[w];
        ++count;
      }
    if (count == 0) {
      row.push_back(v);
      continue;
    }
    result.positions[v] = sum * (1 / static_cast<double>(count));
    result.placement[v] = GeoPlacement::Neighbours;
  }

  // Rows as wide as the map (at least ten slots), starting two slots below its
  // lowest actor; with nothing on the map they start at the origin.
  double largest = LayoutNodes::kDefaultRadius;
  for (Vertex v = 0; v < n; ++v) largest = std::max(largest, nodes.radiusOf(v));
  const double slot = 2 * largest + params.gap;
  const bool mapped = minX <= maxX;
  const double left = mapped ? minX : 0, top = mapped ? minY - 2 * slot : 0;
  const double mapSlots = mapped ? std::floor((maxX - minX) / slot) + 1 : 0;
  const auto perRow = static_cast<std::size_t>(std::clamp(mapSlots, 10.0, 1e6));
  for (std::size_t i = 0; i < row.size(); ++i)
    result.positions[row[i]] = {left + static_cast<double>(i % perRow) * slot,
                                top - static_cast<double>(i / perRow) * slot};
  step(progress, 0.2);

  // Actors in one place (the same address, or a town's centre when only the
  // town is known) start on a sunflower spiral around it. RemoveOverlap alone
  // would need passes in proportion to the crowd; from the spiral it only
  // settles the neighbours of nearby places.
  std::vector<Vertex> order;
  for (Vertex v = 0; v < n; ++v)
    if (!nodes.isPinned(v)) order.push_back(v);
  auto before = [&](Vertex a, Vertex b) {
    const Vec2 p = result.positions[a], q = result.positions[b];
    return std::tie(p.x, p.y, a) < std::tie(q.x, q.y, b);
  };
  std::sort(order.begin(), order.end(), before);
  const double goldenAngle = std::numbers::pi * (3 - std::sqrt(5.0));
  for (std::size_t begin = 0; begin < order.size();) {
    const Vec2 here = result.positions[order[begin]];
    std::size_t end = begin + 1;
    double widest = nodes.radiusOf(order[begin]);
    for (; end < order.size() && result.positions[order[end]] == here; ++end)
      widest = std::max(widest, nodes.radiusOf(order[end]));
    // Points √(k + ½) · c out at k golden angles lie at least 1.546 · c apart
    // (checked up to 2000 points), so c = slot / 1.5 keeps the group's widest
    // clear of each other.
    const double c = (2 * widest + params.gap) / 1.5;
    if (end - begin > 1)
      for (std::size_t k = 0; k < end - begin; ++k) {
        const double turn = static_cast<double>(k) * goldenAngle, out = c * std::sqrt(static_cast<double>(k) + 0.5);
        result.positions[order[begin + k]] = here + Vec2{out * std::cos(turn), out * std::sin(turn)};
      }
    begin = end;
  }

  std::vector<char> pinned(n, 0);
  for (Vertex v = 0; v < n; ++v) pinned[v] = nodes.isPinned(v);
  RemoveOverlapParams spread;
  spread.gap = params.gap;
  spread.maxIterations = params.spreadIterations;
  result.overlaps = RemoveOverlap::run(result.positions, nodes.radius, pinned, spread).overlaps;
  step(progress, 1);
  return result;
}

}  // namespace nestmap
