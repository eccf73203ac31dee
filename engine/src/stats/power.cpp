#include "stats/power.h"

#include <cmath>
#include <limits>

#include "stats/t_tests.h"

namespace perfgate::stats {

double minimum_detectable_shift(double se, double df, double alpha, double power) {
  if (!(df >= 1)) return std::numeric_limits<double>::infinity();
  return (t_quantile(1 - alpha / 2, df) + t_quantile(power, df)) * se;
}

double minimum_detectable_shift(double sd, int m, int n, double alpha, double power) {
  return minimum_detectable_shift(sd * std::sqrt(1.0 / m + 1.0 / n), double(m + n - 2), alpha, power);
}

double minimum_detectable_paired_shift(double sd_diff, int n, double alpha, double power) {
  return minimum_detectable_shift(sd_diff / std::sqrt(double(n)), double(n - 1), alpha, power);
}

}  // namespace perfgate::stats
