#pragma once
// Result pieces → samples, shared by the file loaders and by perf-run's adaptive trials.

#include <string>
#include <vector>

#include "perfgate/result.h"
#include "perfgate/samples.h"

namespace perfgate {

// Every metric any of the trials has; NaN where a trial lacks it (keeps pairs aligned).
ScenarioSamples samples_of_trials(const std::string& name, const std::vector<TrialResult>& trials);

// The suite's per-scenario "gate" objects as rules scoped to their scenario.
void declare_gate_rules(const SuiteSpec& suite, SampleSet& set);

}  // namespace perfgate
