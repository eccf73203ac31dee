#pragma once
// Change points in a series: E-divisive means (Matteson & James 2014, alpha = 1, the
// right end fixed at the segment's end as in MongoDB's and Hunter's implementations)
// with a permutation significance test. Bisection: the strongest candidate split of any
// current segment is tested by permuting that segment; a significant one splits it and
// the search goes on, the first insignificant one ends it.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace perfgate::stats {

struct ChangePointOptions {
  double alpha = 0.01;           // significance level of each permutation test
  unsigned permutations = 199;   // p-values are multiples of 1 / (permutations + 1)
  std::size_t min_segment = 4;   // values on either side of a change point
  std::uint64_t seed = 0x5eed;   // results are a function of the series and this seed
  std::size_t max_changes = 50;
  // Significant shifts smaller than this (|after/before - 1| of the adjacent segments'
  // medians) are dropped, smallest first, and their neighbours re-measured over the
  // merged segment: a long, quiet series lets the test resolve wobbles nobody acts on.
  double min_relative_change = 0;
};

struct DetectedChange {
  std::size_t index = 0;  // first value of the new segment
  double p_value = 1;     // of the permutation test that accepted it
  double statistic = 0;   // E-divisive Q of the split within its segment
};

// Ordered by index. Non-finite values are not allowed (the caller drops them).
std::vector<DetectedChange> detect_change_points(std::span<const double> series, const ChangePointOptions& options = {});

// Q(tau) for every split of `values` (entry tau: left = [0, tau)), computed in
// O(n log n) from the pairwise-distance sums; entries outside [min, n - min] are 0.
std::vector<double> e_divisive_statistics(std::span<const double> values, std::size_t min_segment);

}  // namespace perfgate::stats
