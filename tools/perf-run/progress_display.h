#pragma once
// One status line on a terminal, redrawn a few times a second while a suite runs:
//   [2/6] kv/get-put  trial 2/3  0:05 elapsed, ~0:07 left
// Draws nothing when disabled (not a TTY, or --quiet), so CI logs stay clean.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "perfgate/run.h"

namespace perfgate::tools {

class ProgressDisplay {
 public:
  explicit ProgressDisplay(bool enabled);
  ~ProgressDisplay();  // erases the line
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  void update(const RunProgress& progress);

 private:
  void redraw();

  bool enabled_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::optional<RunProgress> last_;
  std::chrono::steady_clock::time_point last_at_;
  std::thread ticker_;
};

}  // namespace perfgate::tools
