#pragma once
// Result pieces → samples, shared by the file loaders and by perf-run's adaptive trials.

#include <map>
#include <string>
#include <vector>

#include "perfgate/result.h"
#include "perfgate/samples.h"

namespace perfgate {

// What perf-compare compares in a perfgate result when the user names no metric; a
// scenario that lacks one (cpu_per_op: command targets only) is not compared on it.
// Google Benchmark scenarios have real_time and cpu_time instead of the first four.
inline const std::vector<std::string> kPerfgateDefaultMetrics = {"throughput", "latency_p50", "latency_p99",
                                                                 "cpu_per_op", "real_time", "cpu_time"};

// The user counters a Google Benchmark scenario declares a direction for (none for
// other targets): the only counters that can be compared.
const std::map<std::string, Direction>& declared_counters(const ScenarioSpec& spec);

// Every metric any of the trials has (counters only when declared); NaN where a trial
// lacks it (keeps pairs aligned). Trials in which every operation failed are counted,
// with their most frequent reason.
ScenarioSamples samples_of_trials(const std::string& name, const std::vector<TrialResult>& trials,
                                  const std::map<std::string, Direction>& counters = {});

// The suite's per-scenario "gate" objects as rules scoped to their scenario.
void declare_gate_rules(const SuiteSpec& suite, SampleSet& set);

}  // namespace perfgate
