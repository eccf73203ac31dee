#pragma once
// Whether, and how long, an event loop polls before it sleeps. A loop that sleeps
// between responses makes the server pay for waking it: on loopback the server's send
// does the wake-up, in the server's own CPU time, and a server woken for every request
// also reads them one at a time. Polling until the next response spares both; polling
// when none comes soon is wasted client CPU.
//
// So the window follows the gap between responses as the loop sees it (the time a poll
// or a sleep waited for its first event), 1.25 times it, between 4 and 12 us; and after
// a run of empty polls the loop stops polling, trying again every 16th wait in case the
// server got faster. Against nginx on two cores (bench/http_vs_wrk.sh, 5 rounds each,
// mean ratio to wrk's req/s and CPU per request at 1 / 4 / 64 / 256 connections):
//   fixed 6 us          1.07 / 1.07 / 0.89 / 1.08   CPU 0.84 / 1.01 / 0.88 / 0.93
//   gap, up to 25 us    1.35 / 1.22 / 1.12 / 1.12   CPU 1.40 / 1.06 / 1.01 / 1.02
//   gap, up to 12 us    1.11 / 1.18 / 1.16 / 1.11   CPU 0.84 / 1.07 / 1.00 / 1.01
// With a fixed window, a loop that once fell behind at 64 connections saw responses
// 17-20 us apart, missed every poll and settled at 0.6-0.9x wrk's rate; a window that
// follows the gap finds its way back. Up to 25 us, one connection to a 30 us server
// kept a core polling.
//
// A loop that polls whenever it waits runs its core flat out, so its CPU per request is
// one core over its rate: above wrk's (which sleeps, and makes nginx wake it) unless the
// rate beats wrk's by more than wrk's idle share. So polls may also wait for at most a
// quarter of the loop's time. 8 rounds, interleaved, at 4 / 64 / 256 connections (mean
// ratios to wrk; the host moved wrk between 28k and 58k req/s, and at 256 connections
// every variant had rounds at 0.6-0.9x, as in the window's lock-out above):
//   no budget           1.18 / 1.09 / 1.04          CPU 1.04 / 1.02 / 1.03
//   a third             1.10 / 1.07 / 0.90          CPU 0.97 / 0.97 / 1.00
//   a quarter           1.06 / 1.05 / 0.99          CPU 0.91 / 0.91 / 1.00

#include <algorithm>
#include <chrono>

namespace perfgate {

class BusyPoll {
 public:
  using Clock = std::chrono::steady_clock;
  using Duration = std::chrono::nanoseconds;
  static constexpr Duration kMinWindow = std::chrono::microseconds(4);
  static constexpr Duration kMaxWindow = std::chrono::microseconds(12);
  // Polls may wait for at most this share of the loop's time (1 / kShareDivisor), saved
  // up to kMaxCredit.
  static constexpr int kShareDivisor = 4;
  static constexpr Duration kMaxCredit = std::chrono::microseconds(200);

  // How long to poll now; zero: sleep at once.
  Duration window(Clock::time_point now) {
    credit_ = std::min(credit_ + (now - last_) / kShareDivisor, kMaxCredit);
    last_ = now;
    if (credit_ <= Duration(0)) return Duration(0);
    if (misses_ >= kGiveUpAfter && ++skipped_ % 16 != 0) return Duration(0);
    return std::clamp(gap_ + gap_ / 4, kMinWindow, kMaxWindow);
  }
  // A poll found an event after `waited`, or (found false) none in the `waited` it had.
  void polled(bool found, Duration waited) {
    credit_ -= waited;
    if (!found) {
      misses_ = std::min(misses_ + 1, kGiveUpAfter);
      return;
    }
    misses_ = 0;
    learn(waited);
  }
  // A sleep ended with events after `waited`.
  void slept(Duration waited) { learn(waited); }

 private:
  static constexpr int kGiveUpAfter = 8;
  void learn(Duration waited) { gap_ += (std::min(waited, 4 * kMaxWindow) - gap_) / 8; }

  Duration gap_ = std::chrono::microseconds(6);
  int misses_ = 0;
  unsigned skipped_ = 0;
  Duration credit_{0};
  Clock::time_point last_;  // the epoch: the first window starts with full credit
};

}  // namespace perfgate
