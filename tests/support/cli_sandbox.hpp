#pragma once
// Runs the real `nestmap` binary in a temporary directory (end-to-end tests).
// Header-only: NESTMAP_BINARY is defined per test executable, not for the
// support library.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace nestmap::test {

struct Run {
  int status = -1;  ///< exit status; -1 when it did not exit normally
  std::string out, err;
};

/// Runs `nestmap args...` in its own temporary directory, with the user data
/// directory inside it and no language from the environment unless given.
class Sandbox {
 public:
  Sandbox() { std::filesystem::create_directories(m_dir / "data"); }
  const std::filesystem::path& dir() const { return m_dir.path(); }
  std::filesystem::path operator/(const std::string& name) const { return m_dir / name; }

  /// An `env` value that takes the variable out of the environment (DISPLAY: no display).
  static constexpr const char* kUnset = "\x01unset";

  Run run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) const {
    // Everything is prepared before fork(): the child only redirects and execs.
    std::vector<std::string> envStrings;
    for (char** e = environ; *e; ++e) {
      std::string_view entry(*e);
      std::string_view name = entry.substr(0, entry.find('='));
      if (name == "NESTMAP_LANG" || name == "XDG_DATA_HOME" || name == "XDG_CONFIG_HOME" || name == "HOME") continue;
      if (auto given = env.find(std::string(name)); given != env.end() && given->second == kUnset) continue;
      envStrings.emplace_back(entry);
    }
    envStrings.push_back("XDG_DATA_HOME=" + (m_dir / "data").string());
    envStrings.push_back("XDG_CONFIG_HOME=" + (m_dir / "config").string());
    envStrings.push_back("HOME=" + dir().string());
    for (const auto& [name, value] : env)
      if (value != kUnset) envStrings.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (auto& s : envStrings) envp.push_back(s.data());
    envp.push_back(nullptr);

    std::string binary = NESTMAP_BINARY;
    std::vector<std::string> argStrings{binary};
    argStrings.insert(argStrings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argStrings) argv.push_back(s.data());
    argv.push_back(nullptr);

    const std::string outPath = (m_dir / ".stdout").string(), errPath = (m_dir / ".stderr").string();
    const std::string cwd = dir().string();
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int out = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (out < 0 || err < 0 || chdir(cwd.c_str()) != 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(127);
      execve(binary.c_str(), argv.data(), envp.data());
      _exit(127);
    }
    int wstatus = 0;
    REQUIRE(waitpid(pid, &wstatus, 0) == pid);
    Run r;
    r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    auto text = [](const std::filesystem::path& p) {
      auto bytes = readBytes(p);
      return std::string(bytes.begin(), bytes.end());
    };
    r.out = text(outPath);
    r.err = text(errPath);
    std::filesystem::remove(outPath);
    std::filesystem::remove(errPath);
    return r;
  }

 private:
  TempDir m_dir;
};

/// A sandbox holding the demo map as demo.nestmap.
struct DemoSandbox {
  Sandbox box;
  std::string map = (box / "demo.nestmap").string();
  DemoSandbox() { REQUIRE(box.run({"demo", map}).status == kExitOk); }
};

}  // namespace nestmap::test
