#pragma once
// A test that can hang (a lost wake-up, a join that never returns) must fail
// instead: the watchdog ends the process with a message once its time is up.

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace nestmap::test {

/// Ends the process with `what` on stderr and exit status 1 unless destroyed within `limit`.
class Watchdog {
 public:
  Watchdog(std::chrono::seconds limit, std::string what) : m_what(std::move(what)) {
    m_thread = std::thread([this, limit] {
      std::unique_lock lock(m_mutex);
      if (!m_wake.wait_for(lock, limit, [this] { return m_done; })) {
        std::fprintf(stderr, "watchdog: %s (no end after %lld s)\n", m_what.c_str(),
                     static_cast<long long>(limit.count()));
        std::fflush(stderr);
        std::_Exit(1);  // the hung thread cannot be joined: nothing else would end this test
      }
    });
  }
  ~Watchdog() {
    {
      std::lock_guard lock(m_mutex);
      m_done = true;
    }
    m_wake.notify_all();
    m_thread.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  std::string m_what;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_done = false;
  std::thread m_thread;
};

}  // namespace nestmap::test
