#include <doctest/doctest.h>

#include <vector>

#include "perfgate/compare.h"
#include "perfgate/metrics.h"
#include "perfgate/samples.h"
#include "perfgate/run.h"
#include "error_text.h"

using namespace perfgate;

namespace {

SuiteSpec tiny_suite() {
  SuiteSpec s = default_suite();
  select_scenarios(s, {"noop", "kv/*"});
  apply_overrides(s, {2u, Seconds(0.02), Seconds(0.01), std::nullopt});
  return s;
}

}  // namespace

TEST_CASE("running a suite yields every trial with every metric") {
  const Result r = run_suite(tiny_suite(), {}, {});
  CHECK_FALSE(r.interrupted);
  REQUIRE(r.scenarios.size() == 2);
  CHECK(r.suite.scenarios.size() == 2);
  for (const auto& s : r.scenarios) {
    REQUIRE(s.trials.size() == 2);
    std::uint64_t ops = 0;
    for (const auto& t : s.trials) {
      CHECK(t.operations > 0);
      CHECK(t.duration_s >= 0.02);
      // Every metric that applies to a closed model of a built-in workload; open-model,
      // shape-analysis and network metrics only appear where they mean something.
      for (const auto& m : metric_catalogue()) {
        const std::string name(m.name);
        const bool open_or_network =
            name.rfind("service_", 0) == 0 || name == "send_delay_p99" || name == "target_rate" ||
            name == "achieved_rate" || name == "late_count" || name == "dropped_count" ||
            name.find("bytes_per_s") != std::string::npos || name == "spike_recovery" ||
            name == "breaking_point" || name == "p99_slope" || name == "drift_exceeded" ||
            name == "cpu_per_op" ||  // command targets only
            name == "real_time" || name == "cpu_time" || name == "items_per_second";  // Google Benchmark only
        CHECK_MESSAGE(t.metrics.count(name) == (open_or_network ? 0u : 1u), name);
      }
      CHECK(t.metrics.at("throughput") > 0);
      CHECK(t.metrics.at("latency_p50") <= t.metrics.at("latency_p99"));
      CHECK(t.metrics.at("latency_p99") <= t.metrics.at("latency_max"));
      CHECK(t.metrics.at("rss_peak") > 0);
      ops += t.operations;
    }
    CHECK(s.latency.count() == ops);  // no failures in these workloads
  }
  CHECK(r.fingerprint.logical_cores > 0);
  CHECK_FALSE(r.started_at.empty());
}

TEST_CASE("a command target's CPU time per operation comes from its reaped children") {
  SuiteSpec s = tiny_suite();
  s.scenarios.resize(1);
  CommandTargetSpec command;
  command.argv = {PERFGATE_TEST_CHILD, "alloc", "4"};  // page faults: CPU time in every run
  s.scenarios[0].target = command;
  s.scenarios[0].duration = Seconds(0.1);
  RunOptions options;
  options.machine_probe = false;
  const Result r = run_suite(s, options, {});
  for (const auto& t : r.scenarios[0].trials) {
    REQUIRE(t.operations > 0);
    REQUIRE(t.metrics.count("cpu_per_op") == 1);
    const double cpu_ns = (t.metrics.at("cpu_user") + t.metrics.at("cpu_sys")) * 1e9;
    CHECK(cpu_ns > 0);
    CHECK(t.metrics.at("cpu_per_op") == doctest::Approx(cpu_ns / double(t.operations)));
  }
}

TEST_CASE("progress reports every phase in order") {
  std::vector<RunProgress::Phase> phases;
  RunOptions options;
  options.on_progress = [&](const RunProgress& p) { phases.push_back(p.phase); };
  run_suite(tiny_suite(), options, {});
  using P = RunProgress::Phase;
  const std::vector<P> one = {P::kWarmup, P::kTrial, P::kTrial, P::kScenarioDone};
  std::vector<P> expected = one;
  expected.insert(expected.end(), one.begin(), one.end());
  CHECK(phases == expected);
}

TEST_CASE("a stop before the start runs nothing and marks the result interrupted") {
  std::stop_source stop;
  stop.request_stop();
  const Result r = run_suite(tiny_suite(), {}, stop.get_token());
  CHECK(r.interrupted);
  CHECK(r.scenarios.empty());
}

TEST_CASE("an unstartable command target fails before any scenario runs") {
  SuiteSpec s = tiny_suite();
  ScenarioSpec bad = s.scenarios[0];
  bad.name = "broken";
  bad.target = CommandTargetSpec{{"perfgate-no-such-program"}, {}, true, "", Seconds(1)};
  s.scenarios.push_back(bad);
  int progress_calls = 0;
  RunOptions options;
  options.on_progress = [&](const RunProgress&) { ++progress_calls; };
  const std::string e = error_text([&] { run_suite(s, options, {}); });
  CHECK(e == "scenario 'broken': command target: cannot execute 'perfgate-no-such-program': not found or not executable");
  CHECK(progress_calls == 0);
}

TEST_CASE("planned duration adds warmups and trials") {
  CHECK(planned_duration(tiny_suite()).count() == doctest::Approx(2 * (0.01 + 2 * 0.02)));
}

TEST_CASE("a paired scenario interleaves its variants in alternating order") {
  SuiteSpec s = tiny_suite();
  s.scenarios.resize(1);
  s.scenarios[0].trials = 4;
  s.scenarios[0].paired_baseline = BuiltinTargetSpec{"noop", {}};
  CHECK(planned_duration(s).count() == doctest::Approx(2 * 0.01 + 8 * 0.02));
  int trial_reports = 0;
  RunOptions options;
  options.on_progress = [&](const RunProgress& p) { trial_reports += p.phase == RunProgress::Phase::kTrial; };
  const Result r = run_suite(s, options, {});
  REQUIRE(r.scenarios.size() == 1);
  const auto& sc = r.scenarios[0];
  REQUIRE(sc.baseline.has_value());
  CHECK(sc.trials.size() == 4);
  CHECK(sc.baseline->trials.size() == 4);
  REQUIRE(sc.baseline->baseline_first.size() == 4);
  for (std::size_t k = 1; k < 4; ++k) CHECK(sc.baseline->baseline_first[k] != sc.baseline->baseline_first[k - 1]);
  CHECK(trial_reports == 4);
  CHECK(r.suite.scenarios[0].paired_baseline.has_value());
}

TEST_CASE("adaptive trials: none when decided, more until the budget when not") {
  SuiteSpec s = tiny_suite();
  s.scenarios.resize(1);
  s.scenarios[0].trials = 6;
  s.scenarios[0].paired_baseline = BuiltinTargetSpec{"noop", {}};
  RunOptions options;
  options.adaptive = AdaptiveTrials{};
  options.adaptive->budget = Seconds(10);
  // noop against itself on its median latency with a 90 % threshold: decided at once
  // (6 pairs give the paired t interval 5 degrees of freedom).
  CompareOptions median;
  median.metrics = {"latency_p50"};
  median.thresholds = {parse_practical_threshold("90%")};
  options.adaptive->undecided = undecided_check(median, std::nullopt);
  CHECK(run_suite(s, options, {}).scenarios[0].trials.size() == 6);

  // Against a one-trial baseline nothing can ever be decided: trials are added until the
  // scenario's share of the budget is spent, and the run stays within the budget.
  SuiteSpec single = tiny_suite();
  single.scenarios.resize(1);
  const Result one_trial = [&] {
    SuiteSpec t = single;
    t.scenarios[0].trials = 1;
    return run_suite(t, {}, {});
  }();
  options.adaptive->budget = Seconds(1.5);
  options.machine_probe = false;  // its 0.35 s are part of the budget; not what this test is about
  options.adaptive->undecided =
      undecided_check({}, samples_from_text(to_json(one_trial).dump(), "one.json", InputFormat::kAuto));
  int extra_reports = 0;
  options.on_progress = [&](const RunProgress& p) { extra_reports += p.phase == RunProgress::Phase::kExtraTrial; };
  const Result r = run_suite(single, options, {});
  const std::size_t trials = r.scenarios[0].trials.size();
  CHECK(trials > single.scenarios[0].trials);
  CHECK(extra_reports == int(trials - single.scenarios[0].trials));
  CHECK(r.duration_s < 1.5 + 2 * single.scenarios[0].duration.count() + 0.5);  // budget, with slack for a loaded machine
}
