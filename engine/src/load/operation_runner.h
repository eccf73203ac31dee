#pragma once
// What runs a load model's operations. The load models (closed_load, open_load) own the
// timetable and the figures; a runner owns the threads: worker threads that each call a
// Target's Worker (load/worker_threads, for built-in workloads and commands), or a few
// event loops that each multiplex many connections (targets/http/event_loop_runner).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>

#include "perfgate/histogram.h"
#include "perfgate/units.h"
#include "targets/target.h"

namespace perfgate {

using LoadClock = std::chrono::steady_clock;
struct OpenTrial;

// What the operations of one thread (and, merged, of a trial) came to.
struct RunTally {
  std::uint64_t operations = 0, failures = 0;
  std::uint64_t late = 0;                    // open model: started over 1 ms after due
  LatencyHistogram latency;                  // successful operations (open: from the due time)
  LatencyHistogram service, send_delay;      // open model: from the actual start; start - due
  WorkerTally tally;
  LoadClock::time_point finished;            // when the last operation ended

  void merge(const RunTally& other);
};

class OperationRunner {
 public:
  virtual ~OperationRunner() = default;
  // Closed model: every slot starts its next operation as soon as the previous one ends,
  // until `duration` from `start` (which the runner sets once its threads are ready).
  virtual RunTally run_closed(Seconds duration, const std::stop_token& stop, LoadClock::time_point& start) = 0;
  // Open model: operations start on `trial`'s timetable. The runner calls trial.begin()
  // once its threads are ready, then `supervise` on the calling thread, which returns
  // when the trial is over (its deadline passed or a stop came).
  virtual RunTally run_open(OpenTrial& trial, const std::function<void()>& supervise) = 0;
};

}  // namespace perfgate
