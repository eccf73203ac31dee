#include <doctest/doctest.h>

#include "error_text.h"
#include "perfgate/samples.h"

using namespace perfgate;

TEST_CASE("Google Benchmark repetitions become samples; aggregates are skipped") {
  const std::string text = R"({"context": {}, "benchmarks": [
    {"name": "BM_Sort/1024", "run_name": "BM_Sort/1024", "run_type": "iteration", "repetitions": 3,
     "repetition_index": 0, "real_time": 10.0, "cpu_time": 9.0, "time_unit": "us"},
    {"name": "BM_Sort/1024", "run_name": "BM_Sort/1024", "run_type": "iteration", "repetitions": 3,
     "repetition_index": 1, "real_time": 11.0, "cpu_time": 9.5, "time_unit": "us"},
    {"name": "BM_Sort/1024", "run_name": "BM_Sort/1024", "run_type": "iteration", "repetitions": 3,
     "repetition_index": 2, "real_time": 12.0, "cpu_time": 9.7, "time_unit": "us"},
    {"name": "BM_Sort/1024_mean", "run_name": "BM_Sort/1024", "run_type": "aggregate", "aggregate_name": "mean",
     "real_time": 11.0, "cpu_time": 9.4, "time_unit": "us"}]})";
  const SampleSet s = samples_from_text(text, "gb.json", InputFormat::kAuto);
  CHECK(s.format == "gbench");
  REQUIRE(s.scenarios.size() == 1);
  CHECK(s.scenarios[0].name == "BM_Sort/1024");
  CHECK(s.scenarios[0].metrics.at("real_time").values == std::vector<double>{10000, 11000, 12000});
  CHECK(s.scenarios[0].metrics.at("cpu_time").unit == Unit::kNanoseconds);
  CHECK(s.default_metrics == std::vector<std::string>{"real_time", "cpu_time"});
}

TEST_CASE("a benchmark with one repetition cannot be compared") {
  const std::string text = R"({"benchmarks": [{"name": "BM_X", "run_type": "iteration", "real_time": 1,
    "cpu_time": 1, "time_unit": "ns"}]})";
  CHECK(error_text([&] { samples_from_text(text, "gb.json", InputFormat::kAuto); }) ==
        "gb.json: benchmark 'BM_X' has 1 repetition; cannot compare (run with --benchmark_repetitions=10)");
}

TEST_CASE("hyperfine runs become samples") {
  const std::string text = R"({"results": [{"command": "sleep 0.1", "mean": 0.1, "times": [0.101, 0.102, 0.1]},
                                           {"command": "true", "times": [0.001]}]})";
  CHECK(error_text([&] { samples_from_text(text, "hf.json", InputFormat::kHyperfine); }) ==
        "hf.json: /results/1/times: command 'true' has 1 run(s); cannot compare (run hyperfine with --runs 10 or more)");
  const std::string ok = R"({"results": [{"command": "sleep 0.1", "times": [0.101, 0.102, 0.1]}]})";
  const SampleSet s = samples_from_text(ok, "hf.json", InputFormat::kAuto);
  CHECK(s.format == "hyperfine");
  CHECK(s.scenarios[0].metrics.at("real_time").unit == Unit::kSeconds);
  CHECK(s.scenarios[0].metrics.at("real_time").values.size() == 3);
}

TEST_CASE("unknown documents and forced wrong formats are input errors") {
  CHECK(error_text([] { samples_from_text(R"({"x": 1})", "x.json", InputFormat::kAuto); }) ==
        "x.json: not a perfgate result, Google Benchmark JSON or hyperfine JSON (use --format to say which)");
  CHECK(error_text([] { samples_from_text(R"({"x": 1})", "x.json", InputFormat::kGoogleBenchmark); }) ==
        "x.json: /: missing required field \"benchmarks\"");
  CHECK(error_text([] { samples_from_text(R"({"schema": "perfgate.result/9"})", "r.json", InputFormat::kAuto); })
            .rfind("r.json: /schema: unsupported result schema", 0) == 0);
}
