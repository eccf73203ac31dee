#include <doctest/doctest.h>

#include "error_text.h"
#include "perfgate/result.h"
#include "temp_dir.h"

using namespace perfgate;

namespace {

Result sample_result() {
  Result r;
  r.started_at = "2026-11-23T12:00:00Z";
  r.duration_s = 1.5;
  r.fingerprint.cpu_model = "Test CPU";
  r.fingerprint.logical_cores = 2;
  r.fingerprint.git = GitState{"abc123", "main", true};
  r.suite = default_suite();
  r.suite.scenarios.resize(1);
  ScenarioResult s;
  s.name = r.suite.scenarios[0].name;
  TrialResult t;
  t.duration_s = 0.5;
  t.operations = 1000;
  t.errors_by_reason["exit status 1"] = 3;
  t.metrics = {{"throughput", 1994.0}, {"latency_p99", 1234.5}, {"error_rate", 0.003}};
  s.trials = {t, t};
  for (std::uint64_t v = 100; v < 100000; v += 37) s.latency.record(v);
  r.scenarios.push_back(s);
  return r;
}

std::string result_error(const std::function<void(Json&)>& corrupt) {
  Json j = to_json(sample_result());
  corrupt(j);
  return error_text([&] { result_from_text(j.dump(), "r.json"); });
}

}  // namespace

TEST_CASE("a result survives a JSON round trip unchanged") {
  const Result r = sample_result();
  const Json j = to_json(r);
  CHECK(j.begin().key() == "schema");
  CHECK(j.at("schema") == "perfgate.result/1");
  CHECK(j.at("metrics").at("throughput").at("direction") == "higher_is_better");
  CHECK(j.at("metrics").at("latency_p99").at("unit") == "ns");
  const Result back = result_from_text(j.dump(), "r.json");
  CHECK(to_json(back) == j);
  CHECK(back.fingerprint.git->dirty);
  CHECK(back.scenarios[0].latency.quantile(0.5) == r.scenarios[0].latency.quantile(0.5));
}

TEST_CASE("write_result and read_result agree") {
  const TempDir dir;
  const auto path = (dir.path() / "r.json").string();
  write_result(sample_result(), path);
  CHECK(to_json(read_result(path)) == to_json(sample_result()));
}

TEST_CASE("bad result files are rejected with the field named") {
  CHECK(result_error([](Json& j) { j["schema"] = "perfgate.result/2"; }) ==
        "r.json: /schema: unsupported result schema \"perfgate.result/2\" (this perfgate reads perfgate.result/1)");
  CHECK(result_error([](Json& j) { j.erase("scenarios"); }) == "r.json: /: missing required field \"scenarios\"");
  CHECK(result_error([](Json& j) { j["scenarios"][0]["trials"][1]["metrics"]["speed"] = 1; }) ==
        "r.json: /scenarios/0/trials/1/metrics/speed: unknown metric");
  CHECK(result_error([](Json& j) { j["scenarios"][0]["trials"][0]["operations"] = -5; }) ==
        "r.json: /scenarios/0/trials/0/operations: expected integer >= 0, got -5");
  CHECK(result_error([](Json& j) { j["scenarios"][0]["latency_histogram"]["count"] = 1; }) ==
        "r.json: /scenarios/0/latency_histogram/counts: histogram counts do not add up to count");
  CHECK(result_error([](Json& j) { j["fingerprint"].erase("os"); }) ==
        "r.json: /fingerprint: missing required field \"os\"");
  CHECK(result_error([](Json& j) { j["fingerprint"]["logical_cores"] = -2; }) ==
        "r.json: /fingerprint/logical_cores: expected integer in [0, 1048576], got -2");
  CHECK(result_error([](Json& j) { j = Json::array(); }) == "r.json: /: expected a perfgate result object, got []");
  CHECK(error_text([] { result_from_text("{", "r.json"); }).rfind("r.json: invalid JSON", 0) == 0);
}

TEST_CASE("paired baselines survive the round trip and are validated") {
  Result r = sample_result();
  r.scenarios[0].baseline = PairedBaseline{r.scenarios[0].trials, {}, {true, false}};
  const Json j = to_json(r);
  const Result back = result_from_text(j.dump(), "r.json");
  REQUIRE(back.scenarios[0].baseline.has_value());
  CHECK(back.scenarios[0].baseline->baseline_first == std::vector<bool>{true, false});
  CHECK(to_json(back) == j);
  Json broken = j;
  broken["scenarios"][0]["baseline"]["baseline_first"] = Json::array({true});
  CHECK(error_text([&] { result_from_text(broken.dump(), "r.json"); }) ==
        "r.json: /scenarios/0/baseline: a paired baseline needs as many trials and baseline_first entries as the "
        "candidate has trials (2)");
}

TEST_CASE("stages, analyses and sweeps survive the round trip; sweeps are recomputed") {
  Result r = sample_result();
  TrialResult& t = r.scenarios[0].trials[0];
  t.stages = {StageSummary{0, 2, 100, 99.5, 199, 1, 5e6, 9e6}, StageSummary{2, 3, 0, 0, 0, 0, NAN, NAN}};
  t.analysis.spike = SpikeRecovery{6e6, 9e6, 2.5};
  t.analysis.breaking_point = BreakingPoint{150.0, 200.0, {"p99"}, true};
  t.analysis.drift = SoakDrift{0.95, SlopeEstimate{4e6, 3.9e6, 4.1e6, 291, true, 12}, std::nullopt};
  const Json j = to_json(r);
  CHECK(j["scenarios"][0]["trials"][0]["stages"][1]["latency_p99"].is_null());
  CHECK(j["scenarios"][0]["trials"][0]["analysis"]["drift"]["p99"].is_null());
  CHECK(j["scenarios"][0]["trials"][0]["analysis"]["spike_recovery"]["recovered"] == true);
  CHECK(to_json(result_from_text(j.dump(), "r.json")) == j);
  CHECK(result_error([](Json& d) {
          d["scenarios"][0]["trials"][0]["analysis"] = {{"spike_recovery",
                                                          {{"reference_p99", 1}, {"bound_p99", 2}, {"recovered", true}, {"recovery_s", nullptr}}}};
        }) == "r.json: /scenarios/0/trials/0/analysis/spike_recovery: 'recovered' must be true exactly when 'recovery_s' is a number");

  // A sweep's figures come from its scenarios, whatever a file says about them.
  Result swept = sample_result();
  swept.suite.scenarios[0].name = "sort/items=1000";
  swept.suite.scenarios[0].sweep = SweepPoint{"sort", "items", 1000};
  swept.suite.scenarios.push_back(swept.suite.scenarios[0]);
  swept.suite.scenarios[1].name = "sort/items=4000";
  swept.suite.scenarios[1].sweep = SweepPoint{"sort", "items", 4000};
  swept.scenarios[0].name = "sort/items=1000";
  swept.scenarios.push_back(swept.scenarios[0]);
  swept.scenarios[1].name = "sort/items=4000";
  for (int i = 0; i < 2; ++i) {
    for (auto& trial : swept.scenarios[i].trials) trial.metrics["latency_mean"] = i == 0 ? 1000.0 : 16000.0;  // quadratic
  }
  swept.scenarios[1].trials[1].metrics["latency_mean"] = 17000.0;  // some noise, for an interval
  swept.sweeps = analyse_sweeps(swept);
  REQUIRE(swept.sweeps.size() == 1);
  CHECK(swept.sweeps[0].points.size() == 2);
  REQUIRE(swept.sweeps[0].exponent);
  CHECK(swept.sweeps[0].exponent->estimate == doctest::Approx(2.02).epsilon(0.01));
  Json doctored = to_json(swept);
  doctored["sweeps"][0]["exponent"]["estimate"] = 99;
  CHECK(result_from_text(doctored.dump(), "r.json").sweeps[0].exponent->estimate == doctest::Approx(2.02).epsilon(0.01));
}
