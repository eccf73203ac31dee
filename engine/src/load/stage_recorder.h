#pragma once
// Per-stage figures of an open-model trial: every operation counts in the stage it was
// scheduled in, however late it ran, so an overloaded step level is charged with the
// latency its own arrivals suffered. One histogram per stage that saw operations.

#include <mutex>
#include <vector>

#include "load/rate_schedule.h"
#include "perfgate/histogram.h"
#include "perfgate/result.h"

namespace perfgate {

class StageRecorder {
 public:
  explicit StageRecorder(const RateSchedule& schedule);
  // An operation scheduled at `due_s` that started at `begin_s` (seconds from the trial
  // start). Thread-safe.
  void record(double due_s, double begin_s, std::uint64_t latency_ns, bool ok);
  // Stage `i` as recorded so far (operations still in flight are not in it yet).
  StageSummary summary(std::size_t i) const;
  // Every stage that started before `end_s` (a step load stopped at its breaking point
  // never ran the rest).
  std::vector<StageSummary> finish(double end_s) const;

 private:
  struct Tally {
    std::uint64_t started_in_stage = 0, operations = 0, errors = 0;
    LatencyHistogram latency;
  };
  const RateSchedule& schedule_;
  mutable std::mutex mutex_;
  std::vector<Tally> tallies_;
};

}  // namespace perfgate
