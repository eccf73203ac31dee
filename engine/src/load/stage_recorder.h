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
  // An operation scheduled at `due_s` started at `begin_s` (seconds from the trial start).
  // Counted when it starts, so a level's achieved rate is final the moment it ends.
  // Thread-safe, as is everything here.
  void started(double due_s, double begin_s);
  // ... and ended, after `latency_ns` from its due time.
  void record(double due_s, std::uint64_t latency_ns, bool ok);
  // Operations of stage `i` that have ended.
  std::uint64_t ended(std::size_t i) const;
  // Stage `i` as recorded so far. Operations known to be due in it but not yet ended are
  // charged as `pending`, each at least `pending_ns` late, so that judging a level before
  // its stragglers end cannot pass one that they will fail.
  StageSummary summary(std::size_t i, std::uint64_t pending = 0, std::uint64_t pending_ns = 0) const;
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
