#pragma once
// Hodges-Lehmann estimates of a location shift with distribution-free confidence
// intervals (Hodges & Lehmann 1963; intervals by inverting the rank tests, Bauer 1972,
// as R's wilcox.test(conf.int = TRUE) computes them). perfgate applies them to log
// values, so exp(estimate) is a ratio candidate/baseline.

#include <span>

#include "stats/rank_tests.h"

namespace perfgate::stats {

struct ShiftEstimate {
  double estimate = 0;
  double lower = 0;
  double upper = 0;
  double confidence = 0;  // achieved (the rank distributions are discrete), >= requested when exact
};

// Shift of y relative to x: median of all y_j - x_i, interval from the Mann-Whitney
// distribution (exact below 50 values per sample, normal approximation above).
ShiftEstimate two_sample_shift(std::span<const double> x, std::span<const double> y, double confidence,
                               ExactDistributions& exact);

// Centre of paired differences: median of the Walsh averages (d_i + d_j)/2, i <= j,
// interval from the signed-rank distribution.
ShiftEstimate paired_shift(std::span<const double> differences, double confidence,
                           ExactDistributions& exact);

}  // namespace perfgate::stats
