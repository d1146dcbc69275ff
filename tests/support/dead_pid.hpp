#pragma once
// The id of a process that is gone, for tests of what dead processes left behind.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>

namespace nestmap::test {

/// The id of a process that has just ended (and was reaped).
inline std::int64_t deadPid() {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) _exit(0);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  return child;
}

}  // namespace nestmap::test
