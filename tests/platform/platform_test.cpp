// platform/: the no-replace move and its fallbacks, fsync, process ids.
#include "platform/platform.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "support/dead_pid.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using test::deadPid;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  const auto bytes = test::readBytes(p);
  return {bytes.begin(), bytes.end()};
}


}  // namespace

TEST_CASE("moveNoReplace moves a file, and refuses an existing target without touching either", "[platform]") {
  using Move = std::error_code (*)(const fs::path&, const fs::path&);
  const std::pair<const char*, Move> moves[] = {{"renameat2", platform::moveNoReplace},
                                                {"link+unlink", platform::detail::moveNoReplaceByLink},
                                                {"O_EXCL claim", platform::detail::moveNoReplaceByClaim}};
  for (const auto& [name, move] : moves) {
    INFO(name);
    test::TempDir dir;
    test::writeBytes(dir / "new", "new contents");
    test::writeBytes(dir / "old", "old contents");

    const std::error_code refused = move(dir / "new", dir / "old");
    CHECK(refused == std::errc::file_exists);
    CHECK(slurp(dir / "old") == "old contents");
    CHECK(slurp(dir / "new") == "new contents");

    // A dangling symbolic link is a name too: never replaced.
    fs::create_symlink(dir / "nowhere", dir / "link");
    CHECK(move(dir / "new", dir / "link") == std::errc::file_exists);
    CHECK(fs::is_symlink(dir / "link"));

    REQUIRE_FALSE(move(dir / "new", dir / "moved"));
    CHECK_FALSE(fs::exists(dir / "new"));
    CHECK(slurp(dir / "moved") == "new contents");
    // A source that is not there: an error, and no name claimed.
    CHECK(move(dir / "new", dir / "other"));
    CHECK_FALSE(fs::exists(dir / "other"));
  }
}

TEST_CASE("moveReplace replaces the target in one step", "[platform]") {
  test::TempDir dir;
  test::writeBytes(dir / "new", "new");
  test::writeBytes(dir / "old", "old");
  REQUIRE_FALSE(platform::moveReplace(dir / "new", dir / "old"));
  CHECK(slurp(dir / "old") == "new");
  CHECK_FALSE(fs::exists(dir / "new"));
}

TEST_CASE("writeNewFile writes and flushes a new file, and never an existing one", "[platform]") {
  test::TempDir dir;
  REQUIRE_FALSE(platform::writeNewFile(dir / "a", "bytes"));
  CHECK(slurp(dir / "a") == "bytes");
  CHECK(platform::writeNewFile(dir / "a", "other") == std::errc::file_exists);
  CHECK(slurp(dir / "a") == "bytes");
  CHECK(platform::writeNewFile(dir / "missing" / "a", "x") == std::errc::no_such_file_or_directory);
  CHECK_FALSE(platform::fsyncFile(dir / "a"));
  CHECK_FALSE(platform::fsyncDir(dir.path()));
  CHECK(platform::fsyncFile(dir / "missing") == std::errc::no_such_file_or_directory);
}

TEST_CASE("processAlive knows this process and one that ended", "[platform]") {
  CHECK(platform::currentPid() == static_cast<std::int64_t>(getpid()));
  CHECK(platform::processAlive(platform::currentPid()));
  CHECK(platform::processAlive(1));
  CHECK_FALSE(platform::processAlive(deadPid()));
  CHECK_FALSE(platform::processAlive(0));
  CHECK_FALSE(platform::processAlive(-5));
  CHECK_FALSE(platform::processAlive(std::int64_t{1} << 40));
}

TEST_CASE("isDiskFull knows ENOSPC and EDQUOT", "[platform]") {
  CHECK(platform::isDiskFull(std::make_error_code(std::errc::no_space_on_device)));
  CHECK(platform::isDiskFull(std::error_code(EDQUOT, std::system_category())));
  CHECK_FALSE(platform::isDiskFull(std::make_error_code(std::errc::permission_denied)));
  CHECK_FALSE(platform::isDiskFull({}));
}

TEST_CASE("homeDir follows HOME", "[platform]") {
  const char* home = std::getenv("HOME");
  if (home && *home) CHECK(platform::homeDir() == fs::path(home));
  CHECK_FALSE(platform::currentUserName().empty());
}
