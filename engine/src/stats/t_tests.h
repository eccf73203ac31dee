#pragma once
// t-tests with p-values from Boost.Math's Student's t. perfgate applies them to log
// values, where a multiplicative slowdown is a shift and trial-to-trial spread is
// closer to normal.

#include <span>

namespace perfgate::stats {

struct TTestResult {
  double t = 0;
  double df = 0;
  double p_value = 1;  // two-sided; 1 when both samples have no spread and equal means
};

// Welch's unequal-variance test (Welch 1947), Welch-Satterthwaite degrees of freedom.
// Needs at least two values in each sample (else p = 1).
TTestResult welch_t_test(std::span<const double> x, std::span<const double> y);

// One-sample test of mean zero, i.e. the paired t-test on differences.
// Needs at least two values (else p = 1).
TTestResult one_sample_t_test(std::span<const double> d);

// A normal-theory estimate of a location: its standard error and degrees of freedom
// (infinite: the normal distribution). Intervals and p-values from the same t.
struct TEstimate {
  double estimate = 0;
  double se = 0;
  double df = 0;
};
double two_sided_p(const TEstimate& e);  // 1 when se = 0 and estimate = 0; 0 when se = 0 otherwise
struct Interval {
  double lower = 0, upper = 0;
};
Interval t_interval(const TEstimate& e, double confidence);  // estimate ± t_{df,(1+c)/2} se
double t_quantile(double p, double df);                      // df infinite or <= 0: normal

double mean(std::span<const double> v);
double sample_variance(std::span<const double> v);  // n - 1 denominator
double median(std::span<const double> v);           // of the finite values; NaN when none

}  // namespace perfgate::stats
