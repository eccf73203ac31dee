#pragma once
// Rank tests on trial values. Samples here are trials (a handful to a few hundred
// values), never individual requests: see docs/statistics.md.
//
// Mann-Whitney U (Mann & Whitney 1947) for two independent samples and the Wilcoxon
// signed-rank test (Wilcoxon 1945) for paired differences. Both use the exact null
// distribution when the samples are small and free of ties, as R's wilcox.test does,
// and otherwise the normal approximation with tie correction and a continuity
// correction of 1/2. Two-sided p-values.

#include <cstdint>
#include <map>
#include <span>
#include <utility>
#include <vector>

namespace perfgate::stats {

// Exact null distributions, memoised per sample size: one comparison run reuses them
// across all scenarios and metrics of the same size.
class ExactDistributions {
 public:
  // P(U <= u) for Mann-Whitney U of sizes (m, n), u in [0, m*n]; index = u.
  const std::vector<double>& mann_whitney_cdf(int m, int n);
  // P(V <= v) for the signed-rank statistic of n non-zero differences; index = v.
  const std::vector<double>& signed_rank_cdf(int n);

 private:
  std::map<std::pair<int, int>, std::vector<double>> mann_whitney_;
  std::map<int, std::vector<double>> signed_rank_;
};

struct RankTestResult {
  double statistic = 0;  // U of the first sample (x), or V = sum of positive ranks
  double p_value = 1;    // two-sided
  bool exact = false;
};

// Exact when both samples have fewer than 50 values and there are no ties.
RankTestResult mann_whitney_u(std::span<const double> x, std::span<const double> y,
                              ExactDistributions& exact);

// Zero differences are dropped (Wilcoxon's original method, R's default). Exact when
// fewer than 50 differences remain and none are tied.
RankTestResult wilcoxon_signed_rank(std::span<const double> differences, ExactDistributions& exact);

// Mid-ranks (1-based, ties share their average rank) of `values`.
std::vector<double> midranks(std::span<const double> values);

inline constexpr int kExactLimit = 50;

}  // namespace perfgate::stats
