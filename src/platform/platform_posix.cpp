// The POSIX (Linux) side of platform.hpp. A Windows build would add a
// platform_windows.cpp with the same functions (MoveFileExW without
// MOVEFILE_REPLACE_EXISTING, FlushFileBuffers, OpenProcess ...).
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "platform/platform.hpp"

namespace nestmap::platform {
namespace fs = std::filesystem;
namespace {

std::error_code lastError() { return {errno, std::generic_category()}; }

/// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }
  /// Closes now, reporting what close() says (NFS reports a full disk only there).
  std::error_code close() {
    const int fd = m_fd;
    m_fd = -1;
    return fd >= 0 && ::close(fd) != 0 ? lastError() : std::error_code();
  }

 private:
  int m_fd;
};

int openRetrying(const char* path, int flags, mode_t mode = 0) {
  int fd;
  do fd = ::open(path, flags, mode);
  while (fd < 0 && errno == EINTR);
  return fd;
}

}  // namespace

std::int64_t currentPid() { return static_cast<std::int64_t>(::getpid()); }

bool processAlive(std::int64_t pid) {
  if (pid <= 0 || pid != static_cast<pid_t>(pid)) return false;
  // Signal 0 checks only: EPERM means it exists but belongs to someone else.
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

fs::path homeDir() {
  if (const char* h = std::getenv("HOME"); h && *h) return h;
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_dir) return pw->pw_dir;
  return fs::temp_directory_path();
}

std::string currentUserName() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "?";
}

std::error_code moveNoReplace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return {};
  const int error = errno;
  if (error == EEXIST) return std::make_error_code(std::errc::file_exists);
  // EINVAL: this file system does not know the flag (older NFS, some FUSE); ENOSYS: nor the kernel.
  if (error == EINVAL || error == ENOSYS || error == ENOTSUP) return detail::moveNoReplaceByLink(from, to);
  return {error, std::generic_category()};
}

std::error_code moveReplace(const fs::path& from, const fs::path& to) {
  return ::rename(from.c_str(), to.c_str()) == 0 ? std::error_code() : lastError();
}

namespace detail {

std::error_code moveNoReplaceByLink(const fs::path& from, const fs::path& to) {
  // link() never replaces: the new name appears whole or not at all.
  if (::link(from.c_str(), to.c_str()) != 0) {
    const int error = errno;
    if (error == EEXIST) return std::make_error_code(std::errc::file_exists);
    // No hard links here (FAT, exFAT, some network shares).
    if (error == EPERM || error == ENOTSUP || error == EOPNOTSUPP || error == ENOSYS)
      return moveNoReplaceByClaim(from, to);
    return {error, std::generic_category()};
  }
  ::unlink(from.c_str());  // the move has happened; a second name left behind is only untidy
  return {};
}

std::error_code moveNoReplaceByClaim(const fs::path& from, const fs::path& to) {
  // The last resort: claim the name with an empty file of our own (O_EXCL never
  // replaces), then rename over our own claim. For a moment the name shows an
  // empty file, but nobody else's file is ever replaced.
  Fd claim(openRetrying(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (claim.get() < 0) {
    const int error = errno;
    if (error == EEXIST) return std::make_error_code(std::errc::file_exists);
    return {error, std::generic_category()};
  }
  claim.close();
  if (::rename(from.c_str(), to.c_str()) != 0) {
    const std::error_code ec = lastError();
    ::unlink(to.c_str());
    return ec;
  }
  return {};
}

}  // namespace detail

std::error_code fsyncFile(const fs::path& path) {
  Fd fd(openRetrying(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return lastError();
  if (::fsync(fd.get()) != 0) return lastError();
  return fd.close();
}

std::error_code fsyncDir(const fs::path& dir) {
  Fd fd(openRetrying((dir.empty() ? fs::path(".") : dir).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return lastError();
  // Some file systems cannot sync a folder (EINVAL); their entries are as safe as they get.
  if (::fsync(fd.get()) != 0 && errno != EINVAL) return lastError();
  return fd.close();
}

std::error_code writeNewFile(const fs::path& path, std::string_view bytes) {
  Fd fd(openRetrying(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
  if (fd.get() < 0) return lastError();
  std::error_code ec;
  for (std::size_t done = 0; done < bytes.size() && !ec;) {
    const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n > 0)
      done += static_cast<std::size_t>(n);
    else if (n < 0 && errno != EINTR)
      ec = lastError();
  }
  if (!ec && ::fsync(fd.get()) != 0) ec = lastError();
  if (const std::error_code closed = fd.close(); !ec) ec = closed;
  if (ec) ::unlink(path.c_str());
  return ec;
}

bool isDiskFull(const std::error_code& ec) {
  if (ec.category() != std::generic_category() && ec.category() != std::system_category()) return false;
  return ec.value() == ENOSPC || ec.value() == EDQUOT;
}

}  // namespace nestmap::platform
