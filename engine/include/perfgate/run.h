#pragma once
// Running a suite: for each scenario, a warmup then K fixed-duration trials.

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "perfgate/result.h"
#include "perfgate/suite.h"

namespace perfgate {

// What the runner reports while it works; the tools turn it into terminal progress.
struct RunProgress {
  enum class Phase { kWarmup, kTrial, kScenarioDone };
  Phase phase;
  std::size_t scenario_index;
  std::size_t scenario_count;
  std::string scenario_name;
  unsigned trial;  // 0-based; meaningless during warmup
  unsigned trials;
  Seconds phase_length;
  Seconds suite_elapsed;
  Seconds suite_remaining;  // planned time left, from the durations in the suite
};

struct RunOptions {
  std::uint64_t seed = 1;
  std::string working_directory = ".";  // whose git state goes into the fingerprint
  std::function<void(const RunProgress&)> on_progress;  // called from the runner thread
};

// Runs every scenario of `suite` in order. When `stop` is requested the current trial
// ends early and is discarded; the returned result then has `interrupted` set and holds
// the trials completed so far. Throws perfgate::Error when a target cannot be set up.
Result run_suite(const SuiteSpec& suite, const RunOptions& options, std::stop_token stop);

// Planned wall time of a suite: warmups plus trials.
Seconds planned_duration(const SuiteSpec& suite);

}  // namespace perfgate
