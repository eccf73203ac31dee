#pragma once
// Minimum detectable effect: the smallest true shift (in the units of the data; on log
// values, a log ratio) that a two-sided test at level alpha detects with the given
// power, for these sample sizes and this spread. Normal-theory formula with Student's
// t quantiles (Cohen 1988):  delta = (t_{1-alpha/2, df} + t_{power, df}) * sd * sqrt(1/m + 1/n).

namespace perfgate::stats {

// The general form: an estimate with standard error `se` and `df` degrees of freedom.
double minimum_detectable_shift(double se, double df, double alpha, double power);
double minimum_detectable_shift(double sd, int m, int n, double alpha, double power);
// Paired: n differences with standard deviation sd_diff; delta = (t + t) * sd_diff / sqrt(n).
double minimum_detectable_paired_shift(double sd_diff, int n, double alpha, double power);

}  // namespace perfgate::stats
