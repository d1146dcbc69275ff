// `nestmap layout`: compute a layout and write it into a view of the map, as
// one command (one undo step, one change-log entry).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <ostream>

#include "analysis/nest_coverage.hpp"
#include "app/cli.hpp"
#include "app/cli_command.hpp"
#include "app/nest_text.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "layout/view_layout.hpp"

namespace nestmap {
namespace {

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

int runLayout(const LayoutOptions& o, CliStreams io) {
  const auto started = std::chrono::steady_clock::now();
  Document doc = Document::open(o.file);
  const Model& m = doc.model();
  const Date asOf = o.asOf.empty() ? Date::today() : parseDateOption(o.asOf);
  ViewLayoutRequest request;
  request.algo = o.algo;
  request.asOf = asOf;
  request.iterations = o.iterations;
  request.seed = o.seed;
  View view;
  if (o.algo == "nest") {
    if (o.prison.empty()) throw UserError(UserError::Kind::InvalidInput, tr("layout.needs_prison"));
    if (!defaultTemplate(m)) throw UserError(UserError::Kind::InvalidInput, tr("nest.no_template"));
    request.prisonId = findPrison(m, o.prison, asOf);
    view = chooseView(m, o.view, nestViewName(*m.actors.find(request.prisonId)));
  } else {
    view = chooseView(m, o.view, tr("view.overview"));
  }
  view.layout = o.algo;
  ViewLayout layout = layoutView(m, view.id, request);
  const std::string& summary = layout.summary;
  auto& placement = layout.placement;
  const std::string viewName = view.name;
  // The layout took a while: built again on the file as it is when written,
  // so that what someone else changed meanwhile stays (their new actors keep
  // their place; actors they removed are left out).
  doc.execute([&](const Model& now) {
    View target = view;
    if (view.id != 0) {
      const View* current = now.views.find(view.id);
      if (!current) throw UserError(UserError::Kind::Changed, tr("store.changed"));
      target = *current;
      target.layout = view.layout;
    }
    auto kept = placement;
    std::erase_if(kept, [&](const auto& entry) { return !now.actors.find(entry.first); });
    return applyLayout(now, std::move(target), std::move(kept));
  });
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
