#pragma once
// Trials of one Google Benchmark benchmark: each runs it in a fresh process for the
// trial's length (--benchmark_min_time), so that every trial sees its own process
// start, memory layout and iteration count, as separate CI runs would.

#include <memory>
#include <stop_token>

#include "perfgate/suite.h"
#include "run/trial_source.h"

namespace perfgate {

// Throws kEnvironment when the binary cannot run or is not a Google Benchmark binary.
std::unique_ptr<TrialSource> make_benchmark_trials(const GbenchTargetSpec& spec, std::stop_token stop);

}  // namespace perfgate
