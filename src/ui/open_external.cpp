#include "ui/open_external.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "core/i18n.hpp"

extern char** environ;

namespace nestmap {

bool isUrl(std::string_view reference) {
  // A scheme is letters, digits, '+', '-' or '.' before "://" (RFC 3986); mailto has no slashes.
  if (reference.starts_with("mailto:")) return true;
  const std::size_t colon = reference.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  for (char c : reference.substr(0, colon))
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
          c == '.'))
      return false;
  return true;
}

std::string resolveDocumentReference(std::string_view reference, const std::filesystem::path& base) {
  if (isUrl(reference)) return std::string(reference);
  std::filesystem::path path{std::string(reference)};
  if (path.is_relative()) path = base / path;
  return path.lexically_normal().string();
}

std::vector<std::string> openCommand(std::string_view target) {
#if defined(__APPLE__)
  return {"open", std::string(target)};
#else
  // FIXME: Windows would use ShellExecuteW; Nestmap is built for Linux only so far.
  return {"xdg-open", std::string(target)};
#endif
}

std::optional<std::string> launchDetached(const std::vector<std::string>& argv) {
  if (argv.empty()) return trf("open_external.failed", {"", std::strerror(EINVAL)});
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  // posix_spawnp rather than fork(): the GUI runs worker threads, and glibc
  // reports a program that cannot be started as the return value.
  const int error = posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ);
  if (error != 0) return trf("open_external.failed", {argv[0], std::strerror(error)});
  // Reaped off the UI thread, so that a slow handler never blocks a frame and leaves no zombie.
  std::thread([pid] {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }).detach();
  return std::nullopt;
}

}  // namespace nestmap
