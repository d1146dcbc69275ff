#pragma once
// [SECTION] Store: one open .nestmap file (SQLite)

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"

struct sqlite3;

namespace nestmap {

namespace sql {
class Stmt;
}

/// How a Store opens its file.
struct StoreOptions {
  int busyTimeoutMs = 2000;  ///< how long to wait for another process's lock
  bool readOnly = false;     ///< open for reading only, even when the file could be written
};

/// One open .nestmap file: checks, migrations, load, write-through of records, change log.
class Store {
 public:
  static constexpr std::int32_t kApplicationId = 0x4E4D4150;  // "NMAP"
  static constexpr int kSchemaVersion = 2;
  static constexpr int kOldestSchemaVersion = 1;
  /// Maps with at least this many ties load them in two halves, on two connections and two threads.
  static constexpr std::size_t kParallelTies = 50000;

  using Options = StoreOptions;

  /// What checkFile() learnt of a file that can be opened.
  struct FileCheck {
    int schemaVersion = 0;
  };

  /// Creates a new map file with the current schema; UserError::Exists when the path is taken.
  static Store create(const std::filesystem::path& path, const MapInfo& info, const Options& options = {});
  /// Opens a map file: checks its header (see checkFile) and migrates an older
  /// schema after a full check and a backup copy. Load it with loadChecked(),
  /// which completes the integrity check of a file that was not migrated.
  static Store open(const std::filesystem::path& path, const Options& options = {});
  /// Checks that `path` is a Nestmap map this version can open, without changing a byte of it.
  /// Throws UserError naming the reason: not found, not SQLite, not Nestmap, newer, corrupt, locked.
  static FileCheck checkFile(const std::filesystem::path& path, const Options& options = {});
  /// What in the file's schema differs from the schema of its version: foreign
  /// tables, columns, indexes, triggers and views, and missing ones, one line
  /// each; empty when it matches exactly. Reads the file only.
  static std::vector<std::string> schemaProblems(const std::filesystem::path& path, const Options& options = {});
  /// Every stored value that the loader would have to guess at: dates that are
  /// no dates, enumerations out of their lists, non-finite numbers, UUIDs of the
  /// wrong length, references to rows that do not exist. One line per field.
  std::vector<std::string> fieldProblems();
  /// A failure of SQLite (or the file system) below a store call as the UserError
  /// a user can act on (locked, read-only, disk full, constraint); nullopt for a bug.
  static std::optional<UserError> explain(const std::exception& error, const std::filesystem::path& path);

  Store(Store&& other) noexcept;
  Store& operator=(Store&& other) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

  const std::filesystem::path& path() const { return m_path; }
  /// Whether this map can only be read (a read-only file or medium, or opened so).
  bool readOnly() const { return m_readOnly; }
  /// PRAGMA data_version as the last load() saw it, inside its transaction; -1 before any load.
  std::int64_t loadedDataVersion() const { return m_loadedDataVersion; }
  /// The backup written before migrating this file, if it was migrated when opened.
  const std::optional<std::filesystem::path>& migrationBackup() const { return m_migrationBackup; }

  /// Reads the whole map into memory.
  Model load();
  /// load(), with the integrity check of open() running alongside the first
  /// time; throws UserError(Corrupt) for a damaged file.
  Model loadChecked();

  // Transactions: every command runs inside exactly one.
  void begin();
  void commit();
  void rollback();
  bool inTransaction() const;

  // Write-through of one record (insert or update, children included) and removal by id.
  void put(const Sector& row);
  void put(const ActorType& row);
  void put(const TieType& row);
  void put(const AgreementType& row);
  void put(const StatusLabel& row);
  void put(const NestTemplate& row);
  void put(const NestCategory& row);
  void put(const Actor& row);
  void put(const Contact& row);
  void put(const Tie& row);
  void put(const Agreement& row);
  void put(const View& row);
  template <class T>
  void remove(RowId id);

  /// Sets (or with nullopt, removes) the position of an actor in a view.
  void putPosition(RowId viewId, RowId actorId, const std::optional<ViewPosition>& position);
  void putInfo(const MapInfo& info);
  /// A value of the map's meta table beyond MapInfo (e.g. where the demo came from).
  std::optional<std::string> metaValue(std::string_view key);
  void setMetaValue(std::string_view key, std::string_view value);
  /// Writes every record of `model` into this map, which holds none yet, as one
  /// transaction with `entry` in the change log. Not inside another transaction.
  void writeNewMap(const Model& model, ChangeLogEntry entry);

  /// Appends an entry to the change log (time and user filled in when empty).
  RowId appendChange(ChangeLogEntry entry);
  /// The change log, oldest first; at most `limit` newest entries when limit > 0.
  std::vector<ChangeLogEntry> changeLog(std::size_t limit = 0);

  /// Changes whenever another connection commits to the file.
  std::int64_t dataVersion();
  /// Problems found by PRAGMA quick_check (or integrity_check when `full`); empty when sound.
  std::vector<std::string> integrityCheck(bool full = false);
  int schemaVersion();
  /// Writes a consistent copy of the map to `target` (SQLite online backup).
  void backupTo(const std::filesystem::path& target);

 private:
  explicit Store(sqlite3* db, std::filesystem::path path);
  static FileCheck checkHeader(const std::filesystem::path& path, const Options& options);
  static void checkIntegrity(const std::filesystem::path& path, const Options& options);
  sql::Stmt& stmt(std::string_view sqlText);
  void removeById(std::string_view table, RowId id);
  void configureConnection(int busyTimeoutMs);
  void migrate();
  void putRecords(const Model& model);

  sqlite3* m_db = nullptr;
  std::filesystem::path m_path;
  std::optional<std::filesystem::path> m_migrationBackup;
  std::unordered_map<std::string, std::unique_ptr<sql::Stmt>> m_statements;
  Options m_options;
  bool m_readOnly = false;
  std::int64_t m_loadedDataVersion = -1;  ///< -1: never loaded
  bool m_verified = false;   ///< passed PRAGMA quick_check since it was opened
  bool m_freshRows = false;  ///< inside writeNewMap(): records have no children to replace
};

/// Name of the OS user running Nestmap, for the change log.
std::string currentOsUser();
/// The current time as ISO 8601 UTC text (seconds).
std::string currentTimeUtc();

}  // namespace nestmap
