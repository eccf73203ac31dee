#pragma once
// Whether an event loop should poll a little before it sleeps. Polling pays when
// responses arrive within the poll window (many connections, a fast server): the server
// is spared waking the loop, and wins back its request rate. It is wasted CPU when they
// do not (one connection to a server that takes longer than the window). So the loop
// keeps polling while polls find something, stops after a run of empty ones, and tries
// again every 16th wait in case the server got faster. The window trades client CPU for
// the server's request rate: against nginx on two cores (bench/http_vs_wrk.sh, 4 and 64
// connections; 5 rounds each at 5-7 us, 2 at 4 and 10 us), 4 us gave 0.91x wrk's rate at
// 0.78x its CPU per request, 5 us 0.98x at 0.94x, 6 us 1.04x at 1.00x, 7 us 1.11x at
// 1.03x, 10 us 1.12x at 1.02x.

#include <algorithm>
#include <chrono>

namespace perfgate {

class BusyPoll {
 public:
  static constexpr auto kWindow = std::chrono::microseconds(6);

  bool worth_trying() {
    if (score_ > 0) return true;
    return ++skipped_ % 16 == 0;
  }
  void found(bool something) { score_ = something ? std::min(score_ + 2, kMaxScore) : std::max(score_ - 1, 0); }

 private:
  static constexpr int kMaxScore = 16;
  int score_ = kMaxScore;
  unsigned skipped_ = 0;
};

}  // namespace perfgate
