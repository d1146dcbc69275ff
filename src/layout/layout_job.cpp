#include "layout/layout_job.hpp"

namespace nestmap {

LayoutJob::LayoutJob(GraphSnapshot graph, LayoutNodes start, const ForceAtlas2Params& fa2, const Params& params)
    : m_graph(std::move(graph)), m_params(params), m_fa2(m_graph, std::move(start), fa2) {
  m_published = m_fa2.positions();
  m_thread = std::thread([this] { work(); });
}

LayoutJob::~LayoutJob() {
  cancel();
  if (m_thread.joinable()) m_thread.join();
}

void LayoutJob::pause() {
  std::lock_guard lock(m_mutex);
  if (m_state == State::Running) {
    m_paused = true;
    m_state = State::Paused;
  }
}

void LayoutJob::resume() {
  {
    std::lock_guard lock(m_mutex);
    if (m_state != State::Paused) return;
    m_paused = false;
    m_state = State::Running;
  }
  m_wake.notify_all();
}

void LayoutJob::cancel() {
  {
    // Under the lock: set between the worker's check of the wait condition and
    // its going to sleep, the flag and the notification would both be missed,
    // and a paused job would sleep through its own cancel (and hang join()).
    std::lock_guard lock(m_mutex);
    m_cancel = true;
  }
  m_wake.notify_all();
}

void LayoutJob::wait() {
  if (m_thread.joinable()) m_thread.join();
}

bool LayoutJob::takePositions(std::vector<Vec2>& out) {
  std::lock_guard lock(m_mutex);
  if (m_version == m_taken) return false;
  out = m_published;
  m_taken = m_version;
  return true;
}

void LayoutJob::work() {
  auto publish = [this] {
    std::lock_guard lock(m_mutex);
    m_published = m_fa2.positions();
    ++m_version;
  };
  for (int i = 0; i < m_params.maxIterations; ++i) {
    {
      // A paused job sleeps here, between iterations, until resumed or cancelled.
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return !m_paused || m_cancel; });
    }
    if (m_cancel) {
      finish(State::Cancelled);
      return;
    }
    m_fa2.step();
    m_iterations = i + 1;
    if ((i + 1) % m_params.publishEvery == 0) publish();
    if (i >= 1 && m_fa2.lastMeanDisplacement() < m_params.stableFraction * m_fa2.extent()) break;
  }
  finish(State::Finished);
}

void LayoutJob::finish(State state) {
  // Under the lock, so that a pause() racing with the end cannot leave the job "paused".
  std::lock_guard lock(m_mutex);
  m_published = m_fa2.positions();
  ++m_version;
  m_state = state;
}

}  // namespace nestmap
