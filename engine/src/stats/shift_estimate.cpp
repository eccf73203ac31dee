#include "stats/shift_estimate.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

namespace perfgate::stats {
namespace {

double median_of_sorted(const std::vector<double>& v) {
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double normal_quantile(double p) { return boost::math::quantile(boost::math::normal(), p); }

// Interval from sorted candidates (pairwise differences or Walsh averages): the
// statistic's alpha/2 quantile `qu` (1-based count of candidates cut from each end)
// from the exact CDF when given, else from the normal approximation with `sd`.
ShiftEstimate interval(const std::vector<double>& sorted, const std::vector<double>* exact_cdf,
                       double sd, double confidence) {
  ShiftEstimate r;
  const std::size_t total = sorted.size();
  r.estimate = median_of_sorted(sorted);
  const double alpha = 1.0 - confidence;
  std::size_t qu = 0;
  if (exact_cdf != nullptr) {
    while (qu + 1 < exact_cdf->size() && (*exact_cdf)[qu] < alpha / 2) ++qu;
    qu = std::max<std::size_t>(qu, 1);
    r.confidence = 1.0 - 2.0 * (*exact_cdf)[qu - 1];
  } else {
    const double c = double(total) / 2.0 - normal_quantile(1.0 - alpha / 2) * sd;
    qu = static_cast<std::size_t>(std::max(1.0, std::floor(c)));
    r.confidence = confidence;
  }
  qu = std::min(qu, (total + 1) / 2);
  r.lower = sorted[qu - 1];
  r.upper = sorted[total - qu];
  return r;
}

}  // namespace

ShiftEstimate two_sample_shift(std::span<const double> x, std::span<const double> y, double confidence,
                               ExactDistributions& exact) {
  if (x.empty() || y.empty()) return {};
  std::vector<double> diffs;
  diffs.reserve(x.size() * y.size());
  for (double b : y) {
    for (double a : x) diffs.push_back(b - a);
  }
  std::sort(diffs.begin(), diffs.end());
  const double m = double(x.size()), n = double(y.size());
  const bool use_exact = x.size() < kExactLimit && y.size() < kExactLimit;
  const auto* cdf = use_exact ? &exact.mann_whitney_cdf(int(x.size()), int(y.size())) : nullptr;
  return interval(diffs, cdf, std::sqrt(m * n * (m + n + 1) / 12.0), confidence);
}

ShiftEstimate paired_shift(std::span<const double> d, double confidence, ExactDistributions& exact) {
  if (d.empty()) return {};
  std::vector<double> walsh;
  walsh.reserve(d.size() * (d.size() + 1) / 2);
  for (std::size_t i = 0; i < d.size(); ++i) {
    for (std::size_t j = i; j < d.size(); ++j) walsh.push_back((d[i] + d[j]) / 2.0);
  }
  std::sort(walsh.begin(), walsh.end());
  const double n = double(d.size());
  const auto* cdf = d.size() < kExactLimit ? &exact.signed_rank_cdf(int(d.size())) : nullptr;
  return interval(walsh, cdf, std::sqrt(n * (n + 1) * (2 * n + 1) / 24.0), confidence);
}

}  // namespace perfgate::stats
