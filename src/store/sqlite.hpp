#pragma once
// Thin RAII wrappers over the SQLite C API, used only inside src/store.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/uuid.hpp"

namespace nestmap::sql {

/// An SQLite error that is not the user's doing (a bug, a full disk).
class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& message, int systemErrno = 0)
      : std::runtime_error(message), code(code), systemErrno(systemErrno) {}
  int code;
  int systemErrno;  ///< errno of the failed system call behind an I/O error (ENOSPC: disk full), else 0
};

/// A prepared statement; binds by position (1-based), reads columns by index (0-based).
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, std::string_view sql);
  Stmt(Stmt&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) { other.m_stmt = nullptr; }
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& bind(int index, std::int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Stmt& bind(int index, double value);
  Stmt& bind(int index, std::string_view value);
  Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Stmt& bind(int index, const Uuid& value);
  Stmt& bind(int index, const std::optional<double>& value);
  Stmt& bind(int index, const std::optional<Date>& value);
  Stmt& bindNull(int index);
  /// Binds 0 as NULL (optional references).
  Stmt& bindId(int index, std::int64_t id);

  /// Steps once: true while a row is available.
  bool step();
  /// Steps to completion, for statements without rows; then resets.
  void run();
  void reset();

  std::int64_t integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
  double real(int col) const { return sqlite3_column_double(m_stmt, col); }
  bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
  std::string text(int col) const;
  Uuid uuid(int col) const;
  std::optional<double> optReal(int col) const;
  std::optional<Date> optDate(int col) const;

 private:
  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_stmt = nullptr;
};

/// Runs one or more statements without results; throws sql::Error.
void exec(sqlite3* db, std::string_view sql);

/// The single integer a query returns (e.g. a PRAGMA).
std::int64_t queryInt(sqlite3* db, std::string_view sql);

}  // namespace nestmap::sql
