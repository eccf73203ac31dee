#include "load/stage_recorder.h"

#include <doctest/doctest.h>

namespace perfgate {

TEST_CASE("a level's achieved rate counts operations when they start, not when they end") {
  const RateSchedule schedule({{Seconds(1), 10, 10}, {Seconds(1), 20, 20}});
  StageRecorder stages(schedule);
  for (int k = 0; k < 10; ++k) stages.started(0.1 * k, 0.1 * k);
  stages.started(0.95, 1.2);  // due in the first level, started in the second: not achieved there
  CHECK(stages.ended(0) == 0);
  CHECK(stages.summary(0).achieved_rate == doctest::Approx(10.0));
}

TEST_CASE("operations not yet ended are judged as late as the caller says they are") {
  const RateSchedule schedule({{Seconds(1), 100, 100}, {Seconds(1), 200, 200}});
  StageRecorder stages(schedule);
  for (int k = 0; k < 97; ++k) stages.record(0.01 * k, 1'000'000, true);
  CHECK(stages.ended(0) == 97);
  CHECK(stages.summary(0).latency_p99 < 2e6);
  const StageSummary judged = stages.summary(0, 3, 500'000'000);
  CHECK(judged.operations == 100);
  CHECK(judged.latency_p99 > 4e8);
  CHECK(stages.summary(1).operations == 0);
}

}  // namespace perfgate
