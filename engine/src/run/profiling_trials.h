#pragma once
// perf-run --profile: the profiling trials of one variant of a scenario, after its
// measured trials (docs/profiles.md).

#include <optional>
#include <stop_token>
#include <vector>

#include "perfgate/profile.h"
#include "perfgate/suite.h"
#include "run/trial_source.h"

namespace perfgate {

// Trials of `length` with call stacks sampled, until the profile has
// ProfileSpec::kEnoughSamples or ProfileSpec::kMaxTrials have run: on a busy machine
// the work gets less CPU time, so fewer samples, in the same wall time. Where sampling
// cannot run, the profile says why. Empty when a stop cut the first trial short.
std::optional<Profile> run_profiling_trials(const ProfileSpec& spec, Seconds length, TrialSource& source,
                                            const std::vector<TrialResult>& measured, const std::stop_token& stop);

}  // namespace perfgate
