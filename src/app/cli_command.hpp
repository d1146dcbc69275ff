#pragma once
// How groups of subcommands plug into `nestmap` (src/app/cli.cpp). Each group
// lives in a file of its own and adds its subcommands to the CLI11 app; the
// subcommand the user chose sets `action`, which runCli() then runs inside its
// error handling (UserError → message and exit code).

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/name_match.hpp"

namespace CLI {
class App;
class Option;
}

namespace nestmap {

/// What the chosen subcommand does once the arguments are parsed; returns an exit code.
using CliAction = std::function<int()>;

struct CliStreams {
  std::ostream& out;
  std::ostream& err;
};

/// `nestmap metrics|structure ...` (cli_analysis.cpp).
void addAnalysisCommands(CLI::App& app, CliAction& action, CliStreams io);

/// `nestmap gaps|partners|report ...` (cli_nest.cpp).
void addNestCommands(CLI::App& app, CliAction& action, CliStreams io);

/// `nestmap layout ...` (cli_layout.cpp).
void addLayoutCommands(CLI::App& app, CliAction& action, CliStreams io);

/// `nestmap import IN OUT` (cli_import.cpp).
void addImportCommands(CLI::App& app, CliAction& action, CliStreams io);

/// `nestmap export FILE --out x.graphml|x.gexf|x.json|x.dot|x.csv` (cli_export.cpp).
void addExportCommands(CLI::App& app, CliAction& action, CliStreams io);

/// `nestmap agreements FILE [...]`, also `--set-status ID STATUS` (cli_agreements.cpp).
void addAgreementCommands(CLI::App& app, CliAction& action, CliStreams io);

struct CliHooks;
/// `nestmap render FILE --view NAME --out PNG` (cli_render.cpp), drawn by the GUI side through `hooks`.
void addRenderCommands(CLI::App& app, CliAction& action, CliStreams io, const CliHooks& hooks);

/// Makes a number option accept only finite values in [lo, hi] (no nan, no inf); returns it.
CLI::Option* finiteInRange(CLI::Option* option, double lo, double hi);

/// Whether `name` picks exactly one candidate, matched as the canvas will
/// match it (CanvasPanel::showViewNamed, selectNamed); if not, says so on `err`
/// (`errorKey` with the name, and the names it may have meant).
bool checkName(const std::string& name, const std::vector<NameCandidate>& candidates, std::string_view errorKey,
               std::ostream& err);

}  // namespace nestmap
