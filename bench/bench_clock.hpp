#pragma once
// The clock every benchmark times with.
#include <chrono>

namespace nestmap::bench {

using Clock = std::chrono::steady_clock;

/// Milliseconds since `start`.
inline double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace nestmap::bench
