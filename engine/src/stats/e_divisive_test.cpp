#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "stats/e_divisive.h"

using namespace perfgate::stats;
using doctest::Approx;

namespace {

// Q(tau) straight from the definition, O(n^2) per split.
double brute_force_q(const std::vector<double>& x, std::size_t tau) {
  const std::size_t n = x.size();
  double across = 0, left = 0, right = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = std::abs(x[i] - x[j]);
      if (j < tau) left += d;
      else if (i >= tau) right += d;
      else across += d;
    }
  }
  const double l = static_cast<double>(tau), r = static_cast<double>(n - tau);
  const double e = 2 * across / (l * r) - left / (l * (l - 1) / 2) - right / (r * (r - 1) / 2);
  return l * r / static_cast<double>(n) * e;
}

std::vector<double> noisy(std::size_t n, double level, double noise, std::mt19937_64& rng) {
  std::normal_distribution<double> z(0, 1);
  std::vector<double> v(n);
  for (auto& x : v) x = level * (1 + noise * z(rng));
  return v;
}

std::vector<double> with_step(std::size_t n, std::size_t at, double step, double noise, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto v = noisy(n, 100, noise, rng);
  for (std::size_t i = at; i < n; ++i) v[i] *= 1 + step;
  return v;
}

}  // namespace

TEST_CASE("E-divisive statistics equal the definition, ties included") {
  std::vector<double> x = {5, 3, 3, 8, 1, 9, 9, 2, 7, 7, 7, 4, 6, 10, 0, 3};
  const auto q = e_divisive_statistics(x, 2);
  for (std::size_t tau = 2; tau + 2 <= x.size(); ++tau) {
    CAPTURE(tau);
    CHECK(q[tau] == Approx(brute_force_q(x, tau)).epsilon(1e-12));
  }
  CHECK(q[0] == 0);
  CHECK(q[1] == 0);
}

TEST_CASE("a 5 % step in 2 % noise is found at its place, and only it") {
  const auto v = with_step(120, 70, 0.05, 0.02, 11);
  const auto changes = detect_change_points(v);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].index >= 68);
  CHECK(changes[0].index <= 72);
  CHECK(changes[0].p_value <= 0.01);
}

TEST_CASE("two steps, up then back down, are both found") {
  auto v = with_step(150, 50, 0.20, 0.02, 3);
  for (std::size_t i = 100; i < v.size(); ++i) v[i] /= 1.20;
  const auto changes = detect_change_points(v);
  REQUIRE(changes.size() == 2);
  CHECK(std::abs(static_cast<long>(changes[0].index) - 50) <= 1);
  CHECK(std::abs(static_cast<long>(changes[1].index) - 100) <= 1);
}

TEST_CASE("pure noise, constant series and short series have no change points") {
  std::size_t flagged = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) flagged += !detect_change_points(with_step(80, 0, 0, 0.03, seed)).empty();
  CHECK(flagged <= 2);  // alpha = 0.01 per series; 2 of 20 is already far in the tail
  CHECK(detect_change_points(std::vector<double>(50, 7.0)).empty());
  CHECK(detect_change_points(std::vector<double>{1, 2, 3}).empty());
  CHECK(detect_change_points(std::vector<double>{}).empty());
}

TEST_CASE("single outliers do not make change points") {
  auto v = with_step(100, 0, 0, 0.01, 5);
  v[30] *= 3;
  v[61] *= 0.3;
  CHECK(detect_change_points(v).empty());
}

TEST_CASE("the same series and seed give the same answer; the seed is the only source of randomness") {
  const auto v = with_step(90, 40, 0.03, 0.02, 8);
  const auto a = detect_change_points(v), b = detect_change_points(v);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].index == b[i].index);
    CHECK(a[i].p_value == b[i].p_value);
  }
}

TEST_CASE("a minimum change drops significant wobbles and keeps the step") {
  auto v = with_step(200, 120, 0.10, 0.002, 4);
  for (std::size_t i = 40; i < 120; ++i) v[i] *= 1.004;  // significant in 0.2 % noise, but 0.4 %
  ChangePointOptions o;
  CHECK(detect_change_points(v, o).size() == 2);
  o.min_relative_change = 0.01;
  const auto kept = detect_change_points(v, o);
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].index == 120);
}

TEST_CASE("a 2 % step in 1 % noise is found; a slow drift is cut into steps in its direction") {
  const auto small = detect_change_points(with_step(200, 90, 0.02, 0.01, 21));
  REQUIRE(small.size() == 1);
  CHECK(std::abs(static_cast<long>(small[0].index) - 90) <= 3);

  auto drift = with_step(200, 0, 0, 0.005, 9);
  for (std::size_t i = 0; i < drift.size(); ++i) drift[i] *= 1 + 0.10 * static_cast<double>(i) / 200;
  ChangePointOptions o;
  o.min_relative_change = 0.01;
  const auto steps = detect_change_points(drift, o);
  REQUIRE(!steps.empty());
  std::size_t previous = 0;
  for (const auto& s : steps) {  // every step up: the level before is below the level after
    const std::span<const double> all(drift);
    double before = 0, after = 0;
    for (std::size_t i = previous; i < s.index; ++i) before += all[i] / double(s.index - previous);
    for (std::size_t i = s.index; i < std::min(all.size(), s.index + 10); ++i) after += all[i] / 10.0;
    CHECK(after > before);
    previous = s.index;
  }
}
