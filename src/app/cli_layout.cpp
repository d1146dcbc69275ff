// `nestmap layout`: compute a layout and write it into a view of the map, as
// one command (one undo step, one change-log entry).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <map>
#include <ostream>
#include <random>

#include "analysis/nest_coverage.hpp"
#include "app/cli.hpp"
#include "app/cli_command.hpp"
#include "app/nest_text.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "layout/force_atlas2.hpp"
#include "layout/geo_layout.hpp"
#include "layout/grid_layout.hpp"
#include "layout/nest_layout.hpp"
#include "layout/remove_overlap.hpp"
#include "layout/sector_layout.hpp"

namespace nestmap {
namespace {

using Vertex = GraphSnapshot::Vertex;
using Placement = std::vector<std::pair<RowId, std::optional<ViewPosition>>>;

struct LayoutOptions {
  std::string file, algo = "fa2", prison, view, asOf;
  int iterations = 0;
  std::uint64_t seed = 1;
};

/// The view a layout goes into: the one named, else the usual one for the
/// algorithm; a view that does not exist yet is made (id 0).
View chooseView(const Model& m, const std::string& name, const std::string& fallback) {
  const std::string wanted = name.empty() ? fallback : name;
  for (const auto& [id, view] : m.views)
    if (foldForSearch(view.name) == foldForSearch(wanted)) return view;
  if (name.empty() && !m.views.empty() && fallback == tr("view.overview")) return m.views.records().front();
  View view;
  view.name = wanted;
  return view;
}

/// Where each vertex starts: its place in the view if it has one, else near
/// its placed neighbours, else at random; pinned ones are marked.
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

int runLayout(const LayoutOptions& o, CliStreams io) {
  const auto started = std::chrono::steady_clock::now();
  Document doc = Document::open(o.file);
  const Model& m = doc.model();
  const Date asOf = o.asOf.empty() ? Date::today() : parseDateOption(o.asOf);
  Placement placement;
  View view;
  std::string summary;

  if (o.algo == "nest") {
    if (o.prison.empty()) throw UserError(UserError::Kind::InvalidInput, tr("layout.needs_prison"));
    if (!defaultTemplate(m)) throw UserError(UserError::Kind::InvalidInput, tr("nest.no_template"));
    const RowId prisonId = findPrison(m, o.prison, asOf);
    const Actor& prison = *m.actors.find(prisonId);
    const GraphSnapshot g = nestSnapshot(m, asOf);
    NestCoverage::Params params;
    params.asOf = asOf;
    params.prisons = {prisonId};
    const auto coverage = NestCoverage::run(m, g, params);
    const auto nest = NestLayout::run(g, coverage.prisons.front(), coverage.categories);
    view = chooseView(m, o.view, trf("layout.nest_view", {prison.shortName.empty() ? prison.name : prison.shortName}));
    view.layout = "nest";
    // The view shows the nest only: actors outside it lose their place there.
    std::map<RowId, std::optional<ViewPosition>> next;
    if (auto it = m.positions.find(view.id); view.id && it != m.positions.end())
      for (const auto& [actorId, p] : it->second) next[actorId] = std::nullopt;
    int placed = 0;
    for (Vertex v = 0; v < g.vertexCount(); ++v)
      if (nest.placed[v]) {
        next[g.rowId(v)] = ViewPosition{nest.positions[v].x, nest.positions[v].y, false};
        ++placed;
      }
    placement.assign(next.begin(), next.end());
    int ghosts = 0;
    for (const auto& w : nest.wedges) ghosts += w.ghost;
    summary = trf("layout.nest_done", {std::to_string(placed), prison.name, std::to_string(ghosts)});
  } else {
    view = chooseView(m, o.view, tr("view.overview"));
    view.layout = o.algo;
    const GraphSnapshot g = GraphSnapshot::fromModel(m, layoutSnapshotOptions());
    bool anyPlaced = false;
    LayoutNodes start = startFromView(m, g, view.id, o.seed, anyPlaced);
    std::vector<Vec2> positions;
    if (o.algo == "sectors") {
      positions = SectorLayout::run(m, g, start).positions;
      summary = trf("layout.sectors_done", {std::to_string(g.vertexCount())});
    } else if (o.algo == "geo") {
      auto r = GeoLayout::run(m, g, start);
      positions = std::move(r.positions);
      summary = trf("layout.geo_done", {std::to_string(g.vertexCount()), std::to_string(r.withoutCoordinates)});
    } else if (o.algo == "grid") {
      positions = GridLayout::run(m, g, start).positions;
      summary = trf("layout.grid_done", {std::to_string(g.vertexCount())});
    } else {
      ForceAtlas2Params fa2;
      fa2.seed = o.seed;
      int iterations = 0;
      // A large map without a layout yet starts from the multilevel layout; an
      // existing layout is refined where it is, so that it stays recognisable.
      if (!anyPlaced && g.vertexCount() > 2000 && o.iterations == 0) {
        MultilevelForceAtlas2::Params params;
        params.fa2 = fa2;
        auto r = MultilevelForceAtlas2::run(g, start, params);
        positions = std::move(r.positions);
        iterations = r.finalIterations;
      } else {
        ForceAtlas2 layout(g, start, fa2);
        iterations = o.iterations > 0 ? (layout.run(o.iterations), o.iterations) : layout.runUntilStable(0.001, 1500);
        positions = layout.positions();
      }
      // Forces leave nodes on top of each other now and then: the last step pushes them apart.
      placeIsolated(g, positions, start);
      RemoveOverlap::run(positions, start.radius, start.pinned);
      summary = trf("layout.force_done", {std::to_string(g.vertexCount()), std::to_string(iterations)});
    }
    for (Vertex v = 0; v < g.vertexCount(); ++v)
      placement.emplace_back(g.rowId(v), ViewPosition{positions[v].x, positions[v].y, start.isPinned(v)});
  }
  const std::string viewName = view.name;
  doc.execute(applyLayout(m, std::move(view), std::move(placement)));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  io.out << summary << ' ' << trf("layout.written", {viewName, formatNumber(seconds, 1)}) << '\n';
  return kExitOk;
}

}  // namespace

void addLayoutCommands(CLI::App& app, CliAction& action, CliStreams io) {
  auto o = std::make_shared<LayoutOptions>();
  auto* cmd = app.add_subcommand("layout", tr("cli.cmd.layout"));
  cmd->add_option("FILE", o->file, tr("cli.opt.file"))->required();
  cmd->add_option("--algo", o->algo, tr("cli.opt.algo"))
      ->check(CLI::IsMember({"fa2", "nest", "sectors", "geo", "grid"}));
  cmd->add_option("--prison", o->prison, tr("cli.opt.layout_prison"));
  cmd->add_option("--iterations", o->iterations, tr("cli.opt.iterations"))->check(CLI::Range(1, 100000));
  cmd->add_option("--seed", o->seed, tr("cli.opt.layout_seed"));
  cmd->add_option("--view", o->view, tr("cli.opt.layout_view"));
  cmd->add_option("--as-of", o->asOf, tr("cli.opt.as_of"));
  cmd->callback([o, io, &action] { action = [o, io] { return runLayout(*o, io); }; });
}

}  // namespace nestmap
