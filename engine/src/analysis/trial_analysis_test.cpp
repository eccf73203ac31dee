#include <doctest/doctest.h>

#include <cmath>

#include "analysis/trial_analysis.h"
#include "stats/linear_fit.h"

using namespace perfgate;

namespace {

StageSummary level(double rate, double achieved, std::uint64_t ops, std::uint64_t errors, double p99_ms) {
  StageSummary s;
  s.target_rate = rate;
  s.achieved_rate = achieved;
  s.operations = ops;
  s.errors = errors;
  s.latency_p99 = p99_ms * 1e6;
  return s;
}

// A timeline of 1 s intervals with the given p99s (ms).
std::vector<TimelinePoint> timeline(const std::vector<double>& p99_ms) {
  std::vector<TimelinePoint> t;
  for (std::size_t i = 0; i < p99_ms.size(); ++i) {
    TimelinePoint p;
    p.t_s = double(i + 1);
    p.latency_p99 = p99_ms[i] * 1e6;
    t.push_back(p);
  }
  return t;
}

}  // namespace

TEST_CASE("breaking point: the last level meeting every limit, and what broke the next") {
  BreakingPointLimits limits;
  limits.max_p99_ns = 100e6;
  const std::vector<StageSummary> levels = {level(100, 100, 100, 0, 5), level(0, 0, 0, 0, NAN),  // cooldown
                                            level(200, 199, 200, 1, 40), level(300, 250, 300, 30, 400),
                                            level(400, 100, 100, 0, 900)};
  const BreakingPoint b = find_breaking_point(levels, limits);
  CHECK(b.sustained_rate == 200);
  CHECK(b.broken_rate == 300);
  CHECK(b.broken_limits == std::vector<std::string>{"achieved", "error_rate", "p99"});

  const BreakingPoint first = find_breaking_point({level(100, 100, 100, 50, 5)}, limits);
  CHECK_FALSE(first.sustained_rate);
  CHECK(first.broken_limits == std::vector<std::string>{"error_rate"});

  const BreakingPoint none = find_breaking_point({level(100, 100, 100, 0, 5), level(200, 200, 200, 0, 6)}, limits);
  CHECK(none.sustained_rate == 200);
  CHECK_FALSE(none.broken_rate);

  // Every operation failed: no p99 at all is not a p99 within the limit.
  CHECK(find_breaking_point({level(100, 100, 100, 100, NAN)}, limits).broken_limits ==
        std::vector<std::string>{"error_rate", "p99"});
}

TEST_CASE("spike recovery: from the spike's end to the first run of in-bound intervals") {
  std::vector<StageSummary> stages(3);
  stages[0].end_s = 4;
  stages[1].start_s = 4;
  stages[1].end_s = 6;
  stages[2].start_s = 6;
  stages[2].end_s = 14;
  // Before: median 10 ms; bound 15 ms. After the spike (t > 6) p99 falls back at t = 9..10.
  const auto t = timeline({9, 10, 11, 10, 300, 800, 700, 400, 80, 12, 20, 11, 12, 13});
  const SpikeRecovery r = analyse_spike_recovery(t, 1.0, stages, {0.5, 3});
  CHECK(r.reference_p99 == doctest::Approx(10e6));
  CHECK(r.bound_p99 == doctest::Approx(15e6));
  // 12 ms at t=10 starts a run, broken by 20 ms at t=11; the run from the interval ending
  // at 12 (starting at 11) holds for 3 intervals.
  REQUIRE(r.recovery_s);
  CHECK(*r.recovery_s == doctest::Approx(5.0));

  // A single in-bound interval is not enough when `hold` asks for more; never recovering
  // leaves no figure.
  const auto stuck = timeline({10, 10, 10, 10, 300, 800, 700, 12, 500, 600, 700, 800, 900, 12});
  CHECK_FALSE(analyse_spike_recovery(stuck, 1.0, stages, {0.5, 2}).recovery_s);
  // An interval with no successful operation (NaN p99) does not count as recovered.
  auto dead = timeline({10, 10, 10, 10, 300, 800, 12, 12, 12, 12, 12, 12, 12, 12});
  dead[6].latency_p99 = NAN;
  CHECK(*analyse_spike_recovery(dead, 1.0, stages, {0.5, 3}).recovery_s == doctest::Approx(1.0));
}

TEST_CASE("soak drift: slopes with intervals, flagged only when significantly above the bound") {
  std::vector<TimelinePoint> t;
  for (int i = 1; i <= 60; ++i) {
    TimelinePoint p;
    p.t_s = i;
    p.rss_bytes = 50e6 + 4000.0 * i + (i % 2 ? 1000 : -1000);  // leaks 4 kB/s, with noise
    p.latency_p99 = 2e6 + (i % 3) * 1e5;                       // flat, noisy
    t.push_back(p);
  }
  DriftBounds bounds;  // 1 MiB/h ≈ 291 B/s for memory; 10 %/h of the median p99 for latency
  const SoakDrift d = analyse_soak_drift(t, bounds);
  REQUIRE(d.rss);
  CHECK(d.rss->slope == doctest::Approx(4000).epsilon(0.01));
  CHECK(d.rss->low < d.rss->slope);
  CHECK(d.rss->high > d.rss->slope);
  CHECK(d.rss->exceeded);
  REQUIRE(d.p99);
  CHECK(std::abs(d.p99->slope) < 1000);
  CHECK(d.p99->bound == doctest::Approx(0.10 / 3600 * 2.1e6));
  CHECK_FALSE(d.p99->exceeded);
  // A generous bound is not exceeded by the same leak.
  bounds.rss.per_second = 10000;
  CHECK_FALSE(analyse_soak_drift(t, bounds).rss->exceeded);
  // Too few points: no estimate rather than a meaningless one.
  t.resize(2);
  CHECK_FALSE(analyse_soak_drift(t, bounds).rss);
}

TEST_CASE("line fit: slope, intercept and a Student's t interval") {
  const std::vector<double> x = {1, 2, 3, 4, 5}, y = {2.1, 3.9, 6.2, 7.8, 10.1};
  const auto f = stats::fit_line(x, y, 0.95);
  REQUIRE(f);
  CHECK(f->slope == doctest::Approx(1.99));
  CHECK(f->intercept == doctest::Approx(0.05));
  // se = sqrt(SSE/3/10) with SSE = 0.107; t(0.975, 3) = 3.182446
  CHECK(f->slope_high - f->slope == doctest::Approx(3.182446 * std::sqrt(0.107 / 3 / 10)).epsilon(1e-4));
  CHECK_FALSE(stats::fit_line(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3}, 0.95));
}
