#pragma once
// Opening an agreement's documents (files or web addresses) with whatever the
// system uses for them, without a shell and without waiting for it.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nestmap {

/// Whether `reference` is a web or mail address rather than a file path ("https://…", "mailto:…").
bool isUrl(std::string_view reference);

/// A document reference as the system's handler should get it: addresses as
/// they are, file paths made absolute against `base` (the map file's folder),
/// so that a relative path never depends on the working directory or reads as an option.
std::string resolveDocumentReference(std::string_view reference, const std::filesystem::path& base);

/// The program and arguments that open `target` with the system's handler:
/// `xdg-open target` on Linux and other Unixes, `open target` on macOS.
std::vector<std::string> openCommand(std::string_view target);

/// Starts `argv` (argv[0] looked up in PATH) without a shell and without
/// waiting for it; nullopt when it started, else why not, for the user.
std::optional<std::string> launchDetached(const std::vector<std::string>& argv);

}  // namespace nestmap
