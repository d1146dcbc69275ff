#pragma once
#include <atomic>
#include <exception>
#include <functional>
#include <future>
#include <memory>

namespace nestmap {

/// Thrown by an algorithm that was asked to stop.
struct Cancelled : std::exception {
  const char* what() const noexcept override { return "cancelled"; }
};

/// Shared between a running algorithm and whoever watches it: how far it got
/// (0–1) and whether it should stop. Algorithms poll it between units of work.
class Progress {
 public:
  void report(double fraction) { m_fraction.store(fraction, std::memory_order_relaxed); }
  double fraction() const { return m_fraction.load(std::memory_order_relaxed); }
  void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
  void throwIfCancelled() const {
    if (cancelled()) throw Cancelled();
  }

 private:
  std::atomic<double> m_fraction{0};
  std::atomic<bool> m_cancelled{false};
};

/// Reports progress and checks for cancellation when there is a Progress.
inline void step(Progress* progress, double fraction) {
  if (!progress) return;
  progress->throwIfCancelled();
  progress->report(fraction);
}

/// One algorithm run on a worker thread: watch progress(), ask it to stop with
/// cancel(), collect the result (or the Cancelled exception) with get().
template <class Result>
class BackgroundJob {
 public:
  explicit BackgroundJob(std::function<Result(Progress&)> work)
      : m_progress(std::make_shared<Progress>()),
        m_future(std::async(std::launch::async,
                            [progress = m_progress, work = std::move(work)] { return work(*progress); })) {}
  BackgroundJob(BackgroundJob&&) noexcept = default;
  BackgroundJob& operator=(BackgroundJob&&) noexcept = default;
  /// Asks a job that is still running to stop and waits for it.
  ~BackgroundJob() {
    if (m_future.valid()) {
      m_progress->cancel();
      m_future.wait();
    }
  }

  const Progress& progress() const { return *m_progress; }
  void cancel() { m_progress->cancel(); }
  bool ready() const { return m_future.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }
  /// Waits for the result; rethrows what the algorithm threw (Cancelled when stopped).
  Result get() { return m_future.get(); }

 private:
  std::shared_ptr<Progress> m_progress;
  std::future<Result> m_future;
};

}  // namespace nestmap
