#include "compare/evidence.h"

#include <cmath>
#include <limits>

namespace perfgate {

stats::ShiftEstimate Evidence::interval(double confidence, stats::ExactDistributions& exact) const {
  switch (kind) {
    case Kind::kTwoSampleRank:
      return stats::two_sample_shift(x, y, confidence, exact);
    case Kind::kPairedRank:
      return stats::paired_shift(d, confidence, exact);
    case Kind::kNormal:
      break;
  }
  const stats::Interval i = stats::t_interval(normal, confidence);
  return {normal.estimate, i.lower, i.upper, confidence};
}

Evidence unpaired_trials(const std::vector<double>& lx, const std::vector<double>& ly, double run_variance,
                         bool rank, stats::ExactDistributions& exact) {
  Evidence e;
  const double m = double(lx.size()), n = double(ly.size());
  const double vx = stats::sample_variance(lx) / m, vy = stats::sample_variance(ly) / n;
  const double within = vx + vy;
  // Satterthwaite: a known added variance contributes no uncertainty of its own.
  const double df = within == 0 ? std::numeric_limits<double>::infinity()
                                : within * within / (vx * vx / (m - 1) + vy * vy / (n - 1));
  e.normal = {stats::mean(ly) - stats::mean(lx), std::sqrt(within + run_variance), df};
  if (run_variance == 0 && rank) {
    e.kind = Evidence::Kind::kTwoSampleRank;
    e.test = "mann-whitney";
    e.x = lx;
    e.y = ly;
    e.p_value = stats::mann_whitney_u(lx, ly, exact).p_value;
    return e;
  }
  e.test = run_variance > 0 ? "welch-log+run-noise" : "welch-log";
  e.p_value = stats::two_sided_p(e.normal);
  return e;
}

Evidence paired_trials(const std::vector<double>& lx, const std::vector<double>& ly, bool rank,
                       stats::ExactDistributions& exact) {
  Evidence e;
  e.d.resize(lx.size());
  for (std::size_t i = 0; i < lx.size(); ++i) e.d[i] = ly[i] - lx[i];
  const double n = double(e.d.size());
  e.normal = {stats::mean(e.d), std::sqrt(stats::sample_variance(e.d) / n), n - 1};
  if (rank) {
    e.kind = Evidence::Kind::kPairedRank;
    e.test = "wilcoxon";
    e.p_value = stats::wilcoxon_signed_rank(e.d, exact).p_value;
    return e;
  }
  e.test = "t-paired-log";
  e.p_value = stats::two_sided_p(e.normal);
  return e;
}

Evidence between_runs(const std::vector<double>& base_runs, const std::vector<double>& cand_runs,
                      double extra_variance) {
  const double r = double(base_runs.size()), s = double(cand_runs.size());
  const double ss = stats::sample_variance(base_runs) * (r - 1) + stats::sample_variance(cand_runs) * (s > 1 ? s - 1 : 0);
  const double df = r + (s > 1 ? s : 1) - 2;
  const double pooled = ss / df;
  Evidence e;
  e.test = "t-runs-log";
  e.normal = {stats::mean(cand_runs) - stats::mean(base_runs), std::sqrt(pooled * (1 / r + 1 / s) + extra_variance), df};
  e.p_value = stats::two_sided_p(e.normal);
  return e;
}

}  // namespace perfgate
