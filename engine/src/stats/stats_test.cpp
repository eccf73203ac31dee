// Reference values: R's documented examples (wilcox.test, t.test on `sleep`) and
// scipy.stats 1.10 for the tied/large-sample cases.

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "stats/multiple_testing.h"
#include "stats/power.h"
#include "stats/rank_tests.h"
#include "stats/shift_estimate.h"
#include "stats/t_tests.h"

using namespace perfgate::stats;
using doctest::Approx;

TEST_CASE("Mann-Whitney exact: R's wilcox.test example (W = 35, p = 0.2544)") {
  const std::vector<double> x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
  const std::vector<double> y = {1.15, 0.88, 0.90, 0.74, 1.21};
  ExactDistributions exact;
  const auto r = mann_whitney_u(x, y, exact);
  CHECK(r.exact);
  CHECK(r.statistic == 35);
  CHECK(r.p_value == Approx(0.2544122544122544).epsilon(1e-12));
  const auto swapped = mann_whitney_u(y, x, exact);
  CHECK(swapped.statistic == 15);
  CHECK(swapped.p_value == Approx(r.p_value).epsilon(1e-12));
}

TEST_CASE("Mann-Whitney exact on 12 vs 9 values (scipy: U = 27, p = 0.05848)") {
  const std::vector<double> c = {10.3456, 10.8216, 10.3304, 8.6968, 10.9054, 10.4464,
                                 9.463,   10.5811, 10.3646, 10.2941, 10.0284, 10.5467};
  const std::vector<double> d = {10.2635, 10.8371, 10.5179, 11.5988, 11.0397, 10.7075, 10.2181, 10.7428, 11.0081};
  ExactDistributions exact;
  const auto r = mann_whitney_u(c, d, exact);
  CHECK(r.statistic == 27);
  CHECK(r.p_value == Approx(0.0584833123532814).epsilon(1e-10));
}

TEST_CASE("Mann-Whitney with ties: normal approximation, tie and continuity corrected (scipy)") {
  const std::vector<double> a = {1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12};
  const std::vector<double> b = {3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15, 16};
  ExactDistributions exact;
  const auto r = mann_whitney_u(a, b, exact);
  CHECK_FALSE(r.exact);
  CHECK(r.statistic == 72.5);
  CHECK(r.p_value == Approx(0.02290051330585425).epsilon(1e-10));
}

TEST_CASE("Mann-Whitney degenerate inputs") {
  ExactDistributions exact;
  const std::vector<double> same = {5, 5, 5}, empty;
  CHECK(mann_whitney_u(same, same, exact).p_value == 1.0);
  CHECK(mann_whitney_u(same, empty, exact).p_value == 1.0);
}

TEST_CASE("Wilcoxon signed-rank exact: R's paired example (V = 40, p = 0.03906)") {
  const std::vector<double> x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
  const std::vector<double> y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
  std::vector<double> d;
  for (std::size_t i = 0; i < x.size(); ++i) d.push_back(x[i] - y[i]);
  ExactDistributions exact;
  const auto r = wilcoxon_signed_rank(d, exact);
  CHECK(r.exact);
  CHECK(r.statistic == 40);
  CHECK(r.p_value == Approx(0.0390625).epsilon(1e-12));
}

TEST_CASE("Wilcoxon signed-rank with zeros and ties: normal approximation (scipy p = 0.001275)") {
  const std::vector<double> e = {0.5, -0.2, 0.3, 0.3, 0.0, 0.7, -0.1, 0.4, 0.4, 0.9, -0.3, 0.6, 0.2,
                                 0.8, 0.5,  0.1, -0.4, 0.3, 0.6, 0.2, 0.0, 0.5, -0.2, 0.7, 0.3, 0.1};
  ExactDistributions exact;
  const auto r = wilcoxon_signed_rank(e, exact);
  CHECK_FALSE(r.exact);
  CHECK(r.p_value == Approx(0.0012750996068677984).epsilon(1e-9));
}

TEST_CASE("Welch t-test: R's t.test(extra ~ group, data = sleep)") {
  const std::vector<double> g1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
  const std::vector<double> g2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
  const auto r = welch_t_test(g1, g2);
  CHECK(r.t == Approx(-1.8608134674868526).epsilon(1e-12));
  CHECK(r.df == Approx(17.776).epsilon(1e-4));
  CHECK(r.p_value == Approx(0.07939414018735823).epsilon(1e-10));
}

TEST_CASE("Welch t-test without spread") {
  const std::vector<double> a = {1, 1, 1}, b = {2, 2, 2};
  CHECK(welch_t_test(a, b).p_value == 0.0);
  CHECK(welch_t_test(a, a).p_value == 1.0);
  CHECK(welch_t_test(std::vector<double>{1}, b).p_value == 1.0);
}

TEST_CASE("Holm and Benjamini-Hochberg on a known set") {
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const auto h = holm(p);
  CHECK(h[0] == Approx(0.03));
  CHECK(h[1] == Approx(0.06));
  CHECK(h[2] == Approx(0.06));
  CHECK(h[3] == Approx(0.02));
  const auto bh = benjamini_hochberg(p);
  CHECK(bh[0] == Approx(0.02));
  CHECK(bh[1] == Approx(0.04));
  CHECK(bh[2] == Approx(0.04));
  CHECK(bh[3] == Approx(0.02));
  const std::vector<double> big = {0.5, 0.9};
  CHECK(holm(big) == std::vector<double>{1.0, 1.0});  // 2 x 0.5 caps at 1, and stays monotone
  CHECK(adjust(p, Correction::kNone) == p);
}

TEST_CASE("Hodges-Lehmann shift and its exact interval on a hand-checkable case") {
  const std::vector<double> x = {1, 2, 3}, y = {4, 5, 6};
  ExactDistributions exact;
  const auto s = two_sample_shift(x, y, 0.95, exact);
  CHECK(s.estimate == 3);
  // With 3 + 3 values the most extreme U has probability 1/20 per side: the widest
  // interval achieves only 90 %.
  CHECK(s.lower == 1);
  CHECK(s.upper == 5);
  CHECK(s.confidence == Approx(0.9));
}

namespace {

// Fraction of simulated data sets whose interval covers the true shift.
template <class MakeInterval>
double coverage(int datasets, MakeInterval make) {
  std::mt19937_64 gen(2024);
  int covered = 0;
  for (int i = 0; i < datasets; ++i) covered += make(gen) ? 1 : 0;
  return double(covered) / datasets;
}

}  // namespace

TEST_CASE("interval coverage on simulated data is within 2 % of nominal") {
  ExactDistributions exact;
  const double shift = std::log(1.07);
  std::normal_distribution<double> noise(0.0, 0.02);
  // n per side: 10 takes the exact path, 60 the normal approximation.
  for (const auto& sizes : {std::pair{10, 3000}, std::pair{60, 1000}}) {
    const int n = sizes.first;  // not a structured binding: CAPTURE captures it (clang < 16)
    const double unpaired = coverage(sizes.second, [&](std::mt19937_64& gen) {
      std::vector<double> x(n), y(n);
      for (auto& v : x) v = noise(gen);
      for (auto& v : y) v = shift + noise(gen);
      const auto s = two_sample_shift(x, y, 0.95, exact);
      return s.lower <= shift && shift <= s.upper;
    });
    CAPTURE(n);
    CHECK(unpaired >= 0.93);
    CHECK(unpaired <= 0.97);
  }
  const double paired = coverage(3000, [&](std::mt19937_64& gen) {
    std::vector<double> d(12);
    for (auto& v : d) v = shift + noise(gen);
    const auto s = paired_shift(d, 0.95, exact);
    return s.lower <= shift && shift <= s.upper;
  });
  CHECK(paired >= 0.93);
  CHECK(paired <= 0.97);
}

TEST_CASE("minimum detectable effect (scipy t quantiles)") {
  CHECK(minimum_detectable_shift(1.0, 10, 10, 0.05, 0.8) == Approx(1.325080783788845).epsilon(1e-9));
  CHECK(minimum_detectable_paired_shift(0.5, 10, 0.05, 0.8) == Approx(0.4973568674957882).epsilon(1e-9));
  CHECK(std::isinf(minimum_detectable_shift(1.0, 1, 1, 0.05, 0.8)));
}

TEST_CASE("mid-ranks share tied ranks") {
  const std::vector<double> v = {10, 20, 20, 5};
  CHECK(midranks(v) == std::vector<double>{2, 3.5, 3.5, 1});
}

TEST_CASE("paired t-test: R's t.test(sleep$extra[1:10], sleep$extra[11:20], paired = TRUE)") {
  const std::vector<double> g1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
  const std::vector<double> g2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
  std::vector<double> d;
  for (std::size_t i = 0; i < g1.size(); ++i) d.push_back(g1[i] - g2[i]);
  const auto r = one_sample_t_test(d);
  CHECK(r.t == Approx(-4.062127683382037).epsilon(1e-12));
  CHECK(r.df == 9);
  CHECK(r.p_value == Approx(0.00283289019738427).epsilon(1e-9));
}
