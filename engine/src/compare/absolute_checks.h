#pragma once

#include <vector>

#include "perfgate/compare.h"

namespace perfgate {

// The checks of `o` on the candidate's scenarios (medians over trials). Throws kInput
// when a check matches no scenario with its metric, or its unit cannot apply.
std::vector<CheckOutcome> run_checks(const SampleSet& cand, const CompareOptions& o);

}  // namespace perfgate
