#include "store/store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cctype>
#include <iterator>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <thread>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "platform/output_file.hpp"
#include "platform/platform.hpp"
#include "store/sqlite.hpp"

namespace nestmap {
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// [SECTION] helpers
namespace {

std::string_view embeddedSql(std::string_view name) {
  auto text = embedded::find(embedded::storeSql(), name);
  if (!text) throw std::logic_error("missing embedded SQL " + std::string(name));
  return *text;
}

struct Migration {
  int from;
  std::string_view file;
};
constexpr Migration kMigrations[] = {{1, "migrate_1_to_2.sql"}};

[[noreturn]] void fail(UserError::Kind kind, std::string_view key, std::initializer_list<std::string_view> args) {
  throw UserError(kind, trf(key, args));
}

bool isBusy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }
bool isCorruption(int rc) { return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB; }

/// A map is a file people e-mail and hand on: nothing in it may run code.
/// Our schema has no triggers or views, so they are switched off outright;
/// functions in the schema are untrusted, extensions cannot be loaded, and
/// the defensive flag keeps the schema from being written around SQLite.
void harden(sqlite3* db) {
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
}

/// Opens a raw connection (a path or, with SQLITE_OPEN_URI, a URI); the caller closes it.
sqlite3* openConnection(const fs::path& path, int flags, const std::string& uri = {}) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(uri.empty() ? path.c_str() : uri.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    fail(UserError::Kind::Io, "store.io", {path.string(), message});
  }
  sqlite3_extended_result_codes(db, 1);
  harden(db);
  return db;
}

/// `path` as an SQLite URI that reads the file as it lies: for read-only
/// media, where SQLite cannot make the shared-memory file WAL mode needs.
std::string immutableUri(const fs::path& path) {
  std::string uri = "file:";
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : fs::absolute(path).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri + "?immutable=1";
}

/// A read-only connection. WAL mode needs a shared-memory file beside the
/// map; where none can be made (a read-only directory or medium) the file is
/// read as immutable instead.
sqlite3* openReadOnly(const fs::path& path) {
  sqlite3* db = openConnection(path, SQLITE_OPEN_READONLY);
  const int rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY) return db;
  sqlite3_close(db);
  return openConnection(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, immutableUri(path));
}

/// A read-only connection for the checks before a map is opened, and for a
/// map opened read-only. While no WAL file lies beside the map, no process
/// has it open and every committed change is in the file itself: it is read
/// as immutable then, so that looking at a file (refused, or read-only) adds
/// no -wal/-shm companions beside it.
sqlite3* openForChecks(const fs::path& path) {
  std::error_code ec;
  if (fs::exists(path.string() + "-wal", ec)) return openReadOnly(path);
  return openConnection(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, immutableUri(path));
}

/// Whether the file may be written: it has a write permission bit (as root,
/// the kernel would let us write a file marked read-only; we respect the mark).
bool markedWritable(const fs::path& path) {
  std::error_code ec;
  const fs::perms p = fs::status(path, ec).permissions();
  if (ec) return false;
  return (p & (fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write)) != fs::perms::none;
}

struct ConnectionCloser {
  sqlite3* db;
  ~ConnectionCloser() { sqlite3_close(db); }
};

// [SECTION] the expected schema

/// One line per table, column, foreign key, index, trigger and view of the
/// main schema, sorted, so that two schemas compare line by line. SQLite's
/// own tables (statistics, sequences) are left out; the indexes it makes for
/// UNIQUE constraints are kept.
std::vector<std::string> schemaShape(sqlite3* db) {
  std::vector<std::string> lines;
  sql::Stmt objects(db,
                    "SELECT type, name, tbl_name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                    "OR name LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\' ORDER BY type, name");
  sql::Stmt columns(db,
                    "SELECT name, type, \"notnull\", coalesce(dflt_value, ''), pk, hidden FROM pragma_table_xinfo(?) "
                    "ORDER BY cid");
  sql::Stmt keys(db,
                 "SELECT \"table\", \"from\", coalesce(\"to\", ''), on_update, on_delete FROM "
                 "pragma_foreign_key_list(?) ORDER BY id, seq");
  sql::Stmt indexInfo(db, "SELECT \"unique\", partial FROM pragma_index_list(?) WHERE name = ?");
  sql::Stmt indexColumns(db, "SELECT coalesce(name, '<expr>') FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno");
  while (objects.step()) {
    const std::string type = objects.text(0), name = objects.text(1), table = objects.text(2);
    if (type == "table") {
      lines.push_back("table " + name);
      columns.bind(1, name);
      while (columns.step())
        lines.push_back("column " + name + "." + columns.text(0) + (columns.text(1).empty() ? "" : " ") + columns.text(1) +
                        (columns.integer(2) ? " NOT NULL" : "") +
                        (columns.text(3).empty() ? "" : " DEFAULT " + columns.text(3)) +
                        (columns.integer(4) ? " PRIMARY KEY " + std::to_string(columns.integer(4)) : "") +
                        (columns.integer(5) ? " hidden " + std::to_string(columns.integer(5)) : ""));
      columns.reset();
      keys.bind(1, name);
      while (keys.step())
        lines.push_back("foreign key " + name + "." + keys.text(1) + " -> " + keys.text(0) + "(" + keys.text(2) +
                        ") on update " + keys.text(3) + " on delete " + keys.text(4));
      keys.reset();
    } else if (type == "index") {
      std::string line = "index " + name + " on " + table + " (";
      indexColumns.bind(1, name);
      for (bool first = true; indexColumns.step(); first = false) line += (first ? "" : ", ") + indexColumns.text(0);
      indexColumns.reset();
      line += ")";
      indexInfo.bind(1, table).bind(2, name);
      if (indexInfo.step()) line += std::string(indexInfo.integer(0) ? " unique" : "") + (indexInfo.integer(1) ? " partial" : "");
      indexInfo.reset();
      // An autoindex's number follows the order of the constraints, not the name of anything.
      if (name.rfind("sqlite_autoindex_", 0) == 0) line = "index (constraint) on " + table + line.substr(line.find(" ("));
      lines.push_back(line);
    } else {
      lines.push_back(type + " " + name + " on " + table);
    }
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

/// The shape of schema `version` as this Nestmap writes it.
const std::vector<std::string>& expectedShape(int version) {
  auto build = [](std::string_view file) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr);
    ConnectionCloser closer{db};
    sql::exec(db, embeddedSql(file));
    return schemaShape(db);
  };
  static const std::vector<std::string> v1 = build("schema_1.sql");
  static const std::vector<std::string> v2 = build("schema.sql");
  static_assert(Store::kSchemaVersion == 2, "add the shape of the new schema here");
  return version == 1 ? v1 : v2;
}

/// The lines of `actual` that `expected` lacks ("foreign") and the other way round.
std::vector<std::string> compareShapes(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  std::vector<std::string> foreign, missing, out;
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(foreign));
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
  for (const auto& line : foreign) out.push_back(trf("store.schema_foreign", {line}));
  for (const auto& line : missing) out.push_back(trf("store.schema_missing", {line}));
  return out;
}

std::string joinTags(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

}  // namespace

std::string currentOsUser() { return platform::currentUserName(); }

std::string currentTimeUtc() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

// ---------------------------------------------------------------------------
// [SECTION] opening, checking, migrating

Store::Store(sqlite3* db, fs::path path) : m_db(db), m_path(std::move(path)) {}

Store::Store(Store&& other) noexcept
    : m_db(other.m_db),
      m_path(std::move(other.m_path)),
      m_migrationBackup(std::move(other.m_migrationBackup)),
      m_statements(std::move(other.m_statements)),
      m_options(other.m_options),
      m_readOnly(other.m_readOnly),
      m_loadedDataVersion(other.m_loadedDataVersion),
      m_verified(other.m_verified) {
  other.m_db = nullptr;
}

Store& Store::operator=(Store&& other) noexcept {
  if (this != &other) {
    m_statements.clear();
    sqlite3_close(m_db);
    m_db = other.m_db;
    m_path = std::move(other.m_path);
    m_migrationBackup = std::move(other.m_migrationBackup);
    m_statements = std::move(other.m_statements);
    m_options = other.m_options;
    m_readOnly = other.m_readOnly;
    m_loadedDataVersion = other.m_loadedDataVersion;
    m_verified = other.m_verified;
    other.m_db = nullptr;
  }
  return *this;
}

Store::~Store() {
  m_statements.clear();  // statements must be finalized before the connection closes
  sqlite3_close(m_db);
}

Store::FileCheck Store::checkFile(const fs::path& path, const Options& options) {
  FileCheck check = checkHeader(path, options);
  checkIntegrity(path, options);
  return check;
}

Store::FileCheck Store::checkHeader(const fs::path& path, const Options& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) fail(UserError::Kind::NotFound, "store.not_found", {path.string()});
  if (fs::is_directory(path, ec)) fail(UserError::Kind::NotSqlite, "store.not_sqlite", {path.string()});

  // Read the header ourselves first: SQLite would treat an empty or foreign
  // file as a database it may write to.
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(UserError::Kind::Io, "store.io", {path.string(), tr("store.cannot_read")});
    char header[16] = {};
    in.read(header, sizeof header);
    if (in.gcount() != 16 || std::string_view(header, 16) != std::string_view("SQLite format 3\0", 16))
      fail(UserError::Kind::NotSqlite, "store.not_sqlite", {path.string()});
  }

  // A read-only connection never changes the main file, whatever we find.
  sqlite3* db = openForChecks(path);
  ConnectionCloser closer{db};
  sqlite3_busy_timeout(db, options.busyTimeoutMs);

  std::int64_t appId = 0, version = 0;
  std::vector<std::string> problems;
  try {
    appId = sql::queryInt(db, "PRAGMA application_id");
    version = sql::queryInt(db, "PRAGMA user_version");
    // Touch the schema so that a lock held by another process shows now.
    sql::queryInt(db, "SELECT count(*) FROM sqlite_schema");
    if (appId == kApplicationId && version >= kOldestSchemaVersion && version <= kSchemaVersion)
      problems = compareShapes(expectedShape(static_cast<int>(version)), schemaShape(db));
  } catch (const sql::Error& e) {
    if (isBusy(e.code)) fail(UserError::Kind::Locked, "store.locked", {path.string()});
    if (isCorruption(e.code)) fail(UserError::Kind::Corrupt, "store.corrupt", {path.string(), e.what()});
    if (auto explained = explain(e, path)) throw *explained;
    fail(UserError::Kind::Io, "store.io", {path.string(), e.what()});
  }
  if (appId != kApplicationId)
    fail(UserError::Kind::NotNestmap, "store.not_nestmap", {path.string(), std::to_string(appId)});
  if (version > kSchemaVersion)
    fail(UserError::Kind::NewerVersion, "store.newer",
         {path.string(), std::to_string(version), std::to_string(kSchemaVersion)});
  if (version < kOldestSchemaVersion) fail(UserError::Kind::NotNestmap, "store.unsupported", {path.string()});
  if (!problems.empty()) {
    std::string list;
    for (std::size_t i = 0; i < problems.size() && i < 3; ++i) list += (i ? "; " : "") + problems[i];
    if (problems.size() > 3) list += "; …";
    fail(UserError::Kind::NotNestmap, "store.foreign_schema", {path.string(), list});
  }
  return FileCheck{static_cast<int>(version)};
}

std::vector<std::string> Store::schemaProblems(const fs::path& path, const Options& options) {
  sqlite3* db = openForChecks(path);
  ConnectionCloser closer{db};
  sqlite3_busy_timeout(db, options.busyTimeoutMs);
  try {
    const auto version = sql::queryInt(db, "PRAGMA user_version");
    if (version < kOldestSchemaVersion || version > kSchemaVersion) return {};
    return compareShapes(expectedShape(static_cast<int>(version)), schemaShape(db));
  } catch (const sql::Error& e) {
    if (isBusy(e.code)) fail(UserError::Kind::Locked, "store.locked", {path.string()});
    if (auto explained = explain(e, path)) throw *explained;
    fail(UserError::Kind::Io, "store.io", {path.string(), e.what()});
  }
}

void Store::checkIntegrity(const fs::path& path, const Options& options) {
  sqlite3* db = openForChecks(path);
  ConnectionCloser closer{db};
  sqlite3_busy_timeout(db, options.busyTimeoutMs);
  sqlite3_exec(db, "PRAGMA mmap_size = 4294967296", nullptr, nullptr, nullptr);
  std::vector<std::string> problems;
  try {
    sql::Stmt check(db, "PRAGMA quick_check");
    while (check.step()) problems.push_back(check.text(0));
  } catch (const sql::Error& e) {
    if (isBusy(e.code)) fail(UserError::Kind::Locked, "store.locked", {path.string()});
    problems = {e.what()};
  }
  if (!(problems.size() == 1 && problems[0] == "ok"))
    fail(UserError::Kind::Corrupt, "store.corrupt", {path.string(), joinTags(problems)});
}

void Store::configureConnection(int busyTimeoutMs) {
  sqlite3_busy_timeout(m_db, busyTimeoutMs);
  if (m_readOnly) {
    // Nothing to set up for writing; the file keeps the journal mode it has.
    sql::exec(m_db, "PRAGMA cache_size = -65536; PRAGMA mmap_size = 4294967296;");
    return;
  }
  // Memory-mapped reads spare a copy per page and the page cache its mallocs.
  sql::exec(m_db,
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; "
            "PRAGMA mmap_size = 4294967296;");
  std::string mode;
  {
    sql::Stmt journal(m_db, "PRAGMA journal_mode = WAL");
    if (journal.step()) mode = journal.text(0);
  }
  if (mode != "wal") throw sql::Error(SQLITE_ERROR, "cannot switch to WAL: " + mode);
}

Store Store::create(const fs::path& path, const MapInfo& info, const Options& options) {
  std::error_code ec;
  if (fs::exists(path, ec)) fail(UserError::Kind::Exists, "store.exists", {path.string()});
  sqlite3* db = openConnection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  Store store(db, path);
  store.m_options = options;
  store.m_verified = true;
  try {
    store.configureConnection(options.busyTimeoutMs);
    store.begin();
    sql::exec(db, embeddedSql("schema.sql"));
    sql::exec(db, "PRAGMA application_id = " + std::to_string(kApplicationId) +
                      "; PRAGMA user_version = " + std::to_string(kSchemaVersion) + ";");
    store.putInfo(info);
    store.commit();
  } catch (...) {
    store = Store(nullptr, {});
    fs::remove(path, ec);
    fs::remove(fs::path(path.string() + "-wal"), ec);
    fs::remove(fs::path(path.string() + "-shm"), ec);
    throw;
  }
  return store;
}

Store Store::open(const fs::path& path, const Options& options) {
  FileCheck check = checkHeader(path, options);
  // Nothing may be written to a file that has not passed the integrity check:
  // a map that needs migrating is checked now; any other is checked by
  // loadChecked(), alongside the load.
  const bool migrating = check.schemaVersion < kSchemaVersion;
  bool readOnly = options.readOnly || !markedWritable(path);
  if (migrating && readOnly)
    fail(UserError::Kind::ReadOnly, "store.readonly_migrate",
         {path.string(), std::to_string(check.schemaVersion), std::to_string(kSchemaVersion)});
  if (migrating) checkIntegrity(path, options);
  sqlite3* db = readOnly ? openForChecks(path) : openConnection(path, SQLITE_OPEN_READWRITE);
  // SQLite falls back to reading when the system refuses writing (an
  // immutable file, a read-only medium).
  if (!readOnly && sqlite3_db_readonly(db, "main") == 1) {
    sqlite3_close(db);
    if (migrating)
      fail(UserError::Kind::ReadOnly, "store.readonly_migrate",
           {path.string(), std::to_string(check.schemaVersion), std::to_string(kSchemaVersion)});
    readOnly = true;
    db = openForChecks(path);
  }
  Store store(db, path);
  store.m_options = options;
  store.m_verified = migrating;
  store.m_readOnly = readOnly;
  // What a killed Nestmap left beside the map while writing it goes now.
  if (!readOnly) removeStaleTemps(path);
  try {
    sqlite3_busy_timeout(db, options.busyTimeoutMs);
    if (migrating) store.migrate();
    store.configureConnection(options.busyTimeoutMs);
  } catch (const sql::Error& e) {
    if (auto explained = explain(e, path)) throw *explained;
    fail(UserError::Kind::Io, "store.io", {path.string(), e.what()});
  }
  return store;
}

std::optional<UserError> Store::explain(const std::exception& error, const fs::path& path) {
  const std::string file = path.empty() ? tr("store.the_map") : path.string();
  if (const auto* user = dynamic_cast<const UserError*>(&error)) return *user;
  if (const auto* e = dynamic_cast<const sql::Error*>(&error)) {
    if (e->systemErrno == ENOSPC || e->systemErrno == EDQUOT)
      return UserError(UserError::Kind::Io, trf("store.disk_full", {file}));
    if (e->systemErrno == EROFS) return UserError(UserError::Kind::ReadOnly, trf("store.readonly_write", {file}));
    // Growing the shared-memory file fails on a full disk without saying
    // ENOSPC; so does an I/O error where the map's disk has no room left.
    if ((e->code & 0xff) == SQLITE_IOERR && !path.empty()) {
      std::error_code ec;
      const auto room = fs::space(fs::absolute(path, ec).parent_path(), ec);
      if (e->code == SQLITE_IOERR_SHMSIZE || (!ec && room.available < 256 * 1024))
        return UserError(UserError::Kind::Io, trf("store.disk_full", {file}));
    }
    switch (e->code & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return UserError(UserError::Kind::Locked, trf("store.locked", {file}));
      case SQLITE_READONLY:
      case SQLITE_PERM:
        return UserError(UserError::Kind::ReadOnly, trf("store.readonly_write", {file}));
      case SQLITE_FULL:
        return UserError(UserError::Kind::Io, trf("store.disk_full", {file}));
      case SQLITE_CONSTRAINT:
        return UserError(UserError::Kind::InvalidInput, trf("store.constraint", {file, e->what()}));
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return UserError(UserError::Kind::Corrupt, trf("store.corrupt", {file, e->what()}));
      case SQLITE_IOERR:
      case SQLITE_CANTOPEN:
        return UserError(UserError::Kind::Io, trf("store.io", {file, e->what()}));
      default:
        return std::nullopt;
    }
  }
  if (const auto* e = dynamic_cast<const fs::filesystem_error*>(&error)) {
    const std::string where = e->path1().empty() ? file : e->path1().string();
    if (e->code() == std::errc::no_space_on_device) return UserError(UserError::Kind::Io, trf("store.disk_full", {where}));
    if (e->code() == std::errc::read_only_file_system || e->code() == std::errc::permission_denied ||
        e->code() == std::errc::operation_not_permitted)
      return UserError(UserError::Kind::ReadOnly, trf("store.cannot_write", {where}));
    return UserError(UserError::Kind::Io, trf("store.io", {where, e->code().message()}));
  }
  return std::nullopt;
}

void Store::migrate() {
  int from = schemaVersion();
  // The backup goes beside the file, named after the schema it holds, and
  // never overwrites an earlier backup.
  // The backup goes beside the file, named after the schema it holds, and
  // never over an earlier backup: it is written through a temporary file and
  // moved to the first free name without replacing anything.
  fs::path backup;
  for (int n = 1;; ++n) {
    backup = m_path.string() + ".schema" + std::to_string(from) + (n == 1 ? "" : "-" + std::to_string(n)) + ".bak";
    try {
      writeOutputFile(backup, {.force = false, .kind = OutputKind::Map, .forceOption = false},
                      [&](const fs::path& temp) { backupTo(temp); });
      break;
    } catch (const UserError& e) {
      if (e.kind() != UserError::Kind::Exists || n > 1000) throw;
    }
  }
  // A migration that fails leaves the map as it was, so its backup would
  // only be clutter (one more on every attempt): it goes again.
  auto dropBackup = [&] {
    removeWithSidecars(backup);
    m_migrationBackup.reset();
  };
  m_migrationBackup = backup;
  try {
    sql::exec(m_db, "PRAGMA foreign_keys = OFF");
    sql::exec(m_db, "BEGIN IMMEDIATE");
  } catch (...) {
    dropBackup();
    throw;
  }
  try {
    for (int version = from; version < kSchemaVersion; ++version) {
      auto step = std::find_if(std::begin(kMigrations), std::end(kMigrations),
                               [version](const Migration& m) { return m.from == version; });
      if (step == std::end(kMigrations)) throw std::logic_error("no migration from schema " + std::to_string(version));
      sql::exec(m_db, embeddedSql(step->file));
    }
    sql::exec(m_db, "PRAGMA user_version = " + std::to_string(kSchemaVersion));
    ChangeLogEntry entry;
    entry.description =
        trf("store.migrated", {std::to_string(from), std::to_string(kSchemaVersion), backup.filename().string()});
    appendChange(std::move(entry));
    if (sql::queryInt(m_db, "SELECT count(*) FROM pragma_foreign_key_check") != 0)
      throw sql::Error(SQLITE_CONSTRAINT, "foreign key check failed after migration");
    sql::exec(m_db, "COMMIT");
  } catch (...) {
    dropBackup();
    try {
      sql::exec(m_db, "ROLLBACK");
    } catch (...) {
      // The transaction is gone either way; the first error says why.
    }
    throw;
  }
}

int Store::schemaVersion() { return static_cast<int>(sql::queryInt(m_db, "PRAGMA user_version")); }

std::int64_t Store::dataVersion() { return sql::queryInt(m_db, "PRAGMA data_version"); }

std::vector<std::string> Store::integrityCheck(bool full) {
  std::vector<std::string> problems;
  sql::Stmt check(m_db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check");
  while (check.step()) problems.push_back(check.text(0));
  if (problems.size() == 1 && problems[0] == "ok") problems.clear();
  sql::Stmt fk(m_db, "PRAGMA foreign_key_check");
  while (fk.step())
    problems.push_back("foreign key: " + fk.text(0) + " row " + std::to_string(fk.integer(1)) + " → " + fk.text(2));
  return problems;
}

namespace {

enum class FieldKind { Date, Uuid, Color, Finite, Shape, Direction, TieStatus, AgreementStatus, Reach };
struct FieldRule {
  const char* table;
  const char* rowId;  ///< what names the row in a report
  const char* column;
  FieldKind kind;
  bool nullable;
};
// Every stored value that load() turns into a type with a fallback: a value
// the fallback would have to replace is a problem `check` names.
constexpr FieldRule kFieldRules[] = {
    {"sector", "id", "uuid", FieldKind::Uuid, false},
    {"sector", "id", "color", FieldKind::Color, false},
    {"actor_type", "id", "uuid", FieldKind::Uuid, false},
    {"actor_type", "id", "color", FieldKind::Color, false},
    {"actor_type", "id", "shape", FieldKind::Shape, false},
    {"tie_type", "id", "uuid", FieldKind::Uuid, false},
    {"tie_type", "id", "color", FieldKind::Color, false},
    {"agreement_type", "id", "uuid", FieldKind::Uuid, false},
    {"status_label", "id", "uuid", FieldKind::Uuid, false},
    {"status_label", "id", "status", FieldKind::AgreementStatus, false},
    {"status_label", "id", "color", FieldKind::Color, false},
    {"nest_template", "id", "uuid", FieldKind::Uuid, false},
    {"nest_category", "id", "uuid", FieldKind::Uuid, false},
    {"nest_category", "id", "reach", FieldKind::Reach, false},
    {"nest_category", "id", "radius_km", FieldKind::Finite, false},
    {"nest_category", "id", "weight", FieldKind::Finite, false},
    {"actor", "id", "uuid", FieldKind::Uuid, false},
    {"actor", "id", "latitude", FieldKind::Finite, true},
    {"actor", "id", "longitude", FieldKind::Finite, true},
    {"actor", "id", "valid_from", FieldKind::Date, true},
    {"actor", "id", "valid_to", FieldKind::Date, true},
    {"contact", "id", "uuid", FieldKind::Uuid, false},
    {"tie", "id", "uuid", FieldKind::Uuid, false},
    {"tie", "id", "direction", FieldKind::Direction, false},
    {"tie", "id", "status", FieldKind::TieStatus, false},
    {"tie", "id", "valid_from", FieldKind::Date, true},
    {"tie", "id", "valid_to", FieldKind::Date, true},
    {"tie", "id", "weight", FieldKind::Finite, true},
    {"agreement", "id", "uuid", FieldKind::Uuid, false},
    {"agreement", "id", "review_date", FieldKind::Date, true},
    {"agreement_status", "agreement_id", "date", FieldKind::Date, false},
    {"agreement_status", "agreement_id", "status", FieldKind::AgreementStatus, false},
    {"view", "id", "uuid", FieldKind::Uuid, false},
    {"view", "id", "camera_x", FieldKind::Finite, false},
    {"view", "id", "camera_y", FieldKind::Finite, false},
    {"view", "id", "zoom", FieldKind::Finite, false},
    {"view_position", "view_id", "x", FieldKind::Finite, false},
    {"view_position", "view_id", "y", FieldKind::Finite, false},
};

/// Why `value` (of SQLite type `type`) is not a `kind`; empty when it is one.
std::string fieldFault(FieldKind kind, const std::string& type, const std::string& value, double number,
                       std::int64_t bytes) {
  auto textual = [&](bool ok) {
    if (type == "text" && ok) return std::string();
    if (kind == FieldKind::Date) return tr("check.bad_date");
    if (kind == FieldKind::Color) return tr("check.bad_color");
    return tr("check.bad_choice");
  };
  switch (kind) {
    case FieldKind::Date:
      return textual(Date::parse(value).has_value());
    case FieldKind::Color:
      return textual(Color::parse(value).has_value());
    case FieldKind::Shape:
      return textual(parseShape(value).has_value());
    case FieldKind::Direction:
      return textual(parseDirection(value).has_value());
    case FieldKind::TieStatus:
      return textual(parseTieStatus(value).has_value());
    case FieldKind::AgreementStatus:
      return textual(parseAgreementStatus(value).has_value());
    case FieldKind::Reach:
      return textual(parseReach(value).has_value());
    case FieldKind::Uuid:
      return type == "blob" && bytes == 16 ? std::string() : tr("check.bad_uuid");
    case FieldKind::Finite:
      if (type != "real" && type != "integer") return tr("check.bad_number");
      return std::isfinite(number) ? std::string() : tr("check.bad_number");
  }
  return {};
}

}  // namespace

std::vector<std::string> Store::fieldProblems() try {
  std::vector<std::string> out;
  for (const FieldRule& rule : kFieldRules) {
    const std::string column = rule.column;
    sql::Stmt s(m_db, std::string("SELECT ") + rule.rowId + ", typeof(\"" + column + "\"), \"" + column + "\", length(\"" +
                          column + "\") FROM \"" + rule.table + "\"");
    while (s.step()) {
      const std::string type = s.text(1);
      if (type == "null") {
        if (!rule.nullable) out.push_back(trf("check.field", {rule.table, std::to_string(s.integer(0)), column, "NULL", tr("check.missing")}));
        continue;
      }
      const std::string value = type == "blob" ? std::string("<blob>") : s.text(2);
      const std::string fault = fieldFault(rule.kind, type, value, s.real(2), s.integer(3));
      if (!fault.empty())
        out.push_back(trf("check.field", {rule.table, std::to_string(s.integer(0)), column, value, fault}));
    }
  }
  // Every stored text must be UTF-8: a map made or edited elsewhere may hold
  // other bytes, which no output of ours could write faithfully.
  // A row is named by its table's first column (its id, or its key).
  sql::Stmt textColumns(m_db,
                        "SELECT m.name, c.name, (SELECT name FROM pragma_table_info(m.name) WHERE cid = 0) "
                        "FROM sqlite_schema AS m, pragma_table_info(m.name) AS c "
                        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND c.type = 'TEXT' "
                        "ORDER BY m.name, c.cid");
  while (textColumns.step()) {
    const std::string table = textColumns.text(0), column = textColumns.text(1), first = textColumns.text(2);
    sql::Stmt values(m_db, "SELECT \"" + first + "\", \"" + column + "\" FROM \"" + table + "\" WHERE typeof(\"" +
                               column + "\") = 'text'");
    while (values.step()) {
      const std::string value = values.text(1);
      if (!isValidUtf8(value))
        out.push_back(trf("check.field", {table, utf8Escaped(values.text(0)), column, utf8Escaped(value),
                                          tr("check.bad_text")}));
    }
  }
  return out;
} catch (const sql::Error& e) {
  // A damaged index can pass the quick check and fail here: say it as such.
  if (auto explained = explain(e, m_path)) throw *explained;
  throw;
}

void Store::backupTo(const fs::path& target) {
  sqlite3* out = nullptr;
  if (sqlite3_open_v2(target.c_str(), &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string message = out ? sqlite3_errmsg(out) : "cannot open";
    sqlite3_close(out);
    fail(UserError::Kind::Io, "store.io", {target.string(), message});
  }
  ConnectionCloser closer{out};
  sqlite3_backup* backup = sqlite3_backup_init(out, "main", m_db, "main");
  if (!backup) fail(UserError::Kind::Io, "store.io", {target.string(), sqlite3_errmsg(out)});
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) fail(UserError::Kind::Io, "store.io", {target.string(), sqlite3_errstr(rc)});
}

// ---------------------------------------------------------------------------
// [SECTION] transactions

sql::Stmt& Store::stmt(std::string_view sqlText) {
  auto it = m_statements.find(std::string(sqlText));
  if (it == m_statements.end())
    it = m_statements.emplace(std::string(sqlText), std::make_unique<sql::Stmt>(m_db, sqlText)).first;
  return *it->second;
}

void Store::begin() { stmt("BEGIN IMMEDIATE").run(); }
void Store::commit() { stmt("COMMIT").run(); }
void Store::rollback() {
  if (inTransaction()) stmt("ROLLBACK").run();
}
bool Store::inTransaction() const { return m_db && sqlite3_get_autocommit(m_db) == 0; }

// ---------------------------------------------------------------------------
// [SECTION] writing records

void Store::putInfo(const MapInfo& info) {
  auto& s = stmt("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  s.bind(1, "uuid").bind(2, info.uuid.toString()).run();
  s.bind(1, "name").bind(2, info.name).run();
  s.bind(1, "description").bind(2, info.description).run();
  s.bind(1, "created").bind(2, info.created).run();
}

std::optional<std::string> Store::metaValue(std::string_view key) {
  auto& s = stmt("SELECT value FROM meta WHERE key = ?");
  s.bind(1, key);
  std::optional<std::string> out;
  if (s.step()) out = s.text(0);
  s.reset();
  return out;
}

void Store::setMetaValue(std::string_view key, std::string_view value) {
  stmt("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

void Store::put(const Sector& r) {
  stmt(
      "INSERT INTO sector (id, uuid, key, name_nl, name_en, color, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
      "ON CONFLICT (id) DO UPDATE SET uuid = ?2, key = ?3, name_nl = ?4, name_en = ?5, color = ?6, sort = ?7")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.key)
      .bind(4, r.nameNl)
      .bind(5, r.nameEn)
      .bind(6, r.color.toString())
      .bind(7, r.sort)
      .run();
}

void Store::put(const ActorType& r) {
  stmt(
      "INSERT INTO actor_type (id, uuid, key, name_nl, name_en, sector_id, color, shape, line, sort) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE SET uuid = ?2, key = ?3, "
      "name_nl = ?4, name_en = ?5, sector_id = ?6, color = ?7, shape = ?8, line = ?9, sort = ?10")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.key)
      .bind(4, r.nameNl)
      .bind(5, r.nameEn)
      .bindId(6, r.sectorId)
      .bind(7, r.color.toString())
      .bind(8, key(r.shape))
      .bind(9, r.line)
      .bind(10, r.sort)
      .run();
}

void Store::put(const TieType& r) {
  stmt(
      "INSERT INTO tie_type (id, uuid, key, name_nl, name_en, color, directed, sort) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE SET uuid = ?2, key = ?3, "
      "name_nl = ?4, name_en = ?5, color = ?6, directed = ?7, sort = ?8")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.key)
      .bind(4, r.nameNl)
      .bind(5, r.nameEn)
      .bind(6, r.color.toString())
      .bind(7, r.directed ? 1 : 0)
      .bind(8, r.sort)
      .run();
}

void Store::put(const AgreementType& r) {
  stmt(
      "INSERT INTO agreement_type (id, uuid, key, name_nl, name_en, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (id) DO UPDATE SET uuid = ?2, key = ?3, name_nl = ?4, name_en = ?5, sort = ?6")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.key)
      .bind(4, r.nameNl)
      .bind(5, r.nameEn)
      .bind(6, r.sort)
      .run();
}

void Store::put(const StatusLabel& r) {
  stmt(
      "INSERT INTO status_label (id, uuid, status, name_nl, name_en, color) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (id) DO UPDATE SET uuid = ?2, status = ?3, name_nl = ?4, name_en = ?5, color = ?6")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, key(r.status))
      .bind(4, r.nameNl)
      .bind(5, r.nameEn)
      .bind(6, r.color.toString())
      .run();
}

void Store::put(const NestTemplate& r) {
  stmt(
      "INSERT INTO nest_template (id, uuid, key, name, description, hop_limit) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (id) DO UPDATE SET uuid = ?2, key = ?3, name = ?4, description = ?5, hop_limit = ?6")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.key)
      .bind(4, r.name)
      .bind(5, r.description)
      .bind(6, r.hopLimit)
      .run();
}

void Store::put(const NestCategory& r) {
  auto& s = stmt(
      "INSERT INTO nest_category (id, uuid, template_id, key, name_nl, name_en, reach, hop_limit, radius_km, weight, "
      "sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO UPDATE SET uuid = ?2, "
      "template_id = ?3, key = ?4, name_nl = ?5, name_en = ?6, reach = ?7, hop_limit = ?8, radius_km = ?9, "
      "weight = ?10, sort = ?11");
  s.bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.templateId)
      .bind(4, r.key)
      .bind(5, r.nameNl)
      .bind(6, r.nameEn)
      .bind(7, key(r.reach));
  if (r.hopLimit)
    s.bind(8, *r.hopLimit);
  else
    s.bindNull(8);
  s.bind(9, r.radiusKm).bind(10, r.weight).bind(11, r.sort).run();
  stmt("DELETE FROM nest_category_actor_type WHERE category_id = ?").bind(1, r.id).run();
  auto& ins = stmt("INSERT INTO nest_category_actor_type (category_id, actor_type_id) VALUES (?, ?)");
  for (RowId typeId : r.actorTypeIds) ins.bind(1, r.id).bind(2, typeId).run();
}

void Store::put(const Actor& r) {
  stmt(
      "INSERT INTO actor (id, uuid, external_id, name, short_name, type_id, parent_id, address, postcode, "
      "municipality, latitude, longitude, province, eerstelijnszone, judicial_district, line, influence, interest, "
      "notes, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
      "?17, ?18, ?19, ?20, ?21) ON CONFLICT (id) DO UPDATE SET uuid = ?2, external_id = ?3, name = ?4, "
      "short_name = ?5, type_id = ?6, parent_id = ?7, address = ?8, postcode = ?9, municipality = ?10, "
      "latitude = ?11, longitude = ?12, province = ?13, eerstelijnszone = ?14, judicial_district = ?15, line = ?16, "
      "influence = ?17, interest = ?18, notes = ?19, valid_from = ?20, valid_to = ?21")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.externalId)
      .bind(4, r.name)
      .bind(5, r.shortName)
      .bind(6, r.typeId)
      .bindId(7, r.parentId)
      .bind(8, r.address)
      .bind(9, r.postcode)
      .bind(10, r.municipality)
      .bind(11, r.latitude)
      .bind(12, r.longitude)
      .bind(13, r.province)
      .bind(14, r.eerstelijnszone)
      .bind(15, r.judicialDistrict)
      .bind(16, r.line)
      .bind(17, r.influence)
      .bind(18, r.interest)
      .bind(19, r.notes)
      .bind(20, r.validFrom)
      .bind(21, r.validTo)
      .run();
  // Children are rewritten; a fresh row (bulk write of a new map) has none yet.
  if (!m_freshRows) {
    stmt("DELETE FROM actor_tag WHERE actor_id = ?").bind(1, r.id).run();
    stmt("DELETE FROM actor_field WHERE actor_id = ?").bind(1, r.id).run();
  }
  auto& tag = stmt("INSERT INTO actor_tag (actor_id, position, tag) VALUES (?, ?, ?)");
  for (std::size_t i = 0; i < r.tags.size(); ++i)
    tag.bind(1, r.id).bind(2, static_cast<std::int64_t>(i)).bind(3, r.tags[i]).run();
  auto& field = stmt("INSERT INTO actor_field (actor_id, key, value) VALUES (?, ?, ?)");
  for (const auto& [k, v] : r.customFields) field.bind(1, r.id).bind(2, k).bind(3, v).run();
}

void Store::put(const Contact& r) {
  stmt(
      "INSERT INTO contact (id, uuid, actor_id, name, role, email, phone, notes, personal_data) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET uuid = ?2, actor_id = ?3, "
      "name = ?4, role = ?5, email = ?6, phone = ?7, notes = ?8, personal_data = ?9")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.actorId)
      .bind(4, r.name)
      .bind(5, r.role)
      .bind(6, r.email)
      .bind(7, r.phone)
      .bind(8, r.notes)
      .bind(9, r.personalData ? 1 : 0)
      .run();
}

void Store::put(const Tie& r) {
  stmt(
      "INSERT INTO tie (id, uuid, source_id, target_id, type_id, direction, strength, status, valid_from, "
      "valid_to, source_note, weight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (id) "
      "DO UPDATE SET uuid = ?2, source_id = ?3, target_id = ?4, type_id = ?5, direction = ?6, strength = ?7, "
      "status = ?8, valid_from = ?9, valid_to = ?10, source_note = ?11, weight = ?12")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.sourceId)
      .bind(4, r.targetId)
      .bind(5, r.typeId)
      .bind(6, key(r.direction))
      .bind(7, r.strength)
      .bind(8, key(r.status))
      .bind(9, r.validFrom)
      .bind(10, r.validTo)
      .bind(11, r.sourceNote)
      .bind(12, r.weight)
      .run();
  if (!m_freshRows) stmt("DELETE FROM tie_field WHERE tie_id = ?").bind(1, r.id).run();
  if (!r.customFields.empty()) {
    auto& field = stmt("INSERT INTO tie_field (tie_id, key, value) VALUES (?, ?, ?)");
    for (const auto& [k, v] : r.customFields) field.bind(1, r.id).bind(2, k).bind(3, v).run();
  }
}

void Store::put(const Agreement& r) {
  auto& s = stmt(
      "INSERT INTO agreement (id, uuid, title, type_id, scope_prison_id, owner, review_date, work_package, notes) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET uuid = ?2, title = ?3, "
      "type_id = ?4, scope_prison_id = ?5, owner = ?6, review_date = ?7, work_package = ?8, notes = ?9");
  s.bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.title)
      .bindId(4, r.typeId)
      .bindId(5, r.scopePrisonId)
      .bind(6, r.owner)
      .bind(7, r.reviewDate)
      .bindId(8, r.workPackage)
      .bind(9, r.notes)
      .run();
  if (!m_freshRows)
    for (auto table : {"agreement_party", "agreement_status", "agreement_building_block", "agreement_document"})
      stmt(std::string("DELETE FROM ") + table + " WHERE agreement_id = ?").bind(1, r.id).run();
  auto& party = stmt("INSERT INTO agreement_party (agreement_id, position, actor_id, role) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.parties.size(); ++i)
    party.bind(1, r.id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, r.parties[i].actorId)
        .bind(4, r.parties[i].role)
        .run();
  auto& status =
      stmt("INSERT INTO agreement_status (agreement_id, position, date, status, note) VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.history.size(); ++i)
    status.bind(1, r.id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, r.history[i].date.toString())
        .bind(4, key(r.history[i].status))
        .bind(5, r.history[i].note)
        .run();
  auto& block = stmt("INSERT INTO agreement_building_block (agreement_id, block) VALUES (?, ?)");
  for (int b : r.buildingBlocks) block.bind(1, r.id).bind(2, b).run();
  auto& doc = stmt("INSERT INTO agreement_document (agreement_id, position, title, reference) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.documents.size(); ++i)
    doc.bind(1, r.id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, r.documents[i].title)
        .bind(4, r.documents[i].reference)
        .run();
}

void Store::put(const View& r) {
  stmt(
      "INSERT INTO view (id, uuid, name, filter_json, decoration_json, layout, camera_x, camera_y, zoom) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET uuid = ?2, name = ?3, "
      "filter_json = ?4, decoration_json = ?5, layout = ?6, camera_x = ?7, camera_y = ?8, zoom = ?9")
      .bind(1, r.id)
      .bind(2, r.uuid)
      .bind(3, r.name)
      .bind(4, r.filterJson)
      .bind(5, r.decorationJson)
      .bind(6, r.layout)
      .bind(7, r.cameraX)
      .bind(8, r.cameraY)
      .bind(9, r.zoom)
      .run();
}

void Store::putPosition(RowId viewId, RowId actorId, const std::optional<ViewPosition>& p) {
  if (!p) {
    stmt("DELETE FROM view_position WHERE view_id = ? AND actor_id = ?").bind(1, viewId).bind(2, actorId).run();
    return;
  }
  stmt(
      "INSERT INTO view_position (view_id, actor_id, x, y, pinned) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (view_id, actor_id) DO UPDATE SET x = ?3, y = ?4, pinned = ?5")
      .bind(1, viewId)
      .bind(2, actorId)
      .bind(3, p->x)
      .bind(4, p->y)
      .bind(5, p->pinned ? 1 : 0)
      .run();
}

void Store::removeById(std::string_view table, RowId id) {
  stmt(std::string("DELETE FROM ") + std::string(table) + " WHERE id = ?").bind(1, id).run();
}

template <class T>
constexpr std::string_view tableName();
template <>
constexpr std::string_view tableName<Sector>() {
  return "sector";
}
template <>
constexpr std::string_view tableName<ActorType>() {
  return "actor_type";
}
template <>
constexpr std::string_view tableName<TieType>() {
  return "tie_type";
}
template <>
constexpr std::string_view tableName<AgreementType>() {
  return "agreement_type";
}
template <>
constexpr std::string_view tableName<StatusLabel>() {
  return "status_label";
}
template <>
constexpr std::string_view tableName<NestTemplate>() {
  return "nest_template";
}
template <>
constexpr std::string_view tableName<NestCategory>() {
  return "nest_category";
}
template <>
constexpr std::string_view tableName<Actor>() {
  return "actor";
}
template <>
constexpr std::string_view tableName<Contact>() {
  return "contact";
}
template <>
constexpr std::string_view tableName<Tie>() {
  return "tie";
}
template <>
constexpr std::string_view tableName<Agreement>() {
  return "agreement";
}
template <>
constexpr std::string_view tableName<View>() {
  return "view";
}

template <class T>
void Store::remove(RowId id) {
  removeById(tableName<T>(), id);
}
template void Store::remove<Sector>(RowId);
template void Store::remove<ActorType>(RowId);
template void Store::remove<TieType>(RowId);
template void Store::remove<AgreementType>(RowId);
template void Store::remove<StatusLabel>(RowId);
template void Store::remove<NestTemplate>(RowId);
template void Store::remove<NestCategory>(RowId);
template void Store::remove<Actor>(RowId);
template void Store::remove<Contact>(RowId);
template void Store::remove<Tie>(RowId);
template void Store::remove<Agreement>(RowId);
template void Store::remove<View>(RowId);

void Store::writeNewMap(const Model& m, ChangeLogEntry entry) {
  if (inTransaction()) throw std::logic_error("writeNewMap inside a transaction");
  // The bulk path of a new file: foreign keys checked once at the end instead
  // of per row, no old children to delete, a large page cache, and the
  // secondary and UUID indexes built in one pass each after the rows are in.
  std::vector<std::pair<std::string, std::string>> indexes;
  {
    sql::Stmt s(m_db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL");
    while (s.step()) indexes.emplace_back(s.text(0), s.text(1));
  }
  sql::exec(m_db, "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -1048576");
  m_freshRows = true;
  struct Restore {
    Store& store;
    ~Restore() {
      store.m_freshRows = false;
      sqlite3_exec(store.m_db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
    }
  } restore{*this};

  begin();
  try {
    for (const auto& [name, ddl] : indexes) sql::exec(m_db, "DROP INDEX " + name);
    putRecords(m);
    for (const auto& [name, ddl] : indexes) sql::exec(m_db, ddl);
    sql::Stmt fk(m_db, "PRAGMA foreign_key_check");
    if (fk.step())
      throw UserError(UserError::Kind::InvalidInput,
                      "foreign key: " + fk.text(0) + " row " + std::to_string(fk.integer(1)) + " → " + fk.text(2));
    appendChange(std::move(entry));
    commit();
  } catch (...) {
    rollback();
    throw;
  }
}

void Store::putRecords(const Model& m) {
  putInfo(m.info);
  auto putTable = [this](const auto& table) {
    for (const auto& [id, row] : table) put(row);
  };
  putTable(m.sectors);
  putTable(m.actorTypes);
  putTable(m.tieTypes);
  putTable(m.agreementTypes);
  putTable(m.statusLabels);
  putTable(m.nestTemplates);
  putTable(m.nestCategories);
  // Parents may come after their children in id order: write actors without
  // parents first, then set the parents, so the foreign key always holds.
  bool anyParent = false;
  for (const auto& [id, actor] : m.actors) {
    if (actor.parentId == 0) {
      put(actor);
    } else {
      Actor copy = actor;
      copy.parentId = 0;
      put(copy);
      anyParent = true;
    }
  }
  if (anyParent) {
    auto& setParent = stmt("UPDATE actor SET parent_id = ? WHERE id = ?");
    for (const auto& [id, actor] : m.actors)
      if (actor.parentId != 0) setParent.bind(1, actor.parentId).bind(2, id).run();
  }
  putTable(m.contacts);
  putTable(m.ties);
  putTable(m.agreements);
  putTable(m.views);
  for (const auto& [viewId, positions] : m.positions)
    for (const auto& [actorId, p] : positions) putPosition(viewId, actorId, p);
}

// ---------------------------------------------------------------------------
// [SECTION] change log

RowId Store::appendChange(ChangeLogEntry entry) {
  if (entry.time.empty()) entry.time = currentTimeUtc();
  if (entry.user.empty()) entry.user = currentOsUser();
  auto& s = stmt("INSERT INTO change_log (time, user, description) VALUES (?, ?, ?)");
  s.bind(1, entry.time).bind(2, entry.user).bind(3, entry.description).run();
  RowId id = sqlite3_last_insert_rowid(m_db);
  auto& item = stmt("INSERT OR IGNORE INTO change_log_item (change_id, uuid) VALUES (?, ?)");
  for (const Uuid& u : entry.affected) item.bind(1, id).bind(2, u).run();
  return id;
}

std::vector<ChangeLogEntry> Store::changeLog(std::size_t limit) {
  std::vector<ChangeLogEntry> out;
  std::string query = "SELECT id, time, user, description FROM change_log";
  if (limit > 0) query = "SELECT * FROM (" + query + " ORDER BY id DESC LIMIT " + std::to_string(limit) + ")";
  sql::Stmt s(m_db, query + " ORDER BY id");
  while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), {}});
  if (out.empty()) return out;
  sql::Stmt items(m_db, "SELECT change_id, uuid FROM change_log_item WHERE change_id >= ? ORDER BY change_id");
  items.bind(1, out.front().id);
  std::size_t i = 0;
  while (items.step()) {
    RowId change = items.integer(0);
    while (i < out.size() && out[i].id < change) ++i;
    if (i < out.size() && out[i].id == change) out[i].affected.push_back(items.uuid(1));
  }
  return out;
}

// ---------------------------------------------------------------------------
// [SECTION] loading
namespace {

Color colorOf(const std::string& text) { return Color::parse(text).value_or(Color{}); }

/// About how many rows `table` holds, read from its smallest and largest id
/// (two b-tree descents; count(*) would walk every page). Exact while ids are dense.
std::size_t estimateRows(sqlite3* db, const char* table) {
  sql::Stmt s(db, std::string("SELECT min(id), max(id) FROM ") + table);
  if (!s.step() || s.isNull(0)) return 0;
  return static_cast<std::size_t>(s.integer(1) - s.integer(0) + 1);
}

void loadMeta(sqlite3* db, Model& m) {
  sql::Stmt s(db, "SELECT key, value FROM meta");
  while (s.step()) {
    std::string k = s.text(0), v = s.text(1);
    if (k == "uuid")
      m.info.uuid = Uuid::parse(v).value_or(Uuid{});
    else if (k == "name")
      m.info.name = v;
    else if (k == "description")
      m.info.description = v;
    else if (k == "created")
      m.info.created = v;
  }
}

void loadTaxonomy(sqlite3* db, Model& m) {
  {
    sql::Stmt s(db, "SELECT id, uuid, key, name_nl, name_en, color, sort FROM sector ORDER BY id");
    while (s.step())
      m.sectors.put({s.integer(0), s.uuid(1), s.text(2), s.text(3), s.text(4), colorOf(s.text(5)),
                     static_cast<int>(s.integer(6))});
  }
  {
    sql::Stmt s(db,
                "SELECT id, uuid, key, name_nl, name_en, sector_id, color, shape, line, sort FROM actor_type "
                "ORDER BY id");
    while (s.step())
      m.actorTypes.put({s.integer(0), s.uuid(1), s.text(2), s.text(3), s.text(4), s.integer(5), colorOf(s.text(6)),
                        parseShape(s.text(7)).value_or(Shape::Circle), static_cast<int>(s.integer(8)),
                        static_cast<int>(s.integer(9))});
  }
  {
    sql::Stmt s(db, "SELECT id, uuid, key, name_nl, name_en, color, directed, sort FROM tie_type ORDER BY id");
    while (s.step())
      m.tieTypes.put({s.integer(0), s.uuid(1), s.text(2), s.text(3), s.text(4), colorOf(s.text(5)), s.integer(6) != 0,
                      static_cast<int>(s.integer(7))});
  }
  {
    sql::Stmt s(db, "SELECT id, uuid, key, name_nl, name_en, sort FROM agreement_type ORDER BY id");
    while (s.step())
      m.agreementTypes.put({s.integer(0), s.uuid(1), s.text(2), s.text(3), s.text(4), static_cast<int>(s.integer(5))});
  }
  {
    sql::Stmt s(db, "SELECT id, uuid, status, name_nl, name_en, color FROM status_label ORDER BY id");
    while (s.step())
      m.statusLabels.put({s.integer(0), s.uuid(1), parseAgreementStatus(s.text(2)).value_or(AgreementStatus::Idea),
                          s.text(3), s.text(4), colorOf(s.text(5))});
  }
  {
    sql::Stmt s(db, "SELECT id, uuid, key, name, description, hop_limit FROM nest_template ORDER BY id");
    while (s.step())
      m.nestTemplates.put({s.integer(0), s.uuid(1), s.text(2), s.text(3), s.text(4), static_cast<int>(s.integer(5))});
  }
  {
    sql::Stmt s(db,
                "SELECT id, uuid, template_id, key, name_nl, name_en, reach, hop_limit, radius_km, weight, sort "
                "FROM nest_category ORDER BY id");
    while (s.step()) {
      NestCategory c;
      c.id = s.integer(0);
      c.uuid = s.uuid(1);
      c.templateId = s.integer(2);
      c.key = s.text(3);
      c.nameNl = s.text(4);
      c.nameEn = s.text(5);
      c.reach = parseReach(s.text(6)).value_or(Reach::Any);
      if (!s.isNull(7)) c.hopLimit = static_cast<int>(s.integer(7));
      c.radiusKm = s.real(8);
      c.weight = s.real(9);
      c.sort = static_cast<int>(s.integer(10));
      m.nestCategories.put(std::move(c));
    }
    sql::Stmt t(db,
                "SELECT category_id, actor_type_id FROM nest_category_actor_type ORDER BY category_id, "
                "actor_type_id");
    while (t.step())
      if (auto* c = m.nestCategories.find(t.integer(0))) c->actorTypeIds.push_back(t.integer(1));
  }
}

void loadActors(sqlite3* db, Model& m) {
  m.actors.reserve(estimateRows(db, "actor"));
  sql::Stmt s(db,
              "SELECT id, uuid, external_id, name, short_name, type_id, parent_id, address, postcode, "
              "municipality, latitude, longitude, province, eerstelijnszone, judicial_district, line, influence, "
              "interest, notes, valid_from, valid_to FROM actor ORDER BY id");
  while (s.step()) {
    Actor& a = m.actors.append(s.integer(0));  // filled in place: an Actor is large to move
    a.uuid = s.uuid(1);
    a.externalId = s.text(2);
    a.name = s.text(3);
    a.shortName = s.text(4);
    a.typeId = s.integer(5);
    a.parentId = s.integer(6);
    a.address = s.text(7);
    a.postcode = s.text(8);
    a.municipality = s.text(9);
    a.latitude = s.optReal(10);
    a.longitude = s.optReal(11);
    a.province = s.text(12);
    a.eerstelijnszone = s.text(13);
    a.judicialDistrict = s.text(14);
    a.line = static_cast<int>(s.integer(15));
    a.influence = static_cast<int>(s.integer(16));
    a.interest = static_cast<int>(s.integer(17));
    a.notes = s.text(18);
    a.validFrom = s.optDate(19);
    a.validTo = s.optDate(20);
  }
  sql::Stmt tags(db, "SELECT actor_id, tag FROM actor_tag ORDER BY actor_id, position");
  while (tags.step())
    if (auto* a = m.actors.find(tags.integer(0))) a->tags.push_back(tags.text(1));
  sql::Stmt fields(db, "SELECT actor_id, key, value FROM actor_field");
  while (fields.step())
    if (auto* a = m.actors.find(fields.integer(0))) a->customFields[fields.text(1)] = fields.text(2);
  sql::Stmt contacts(db,
                     "SELECT id, uuid, actor_id, name, role, email, phone, notes, personal_data FROM contact "
                     "ORDER BY id");
  while (contacts.step())
    m.contacts.put({contacts.integer(0), contacts.uuid(1), contacts.integer(2), contacts.text(3), contacts.text(4),
                    contacts.text(5), contacts.text(6), contacts.text(7), contacts.integer(8) != 0});
}

/// Appends the ties with ids in [from, to] to `ties`.
void loadTies(sqlite3* db, Table<Tie>& ties, RowId from = 0, RowId to = INT64_MAX) {
  sql::Stmt s(db,
              "SELECT id, uuid, source_id, target_id, type_id, direction, strength, status, valid_from, valid_to, "
              "source_note, weight FROM tie WHERE id BETWEEN ? AND ? ORDER BY id");
  s.bind(1, from).bind(2, to);
  while (s.step()) {
    Tie& t = ties.append(s.integer(0));
    t.uuid = s.uuid(1);
    t.sourceId = s.integer(2);
    t.targetId = s.integer(3);
    t.typeId = s.integer(4);
    t.direction = parseDirection(s.text(5)).value_or(Direction::Undirected);
    t.strength = static_cast<int>(s.integer(6));
    t.status = parseTieStatus(s.text(7)).value_or(TieStatus::Active);
    t.validFrom = s.optDate(8);
    t.validTo = s.optDate(9);
    t.sourceNote = s.text(10);
    t.weight = s.optReal(11);
  }
}

void loadAgreements(sqlite3* db, Model& m) {
  sql::Stmt s(db,
              "SELECT id, uuid, title, type_id, scope_prison_id, owner, review_date, work_package, notes FROM "
              "agreement ORDER BY id");
  while (s.step()) {
    Agreement a;
    a.id = s.integer(0);
    a.uuid = s.uuid(1);
    a.title = s.text(2);
    a.typeId = s.integer(3);
    a.scopePrisonId = s.integer(4);
    a.owner = s.text(5);
    a.reviewDate = s.optDate(6);
    a.workPackage = static_cast<int>(s.integer(7));
    a.notes = s.text(8);
    m.agreements.put(std::move(a));
  }
  sql::Stmt parties(db, "SELECT agreement_id, actor_id, role FROM agreement_party ORDER BY agreement_id, position");
  while (parties.step())
    if (auto* a = m.agreements.find(parties.integer(0))) a->parties.push_back({parties.integer(1), parties.text(2)});
  sql::Stmt history(db,
                    "SELECT agreement_id, date, status, note FROM agreement_status ORDER BY agreement_id, position");
  while (history.step())
    if (auto* a = m.agreements.find(history.integer(0)))
      a->history.push_back({Date::parse(history.text(1)).value_or(Date{}),
                            parseAgreementStatus(history.text(2)).value_or(AgreementStatus::Idea), history.text(3)});
  sql::Stmt blocks(db, "SELECT agreement_id, block FROM agreement_building_block ORDER BY agreement_id, block");
  while (blocks.step())
    if (auto* a = m.agreements.find(blocks.integer(0)))
      a->buildingBlocks.push_back(static_cast<int>(blocks.integer(1)));
  sql::Stmt docs(db, "SELECT agreement_id, title, reference FROM agreement_document ORDER BY agreement_id, position");
  while (docs.step())
    if (auto* a = m.agreements.find(docs.integer(0))) a->documents.push_back({docs.text(1), docs.text(2)});
}

void loadViews(sqlite3* db, Model& m) {
  sql::Stmt s(db,
              "SELECT id, uuid, name, filter_json, decoration_json, layout, camera_x, camera_y, zoom FROM view "
              "ORDER BY id");
  while (s.step())
    m.views.put({s.integer(0), s.uuid(1), s.text(2), s.text(3), s.text(4), s.text(5), s.real(6), s.real(7), s.real(8)});
  sql::Stmt p(db, "SELECT view_id, actor_id, x, y, pinned FROM view_position ORDER BY view_id, actor_id");
  while (p.step()) {
    auto& positions = m.positions[p.integer(0)];
    positions.emplace_hint(positions.end(), p.integer(1), ViewPosition{p.real(2), p.real(3), p.integer(4) != 0});
  }
}

/// The newest change-log id: every Nestmap commit adds one, so two read
/// transactions that see the same newest id see the same map.
std::int64_t lastChange(sqlite3* db) { return sql::queryInt(db, "SELECT coalesce(max(id), 0) FROM change_log"); }

}  // namespace

Model Store::loadChecked() {
  if (m_verified) return load();
  // quick_check reads every page, as the load does: on two cores the two run
  // side by side. Nothing is written before both are done.
  std::exception_ptr checkError, loadError;
  Model model;
  {
    // Joined at the end of this block on every path, a throw included.
    std::jthread checker([&] {
      try {
        checkIntegrity(m_path, m_options);
      } catch (...) {
        checkError = std::current_exception();
      }
    });
    try {
      model = load();
    } catch (...) {
      loadError = std::current_exception();
    }
  }
  if (checkError) std::rethrow_exception(checkError);  // a damaged file explains a failed load best
  if (loadError) std::rethrow_exception(loadError);
  m_verified = true;
  return model;
}

Model Store::load() {
  Model m;
  // One read transaction: the whole map comes from one consistent state.
  // Inside a write transaction (a command that found the file changed
  // under it) that transaction is the consistent state.
  const bool ownTransaction = !inTransaction();
  if (ownTransaction) sql::exec(m_db, "BEGIN");
  try {
    m_loadedDataVersion = dataVersion();
    const std::int64_t marker = lastChange(m_db);
    const std::size_t tieCount = estimateRows(m_db, "tie");
    RowId split = INT64_MAX;
    Table<Tie> upper;
    std::exception_ptr workerError;
    bool workerConsistent = false;
    // Declared after what it writes to: when anything below throws, its
    // destructor joins it before those go (a joinable std::thread would call
    // std::terminate), and the rollback below runs after the join.
    std::jthread worker;
    // A second connection sees only what is committed: inside a write
    // transaction of ours, which may hold uncommitted rows, read on this one.
    if (tieCount >= kParallelTies && ownTransaction) {
      RowId lo = sql::queryInt(m_db, "SELECT min(id) FROM tie"), hi = sql::queryInt(m_db, "SELECT max(id) FROM tie");
      split = lo + (hi - lo) / 2;
      upper.reserve(tieCount / 2 + 1024);
      worker = std::jthread([&, split] {
        sqlite3* db = nullptr;
        try {
          db = openForChecks(m_path);
          sql::exec(db, "PRAGMA mmap_size = 4294967296; BEGIN");
          if (lastChange(db) == marker) {
            loadTies(db, upper, split + 1);
            workerConsistent = true;
          }
          sql::exec(db, "COMMIT");
        } catch (...) {
          workerError = std::current_exception();
        }
        sqlite3_close(db);
      });
    }
    loadMeta(m_db, m);
    loadTaxonomy(m_db, m);
    loadActors(m_db, m);
    loadAgreements(m_db, m);
    loadViews(m_db, m);
    m.ties.reserve(tieCount);
    loadTies(m_db, m.ties, 0, split);
    if (worker.joinable()) {
      worker.join();
      if (workerConsistent && !workerError) {
        m.ties.appendAll(std::move(upper));
      } else {
        // A commit by someone else slipped between the two transactions (or
        // the second connection failed): read the rest in our own snapshot.
        loadTies(m_db, m.ties, split + 1);
      }
    }
    sql::Stmt fields(m_db, "SELECT tie_id, key, value FROM tie_field ORDER BY tie_id");
    while (fields.step())
      if (Tie* t = m.ties.find(fields.integer(0))) t->customFields[fields.text(1)] = fields.text(2);
    if (ownTransaction) sql::exec(m_db, "COMMIT");
  } catch (...) {
    if (ownTransaction) sql::exec(m_db, "ROLLBACK");
    throw;
  }
  return m;
}

}  // namespace nestmap
