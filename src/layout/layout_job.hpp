#pragma once
// [SECTION] LayoutJob: ForceAtlas2 on a worker thread, for a canvas that animates it

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "layout/force_atlas2.hpp"

namespace nestmap {

struct LayoutJobParams {
  int maxIterations = 2000;
  int publishEvery = 5;           ///< copy the positions out every this many iterations
  double stableFraction = 0.001;  ///< finish once a step moves nodes less than this × the extent
};

/// ForceAtlas2 running on its own thread: it can be paused, resumed and
/// cancelled, reports its progress, and hands out a copy of the positions
/// every few iterations so that the canvas can draw the layout as it moves.
/// It owns its snapshot; the document can change meanwhile.
class LayoutJob {
 public:
  using Params = LayoutJobParams;
  enum class State { Running, Paused, Finished, Cancelled };

  LayoutJob(GraphSnapshot graph, LayoutNodes start, const ForceAtlas2Params& fa2, const Params& params = {});
  ~LayoutJob();  ///< cancels and waits
  LayoutJob(const LayoutJob&) = delete;
  LayoutJob& operator=(const LayoutJob&) = delete;

  void pause();
  void resume();
  void cancel();
  /// Blocks until the job finished or was cancelled. Called from the job's owner only.
  void wait();

  State state() const { return m_state.load(); }
  /// 0–1: iterations done of the most it will take (it may finish early, when stable).
  double progress() const { return static_cast<double>(m_iterations.load()) / m_params.maxIterations; }
  int iterations() const { return m_iterations.load(); }
  /// The snapshot being laid out (vertex v is the actor graph().rowId(v)).
  const GraphSnapshot& graph() const { return m_graph; }
  /// Copies the latest published positions into `out` when they are newer
  /// than those taken before; false (and `out` untouched) otherwise.
  bool takePositions(std::vector<Vec2>& out);

 private:
  void work();
  void finish(State state);

  GraphSnapshot m_graph;
  Params m_params;
  ForceAtlas2 m_fa2;
  std::atomic<State> m_state{State::Running};
  std::atomic<int> m_iterations{0};
  // m_cancel and m_paused change only under m_mutex, which the worker holds
  // while it checks them before sleeping; m_cancel is atomic so that the
  // running loop can read it without the lock.
  std::atomic<bool> m_cancel{false};
  bool m_paused = false;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::vector<Vec2> m_published;
  std::uint64_t m_version = 0, m_taken = 0;
  std::thread m_thread;
};

}  // namespace nestmap
