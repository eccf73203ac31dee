#include "stats/linear_fit.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/students_t.hpp>

namespace perfgate::stats {

std::optional<LineFit> fit_line(std::span<const double> x, std::span<const double> y, double confidence) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 3) return std::nullopt;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= double(n);
  my /= double(n);
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (!(sxx > 0)) return std::nullopt;
  LineFit f;
  f.points = n;
  f.slope = sxy / sxx;
  f.intercept = my - f.slope * mx;
  double sse = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = y[i] - (f.intercept + f.slope * x[i]);
    sse += r * r;
  }
  const double df = double(n - 2);
  const double se = std::sqrt(sse / df / sxx);
  const double t = boost::math::quantile(boost::math::students_t(df), 1 - (1 - confidence) / 2);
  f.slope_low = f.slope - t * se;
  f.slope_high = f.slope + t * se;
  return f;
}

}  // namespace perfgate::stats
