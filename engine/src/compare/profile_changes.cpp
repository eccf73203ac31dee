#include "compare/profile_changes.h"

#include <algorithm>

namespace perfgate {

std::vector<ProfileDiff> profile_changes(const SampleSet& baseline, const SampleSet& candidate,
                                         const std::vector<Comparison>& comparisons,
                                         std::vector<std::string>& warnings) {
  std::vector<ProfileDiff> diffs;
  for (const auto& cand : candidate.scenarios) {
    const ScenarioSamples* base = baseline.find(cand.name);
    if (!base || !cand.profile || !base->profile) continue;
    const Profile* unavailable = !base->profile->available() ? &*base->profile
                                 : !cand.profile->available() ? &*cand.profile
                                                              : nullptr;
    if (unavailable) {
      warnings.push_back(cand.name + ": no profile comparison: " + unavailable->unavailable);
      continue;
    }
    for (const auto* side : {&*base->profile, &*cand.profile}) {
      if (side->phase_locked()) {
        warnings.push_back(cand.name + ": " + (side == &*cand.profile ? "candidate" : "baseline") +
                           " profile: " + side->phase_locked_note());
      }
    }
    ProfileDiff diff = diff_profiles(*base->profile, *cand.profile);
    diff.scenario = cand.name;
    const bool regressed = std::any_of(comparisons.begin(), comparisons.end(), [&](const Comparison& c) {
      return c.scenario == cand.name && c.verdict == Verdict::kRegression;
    });
    if (!regressed) {
      diff.baseline_stacks.clear();
      diff.candidate_stacks.clear();
    }
    diffs.push_back(std::move(diff));
  }
  return diffs;
}

}  // namespace perfgate
