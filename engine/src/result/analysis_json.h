#pragma once
// The "stages" and "analysis" members of a trial, and a result's "sweeps"
// (docs/result-schema.md).

#include "common/json_cursor.h"
#include "perfgate/result.h"

namespace perfgate {

Json to_json(const std::vector<StageSummary>& stages);
std::vector<StageSummary> stages_from_json(const JsonCursor& c);

Json to_json(const TrialAnalysis& analysis);
TrialAnalysis analysis_from_json(const JsonCursor& c);

Json to_json(const std::vector<SweepResult>& sweeps);

}  // namespace perfgate
