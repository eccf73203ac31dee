#pragma once
// Turns what a trial measured into the per-trial metric values of the result file.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "load/load.h"
#include "perfgate/result.h"

namespace perfgate {

struct ResourceFigures {
  double cpu_user_s = 0.0;
  double cpu_sys_s = 0.0;
  double rss_peak_bytes = 0.0;
  double rss_slope_bytes_per_s = 0.0;
  // The CPU time is exact and the system under test's alone (children reaped with
  // wait4): worth a metric per operation, which a CPU-hungry neighbour barely moves
  // while it stretches wall time.
  bool exact_cpu = false;
  // Cores that other processes (and other virtual machines, through steal) kept busy
  // during the trial: what a separate run cannot see of its neighbours otherwise.
  std::optional<double> neighbour_load;
};

// Latency metrics are left out when no operation succeeded: there is nothing to report,
// and a zero would read as "infinitely fast".
TrialResult make_trial_result(const LoadMeasurement& m, const ResourceFigures& resources);

}  // namespace perfgate
