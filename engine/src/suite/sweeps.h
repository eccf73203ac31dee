#pragma once
// "sweep": one scenario as written becomes one scenario per value of a parameter —
// the closed model's concurrency, a built-in workload's parameter, or a {placeholder}
// in a command or HTTP target — named "NAME/PARAMETER=VALUE".

#include <functional>

#include "common/json_cursor.h"
#include "perfgate/suite.h"

namespace perfgate {

// `parse` turns a (rewritten) scenario object into a spec; `sweep` is the "sweep" member.
std::vector<ScenarioSpec> expand_sweep(const JsonCursor& scenario, const JsonCursor& sweep,
                                       const std::function<ScenarioSpec(const JsonCursor&)>& parse);

Json to_json(const SweepPoint& point);
SweepPoint sweep_point_from_json(const JsonCursor& c);

}  // namespace perfgate
