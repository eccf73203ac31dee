#pragma once
// Result pieces → samples, shared by the file loaders and by perf-run's adaptive trials.

#include <string>
#include <vector>

#include "perfgate/result.h"
#include "perfgate/samples.h"

namespace perfgate {

// What perf-compare compares in a perfgate result when the user names no metric; a
// scenario that lacks one (cpu_per_op: command targets only) is not compared on it.
inline const std::vector<std::string> kPerfgateDefaultMetrics = {"throughput", "latency_p50", "latency_p99",
                                                                 "cpu_per_op"};

// Every metric any of the trials has; NaN where a trial lacks it (keeps pairs aligned).
ScenarioSamples samples_of_trials(const std::string& name, const std::vector<TrialResult>& trials);

// The suite's per-scenario "gate" objects as rules scoped to their scenario.
void declare_gate_rules(const SuiteSpec& suite, SampleSet& set);

}  // namespace perfgate
