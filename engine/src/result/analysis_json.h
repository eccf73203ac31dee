#pragma once
// The "stages" and "analysis" members of a trial, and a result's "sweeps"
// (docs/result-schema.md).

#include "common/json_cursor.h"
#include "perfgate/result.h"

namespace perfgate {

Json stages_json(const std::vector<StageSummary>& stages);
std::vector<StageSummary> read_stages(const JsonCursor& c);

Json analysis_json(const TrialAnalysis& analysis);
TrialAnalysis read_analysis(const JsonCursor& c);

Json sweeps_json(const std::vector<SweepResult>& sweeps);

}  // namespace perfgate
