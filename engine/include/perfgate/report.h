#pragma once
// Renderings of results for people.

#include <string>

#include "perfgate/result.h"

namespace perfgate {

// A fixed-width table, one row per scenario, medians over its trials: what perf-run
// prints at the end of a run.
std::string render_summary_table(const Result& result);

}  // namespace perfgate
