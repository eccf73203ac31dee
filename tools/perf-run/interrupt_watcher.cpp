#include "perf-run/interrupt_watcher.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include "common/exit_codes.h"

namespace perfgate::tools {
namespace {

// SIGUSR1 is how the destructor wakes the watcher thread; it never stops the run.
sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);
  return set;
}

}  // namespace

InterruptWatcher::InterruptWatcher(const char* tool_name) : tool_name_(tool_name) {
  const sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this, set] {
    for (;;) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (shutting_down_.load()) return;
      if (sig == SIGUSR1) continue;
      if (stop_.stop_requested()) {
        std::fprintf(stderr, "\n%s: interrupted again, exiting now\n", tool_name_);
        _exit(kInterrupted);
      }
      std::fprintf(stderr, "\n%s: interrupted, stopping (again to exit at once)\n", tool_name_);
      stop_.request_stop();
    }
  });
}

InterruptWatcher::~InterruptWatcher() {
  shutting_down_.store(true);
  pthread_kill(thread_.native_handle(), SIGUSR1);
  thread_.join();
}

}  // namespace perfgate::tools
