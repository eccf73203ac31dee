#pragma once
// Adjusted p-values for a family of comparisons, so that gating 50 scenarios at
// alpha = 0.05 does not mean a 92 % chance of at least one false alarm.

#include <span>
#include <vector>

namespace perfgate::stats {

enum class Correction { kHolm, kBenjaminiHochberg, kNone };

// Holm (1979) step-down: controls the family-wise error rate, uniformly more powerful
// than Bonferroni. Adjusted p_(i) = max_{j<=i} min(1, (k - j + 1) p_(j)).
std::vector<double> holm(std::span<const double> p);

// Benjamini & Hochberg (1995) step-up: controls the false discovery rate.
// Adjusted p_(i) = min_{j>=i} min(1, k p_(j) / j).
std::vector<double> benjamini_hochberg(std::span<const double> p);

std::vector<double> adjust(std::span<const double> p, Correction correction);

}  // namespace perfgate::stats
