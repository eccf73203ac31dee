#pragma once
// Open load model: operations start on a timetable of arrival rates (stages), not when
// earlier ones finish; the runner starts each at its due time on a free worker or
// connection, so up to `max_concurrency` operations are in flight. Latency is
// measured from the due time (coordinated-omission corrected: a stalled system cannot
// hide the requests it delayed); the service time from the actual start is kept too.

#include <memory>
#include <vector>

#include "load/load.h"
#include "load/operation_runner.h"
#include "perfgate/suite.h"

namespace perfgate {

class OpenLoad final : public Load {
 public:
  // `measured_pid`: whose RSS the timeline records, 0 for perf-run itself.
  OpenLoad(std::unique_ptr<OperationRunner> runner, const OpenLoadSpec& spec, pid_t measured_pid);
  // `duration` is the planned trial length; the stages' timetable is scaled to it only
  // for a constant rate (other shapes fix it themselves).
  LoadMeasurement run(Seconds duration, const std::stop_token& stop) override;

 private:
  OpenLoadSpec spec_;
  pid_t measured_pid_;
  std::unique_ptr<OperationRunner> runner_;
};

// The share of operations that may start late or be dropped before a trial is flagged
// `rate_not_reached`.
inline constexpr double kRateTolerance = 0.05;

}  // namespace perfgate
