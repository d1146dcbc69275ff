#include "platform/output_file.hpp"

#include <array>
#include <charconv>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "platform/platform.hpp"

namespace nestmap {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSidecars[] = {"-wal", "-shm", "-journal"};

/// The part of a file name that temporary names repeat, short enough that
/// ".NAME.tmp-PID-journal" stays within the 255 bytes a name may have.
std::string nameStem(const fs::path& target) {
  std::string name = target.filename().string();
  if (name.size() > 200) name.resize(200);
  return name;
}

fs::path folderOf(const fs::path& target) {
  return target.parent_path().empty() ? fs::path(".") : target.parent_path();
}

[[noreturn]] void refuse(std::string_view key, const fs::path& target) {
  throw UserError(UserError::Kind::Exists, trf(key, {target.string()}));
}

/// Whether `name` is `prefix` + a process id + maybe a sidecar suffix; the id in `pid`.
bool parseTempName(std::string_view name, std::string_view prefix, std::int64_t& pid) {
  if (!name.starts_with(prefix)) return false;
  name.remove_prefix(prefix.size());
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
  if (ec != std::errc() || end == name.data()) return false;
  const std::string_view rest(end, static_cast<std::size_t>(name.data() + name.size() - end));
  if (rest.empty()) return true;
  for (std::string_view suffix : kSidecars)
    if (rest == suffix) return true;
  return false;
}

bool nonEmptyFile(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return !ec && size > 0;
}

}  // namespace

bool holdsMap(const fs::path& path) {
  std::array<char, 72> header{};
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.read(header.data(), header.size());
  const auto got = static_cast<std::size_t>(in.gcount());
  const bool walBeside = nonEmptyFile(path.string() + "-wal");
  constexpr std::string_view kSqlite("SQLite format 3\0", 16);
  if (got == 0) return walBeside;  // a map just created, its first pages still in the WAL
  if (got < kSqlite.size() || std::string_view(header.data(), kSqlite.size()) != kSqlite) return false;
  if (got == header.size()) {
    std::uint32_t id = 0;
    for (std::size_t i = 68; i < 72; ++i) id = (id << 8) | static_cast<unsigned char>(header[i]);
    if (id == kMapApplicationId) return true;
  }
  // SQLite, but the id not (yet) in the file itself: a map whose header page is still in the WAL.
  return walBeside;
}

fs::path outputTempPath(const fs::path& target) {
  return folderOf(target) / ("." + nameStem(target) + ".tmp-" + std::to_string(platform::currentPid()));
}

void removeWithSidecars(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
  for (std::string_view suffix : kSidecars) fs::remove(path.string() + std::string(suffix), ec);
}

int removeStaleTemps(const fs::path& target) {
  const std::string stem = nameStem(target);
  const std::string tempPrefix = "." + stem + ".tmp-", buildingPrefix = target.filename().string() + ".building-";
  std::error_code ec;
  int removed = 0;
  for (fs::directory_iterator it(folderOf(target), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::int64_t pid = 0;
    if (!parseTempName(name, tempPrefix, pid) && !parseTempName(name, buildingPrefix, pid)) continue;
    if (pid == platform::currentPid() || platform::processAlive(pid)) continue;  // still being written
    std::error_code ignored;
    if (fs::remove(it->path(), ignored)) ++removed;
  }
  return removed;
}

void throwWriteError(const fs::path& target, const std::error_code& ec) {
  if (platform::isDiskFull(ec)) throw UserError(UserError::Kind::Io, trf("output.disk_full", {target.string()}));
  if (ec == std::errc::read_only_file_system || ec == std::errc::permission_denied ||
      ec == std::errc::operation_not_permitted)
    throw UserError(UserError::Kind::ReadOnly, trf("output.read_only", {target.string()}));
  if (ec == std::errc::no_such_file_or_directory && !fs::is_directory(folderOf(target)))
    throw UserError(UserError::Kind::NotFound, trf("output.no_folder", {target.string(), folderOf(target).string()}));
  throw UserError(UserError::Kind::Io, trf("output.not_written", {target.string(), ec.message()}));
}

void checkOutputTarget(const fs::path& target, const OutputOptions& options) {
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(target, ec);
  if (!fs::exists(link)) return;
  if (fs::is_directory(fs::status(target, ec))) refuse("output.is_folder", target);
  if (!options.force) refuse(options.forceOption ? "output.exists_force" : "store.exists", target);
  // What cannot be read cannot be known not to be a map.
  if (fs::exists(fs::status(target, ec)) && !std::ifstream(target, std::ios::binary))
    refuse("output.unreadable", target);
  const bool map = holdsMap(target);
  if (options.kind == OutputKind::Other && map) refuse("output.map_kept", target);
  if (options.kind == OutputKind::Map && !map) refuse("output.only_maps", target);
}

void writeOutputFile(const fs::path& target, const OutputOptions& options,
                     const std::function<void(const fs::path& temp)>& write) {
  removeStaleTemps(target);
  checkOutputTarget(target, options);
  const fs::path temp = outputTempPath(target);
  removeWithSidecars(temp);  // a file of an earlier process that had our id
  try {
    try {
      write(temp);
    } catch (const std::system_error& e) {  // std::filesystem_error too
      throwWriteError(target, e.code());
    } catch (const UserError& e) {
      // The user knows the file by its own name, not by the temporary one.
      std::string message = e.what();
      const std::string from = temp.string(), to = target.string();
      for (auto at = message.find(from); at != std::string::npos; at = message.find(from, at + to.size()))
        message.replace(at, from.size(), to);
      throw UserError(e.kind(), message);
    }
    std::error_code ec;
    if (!fs::is_regular_file(temp, ec)) throwWriteError(target, std::make_error_code(std::errc::io_error));
    // SQLite folds its WAL into the file when the last connection closes; a WAL still
    // there holds part of the map, which the move would lose.
    if (nonEmptyFile(temp.string() + "-wal"))
      throw UserError(UserError::Kind::Io, trf("output.not_written", {target.string(), tr("output.wal_left")}));
    if ((ec = platform::fsyncFile(temp))) throwWriteError(target, ec);

    // At most twice: a --force move that finds that a file appeared meanwhile checks it first.
    for (int attempt = 0;; ++attempt) {
      // What is there now is checked right before it is replaced.
      // FIXME: between that check and the rename another program could still put a map there;
      // renameat2(RENAME_EXCHANGE) and a look at what came out would close that window.
      const bool replacing = options.force && fs::exists(fs::symlink_status(target, ec));
      if (replacing) checkOutputTarget(target, options);
      if (options.kind == OutputKind::Map) {
        // SQLite would replay a WAL left beside the name into the new map. Taken away just
        // before the move: the map it belonged to is being replaced, or is gone.
        if (replacing || !fs::exists(fs::symlink_status(target, ec)))
          for (std::string_view suffix : {"-wal", "-shm"}) fs::remove(target.string() + std::string(suffix), ec);
      }
      ec = replacing ? platform::moveReplace(temp, target) : platform::moveNoReplace(temp, target);
      if (!ec) break;
      if (ec != std::errc::file_exists) throwWriteError(target, ec);
      if (!options.force || attempt > 0)
        refuse(options.forceOption ? "output.appeared_force" : "output.appeared", target);
    }
  } catch (...) {
    removeWithSidecars(temp);
    throw;
  }
  // The file is in place; a folder that cannot be flushed makes it no less so.
  (void)platform::fsyncDir(folderOf(target));
}

void writeOutputBytes(const fs::path& target, const OutputOptions& options, std::string_view bytes) {
  writeOutputFile(target, options, [&](const fs::path& temp) {
    if (const std::error_code ec = platform::writeNewFile(temp, bytes)) throwWriteError(target, ec);
  });
}

}  // namespace nestmap
