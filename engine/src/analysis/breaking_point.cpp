#include <cmath>

#include "analysis/trial_analysis.h"

namespace perfgate {

std::vector<std::string> limits_broken(const StageSummary& level, const BreakingPointLimits& limits) {
  std::vector<std::string> broken;
  if (level.achieved_rate < limits.min_achieved_ratio * level.target_rate) broken.push_back("achieved");
  const double error_rate = level.operations > 0 ? double(level.errors) / double(level.operations) : 0.0;
  if (error_rate > limits.max_error_rate) broken.push_back("error_rate");
  // No successful operation at all has no p99, and certainly not a good one.
  if (limits.max_p99_ns && !(level.latency_p99 <= *limits.max_p99_ns)) broken.push_back("p99");
  return broken;
}

BreakingPoint find_breaking_point(const std::vector<StageSummary>& stages, const BreakingPointLimits& limits) {
  BreakingPoint b;
  for (const auto& level : stages) {
    if (level.target_rate <= 0) continue;  // a cooldown
    auto broken = limits_broken(level, limits);
    if (!broken.empty()) {
      b.broken_rate = level.target_rate;
      b.broken_limits = std::move(broken);
      return b;
    }
    b.sustained_rate = level.target_rate;
  }
  return b;
}

}  // namespace perfgate
