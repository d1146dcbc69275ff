#include "support/bad_files.hpp"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <string>

namespace nestmap::test {

void scribbleOverPages(const std::filesystem::path& file) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  if (!f) throw std::runtime_error("cannot open " + file.string());
  const std::string junk(64, '\xA5');
  for (std::streamoff page = 3; page < 14; ++page) {
    f.seekp(page * 4096);
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
}

ExclusiveLockHolder::ExclusiveLockHolder(const std::filesystem::path& file) {
  int ready[2];
  if (pipe(ready) != 0) throw std::runtime_error("pipe failed");
  m_child = fork();
  if (m_child < 0) throw std::runtime_error("fork failed");
  if (m_child == 0) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) _exit(2);
    if (sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE meta SET value = value;", nullptr,
                     nullptr, nullptr) != SQLITE_OK)
      _exit(3);
    char ok = 'x';
    if (write(ready[1], &ok, 1) != 1) _exit(4);
    pause();
    _exit(0);
  }
  close(ready[1]);
  char signal = 0;
  const bool locked = read(ready[0], &signal, 1) == 1;
  close(ready[0]);
  if (!locked) {
    release();
    throw std::runtime_error("the lock holder did not get its lock on " + file.string());
  }
}

ExclusiveLockHolder::~ExclusiveLockHolder() { release(); }

void ExclusiveLockHolder::release() {
  if (m_child <= 0) return;
  kill(m_child, SIGKILL);
  waitpid(m_child, nullptr, 0);
  m_child = -1;
}

}  // namespace nestmap::test
