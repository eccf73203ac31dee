#pragma once
// Per-interval figures of a trial for charts and drift analysis: operations, errors,
// p50/p99 of the operations that finished in the interval, and resident memory. Memory
// use is one histogram plus one small point per interval, however long the trial.

#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <vector>

#include "perfgate/histogram.h"
#include "perfgate/result.h"
#include "perfgate/units.h"

namespace perfgate {

class TimelineRecorder {
 public:
  // `pid`: the process whose RSS each point records; 0 for this one.
  TimelineRecorder(Seconds interval, pid_t pid) : interval_ns_(std::uint64_t(interval.count() * 1e9)), pid_(pid) {}
  // `offset_ns`: when the operation finished, from the trial start. Thread-safe.
  void record(std::uint64_t offset_ns, std::uint64_t latency_ns, bool ok);
  // `end`: when the trial ended, from its start. A last interval cut short by it is
  // marked partial and rated by its real length.
  std::vector<TimelinePoint> finish(std::chrono::nanoseconds end);

 private:
  void close_interval(std::uint64_t length_ns);  // with mutex_ held

  std::uint64_t interval_ns_;
  pid_t pid_;
  std::mutex mutex_;
  std::uint64_t current_ = 0, ops_ = 0, errors_ = 0;
  LatencyHistogram latency_;
  std::vector<TimelinePoint> points_;
};

}  // namespace perfgate
