#include "stats/t_tests.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace perfgate::stats {

double mean(std::span<const double> v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

double sample_variance(std::span<const double> v) {
  if (v.size() < 2) return 0.0;
  const double m = mean(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return ss / double(v.size() - 1);
}

namespace {

// t = diff / sqrt(se2) with `df` degrees of freedom, two-sided.
TTestResult t_result(double diff, double se2, double df) {
  TTestResult r;
  if (se2 == 0) {
    // No spread at all: any difference is certain, none is no evidence.
    r.p_value = diff == 0 ? 1.0 : 0.0;
    r.t = diff == 0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), diff);
    return r;
  }
  r.t = diff / std::sqrt(se2);
  r.df = df;
  const boost::math::students_t dist(df);
  r.p_value = std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(r.t))));
  return r;
}

}  // namespace

TTestResult welch_t_test(std::span<const double> x, std::span<const double> y) {
  if (x.size() < 2 || y.size() < 2) return {};
  const double nx = double(x.size()), ny = double(y.size());
  const double vx = sample_variance(x) / nx, vy = sample_variance(y) / ny;
  const double se2 = vx + vy;
  const double df = se2 == 0 ? 0 : se2 * se2 / (vx * vx / (nx - 1) + vy * vy / (ny - 1));
  return t_result(mean(x) - mean(y), se2, df);
}

TTestResult one_sample_t_test(std::span<const double> d) {
  if (d.size() < 2) return {};
  const double n = double(d.size());
  return t_result(mean(d), sample_variance(d) / n, n - 1);
}

double t_quantile(double p, double df) {
  if (!std::isfinite(df) || df > 1e7) return boost::math::quantile(boost::math::normal(), p);
  return boost::math::quantile(boost::math::students_t(df), p);
}

double two_sided_p(const TEstimate& e) {
  if (e.se == 0) return e.estimate == 0 ? 1.0 : 0.0;
  const double z = std::fabs(e.estimate / e.se);
  const double tail = !std::isfinite(e.df) || e.df > 1e7
                          ? boost::math::cdf(boost::math::complement(boost::math::normal(), z))
                          : boost::math::cdf(boost::math::complement(boost::math::students_t(e.df), z));
  return std::min(1.0, 2.0 * tail);
}

Interval t_interval(const TEstimate& e, double confidence) {
  if (e.se == 0) return {e.estimate, e.estimate};
  const double half = t_quantile(0.5 + confidence / 2, e.df) * e.se;
  return {e.estimate - half, e.estimate + half};
}

double median(std::span<const double> v) {
  std::vector<double> s;
  for (double x : v) {
    if (std::isfinite(x)) s.push_back(x);
  }
  if (s.empty()) return std::nan("");
  std::sort(s.begin(), s.end());
  const std::size_t m = s.size() / 2;
  return s.size() % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

}  // namespace perfgate::stats
