#include "stats/power.h"

#include <cmath>
#include <limits>

#include <boost/math/distributions/students_t.hpp>

namespace perfgate::stats {
namespace {

double t_quantile(double p, double df) { return boost::math::quantile(boost::math::students_t(df), p); }

}  // namespace

double minimum_detectable_shift(double sd, int m, int n, double alpha, double power) {
  const double df = double(m + n - 2);
  if (df < 1) return std::numeric_limits<double>::infinity();
  return (t_quantile(1 - alpha / 2, df) + t_quantile(power, df)) * sd * std::sqrt(1.0 / m + 1.0 / n);
}

double minimum_detectable_paired_shift(double sd_diff, int n, double alpha, double power) {
  const double df = double(n - 1);
  if (df < 1) return std::numeric_limits<double>::infinity();
  return (t_quantile(1 - alpha / 2, df) + t_quantile(power, df)) * sd_diff / std::sqrt(double(n));
}

}  // namespace perfgate::stats
