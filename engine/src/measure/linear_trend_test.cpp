#include "measure/linear_trend.h"

#include <doctest/doctest.h>

using perfgate::LinearTrend;

TEST_CASE("linear trend recovers the slope of a line, even at large x") {
  LinearTrend t;
  for (int i = 0; i < 1000; ++i) t.add(1.7e9 + i * 0.05, 3.0 * (i * 0.05) + 1e8);
  CHECK(t.slope() == doctest::Approx(3.0).epsilon(1e-6));
  CHECK(t.count() == 1000);
}

TEST_CASE("linear trend is zero without two distinct x values") {
  LinearTrend t;
  CHECK(t.slope() == 0.0);
  t.add(1, 5);
  t.add(1, 9);
  CHECK(t.slope() == 0.0);
}

TEST_CASE("merged trends equal one trend over all points") {
  LinearTrend a, b, all;
  for (int i = 0; i < 100; ++i) {
    const double x = i, y = 2.0 * i + (i % 7) - 3.0;
    (i % 2 ? a : b).add(x, y);
    all.add(x, y);
  }
  a.merge(b);
  CHECK(a.count() == all.count());
  CHECK(a.slope() == doctest::Approx(all.slope()).epsilon(1e-12));
  LinearTrend empty;
  empty.merge(all);
  CHECK(empty.slope() == doctest::Approx(all.slope()));
}
