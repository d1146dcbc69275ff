// LayoutJob's thread handshake: pause, resume and cancel landing at any moment
// of the worker's loop must never leave it asleep (a lost wake-up hangs wait()
// and the destructor). The behaviour of a running job is in force_atlas2_test.
#include "layout/layout_job.hpp"

#include <catch2/catch.hpp>
#include <chrono>

#include "support/watchdog.hpp"

using namespace nestmap;
using namespace std::chrono_literals;

namespace {

/// A ring of `n` vertices: each step is microseconds, so that the worker
/// comes back to its pause check about as often as the test calls in.
GraphSnapshot ring(std::size_t n) {
  std::vector<GraphSnapshot::Edge> edges;
  for (GraphSnapshot::Vertex v = 0; v < n; ++v) edges.push_back({v, static_cast<GraphSnapshot::Vertex>((v + 1) % n), 1});
  return GraphSnapshot::fromEdges(n, edges, false);
}

LayoutJob::Params endless() {
  LayoutJob::Params params;
  params.maxIterations = 1 << 30;
  params.stableFraction = 0;  // never stops by itself: only cancel() ends it
  return params;
}

/// Busy-waits about `ns` nanoseconds, to move the next call across the worker's loop.
void spin(std::chrono::nanoseconds ns) {
  const auto until = std::chrono::steady_clock::now() + ns;
  while (std::chrono::steady_clock::now() < until) {
  }
}

}  // namespace

TEST_CASE("LayoutJob: a paused job that is cancelled always stops", "[layout][job]") {
  test::Watchdog watchdog(120s, "a paused LayoutJob did not stop after cancel()");
  const GraphSnapshot graph = ring(8);
  int cancelled = 0;
  constexpr int kRounds = 10000;
  for (int round = 0; round < kRounds; ++round) {
    LayoutJob job(graph, {}, {}, endless());
    // Sweep the moment of pause and cancel from "before the first iteration"
    // to "while the worker goes to sleep".
    spin(std::chrono::microseconds(round % 50));
    job.pause();
    spin(std::chrono::nanoseconds((round * 37) % 4000));
    job.cancel();
    job.wait();
    cancelled += job.state() == LayoutJob::State::Cancelled;
  }
  CHECK(cancelled == kRounds);
}

TEST_CASE("LayoutJob: pausing and resuming in quick turns, then cancelling, always stops", "[layout][job]") {
  test::Watchdog watchdog(120s, "a LayoutJob paused and resumed in turns did not stop after cancel()");
  const GraphSnapshot graph = ring(8);
  constexpr int kRounds = 500;
  int cancelled = 0;
  for (int round = 0; round < kRounds; ++round) {
    LayoutJob job(graph, {}, {}, endless());
    for (int turn = 0; turn < 20; ++turn) {
      job.pause();
      spin(std::chrono::nanoseconds((round * 53 + turn * 211) % 3000));
      job.resume();
    }
    job.pause();
    job.cancel();
    job.wait();
    cancelled += job.state() == LayoutJob::State::Cancelled;
  }
  CHECK(cancelled == kRounds);
}

TEST_CASE("LayoutJob: destroying a paused job stops its worker", "[layout][job]") {
  test::Watchdog watchdog(120s, "destroying a paused LayoutJob did not return");
  const GraphSnapshot graph = ring(8);
  constexpr int kRounds = 2000;
  for (int round = 0; round < kRounds; ++round) {
    LayoutJob job(graph, {}, {}, endless());
    spin(std::chrono::microseconds(round % 40));
    job.pause();
    spin(std::chrono::nanoseconds((round * 41) % 4000));
    // ~LayoutJob cancels and joins.
  }
  SUCCEED("every paused job was destroyed");
}

TEST_CASE("LayoutJob: once paused, the worker does no more iterations until resumed", "[layout][job]") {
  test::Watchdog watchdog(120s, "a LayoutJob did not pause, resume or stop");
  LayoutJob job(ring(50), {}, {}, endless());
  while (job.iterations() < 3) std::this_thread::sleep_for(1ms);
  job.pause();
  // pause() may land while an iteration runs: that one ends, no later one starts.
  std::this_thread::sleep_for(20ms);
  const int paused = job.iterations();
  std::this_thread::sleep_for(30ms);
  CHECK(job.iterations() == paused);
  CHECK(job.state() == LayoutJob::State::Paused);
  job.resume();
  while (job.iterations() < paused + 3) std::this_thread::sleep_for(1ms);
  CHECK(job.state() == LayoutJob::State::Running);
  job.cancel();
  job.wait();
  CHECK(job.state() == LayoutJob::State::Cancelled);
  job.cancel();  // again, after the end: changes nothing
  job.pause();
  job.resume();
  CHECK(job.state() == LayoutJob::State::Cancelled);
}
