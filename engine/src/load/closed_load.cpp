#include "load/closed_load.h"

#include <algorithm>

namespace perfgate {

LoadMeasurement ClosedLoad::run(Seconds duration, const std::stop_token& stop) {
  static_assert(std::is_same_v<LoadClock::duration, std::chrono::nanoseconds>);
  LoadClock::time_point start;
  RunTally run = runner_->run_closed(duration, stop, start);
  LoadMeasurement total;
  total.operations = run.operations;
  total.failures = run.failures;
  total.latency = std::move(run.latency);
  total.tally = std::move(run.tally);
  total.elapsed = std::max(run.finished, start) - start;
  total.stopped = stop.stop_requested();
  return total;
}

}  // namespace perfgate
