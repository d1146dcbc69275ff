#pragma once
#include <functional>
#include <iosfwd>
#include <string_view>

#include "app/gui_options.hpp"

namespace nestmap {

/// Exit codes of the `nestmap` command (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitProblems = 1,      ///< `check` found problems
  kExitUsage = 2,         ///< wrong arguments
  kExitNotFound = 3,      ///< the file does not exist
  kExitNotNestmap = 4,    ///< not SQLite, or SQLite but not a Nestmap map
  kExitNewerVersion = 5,  ///< written by a newer Nestmap
  kExitCorrupt = 6,       ///< fails the integrity check
  kExitLocked = 7,        ///< locked by another process
  kExitExists = 8,        ///< refusing to overwrite an existing file
  kExitInvalidInput = 9,  ///< bad data (a CSV source, a record that breaks a rule)
  kExitIo = 10,           ///< cannot read or write
  kExitGui = 11,          ///< the window could not be opened (no display, no OpenGL 3.3)
  kExitReadOnly = 12,     ///< the map (or the target) can only be read
  kExitChanged = 13,      ///< the map changed under a command that could not be re-derived
};

/// What the command line needs from the GUI, which it does not link itself.
struct CliHooks {
  std::function<int(Document&, const GuiOptions&)> openGui;
};

/// Parses a window size "WIDTHxHEIGHT" (320x240 to 7680x4320) for --size;
/// false, leaving the outputs alone, when it is not one.
bool parseWindowSize(std::string_view text, int& width, int& height);
/// The smallest and largest width and height parseSize() accepts.
struct SizeLimits {
  int minWidth, maxWidth, minHeight, maxHeight;
};
/// "WIDTHxHEIGHT" (or X) in pixels within `limits`; false, leaving the outputs alone, when it is not.
bool parseSize(std::string_view text, int& width, int& height, SizeLimits limits);

/// Runs `nestmap` with its arguments; returns the exit code.
int runCli(int argc, const char* const* argv, const CliHooks& hooks, std::ostream& out, std::ostream& err);

}  // namespace nestmap
