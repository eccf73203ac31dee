#pragma once
// Open load model: operations start on a timetable of arrival rates (stages), not when
// earlier ones finish. Each idle worker claims the next due operation, sleeps until its
// due time and runs it, so up to `max_concurrency` operations are in flight. Latency is
// measured from the due time (coordinated-omission corrected: a stalled system cannot
// hide the requests it delayed); the service time from the actual start is kept too.

#include <memory>
#include <vector>

#include "load/load.h"
#include "perfgate/suite.h"

namespace perfgate {

class OpenLoad final : public Load {
 public:
  OpenLoad(Target& target, const OpenLoadSpec& spec);
  // `duration` is the planned trial length; the stages' timetable is scaled to it only
  // for a constant rate (other shapes fix it themselves).
  LoadMeasurement run(Seconds duration, const std::stop_token& stop) override;

 private:
  OpenLoadSpec spec_;
  pid_t measured_pid_;  // whose RSS the timeline records: 0 for perf-run itself
  std::vector<std::unique_ptr<Worker>> workers_;
};

// The share of operations that may start late or be dropped before a trial is flagged
// `rate_not_reached`.
inline constexpr double kRateTolerance = 0.05;

}  // namespace perfgate
