#pragma once
// The open model's load descriptions in a suite: a constant rate, explicit stages, or a
// named shape (ramp, step, spike, soak), all turned into stages.

#include "common/json_cursor.h"
#include "perfgate/suite.h"

namespace perfgate {

OpenLoadSpec open_load_from_json(const JsonCursor& c);
// A constant rate lasts whatever the trial lasts: called once the duration is known.
void fit_open_load(OpenLoadSpec& load, Seconds trial_duration);
Json to_json(const OpenLoadSpec& load);

}  // namespace perfgate
