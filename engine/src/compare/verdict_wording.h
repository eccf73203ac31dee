#pragma once
// The English of verdicts, kept apart from the statistics that decide them.

#include <cstddef>
#include <string>

#include "compare/comparer.h"
#include "perfgate/compare.h"

namespace perfgate {

// "6.0% lower, beyond the 5.0% threshold (÷1.050)": the metric's own change and, for a
// fall, the factor it is judged by, so a 4.9 % fall past /1.05 does not read as a mistake.
// `how`: "worse" or "better".
std::string beyond_threshold(double ratio, double threshold, const char* how);
// The footnote every output carries: at what level the m intervals are, and why.
std::string interval_note(const CompareOptions& options, std::size_t m, double lowest_level, double highest_level);
// Appended to an unpaired change the runs' neighbours can explain.
std::string contention_note(const Comparison& c);
// Appended to an unpaired `inconclusive`: which run-to-run noise can explain it, and what would decide.
std::string run_noise_note(const Comparison& c, const RunConditions& conditions);

}  // namespace perfgate
