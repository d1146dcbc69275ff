// `nestmap import`: a GraphML or GEXF file becomes a new map.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "app/cli.hpp"
#include "app/cli_command.hpp"
#include "app/map_file.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/data_sources.hpp"
#include "io/graph_import.hpp"

namespace nestmap {
namespace fs = std::filesystem;
namespace {

struct ImportOptions {
  std::string in, out;
  bool force = false;
};

int runImport(const ImportOptions& o, CliStreams io) {
  const fs::path out = o.out;
  // Size, kind (no /dev/zero) and file name are checked before a byte is read.
  checkImportFile(o.in);
  mapNameFor(o.in);
  // Refused before reading: a large graph need not be parsed to learn that.
  const OutputOptions output{.force = o.force, .kind = OutputKind::Map};
  checkOutputTarget(out, output);
  GraphImportReport report;
  Model model = importGraph(o.in, embeddedData(), &report);
  // Any error above left `out` alone. buildMapFile moves the new map into place only once
  // it is whole, and without --force never over a file that appeared while this parsed.
  buildMapFile(out, std::move(model), {}, output);
  io.out << trf("import.done", {std::to_string(report.actors), std::to_string(report.ties),
                                std::to_string(report.selfLoops), out.string()})
         << '\n';
  return kExitOk;
}

}  // namespace

void addImportCommands(CLI::App& app, CliAction& action, CliStreams io) {
  auto options = std::make_shared<ImportOptions>();
  auto* cmd = app.add_subcommand("import", tr("cli.cmd.import"));
  cmd->add_option("IN", options->in, tr("cli.opt.import_in"))->required();
  cmd->add_option("OUT", options->out, tr("cli.opt.import_out"))->required();
  cmd->add_flag("--force", options->force, tr("cli.opt.force_map"));
  cmd->callback([options, io, &action] { action = [options, io] { return runImport(*options, io); }; });
}

}  // namespace nestmap
