#pragma once
// [SECTION] OutputJob: a file made and written on a worker thread, with progress and cancel —
// a picture of a view (Bestand ▸ Exporteren) or the steering-group report

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "platform/output_file.hpp"
#include "render/cairo_renderer.hpp"
#include "scene/display_list.hpp"

namespace nestmap {

/// Makes a file's bytes on a thread of its own and writes them to `out` (writeOutputFile:
/// nothing is left behind on failure or cancel), so that the window stays responsive.
class OutputJob {
 public:
  enum class State { Running, Written, Cancelled, Failed };
  /// Makes the bytes, reporting progress and asking for a cancel through the control; empty when cancelled.
  using Producer = std::function<std::optional<std::string>(const RenderControl&)>;

  OutputJob(Producer produce, std::filesystem::path out, OutputOptions output);
  /// `list` drawn by cairo as `format`.
  OutputJob(DisplayList list, PictureFormat format, std::filesystem::path out, OutputOptions output);
  ~OutputJob();  ///< cancels and waits
  OutputJob(const OutputJob&) = delete;
  OutputJob& operator=(const OutputJob&) = delete;

  State state() const { return m_state.load(); }
  double progress() const { return m_progress.load(); }
  void cancel() { m_cancel.store(true); }
  const std::filesystem::path& out() const { return m_out; }
  /// Failed: why (set before the state changes).
  std::string error() const;

 private:
  void run();

  Producer m_produce;
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
