#include <doctest/doctest.h>

#include <cmath>

#include "load/rate_schedule.h"

namespace perfgate {

TEST_CASE("rate schedule: a held rate is evenly spaced, a ramp integrates the rate") {
  const RateSchedule held({{Seconds(2), 100, 100}});
  CHECK(held.total_operations() == doctest::Approx(200));
  CHECK(*held.due(0) == doctest::Approx(0));
  CHECK(*held.due(150) == doctest::Approx(1.5));
  CHECK_FALSE(held.due(200));
  // 0 → 200/s over 2 s: 200 operations; the k-th is due at sqrt(k / 50).
  const RateSchedule ramp({{Seconds(2), 0, 200}});
  CHECK(ramp.total_operations() == doctest::Approx(200));
  CHECK(*ramp.due(50) == doctest::Approx(1.0));
  CHECK(*ramp.due(100) == doctest::Approx(std::sqrt(2.0)));
  // Ramping down, then a pause (rate 0), then a hold.
  const RateSchedule stages({{Seconds(1), 100, 0}, {Seconds(1), 0, 0}, {Seconds(1), 10, 10}});
  CHECK(stages.total_operations() == doctest::Approx(60));
  CHECK(*stages.due(49) < 1.0);
  CHECK(*stages.due(50) == doctest::Approx(2.0));
  CHECK(*stages.due(59) == doctest::Approx(2.9));
  CHECK(stages.duration() == doctest::Approx(3.0));
}

TEST_CASE("a warmup runs the first part of a shape, a cut ramp ending where it got to") {
  const std::vector<RateStage> stages = {{Seconds(2), 100, 100}, {Seconds(4), 100, 500}, {Seconds(2), 500, 500}};
  const auto part = first_part(stages, Seconds(4));
  REQUIRE(part.size() == 2);
  CHECK(part[0].duration.count() == 2);
  CHECK(part[1].duration.count() == doctest::Approx(2));
  CHECK(part[1].from == 100);
  CHECK(part[1].to == doctest::Approx(300));
  CHECK(first_part(stages, Seconds(100)).size() == 3);
  CHECK(RateSchedule(part).stage_at(3.0) == 1);
  CHECK(RateSchedule(part).stage_at(99.0) == 1);
}


TEST_CASE("due_before counts the operations due before a time, as stage_at assigns them") {
  const RateSchedule stages({{Seconds(1), 100, 100}, {Seconds(1), 50, 50}});
  CHECK(stages.due_before(0.0) == 0);
  CHECK(stages.due_before(1.0) == 100);
  CHECK(stages.due_before(2.0) == 150);
  CHECK(stages.due_before(99.0) == 150);
  for (std::uint64_t k : {std::uint64_t(0), std::uint64_t(99), std::uint64_t(100), std::uint64_t(149)}) {
    CHECK(stages.stage_at(*stages.due(k)) == (k < 100 ? 0u : 1u));
  }
}

}  // namespace perfgate
