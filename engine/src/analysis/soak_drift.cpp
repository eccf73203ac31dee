#include <cmath>
#include <vector>

#include "analysis/trial_analysis.h"
#include "stats/linear_fit.h"
#include "stats/t_tests.h"

namespace perfgate {
namespace {

std::optional<SlopeEstimate> slope_of(const std::vector<double>& t, const std::vector<double>& y, double bound,
                                      double confidence) {
  const auto fit = stats::fit_line(t, y, confidence);
  if (!fit) return std::nullopt;
  return SlopeEstimate{fit->slope, fit->slope_low, fit->slope_high, bound, fit->slope_low > bound, fit->points};
}

}  // namespace

SoakDrift analyse_soak_drift(const std::vector<TimelinePoint>& timeline, const DriftBounds& bounds) {
  SoakDrift d;
  d.confidence = bounds.confidence;
  std::vector<double> t, rss, p99_t, p99;
  for (const auto& p : timeline) {
    if (!std::isnan(p.rss_bytes)) {
      t.push_back(p.t_s);
      rss.push_back(p.rss_bytes);
    }
    if (!std::isnan(p.latency_p99)) {
      p99_t.push_back(p.t_s);
      p99.push_back(p.latency_p99);
    }
  }
  d.rss = slope_of(t, rss, bounds.rss.per_second, bounds.confidence);
  const double p99_bound = bounds.p99.relative ? bounds.p99.per_second * stats::median(p99) : bounds.p99.per_second;
  d.p99 = slope_of(p99_t, p99, p99_bound, bounds.confidence);
  return d;
}

}  // namespace perfgate
