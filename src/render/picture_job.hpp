#pragma once
// [SECTION] PictureJob: a display list drawn and written on a worker thread, with progress and cancel

#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "platform/output_file.hpp"
#include "render/cairo_renderer.hpp"
#include "scene/display_list.hpp"

namespace nestmap {

/// Draws `list` as `format` and writes it to `out` (writeOutputFile: nothing is left behind on
/// failure or cancel) on a thread of its own, so that the window stays responsive.
class PictureJob {
 public:
  enum class State { Running, Written, Cancelled, Failed };

  PictureJob(DisplayList list, PictureFormat format, std::filesystem::path out, OutputOptions output);
  ~PictureJob();  ///< cancels and waits
  PictureJob(const PictureJob&) = delete;
  PictureJob& operator=(const PictureJob&) = delete;

  State state() const { return m_state.load(); }
  double progress() const { return m_progress.load(); }
  void cancel() { m_cancel.store(true); }
  const std::filesystem::path& out() const { return m_out; }
  /// Failed: why (set before the state changes).
  std::string error() const;

 private:
  void run();

  DisplayList m_list;
  PictureFormat m_format;
  std::filesystem::path m_out;
  OutputOptions m_output;
  std::atomic<bool> m_cancel{false};
  std::atomic<double> m_progress{0};
  std::atomic<State> m_state{State::Running};
  mutable std::mutex m_mutex;
  std::string m_error;
  std::jthread m_thread;  ///< last: started when everything it reads is ready
};

}  // namespace nestmap
