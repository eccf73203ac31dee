// Function-level comparison of two profiles (docs/profiles.md, "Where it changed").
//
// Two questions per function:
//  - per operation: is the function's CPU time per operation different? Its samples are
//    Poisson in the CPU time it used, so given both sides' combined count the
//    candidate's is binomial: an exact interval of the rate ratio, each side's exposure
//    being its operations. It moves for every function when the whole machine is
//    slower, so alone it would flag noise;
//  - share: did the function's share of all samples change? (two proportions). It moves
//    for every other function when one grows, so alone it would flag bystanders.
// A finding needs both, plus a minimum size: the function changed, not the machine, and
// not merely its neighbours.

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <map>
#include <set>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>

#include "perfgate/error.h"
#include "perfgate/profile.h"
#include "profile/folded_stacks.h"
#include "profile/profile_json.h"
#include "stats/multiple_testing.h"

namespace perfgate {
namespace {

// Clopper-Pearson interval of a binomial proportion.
std::pair<double, double> proportion_interval(std::uint64_t k, std::uint64_t n, double alpha) {
  using boost::math::ibeta_inv;
  const double low = k == 0 ? 0.0 : ibeta_inv(double(k), double(n - k + 1), alpha / 2);
  const double high = k == n ? 1.0 : ibeta_inv(double(k + 1), double(n - k), 1 - alpha / 2);
  return {low, high};
}

// Two-sided test that a function's share of all samples is the same on both sides
// (two proportions, pooled variance; functions are tested from min_samples up).
double share_p_value(std::uint64_t b, std::uint64_t n_b, std::uint64_t c, std::uint64_t n_c) {
  const double pooled = double(b + c) / double(n_b + n_c);
  const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / double(n_b) + 1.0 / double(n_c)));
  if (!(se > 0)) return 1;
  const double z = (double(c) / double(n_c) - double(b) / double(n_b)) / se;
  return std::min(1.0, 2 * cdf(complement(boost::math::normal_distribution<double>(), std::abs(z))));
}

struct Counts {
  std::uint64_t self = 0, total = 0;
};

std::map<std::string, Counts> counts_by_function(const std::vector<FoldedStack>& stacks) {
  std::map<std::string, Counts> counts;
  std::set<std::string> seen;
  for (const auto& stack : stacks) {
    const auto frames = split_frames(stack.frames);
    seen.clear();
    for (const auto& f : frames) {
      if (seen.insert(f).second) counts[f].total += stack.samples;
    }
    counts[frames.back()].self += stack.samples;
  }
  return counts;
}

// The candidate / baseline ratio of CPU time per operation for counts b and c, with
// `exposure_*` = operations / seconds per sample (samples expected per unit of time per operation).
struct RateRatio {
  double ratio, low, high;
};
RateRatio rate_ratio(std::uint64_t b, std::uint64_t c, double exposure_b, double exposure_c, double alpha) {
  const double scale = exposure_b / exposure_c;
  const auto odds = [](double p) { return p / (1 - p); };
  const auto [low, high] = proportion_interval(c, b + c, alpha);
  const double ratio = b == 0 ? INFINITY : double(c) / double(b) * scale;
  return {ratio, odds(low) * scale, high >= 1 ? INFINITY : odds(high) * scale};
}

std::string finding(double adjusted_p, const RateRatio& r, double base_share, double cand_share,
                    const ProfileDiffOptions& options) {
  if (adjusted_p >= options.alpha) return "";
  if (r.low > 1 && r.ratio >= 1 + options.min_change && cand_share > base_share) return "slower";
  if (r.high < 1 && r.ratio <= 1 / (1 + options.min_change) && cand_share < base_share) return "faster";
  return "";
}

}  // namespace

std::string Profile::phase_locked_note() const {
  std::string what = "no samples in " + std::to_string(operations) + " operations";
  if (processes > 0) {
    char per[32];
    std::snprintf(per, sizeof per, "%.1f", double(samples) / double(processes));
    what = std::to_string(samples) + " samples over " + std::to_string(processes) + " processes (" + per + " each)";
  }
  return what + ": the kernel starts sampling anew in each process, so processes this short are sampled at the "
                "same offsets and the profile is biased; sample faster (--profile=HZ) or make an operation longer";
}

std::vector<FunctionShare> function_shares(const Profile& profile) {
  std::vector<FunctionShare> shares;
  for (const auto& [name, n] : counts_by_function(profile.stacks)) shares.push_back({name, n.self, n.total});
  std::sort(shares.begin(), shares.end(), [](const FunctionShare& a, const FunctionShare& b) {
    return a.self != b.self ? a.self > b.self : a.total != b.total ? a.total > b.total : a.function < b.function;
  });
  return shares;
}

std::size_t ProfileDiff::findings() const {
  return std::size_t(std::count_if(functions.begin(), functions.end(), [](const FunctionChange& f) {
    return !f.self_finding.empty() || !f.total_finding.empty();
  }));
}

ProfileDiff diff_profiles(const Profile& baseline, const Profile& candidate, const ProfileDiffOptions& options) {
  if (!baseline.available() || !candidate.available()) {
    throw input_error("a profile is unavailable: " + (baseline.available() ? candidate : baseline).unavailable);
  }
  ProfileDiff diff;
  diff.alpha = options.alpha;
  diff.min_change = options.min_change;
  diff.baseline_samples = baseline.samples;
  diff.candidate_samples = candidate.samples;
  diff.baseline_operations = baseline.operations;
  diff.candidate_operations = candidate.operations;
  diff.baseline_seconds_per_sample = baseline.seconds_per_sample();
  diff.candidate_seconds_per_sample = candidate.seconds_per_sample();
  diff.baseline_stacks = baseline.stacks;
  diff.candidate_stacks = candidate.stacks;
  diff.baseline_other = baseline.other_samples;
  diff.candidate_other = candidate.other_samples;
  if (diff.baseline_samples == 0 || diff.candidate_samples == 0 || baseline.operations == 0 ||
      candidate.operations == 0) {
    return diff;
  }
  const double exposure_b = double(baseline.operations) / diff.baseline_seconds_per_sample;
  const double exposure_c = double(candidate.operations) / diff.candidate_seconds_per_sample;
  const double share_b = double(diff.baseline_samples), share_c = double(diff.candidate_samples);
  const auto base = counts_by_function(baseline.stacks), cand = counts_by_function(candidate.stacks);
  std::set<std::string> names;
  for (const auto* side : {&base, &cand}) {
    for (const auto& [name, n] : *side) names.insert(name);
  }
  std::vector<double> p_values;
  for (const auto& name : names) {
    const auto b = base.count(name) ? base.at(name) : Counts{};
    const auto c = cand.count(name) ? cand.at(name) : Counts{};
    if (std::max(b.total + c.total, b.self + c.self) < options.min_samples) continue;
    FunctionChange f;
    f.function = name;
    f.baseline_self = b.self, f.candidate_self = c.self, f.baseline_total = b.total, f.candidate_total = c.total;
    f.baseline_self_per_op = double(b.self) / exposure_b;
    f.candidate_self_per_op = double(c.self) / exposure_c;
    f.baseline_self_share = double(b.self) / share_b, f.candidate_self_share = double(c.self) / share_c;
    f.baseline_total_share = double(b.total) / share_b, f.candidate_total_share = double(c.total) / share_c;
    f.self_p = share_p_value(b.self, diff.baseline_samples, c.self, diff.candidate_samples);
    f.total_p = share_p_value(b.total, diff.baseline_samples, c.total, diff.candidate_samples);
    p_values.push_back(f.self_p);
    p_values.push_back(f.total_p);
    diff.functions.push_back(std::move(f));
  }
  const auto adjusted = stats::holm(p_values);
  for (std::size_t i = 0; i < diff.functions.size(); ++i) {
    FunctionChange& f = diff.functions[i];
    const auto self = rate_ratio(f.baseline_self, f.candidate_self, exposure_b, exposure_c, options.alpha);
    const auto total = rate_ratio(f.baseline_total, f.candidate_total, exposure_b, exposure_c, options.alpha);
    std::tie(f.self_ratio, f.self_low, f.self_high) = std::tuple(self.ratio, self.low, self.high);
    std::tie(f.total_ratio, f.total_low, f.total_high) = std::tuple(total.ratio, total.low, total.high);
    f.self_p = adjusted[2 * i];
    f.total_p = adjusted[2 * i + 1];
    f.self_finding = finding(f.self_p, self, f.baseline_self_share, f.candidate_self_share, options);
    f.total_finding = finding(f.total_p, total, f.baseline_total_share, f.candidate_total_share, options);
  }
  std::stable_sort(diff.functions.begin(), diff.functions.end(), [](const FunctionChange& a, const FunctionChange& b) {
    return std::abs(a.candidate_self_per_op - a.baseline_self_per_op) >
           std::abs(b.candidate_self_per_op - b.baseline_self_per_op);
  });
  return diff;
}

}  // namespace perfgate
