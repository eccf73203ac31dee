#include "stats/rank_tests.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/math/distributions/normal.hpp>

namespace perfgate::stats {
namespace {

// Two-sided p from a z score.
double normal_two_sided(double z) {
  const boost::math::normal standard;
  return std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(standard, std::fabs(z))));
}

// Sum over tie groups of t^3 - t, the tie correction term of both tests.
double tie_term(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  double term = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const double t = double(j - i);
    term += t * t * t - t;
    i = j;
  }
  return term;
}

std::vector<double> counts_to_cdf(std::vector<double> counts) {
  const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
  double running = 0;
  for (auto& c : counts) {
    running += c;
    c = running / total;
  }
  return counts;
}

// Two-sided exact p for a statistic s whose null CDF is `cdf` (symmetric distribution).
double exact_two_sided(const std::vector<double>& cdf, double s) {
  const auto k = static_cast<std::size_t>(std::llround(s));
  const double lower = cdf[k];
  const double upper = 1.0 - (k == 0 ? 0.0 : cdf[k - 1]);
  return std::min(1.0, 2.0 * std::min(lower, upper));
}

}  // namespace

std::vector<double> midranks(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && values[order[j]] == values[order[i]]) ++j;
    const double rank = (double(i + 1) + double(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

// Rank-sum distribution: ways[k][s] = number of k-subsets of {1..N} with sum s, built
// item by item (knapsack-style); U = rank sum of x - m(m+1)/2.
const std::vector<double>& ExactDistributions::mann_whitney_cdf(int m, int n) {
  const auto key = std::make_pair(m, n);
  if (auto it = mann_whitney_.find(key); it != mann_whitney_.end()) return it->second;
  const int total = m + n;
  const int max_sum = total * (total + 1) / 2;
  std::vector<std::vector<double>> ways(m + 1, std::vector<double>(max_sum + 1, 0.0));
  ways[0][0] = 1;
  for (int item = 1; item <= total; ++item) {
    for (int k = std::min(item, m); k >= 1; --k) {
      for (int s = max_sum; s >= item; --s) ways[k][s] += ways[k - 1][s - item];
    }
  }
  const int offset = m * (m + 1) / 2;
  std::vector<double> counts(std::size_t(m) * n + 1);
  for (std::size_t u = 0; u < counts.size(); ++u) counts[u] = ways[m][u + offset];
  return mann_whitney_[key] = counts_to_cdf(std::move(counts));
}

const std::vector<double>& ExactDistributions::signed_rank_cdf(int n) {
  if (auto it = signed_rank_.find(n); it != signed_rank_.end()) return it->second;
  std::vector<double> counts(std::size_t(n) * (n + 1) / 2 + 1, 0.0);
  counts[0] = 1;
  for (int rank = 1; rank <= n; ++rank) {
    for (std::size_t s = counts.size() - 1; s >= std::size_t(rank); --s) counts[s] += counts[s - rank];
  }
  return signed_rank_[n] = counts_to_cdf(std::move(counts));
}

RankTestResult mann_whitney_u(std::span<const double> x, std::span<const double> y,
                              ExactDistributions& exact) {
  const std::size_t m = x.size(), n = y.size();
  if (m == 0 || n == 0) return {};
  std::vector<double> all(x.begin(), x.end());
  all.insert(all.end(), y.begin(), y.end());
  const std::vector<double> ranks = midranks(all);
  const double rank_sum_x = std::accumulate(ranks.begin(), ranks.begin() + std::ptrdiff_t(m), 0.0);
  RankTestResult r;
  r.statistic = rank_sum_x - double(m) * double(m + 1) / 2.0;
  const double ties = tie_term(all);
  if (m < kExactLimit && n < kExactLimit && ties == 0) {
    r.exact = true;
    r.p_value = exact_two_sided(exact.mann_whitney_cdf(int(m), int(n)), r.statistic);
    return r;
  }
  const double N = double(m + n);
  const double mean = double(m) * double(n) / 2.0;
  const double variance = double(m) * double(n) / 12.0 * ((N + 1) - ties / (N * (N - 1)));
  if (variance <= 0) return r;  // every value tied: no evidence of a difference
  const double diff = r.statistic - mean;
  const double corrected = std::max(0.0, std::fabs(diff) - 0.5);
  r.p_value = normal_two_sided(corrected / std::sqrt(variance));
  return r;
}

RankTestResult wilcoxon_signed_rank(std::span<const double> differences, ExactDistributions& exact) {
  std::vector<double> nonzero, magnitudes;
  for (double d : differences) {
    if (d != 0) nonzero.push_back(d), magnitudes.push_back(std::fabs(d));
  }
  RankTestResult r;
  const std::size_t n = nonzero.size();
  if (n == 0) return r;
  const std::vector<double> ranks = midranks(magnitudes);
  for (std::size_t i = 0; i < n; ++i) {
    if (nonzero[i] > 0) r.statistic += ranks[i];
  }
  const double ties = tie_term(magnitudes);
  if (n < kExactLimit && ties == 0) {
    r.exact = true;
    r.p_value = exact_two_sided(exact.signed_rank_cdf(int(n)), r.statistic);
    return r;
  }
  const double dn = double(n);
  const double mean = dn * (dn + 1) / 4.0;
  const double variance = dn * (dn + 1) * (2 * dn + 1) / 24.0 - ties / 48.0;
  if (variance <= 0) return r;
  const double corrected = std::max(0.0, std::fabs(r.statistic - mean) - 0.5);
  r.p_value = normal_two_sided(corrected / std::sqrt(variance));
  return r;
}

}  // namespace perfgate::stats
