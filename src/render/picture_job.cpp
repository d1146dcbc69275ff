#include "render/picture_job.hpp"

#include <exception>

namespace nestmap {

PictureJob::PictureJob(DisplayList list, PictureFormat format, std::filesystem::path out, OutputOptions output)
    : m_list(std::move(list)), m_format(format), m_out(std::move(out)), m_output(output),
      m_thread([this] { run(); }) {}

PictureJob::~PictureJob() {
  m_cancel.store(true);
  if (m_thread.joinable()) m_thread.join();
}

std::string PictureJob::error() const {
  std::lock_guard lock(m_mutex);
  return m_error;
}

void PictureJob::run() {
  try {
    const std::optional<std::string> bytes = renderPicture(m_list, m_format, {&m_cancel, &m_progress});
    if (!bytes || m_cancel.load()) {
      m_state.store(State::Cancelled);
      return;
    }
    writeOutputBytes(m_out, m_output, *bytes);
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
