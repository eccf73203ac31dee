#pragma once
// What every load model returns for one trial, and the interface they share.

#include <cstdint>
#include <stop_token>
#include <vector>

#include "perfgate/histogram.h"
#include "perfgate/result.h"
#include "perfgate/units.h"
#include "targets/target.h"

namespace perfgate {

// What an open model adds: the timetable it kept, or did not.
struct ScheduleFigures {
  double target_rate = 0;         // scheduled operations / planned duration
  double achieved_rate = 0;       // started operations / planned duration
  std::uint64_t scheduled = 0;    // operations due before the trial's end
  std::uint64_t late = 0;         // started more than 1 ms after their scheduled time
  std::uint64_t dropped = 0;      // due before the end, not started by then
  LatencyHistogram service_time;  // end minus actual start: what a closed-loop tool would report
  LatencyHistogram send_delay;    // actual minus scheduled start of every operation
};

struct LoadMeasurement {
  Seconds elapsed{0};                 // first start to last finish
  std::uint64_t operations = 0;       // all of them
  std::uint64_t failures = 0;
  LatencyHistogram latency;           // successful operations only (open model: from the scheduled start)
  WorkerTally tally;                  // merged over workers
  bool stopped = false;               // stop was requested before the duration ended
  std::optional<ScheduleFigures> schedule;  // open model only
  std::vector<TimelinePoint> timeline;      // open model only
  std::vector<StageSummary> stages;         // open model with stages or a shape
};

class Load {
 public:
  virtual ~Load() = default;
  virtual LoadMeasurement run(Seconds duration, const std::stop_token& stop) = 0;
};

}  // namespace perfgate
