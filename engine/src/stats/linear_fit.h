#pragma once
// Ordinary least-squares line with a confidence interval on its slope from Student's t
// (Boost.Math): the drift of a soak and the exponent of a size sweep are both slopes.

#include <optional>
#include <span>

namespace perfgate::stats {

struct LineFit {
  double slope = 0, intercept = 0;
  double slope_low = 0, slope_high = 0;  // two-sided interval at the requested confidence
  std::size_t points = 0;
};

// Empty with fewer than 3 points or when every x is the same. Assumes independent,
// roughly normal residuals: for autocorrelated series (timelines) the interval is
// narrower than the truth, which docs/result-schema.md says.
std::optional<LineFit> fit_line(std::span<const double> x, std::span<const double> y, double confidence);

}  // namespace perfgate::stats
