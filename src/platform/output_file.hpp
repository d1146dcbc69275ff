#pragma once
// [SECTION] writing files: how every command that writes a file does it (DESIGN.md
// rule 9). The file is written under a temporary name beside its target, flushed to
// the disk, and moved into place in one step: the target is the old file or the new
// one, never half of either. An existing target is refused unless --force, and a map
// is never replaced by anything but a map. The temporary file goes on every failure.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <system_error>

namespace nestmap {

/// What a command writes, for the rules on what it may replace.
enum class OutputKind {
  Map,    ///< a .nestmap map: --force lets it replace a map, nothing else
  Other,  ///< a report, a picture, JSON: never replaces a map, not even with --force
};

/// How a command treats a file that is already at its target.
struct OutputOptions {
  bool force = false;  ///< --force: an existing file may be replaced, as OutputKind allows
  OutputKind kind = OutputKind::Other;
  bool forceOption = true;  ///< the refusal names --force; false where there is none (`new`, the window)
};

/// The application_id a Nestmap map carries at byte 68 of its header (Store::kApplicationId, "NMAP").
inline constexpr std::uint32_t kMapApplicationId = 0x4E4D4150;

/// Throws a UserError (Kind::Exists) when `options` do not allow writing `target`; a cheap
/// check for before long work. writeOutputFile() checks again, and its move re-checks atomically.
void checkOutputTarget(const std::filesystem::path& target, const OutputOptions& options);

/// Writes `target` through a temporary file beside it: `write(temp)` creates the file at
/// `temp` (it does not exist yet) and throws on failure. Then the file is flushed to the
/// disk and moved into place: without --force never over a file that appeared meanwhile,
/// with it by an atomic replace. Throws a UserError (Exists, or Io with a message of its
/// own for a full disk); the temporary file and SQLite's files beside it are removed on
/// every failure. Leftovers of dead processes beside `target` are removed first.
void writeOutputFile(const std::filesystem::path& target, const OutputOptions& options,
                     const std::function<void(const std::filesystem::path& temp)>& write);

/// writeOutputFile() for bytes already in memory (a report, a PNG, JSON).
void writeOutputBytes(const std::filesystem::path& target, const OutputOptions& options, std::string_view bytes);

/// Whether `path` holds a Nestmap map: an SQLite header with Nestmap's application_id, or an
/// SQLite file (or an empty one) whose -wal file beside it may still hold that header.
bool holdsMap(const std::filesystem::path& path);

/// The temporary file through which this process writes `target`: ".NAME.tmp-PID" beside it.
std::filesystem::path outputTempPath(const std::filesystem::path& target);

/// Removes what processes that are gone left beside `target`: ".NAME.tmp-PID" and
/// "NAME.building-PID" (the name before), each with its -wal, -shm and -journal files.
/// Returns how many files it removed.
int removeStaleTemps(const std::filesystem::path& target);

/// Removes `path` and the -wal, -shm and -journal files SQLite may keep beside it; errors ignored.
void removeWithSidecars(const std::filesystem::path& path);

/// The UserError for an operating-system error while writing `target`: Kind::Io, with the
/// disk-full message for ENOSPC/EDQUOT.
[[noreturn]] void throwWriteError(const std::filesystem::path& target, const std::error_code& ec);

}  // namespace nestmap
