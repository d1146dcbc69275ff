#include "layout/view_layout.hpp"

#include <cmath>
#include <map>
#include <random>

#include "analysis/nest_coverage.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "layout/force_atlas2.hpp"
#include "layout/geo_layout.hpp"
#include "layout/grid_layout.hpp"
#include "layout/nest_layout.hpp"
#include "layout/remove_overlap.hpp"
#include "layout/sector_layout.hpp"

namespace nestmap {

using Vertex = GraphSnapshot::Vertex;

LayoutNodes startFromView(const Model& m, const GraphSnapshot& g, RowId viewId, std::uint64_t seed, bool& anyPlaced) {
  LayoutNodes nodes;
  const std::size_t n = g.vertexCount();
  nodes.position.assign(n, {});
  nodes.pinned.assign(n, 0);
  std::vector<char> known(n, 0);
  anyPlaced = false;
  if (auto it = m.positions.find(viewId); it != m.positions.end())
    for (const auto& [actorId, p] : it->second)
      if (auto v = g.vertexOf(actorId)) {
        nodes.position[*v] = {p.x, p.y};
        nodes.pinned[*v] = p.pinned;
        known[*v] = 1;
        anyPlaced = true;
      }
  if (!anyPlaced) {
    nodes.position = ForceAtlas2::randomStart(n, seed, std::sqrt(static_cast<double>(n)) * 10 + 10);
    return nodes;
  }
  // Newcomers beside the neighbours already placed: the rest then moves little.
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> jitter(-1.0, 1.0);
  for (Vertex v = 0; v < n; ++v) {
    if (known[v]) continue;
    Vec2 sum;
    int count = 0;
    for (Vertex w : g.neighbours(v))
      if (known[w]) {
        sum += nodes.position[w];
        ++count;
      }
    nodes.position[v] =
        count ? sum * (1.0 / count) + Vec2{jitter(rng), jitter(rng)} : Vec2{jitter(rng) * 50, jitter(rng) * 50};
  }
  return nodes;
}

std::string nestViewName(const Actor& prison) {
  return trf("layout.nest_view", {prison.shortName.empty() ? prison.name : prison.shortName});
}

namespace {

ViewLayout nestLayout(const Model& m, RowId viewId, const ViewLayoutRequest& request) {
  const Actor* prison = m.actors.find(request.prisonId);
  if (!prison) throw UserError(UserError::Kind::InvalidInput, tr("layout.needs_prison"));
  if (!defaultTemplate(m)) throw UserError(UserError::Kind::InvalidInput, tr("nest.no_template"));
  const GraphSnapshot g = nestSnapshot(m, request.asOf);
  NestCoverage::Params params;
  params.asOf = request.asOf;
  params.prisons = {prison->id};
  const auto coverage = NestCoverage::run(m, g, params);
  if (coverage.prisons.empty()) throw UserError(UserError::Kind::InvalidInput, tr("layout.needs_prison"));
  const auto nest = NestLayout::run(g, coverage.prisons.front(), coverage.categories);
  // The view shows the nest only: actors outside it lose their place there.
  std::map<RowId, std::optional<ViewPosition>> next;
  if (auto it = m.positions.find(viewId); viewId && it != m.positions.end())
    for (const auto& [actorId, p] : it->second) next[actorId] = std::nullopt;
  int placed = 0;
  for (Vertex v = 0; v < g.vertexCount(); ++v)
    if (nest.placed[v]) {
      next[g.rowId(v)] = ViewPosition{nest.positions[v].x, nest.positions[v].y, false};
      ++placed;
    }
  ViewLayout out;
  out.placement.assign(next.begin(), next.end());
  int ghosts = 0;
  for (const auto& w : nest.wedges) ghosts += w.ghost;
  out.summary = trf("layout.nest_done", {std::to_string(placed), prison->name, std::to_string(ghosts)});
  return out;
}

}  // namespace

ViewLayout layoutView(const Model& m, RowId viewId, const ViewLayoutRequest& request) {
  if (request.algo == "nest") return nestLayout(m, viewId, request);
  const GraphSnapshot g = GraphSnapshot::fromModel(m, layoutSnapshotOptions());
  bool anyPlaced = false;
  LayoutNodes start = startFromView(m, g, viewId, request.seed, anyPlaced);
  std::vector<Vec2> positions;
  ViewLayout out;
  if (request.algo == "sectors") {
    positions = SectorLayout::run(m, g, start).positions;
    out.summary = trf("layout.sectors_done", {std::to_string(g.vertexCount())});
  } else if (request.algo == "geo") {
    auto r = GeoLayout::run(m, g, start);
    positions = std::move(r.positions);
    out.summary = trf("layout.geo_done", {std::to_string(g.vertexCount()), std::to_string(r.withoutCoordinates)});
  } else if (request.algo == "grid") {
    positions = GridLayout::run(m, g, start).positions;
    out.summary = trf("layout.grid_done", {std::to_string(g.vertexCount())});
  } else if (request.algo == "fa2") {
    ForceAtlas2Params fa2;
    fa2.seed = request.seed;
    int iterations = 0;
    // A large map without a layout yet starts from the multilevel layout; an
    // existing layout is refined where it is, so that it stays recognisable.
    if (!anyPlaced && g.vertexCount() > 2000 && request.iterations == 0) {
      MultilevelForceAtlas2::Params params;
      params.fa2 = fa2;
      auto r = MultilevelForceAtlas2::run(g, start, params);
      positions = std::move(r.positions);
      iterations = r.finalIterations;
    } else {
      ForceAtlas2 layout(g, start, fa2);
      iterations = request.iterations > 0 ? (layout.run(request.iterations), request.iterations)
                                          : layout.runUntilStable(0.001, 1500);
      positions = layout.positions();
    }
    // Forces leave nodes on top of each other now and then: the last step pushes them apart.
    placeIsolated(g, positions, start);
    RemoveOverlap::run(positions, start.radius, start.pinned);
    out.summary = trf("layout.force_done", {std::to_string(g.vertexCount()), std::to_string(iterations)});
  } else {
    throw UserError(UserError::Kind::InvalidInput, trf("layout.unknown_algo", {request.algo}));
  }
  for (Vertex v = 0; v < g.vertexCount(); ++v)
    out.placement.emplace_back(g.rowId(v), ViewPosition{positions[v].x, positions[v].y, start.isPinned(v)});
  return out;
}

}  // namespace nestmap
