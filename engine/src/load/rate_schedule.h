#pragma once
// When the k-th operation of an open model is due: the arrival count is the integral of
// a piecewise-linear rate, so each stage inverts a quadratic. Deterministic, no drift:
// every due time is computed from the start, never by adding up intervals.

#include <cstdint>
#include <optional>
#include <vector>

#include "perfgate/suite.h"

namespace perfgate {

// The first `length` of a list of stages (a ramp cut midway ends at the rate it reached):
// what a warmup runs of a shaped load.
std::vector<RateStage> first_part(const std::vector<RateStage>& stages, Seconds length);

class RateSchedule {
 public:
  explicit RateSchedule(const std::vector<RateStage>& stages);
  // Seconds from the trial start at which operation k (0-based) is due; empty past the end.
  std::optional<double> due(std::uint64_t k) const;
  // How many operations are due before `t` seconds from the start.
  std::uint64_t due_before(double t) const;
  double total_operations() const { return segments_.empty() ? 0 : segments_.back().end_count; }
  double duration() const { return segments_.empty() ? 0 : segments_.back().end_time; }

  struct Segment {
    double start_time, end_time, start_count, end_count, from, to;
  };
  const std::vector<Segment>& stages() const { return segments_; }
  // The stage a time (seconds from the start) falls in; the last one for times past the end.
  std::size_t stage_at(double t) const;

 private:
  std::vector<Segment> segments_;
};

}  // namespace perfgate
