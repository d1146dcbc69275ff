#include "layout/nest_layout.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace nestmap {
namespace {

using Vertex = GraphSnapshot::Vertex;

Vec2 polar(double radius, double angle) { return {radius * std::cos(angle), radius * std::sin(angle)}; }

}  // namespace

NestLayout::Result NestLayout::run(const GraphSnapshot& graph, const PrisonCoverage& coverage,
                                   const std::vector<RowId>& categories, const Params& params) {
  Result result;
  const std::size_t n = graph.vertexCount();
  result.positions.assign(n, {});
  result.placed.assign(n, 0);

  // The prison in the centre, the rest of its side evenly on the first ring.
  std::vector<Vertex> side;
  for (RowId id : coverage.side)
    if (auto v = graph.vertexOf(id)) side.push_back(*v);
  if (side.empty()) return result;
  result.placed[side.front()] = 1;
  const double quarter = std::numbers::pi / 2;
  for (std::size_t i = 1; i < side.size(); ++i) {
    const double angle =
        quarter - 2 * std::numbers::pi * static_cast<double>(i - 1) / static_cast<double>(side.size() - 1);
    result.positions[side[i]] = polar(params.sideRadius, angle);
    result.placed[side[i]] = 1;
  }

  // One wedge per category, clockwise from the top.
  const std::size_t k = std::max<std::size_t>(1, categories.size());
  const double width = 2 * std::numbers::pi / static_cast<double>(k);
  std::map<RowId, std::size_t> wedgeOf;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    Wedge w;
    w.categoryId = categories[i];
    w.startAngle = quarter - width * static_cast<double>(i);
    w.endAngle = w.startAngle - width;
    wedgeOf[categories[i]] = i;
    result.wedges.push_back(w);
  }

  // Who goes where: partners in their category's wedge at their hops; a
  // go-between on the ring of its own distance, at the mean angle of the
  // partners it leads to.
  struct Slot {
    int ring = 1;
    std::vector<std::size_t> wedges;
  };
  std::map<Vertex, Slot> slots;
  int maxRing = 1;
  // A partner of any category stays in its partner wedge even where it is
  // also a go-between for another.
  std::vector<char> partner(n, 0);
  for (const CoverageCell& cell : coverage.cells)
    for (const CellPartner& p : cell.partners)
      if (auto v = graph.vertexOf(p.actorId)) partner[*v] = 1;
  for (const CoverageCell& cell : coverage.cells) {
    auto wedge = wedgeOf.find(cell.categoryId);
    if (wedge == wedgeOf.end()) continue;
    Wedge& w = result.wedges[wedge->second];
    w.status = cell.status;
    w.ghost = cell.status == CoverageStatus::Missing;
    for (const CellPartner& p : cell.partners) {
      auto v = graph.vertexOf(p.actorId);
      if (!v || result.placed[*v]) continue;
      Slot& slot = slots[*v];
      if (slot.wedges.empty()) slot.ring = std::max(1, p.hops);
      // An actor in two categories stays in the first; it is drawn once.
      if (slot.wedges.empty()) slot.wedges.push_back(wedge->second);
      maxRing = std::max(maxRing, slot.ring);
    }
    for (const auto& path : cell.paths)
      for (std::size_t i = 1; i + 1 < path.size(); ++i) {
        auto v = graph.vertexOf(path[i]);
        if (!v || result.placed[*v] || partner[*v]) continue;
        Slot& slot = slots[*v];
        slot.ring = static_cast<int>(i);
        slot.wedges.push_back(wedge->second);
      }
  }

  // Actors sharing a ring and a direction are spread evenly across that part of the wedge.
  std::map<std::pair<int, long>, std::vector<Vertex>> groups;
  std::map<Vertex, double> angleOf;
  for (const auto& [v, slot] : slots) {
    double sx = 0, sy = 0;
    for (std::size_t w : slot.wedges) {
      const double mid = (result.wedges[w].startAngle + result.wedges[w].endAngle) / 2;
      sx += std::cos(mid);
      sy += std::sin(mid);
    }
    const double angle = std::atan2(sy, sx);
    angleOf[v] = angle;
    // Group by ring and by the wedge the mean angle falls in.
    const long bucket = std::lround(std::floor((quarter - angle) / width + 1e-9));
    groups[{slot.ring, ((bucket % long(k)) + long(k)) % long(k)}].push_back(v);
  }
  // Rings wide enough that the most crowded wedge holds its actors side by
  // side: slots (i + 1) / (count + 1) of the wedge apart by a diameter and a gap.
  const double slot = 2 * params.nodeRadius + params.gap;
  std::map<int, std::size_t> crowd;
  for (const auto& [key, members] : groups) crowd[key.first] = std::max(crowd[key.first], members.size());
  result.rings.push_back(std::max(params.sideRadius, slot * static_cast<double>(side.size()) / (2 * std::numbers::pi)));
  for (int h = 1; h <= maxRing; ++h)
    result.rings.push_back(
        std::max(result.rings.back() + params.ringSpacing, slot * static_cast<double>(crowd[h] + 1) / width));
  for (std::size_t i = 1; i < side.size(); ++i)
    result.positions[side[i]] = result.positions[side[i]] * (result.rings[0] / params.sideRadius);
  for (Wedge& w : result.wedges)
    if (w.ghost) w.ghostPosition = polar(result.rings[1], (w.startAngle + w.endAngle) / 2);

  for (auto& [key, members] : groups) {
    const auto& [ring, wedge] = key;
    std::sort(members.begin(), members.end(), [&](Vertex a, Vertex b) {
      return std::pair(angleOf[a], graph.rowId(a)) > std::pair(angleOf[b], graph.rowId(b));
    });
    const double radius = result.rings[static_cast<std::size_t>(ring)];
    const Wedge& w = result.wedges[static_cast<std::size_t>(wedge)];
    const std::size_t count = members.size();
    for (std::size_t i = 0; i < count; ++i) {
      // Evenly inside the wedge, keeping clear of its edges (and of the ghost slot's place, which only a missing
      // category has, where there are no partners).
      const double t = (static_cast<double>(i) + 1) / (static_cast<double>(count) + 1);
      const double angle = count == 1 ? angleOf[members[i]] : w.startAngle - t * (w.startAngle - w.endAngle);
      result.positions[members[i]] = polar(radius, angle);
      result.placed[members[i]] = 1;
    }
  }
  return result;
}

}  // namespace nestmap
