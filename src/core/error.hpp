#pragma once
#include <stdexcept>
#include <string>

namespace nestmap {

/// An error a user can cause (a bad file, bad input), carrying a message meant for them.
class UserError : public std::runtime_error {
 public:
  enum class Kind {
    NotFound,      ///< the file does not exist
    Exists,        ///< the file exists and would be overwritten
    NotSqlite,     ///< not an SQLite database at all
    NotNestmap,    ///< SQLite, but not a Nestmap map
    NewerVersion,  ///< written by a newer Nestmap
    Corrupt,       ///< fails the integrity check
    Locked,        ///< another process holds a lock on it
    Io,            ///< cannot read or write
    InvalidInput,  ///< a value or a record that breaks a rule
    ReadOnly,      ///< the map can be read but not written (file, medium or opened so)
    Changed,       ///< the map changed under a command that cannot be re-derived
  };

  UserError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  Kind kind() const { return m_kind; }

 private:
  Kind m_kind;
};

}  // namespace nestmap
