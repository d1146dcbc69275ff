#include "store/sqlite.hpp"

#include <cstring>
#include <string>

namespace nestmap::sql {

Stmt::Stmt(sqlite3* db, std::string_view sql) : m_db(db) {
  int rc =
      sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
  if (rc != SQLITE_OK)
    throw Error(rc, std::string(sqlite3_errmsg(db)) + " in: " + std::string(sql), sqlite3_system_errno(db));
}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(m_stmt);
    m_db = other.m_db;
    m_stmt = other.m_stmt;
    other.m_stmt = nullptr;
  }
  return *this;
}

Stmt::~Stmt() { sqlite3_finalize(m_stmt); }

Stmt& Stmt::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(m_stmt, index, value);
  return *this;
}

Stmt& Stmt::bind(int index, double value) {
  sqlite3_bind_double(m_stmt, index, value);
  return *this;
}

Stmt& Stmt::bind(int index, std::string_view value) {
  sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::bind(int index, const Uuid& value) {
  sqlite3_bind_blob(m_stmt, index, value.bytes.data(), 16, SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::bind(int index, const std::optional<double>& value) {
  return value ? bind(index, *value) : bindNull(index);
}

Stmt& Stmt::bind(int index, const std::optional<Date>& value) {
  return value ? bind(index, value->toString()) : bindNull(index);
}

Stmt& Stmt::bindNull(int index) {
  sqlite3_bind_null(m_stmt, index);
  return *this;
}

Stmt& Stmt::bindId(int index, std::int64_t id) { return id == 0 ? bindNull(index) : bind(index, id); }

bool Stmt::step() {
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string message = sqlite3_errmsg(m_db);
  const int systemErrno = sqlite3_system_errno(m_db);
  sqlite3_reset(m_stmt);
  throw Error(rc, message, systemErrno);
}

void Stmt::run() {
  while (step()) {
  }
  reset();
}

void Stmt::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

std::string Stmt::text(int col) const {
  auto* p = sqlite3_column_text(m_stmt, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)));
}

Uuid Stmt::uuid(int col) const {
  Uuid id;
  const void* p = sqlite3_column_blob(m_stmt, col);
  if (p && sqlite3_column_bytes(m_stmt, col) == 16) std::memcpy(id.bytes.data(), p, 16);
  return id;
}

std::optional<double> Stmt::optReal(int col) const {
  if (isNull(col)) return std::nullopt;
  return real(col);
}

std::optional<Date> Stmt::optDate(int col) const {
  if (isNull(col)) return std::nullopt;
  return Date::parse(text(col));
}

void exec(sqlite3* db, std::string_view sql) {
  std::string copy(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db, copy.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string message = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw Error(rc, message, sqlite3_system_errno(db));
  }
}

std::int64_t queryInt(sqlite3* db, std::string_view sql) {
  Stmt stmt(db, sql);
  return stmt.step() ? stmt.integer(0) : 0;
}

}  // namespace nestmap::sql
