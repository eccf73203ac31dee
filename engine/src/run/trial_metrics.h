#pragma once
// Turns what a trial measured into the per-trial metric values of the result file.

#include <cstdint>
#include <map>
#include <string>

#include "load/load.h"
#include "perfgate/result.h"

namespace perfgate {

struct ResourceFigures {
  double cpu_user_s = 0.0;
  double cpu_sys_s = 0.0;
  double rss_peak_bytes = 0.0;
  double rss_slope_bytes_per_s = 0.0;
};

// Latency metrics are left out when no operation succeeded: there is nothing to report,
// and a zero would read as "infinitely fast".
TrialResult make_trial_result(const LoadMeasurement& m, const ResourceFigures& resources);

}  // namespace perfgate
