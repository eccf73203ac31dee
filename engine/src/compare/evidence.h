#pragma once
// What one comparison's data say about log(candidate / baseline): an estimate, a
// p-value, and an interval at any confidence level, all from one test so that the
// verdict (read from the interval) and the reported interval cannot disagree.
// The choice of test is docs/statistics.md's "Per scenario and metric".

#include <string>
#include <vector>

#include "stats/rank_tests.h"
#include "stats/shift_estimate.h"
#include "stats/t_tests.h"

namespace perfgate {

struct Evidence {
  enum class Kind { kTwoSampleRank, kPairedRank, kNormal };
  Kind kind = Kind::kNormal;
  std::string test;              // "mann-whitney", "wilcoxon", "welch-log", "t-paired-log", ...
  std::vector<double> x, y, d;   // log values for the rank kinds (d: paired differences)
  stats::TEstimate normal;       // kNormal: the estimate; rank kinds: normal theory, for the MDE
  double p_value = 1;

  // The log-ratio estimate and its interval at `confidence`.
  stats::ShiftEstimate interval(double confidence, stats::ExactDistributions& exact) const;
};

// Trials of one run against trials of another. `run_variance` is the variance on the
// log scale that the two runs' own conditions add to the difference (0: none assumed);
// with it the test is Welch's on logs with that variance added, degrees of freedom from
// the within-run part (Satterthwaite). Without it, Mann-Whitney when `rank`, else Welch.
Evidence unpaired_trials(const std::vector<double>& lx, const std::vector<double>& ly, double run_variance,
                         bool rank, stats::ExactDistributions& exact);

// Index-aligned pairs from one interleaved run: Wilcoxon signed-rank or the paired t.
Evidence paired_trials(const std::vector<double>& lx, const std::vector<double>& ly, bool rank,
                       stats::ExactDistributions& exact);

// Per-run summaries (the median log value of each run's trials) of several runs: the
// run is the unit. Student's t with pooled between-run variance, or the baseline's alone
// when the candidate is one run; `extra_variance` is added to the difference's variance.
Evidence between_runs(const std::vector<double>& base_runs, const std::vector<double>& cand_runs,
                      double extra_variance);

}  // namespace perfgate
