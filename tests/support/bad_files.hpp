#pragma once
#include <sys/types.h>

#include <filesystem>

namespace nestmap::test {

/// Overwrites the start of pages 3–13 of a map with junk: b-tree pages of its
/// tables, well past the header page, so SQLite's integrity check fails.
void scribbleOverPages(const std::filesystem::path& file);

/// Another process holding `file` exclusively in the middle of a write, as
/// long as this object lives.
class ExclusiveLockHolder {
 public:
  explicit ExclusiveLockHolder(const std::filesystem::path& file);
  ~ExclusiveLockHolder();
  ExclusiveLockHolder(const ExclusiveLockHolder&) = delete;
  ExclusiveLockHolder& operator=(const ExclusiveLockHolder&) = delete;
  /// Ends the other process now.
  void release();

 private:
  pid_t m_child = -1;
};

}  // namespace nestmap::test
