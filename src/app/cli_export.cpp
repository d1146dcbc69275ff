// `nestmap export`: the graph of a map as GraphML, GEXF, node-link JSON, DOT or CSV
// (io/graph_export.cpp), written through writeOutputBytes like every other output.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "app/cli_command.hpp"
#include "app/nest_text.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "core/text.hpp"
#include "edit/document.hpp"
#include "io/graph_export.hpp"
#include "platform/output_file.hpp"

namespace nestmap {
namespace fs = std::filesystem;
namespace {

struct ExportOptions {
  std::string file, out, view, agreements = "ties", asOf;
  bool shareSafe = false, force = false;
};

/// The format `out` asks for by its extension; an InvalidInput error listing the known ones when none.
const GraphFormat& formatFor(const fs::path& out) {
  if (const GraphFormat* format = graphFormatFor(out)) return *format;
  std::string known;
  for (const GraphFormat& f : graphFormats()) known += (known.empty() ? "" : ", ") + std::string(f.extension);
  throw UserError(UserError::Kind::InvalidInput, utf8Escaped(trf("graph_export.unknown_format", {out.string(), known})));
}

/// The file `target` was before this export wrote it, to undo a half-written export.
struct Written {
  fs::path target;
  bool existed = false;
};

int runExport(const ExportOptions& o, CliStreams io) {
  const fs::path out = o.out;
  // The format and the targets are checked before the map is opened: a typo costs nothing.
  const GraphFormat& format = formatFor(out);
  const OutputOptions output{.force = o.force};
  Document doc = Document::open(o.file);
  const Model& model = doc.model();

  GraphExportOptions options;
  options.agreements = o.agreements == "nodes" ? AgreementsAs::Nodes : AgreementsAs::Ties;
  options.shareSafe = o.shareSafe;
  if (!o.asOf.empty()) options.asOf = parseDateOption(o.asOf);
  std::vector<NameCandidate> views;
  for (const auto& [id, v] : model.views) views.push_back({id, v.name, {v.name}});
  if (!o.view.empty()) {
    if (!checkName(o.view, views, "gui.unknown_view", io.err)) return kExitInvalidInput;
    options.viewId = matchName(o.view, views).id;
  } else if (!views.empty()) {
    options.viewId = views.front().id;  // the first view, as the window opens on it
  }

  GraphExport result = format.write(model, options);
  // CSV writes two files: both targets are checked before either is written.
  for (const GraphExportFile& file : result.files) checkOutputTarget(exportPath(out, file), output);
  std::vector<Written> written;
  try {
    for (const GraphExportFile& file : result.files) {
      const fs::path target = exportPath(out, file);
      const bool existed = fs::exists(target);
      writeOutputBytes(target, output, file.bytes);
      written.push_back({target, existed});
    }
  } catch (...) {
    // A later file failed: the files this export added go too, so that nothing half is left.
    // One it replaced (--force) stays new; the old one is gone already.
    for (const Written& w : written)
      if (!w.existed) fs::remove(w.target);
    throw;
  }

  std::string targets;
  for (const Written& w : written) targets += (targets.empty() ? "" : ", ") + w.target.string();
  io.out << utf8Escaped(trf("graph_export.done", {std::to_string(result.counts.actors), std::to_string(result.counts.ties),
                                            std::to_string(result.counts.agreements), targets}))
         << '\n';
  if (o.shareSafe) io.out << tr("graph_export.share_safe_done") << '\n';
  return kExitOk;
}

}  // namespace

void addExportCommands(CLI::App& app, CliAction& action, CliStreams io) {
  auto o = std::make_shared<ExportOptions>();
  auto* cmd = app.add_subcommand("export", tr("cli.cmd.export"));
  cmd->add_option("FILE", o->file, tr("cli.opt.file"))->required();
  cmd->add_option("--out", o->out, tr("cli.opt.export_out"))->required();
  cmd->add_option("--view", o->view, tr("cli.opt.export_view"));
  cmd->add_option("--agreements", o->agreements, tr("cli.opt.export_agreements"))
      ->check(CLI::IsMember({"ties", "nodes"}));
  cmd->add_option("--as-of", o->asOf, tr("cli.opt.export_as_of"));
  cmd->add_flag("--share-safe", o->shareSafe, tr("cli.opt.export_share_safe"));
  cmd->add_flag("--force", o->force, tr("cli.opt.force_out"));
  cmd->callback([o, io, &action] { action = [o, io] { return runExport(*o, io); }; });
}

}  // namespace nestmap
