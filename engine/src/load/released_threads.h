#pragma once
// Threads that start together: each gets ready (its histograms allocated), the clock
// starts, then all are released at once; the caller supervises until the run is over,
// then the threads are joined and their tallies merged.

#include <exception>
#include <latch>
#include <thread>
#include <vector>

#include "load/operation_runner.h"

namespace perfgate {

struct ThreadOutcome {
  RunTally tally;
  std::exception_ptr error;
};

// Runs `body(i, tally)` on `n` threads, all released at once after `begin()` has
// run on this thread; then `supervise()` here, then joins. Rethrows a worker's error.
template <typename Begin, typename Body, typename Supervise>
RunTally run_released_together(std::size_t n, Begin begin, Body body, Supervise supervise) {
  std::vector<ThreadOutcome> outcomes(n);
  std::latch ready(static_cast<std::ptrdiff_t>(n) + 1);
  std::latch go(1);
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        // Before the clock starts: allocating 64 threads' histograms at the start would
        // delay the first operations, and a thread that starts recording late in a soak
        // must not step resident memory up then (it would read as a leak of the system
        // under test).
        for (auto* h : {&outcomes[i].tally.latency, &outcomes[i].tally.service, &outcomes[i].tally.send_delay}) {
          h->reserve();
        }
        ready.arrive_and_wait();
        go.wait();
        try {
          body(i, outcomes[i].tally);
        } catch (...) {
          outcomes[i].error = std::current_exception();
        }
      });
    }
    ready.arrive_and_wait();
    begin();
    go.count_down();
    supervise();
  }  // joins
  for (auto& outcome : outcomes) {
    if (outcome.error) std::rethrow_exception(outcome.error);
  }
  // Into the first thread's tally: merging into a new one would allocate its histograms
  // (750 KiB) just as the timeline samples the trial's last RSS.
  if (n == 0) return RunTally{};
  RunTally total = std::move(outcomes.front().tally);
  for (std::size_t i = 1; i < n; ++i) total.merge(outcomes[i].tally);
  return total;
}

// The closed model's form: the clock starts when all are ready, and `body(i, out, start,
// deadline)` runs until `duration` from then. Sets `start`.
template <typename Body>
RunTally run_closed_together(std::size_t n, Seconds duration, LoadClock::time_point& start, Body body) {
  LoadClock::time_point deadline;  // written before the threads are released, read after
  return run_released_together(
      n,
      [&] {
        start = LoadClock::now();
        deadline = start + std::chrono::duration_cast<LoadClock::duration>(duration);
      },
      [&](std::size_t i, RunTally& out) { body(i, out, start, deadline); }, [] {});
}

}  // namespace perfgate
