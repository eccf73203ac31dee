#pragma once
// Welch's unequal-variance t-test (Welch 1947) with the Welch-Satterthwaite degrees of
// freedom; p from Boost.Math's Student's t. perfgate applies it to log values, where a
// multiplicative slowdown is a shift and trial-to-trial spread is closer to normal.

#include <span>

namespace perfgate::stats {

struct WelchResult {
  double t = 0;
  double df = 0;
  double p_value = 1;  // two-sided; 1 when both samples have no spread and equal means
};

// Needs at least two values in each sample (else p = 1).
WelchResult welch_t_test(std::span<const double> x, std::span<const double> y);

double mean(std::span<const double> v);
double sample_variance(std::span<const double> v);  // n - 1 denominator

}  // namespace perfgate::stats
