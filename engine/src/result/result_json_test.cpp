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
  return error_text([&] { parse_result(j.dump(), "r.json"); });
}

}  // namespace

TEST_CASE("a result survives a JSON round trip unchanged") {
  const Result r = sample_result();
  const Json j = to_json(r);
  CHECK(j.begin().key() == "schema");
  CHECK(j.at("schema") == "perfgate.result/1");
  CHECK(j.at("metrics").at("throughput").at("direction") == "higher_is_better");
  CHECK(j.at("metrics").at("latency_p99").at("unit") == "ns");
  const Result back = parse_result(j.dump(), "r.json");
  CHECK(to_json(back) == j);
  CHECK(back.fingerprint.git->dirty);
  CHECK(back.scenarios[0].latency.quantile(0.5) == r.scenarios[0].latency.quantile(0.5));
}

TEST_CASE("write_result and load_result_file agree") {
  const TempDir dir;
  const auto path = (dir.path() / "r.json").string();
  write_result(sample_result(), path);
  CHECK(to_json(load_result_file(path)) == to_json(sample_result()));
}

TEST_CASE("bad result files are rejected with the field named") {
  CHECK(result_error([](Json& j) { j["schema"] = "perfgate.result/2"; }) ==
        "r.json: /schema: unsupported result schema \"perfgate.result/2\" (this perfgate reads perfgate.result/1)");
  CHECK(result_error([](Json& j) { j.erase("scenarios"); }) == "r.json: /: missing required field \"scenarios\"");
  CHECK(result_error([](Json& j) { j["scenarios"][0]["trials"][1]["metrics"]["speed"] = 1; }) ==
        "r.json: /scenarios/0/trials/1/metrics/speed: unknown metric");
  CHECK(result_error([](Json& j) { j["scenarios"][0]["trials"][0]["operations"] = -5; }) ==
        "r.json: /scenarios/0/trials/0/operations: expected integer >= 0, got -5");
  CHECK(result_error([](Json& j) { j["scenarios"][0]["latency_histogram"]["count"] = 1; })
            .rfind("r.json: /scenarios/0/latency_histogram: invalid histogram", 0) == 0);
  CHECK(result_error([](Json& j) { j["fingerprint"].erase("os"); })
            .rfind("r.json: /fingerprint: invalid fingerprint", 0) == 0);
  CHECK(result_error([](Json& j) { j = Json::array(); }) == "r.json: /: expected a perfgate result object, got []");
  CHECK(error_text([] { parse_result("{", "r.json"); }).rfind("r.json: invalid JSON", 0) == 0);
}

TEST_CASE("paired baselines survive the round trip and are validated") {
  Result r = sample_result();
  r.scenarios[0].baseline = PairedBaseline{r.scenarios[0].trials, {}, {true, false}};
  const Json j = to_json(r);
  const Result back = parse_result(j.dump(), "r.json");
  REQUIRE(back.scenarios[0].baseline.has_value());
  CHECK(back.scenarios[0].baseline->baseline_first == std::vector<bool>{true, false});
  CHECK(to_json(back) == j);
  Json broken = j;
  broken["scenarios"][0]["baseline"]["baseline_first"] = Json::array({true});
  CHECK(error_text([&] { parse_result(broken.dump(), "r.json"); }) ==
        "r.json: /scenarios/0/baseline: a paired baseline needs as many trials and baseline_first entries as the "
        "candidate has trials (2)");
}
