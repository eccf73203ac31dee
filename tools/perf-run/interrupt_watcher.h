#pragma once
// Turns SIGINT/SIGTERM into a stop request without a signal handler or global state:
// the signals are blocked in every thread and one thread takes them with sigwait().
// The first signal asks the run to stop cleanly; a second one exits at once.
// Construct it first thing in main(), before any other thread exists, so that every
// thread inherits the blocked mask.

#include <pthread.h>

#include <atomic>
#include <stop_token>
#include <thread>

namespace perfgate::tools {

class InterruptWatcher {
 public:
  explicit InterruptWatcher(const char* tool_name);
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  std::stop_token token() const { return stop_.get_token(); }
  bool interrupted() const { return stop_.stop_requested(); }

 private:
  const char* tool_name_;
  std::stop_source stop_;
  std::atomic<bool> shutting_down_{false};
  std::thread thread_;
};

}  // namespace perfgate::tools
