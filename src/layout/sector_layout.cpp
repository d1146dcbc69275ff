#include "layout/sector_layout.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>

#include "core/name_match.hpp"

namespace nestmap {
namespace {

using Vertex = GraphSnapshot::Vertex;
constexpr double kTwoPi = 2 * std::numbers::pi;

struct Member {
  Vertex vertex = 0;
  std::size_t group = 0;  ///< rank of the sector; the sectorless come after every sector
  RowId sectorId = 0;
  std::string folded, name;
  RowId id = 0;
};

/// The angle a chord of length s spans on a circle of radius r (π once s reaches the diameter).
double chordAngle(double s, double r) { return 2 * std::asin(std::min(1.0, s / (2 * r))); }

/// Angles between consecutive members (link k: from member k to k + 1, the
/// last one closing the circle) and the circle's radius, such that every chord
/// is at least its required length `s[k]` and the circle is as small as that allows.
double solveCircle(const std::vector<double>& s, std::vector<double>& theta) {
  const std::size_t m = s.size();
  theta.assign(m, kTwoPi / static_cast<double>(m));
  const double sMax = *std::max_element(s.begin(), s.end());
  if (!(sMax > 0)) return 0;
  auto total = [&](double r) {
    double sum = 0;
    for (double sk : s) sum += chordAngle(sk, r);
    return sum;
  };

  double lo = sMax / 2;
  if (total(lo) <= kTwoPi) {
    // The longest chord is a diameter and the others do not fill the other
    // half: a smaller circle cannot hold that chord, so the others' angles are
    // widened to close the circle. Each stays within π, where a wider angle
    // means a longer chord.
    double longest = 0, others = 0;
    for (std::size_t k = 0; k < m; ++k) {
      theta[k] = chordAngle(s[k], lo);
      (s[k] == sMax ? longest : others) += theta[k];
    }
    if (others > 0)
      for (std::size_t k = 0; k < m; ++k)
        if (s[k] != sMax) theta[k] *= (kTwoPi - longest) / others;
    return lo;
  }

  double hi = std::max(lo, 1.0) * 2;
  while (total(hi) > kTwoPi) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > hi * 1e-15; ++i) {
    const double mid = (lo + hi) / 2;
    (total(mid) > kTwoPi ? lo : hi) = mid;
  }
  // At `hi` the angles sum to at most 2π; spreading the rounding remainder
  // widens each a hair and so keeps every chord at least as long as required.
  double sum = 0;
  for (std::size_t k = 0; k < m; ++k) sum += theta[k] = chordAngle(s[k], hi);
  for (double& t : theta) t *= kTwoPi / sum;
  return hi;
}

}  // namespace

SectorLayout::Result SectorLayout::run(const Model& model, const GraphSnapshot& graph, const LayoutNodes& nodes,
                                       const Params& params, Progress* progress) {
  const std::size_t n = graph.vertexCount();
  nodes.requireFits(n, "SectorLayout");
  step(progress, 0);

  std::vector<const Sector*> sectors = model.sectors.rows();
  std::stable_sort(sectors.begin(), sectors.end(), [](const Sector* a, const Sector* b) { return a->sort < b->sort; });
  std::map<RowId, std::size_t> rankOf;
  for (std::size_t i = 0; i < sectors.size(); ++i) rankOf[sectors[i]->id] = i;

  Result result;
  result.positions.assign(n, {});
  std::vector<Member> members;
  for (Vertex v = 0; v < n; ++v) {
    if (nodes.isPinned(v)) {
      result.positions[v] = nodes.position[v];
      continue;
    }
    Member member{v, sectors.size(), 0, {}, {}, graph.rowId(v)};
    if (const Actor* actor = model.actors.find(member.id)) {
      member.name = actor->name;
      member.folded = foldForSearch(actor->name);
      if (const ActorType* type = model.actorTypes.find(actor->typeId))
        if (auto it = rankOf.find(type->sectorId); it != rankOf.end()) {
          member.group = it->second;
          member.sectorId = type->sectorId;
        }
    }
    members.push_back(std::move(member));
  }
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    return std::tie(a.group, a.folded, a.name, a.id) < std::tie(b.group, b.folded, b.name, b.id);
  });
  const std::size_t m = members.size();
  if (m == 0) return result;

  std::vector<double> radius(m), required(m), theta;
  for (std::size_t k = 0; k < m; ++k) radius[k] = nodes.radiusOf(members[k].vertex);
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t next = (k + 1) % m;
    required[k] = radius[k] + radius[next] + params.gap;
    if (members[k].group != members[next].group) required[k] += params.sectorGap;
  }
  if (m == 1) {
    // One actor: its own centre, and its sector the whole circle.
    theta.assign(1, kTwoPi);
    result.radius = 0;
  } else {
    result.radius = solveCircle(required, theta);
  }

  std::vector<double> angle(m);
  angle[0] = params.startAngle;
  for (std::size_t k = 1; k < m; ++k) angle[k] = angle[k - 1] + theta[k - 1];
  for (std::size_t k = 0; k < m; ++k)
    result.positions[members[k].vertex] = {result.radius * std::cos(angle[k]), result.radius * std::sin(angle[k])};

  // An arc reaches over its end actors' circles (their half-width seen from
  // the centre) but at most halfway to the next sector's first actor, so that
  // arcs never overlap even when big circles leave little room.
  auto halfWidth = [&](std::size_t k) {
    return result.radius > 0 ? std::asin(std::min(1.0, radius[k] / result.radius)) : std::numbers::pi;
  };
  for (std::size_t begin = 0; begin < m;) {
    std::size_t end = begin;
    while (end + 1 < m && members[end + 1].group == members[begin].group) ++end;
    SectorArc arc;
    arc.sectorId = members[begin].sectorId;
    arc.startAngle = angle[begin] - std::min(halfWidth(begin), theta[(begin + m - 1) % m] / 2);
    arc.endAngle = angle[end] + std::min(halfWidth(end), theta[end] / 2);
    for (std::size_t k = begin; k <= end; ++k) arc.vertices.push_back(members[k].vertex);
    result.arcs.push_back(std::move(arc));
    begin = end + 1;
  }
  step(progress, 1);
  return result;
}

}  // namespace nestmap
