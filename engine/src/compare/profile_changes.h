#pragma once
// perf-compare's "where it changed": the profile diff of every scenario both sides
// profiled (docs/profiles.md).

#include <string>
#include <vector>

#include "perfgate/compare.h"

namespace perfgate {

// Scenarios where either side's profile is unavailable get a warning saying why. Both
// sides' stacks are kept only where a comparison of the scenario is a regression.
std::vector<ProfileDiff> profile_changes(const SampleSet& baseline, const SampleSet& candidate,
                                         const std::vector<Comparison>& comparisons,
                                         std::vector<std::string>& warnings);

}  // namespace perfgate
