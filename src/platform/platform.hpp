#pragma once
// [SECTION] platform: what differs between Linux and Windows, behind one small
// interface. Only platform_*.cpp include system headers; the rest of Nestmap
// calls these. Failures are std::error_code values (no text: the callers say
// what went wrong in the user's language).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace nestmap::platform {

/// This process's id.
std::int64_t currentPid();
/// Whether a process with this id exists now (also one of another user). A
/// recycled id counts as alive, so a caller that cleans up after dead
/// processes may leave something behind, never take something away.
bool processAlive(std::int64_t pid);

/// The user's home directory: $HOME, else the password database's entry, else the temp directory.
std::filesystem::path homeDir();
/// The name of the user this process runs as (for the change log); "?" when unknown.
std::string currentUserName();

/// Moves `from` to `to` in one step, never replacing anything: fails with
/// std::errc::file_exists when `to` exists (a dangling link included). Both
/// must be on one file system. Linux: renameat2(RENAME_NOREPLACE); where the
/// file system lacks it, link() + unlink(), which is as atomic; where it has no
/// hard links either, the name is first claimed with O_EXCL and then renamed over.
std::error_code moveNoReplace(const std::filesystem::path& from, const std::filesystem::path& to);
/// Moves `from` to `to` in one step, replacing a file there (rename()).
std::error_code moveReplace(const std::filesystem::path& from, const std::filesystem::path& to);

/// Flushes a file's data and size to the disk (fsync).
std::error_code fsyncFile(const std::filesystem::path& path);
/// Flushes a folder's entries to the disk, so that a file moved into it survives a power loss.
std::error_code fsyncDir(const std::filesystem::path& dir);

/// Creates `path`, which must not exist (O_EXCL), writes `bytes` to it and fsyncs it.
/// On failure the partly written file is removed.
std::error_code writeNewFile(const std::filesystem::path& path, std::string_view bytes);

/// Whether an error means that the disk (or the user's quota) is full.
bool isDiskFull(const std::error_code& ec);

namespace detail {
/// moveNoReplace()'s fallbacks, so that tests can run them on a file system that has renameat2.
std::error_code moveNoReplaceByLink(const std::filesystem::path& from, const std::filesystem::path& to);
std::error_code moveNoReplaceByClaim(const std::filesystem::path& from, const std::filesystem::path& to);
}  // namespace detail

}  // namespace nestmap::platform
