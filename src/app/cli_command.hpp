#pragma once
// How groups of subcommands plug into `nestmap` (src/app/cli.cpp). Each group
// lives in a file of its own and adds its subcommands to the CLI11 app; the
// subcommand the user chose sets `action`, which runCli() then runs inside its
// error handling (UserError → message and exit code).

#include <functional>
#include <iosfwd>

namespace CLI {
class App;
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

/// `nestmap agreements FILE [...]`, also `--set-status ID STATUS` (cli_agreements.cpp).
void addAgreementCommands(CLI::App& app, CliAction& action, CliStreams io);

}  // namespace nestmap
