#include "render/output_job.hpp"

#include <exception>
#include <memory>

namespace nestmap {

OutputJob::OutputJob(Producer produce, std::filesystem::path out, OutputOptions output)
    : m_produce(std::move(produce)), m_out(std::move(out)), m_output(output), m_thread([this] { run(); }) {}

OutputJob::OutputJob(DisplayList list, PictureFormat format, std::filesystem::path out, OutputOptions output)
    : OutputJob(
          [list = std::make_shared<const DisplayList>(std::move(list)), format](const RenderControl& control) {
            return renderPicture(*list, format, control);
          },
          std::move(out), output) {}

OutputJob::~OutputJob() {
  m_cancel.store(true);
  if (m_thread.joinable()) m_thread.join();
}

std::string OutputJob::error() const {
  std::lock_guard lock(m_mutex);
  return m_error;
}

void OutputJob::run() {
  try {
    const std::optional<std::string> bytes = m_produce({&m_cancel, &m_progress});
    if (!bytes || m_cancel.load()) {
      m_state.store(State::Cancelled);
      return;
    }
    writeOutputBytes(m_out, m_output, *bytes);
    m_progress.store(1.0);
    m_state.store(State::Written);
  } catch (const std::exception& e) {
    {
      std::lock_guard lock(m_mutex);
      m_error = e.what();
    }
    m_state.store(State::Failed);
  }
}

}  // namespace nestmap
