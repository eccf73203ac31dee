#pragma once
// What one variant of a scenario measures, trial by trial: a target driven by a load
// model (suite_runner.cpp), or a benchmark binary run once per trial (targets/gbench).

#include <optional>
#include <stop_token>
#include <utility>

#include "perfgate/histogram.h"
#include "perfgate/result.h"
#include "profile/stack_sampler.h"

namespace perfgate {

using MeasuredTrial = std::pair<TrialResult, LatencyHistogram>;

class TrialSource {
 public:
  virtual ~TrialSource() = default;
  virtual void warm_up(Seconds length, const std::stop_token& stop) = 0;
  // One trial of `length`; empty when a stop cut it short.
  virtual std::optional<MeasuredTrial> trial(Seconds length, const std::stop_token& stop) = 0;
  // Where the work of a trial runs, for perf-run --profile; throws kEnvironment when
  // perf-run cannot see it (an HTTP server without a pid).
  struct SamplingTarget {
    SamplingScope scope;
    pid_t pid = 0;  // kServer only
  };
  virtual SamplingTarget sampling_target() const { return {SamplingScope::kChildren}; }
};

}  // namespace perfgate
