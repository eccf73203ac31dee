#include <cmath>
#include <vector>

#include "analysis/trial_analysis.h"
#include "stats/t_tests.h"

namespace perfgate {

SpikeRecovery analyse_spike_recovery(const std::vector<TimelinePoint>& timeline, double interval_s,
                                     const std::vector<StageSummary>& stages, const RecoveryCriterion& criterion) {
  SpikeRecovery r;
  if (stages.size() != 3) return r;
  const double spike_end = stages[1].end_s;
  // Like is compared with like: interval p99s after the spike against the typical
  // interval p99 before it (the whole stage's p99 would sit higher than most intervals').
  std::vector<double> before;
  for (const auto& p : timeline) {
    if (p.t_s <= stages[0].end_s + 1e-9) before.push_back(p.latency_p99);
  }
  r.reference_p99 = stats::median(before);
  if (std::isnan(r.reference_p99)) r.reference_p99 = stages[0].latency_p99;
  r.bound_p99 = r.reference_p99 * (1 + criterion.tolerance);
  if (std::isnan(r.bound_p99)) return r;
  unsigned run = 0;
  double run_start = 0;
  for (const auto& p : timeline) {
    if (p.t_s <= spike_end + 1e-9) continue;  // ends inside the spike
    // An interval with no successful operation is not a recovered one.
    if (!(p.latency_p99 <= r.bound_p99)) {
      run = 0;
      continue;
    }
    if (run++ == 0) run_start = p.t_s - interval_s;
    if (run == criterion.hold_intervals) {
      r.recovery_s = std::max(0.0, run_start - spike_end);
      return r;
    }
  }
  return r;
}

}  // namespace perfgate
