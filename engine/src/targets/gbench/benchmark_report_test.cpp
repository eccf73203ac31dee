#include <doctest/doctest.h>

#include "error_text.h"
#include "targets/gbench/benchmark_report.h"

using namespace perfgate;

namespace {

// The shape Google Benchmark 1.7 writes with --benchmark_out_format=json.
std::string report(const std::string& entries) {
  return R"({"context": {"date": "2026-12-04", "num_cpus": 2}, "benchmarks": [)" + entries + "]}";
}

const std::string kMeasured = R"({"name": "BM_Parse/64", "run_name": "BM_Parse/64", "run_type": "iteration",
  "repetitions": 1, "repetition_index": 0, "threads": 1, "iterations": 1000, "real_time": 2.5, "cpu_time": 2.25,
  "time_unit": "us", "items_per_second": 4.0e5, "hits": 3, "label": "text"})";

}  // namespace

TEST_CASE("a benchmark's report becomes time per iteration in ns, rates and user counters") {
  const auto m = benchmark_measurement_from_text(report(kMeasured), "r.json", "BM_Parse/64");
  CHECK(m.failure.empty());
  CHECK(m.iterations == 1000);
  CHECK(m.real_time_ns == doctest::Approx(2500));
  CHECK(m.cpu_time_ns == doctest::Approx(2250));
  CHECK(m.rates == std::map<std::string, double>{{"items_per_second", 4.0e5}});
  CHECK(m.counters == std::map<std::string, double>{{"hits", 3}});  // not label, threads or the indices
}

TEST_CASE("an error or a skip in the report is a failure with the benchmark's own message") {
  const auto error = benchmark_measurement_from_text(
      report(R"({"name": "BM_X", "run_type": "iteration", "error_occurred": true, "error_message": "no input",
                 "iterations": 0, "real_time": 0, "cpu_time": 0, "time_unit": "ns"})"),
      "r.json", "BM_X");
  CHECK(error.failure == "benchmark error: no input");
  const auto skipped = benchmark_measurement_from_text(
      report(R"({"name": "BM_X", "run_type": "iteration", "skipped": true, "skip_message": "needs AVX-512"})"),
      "r.json", "BM_X");
  CHECK(skipped.failure == "benchmark skipped: needs AVX-512");
}

TEST_CASE("aggregates are not the benchmark's measurement, and other benchmarks are ignored") {
  const std::string mean = R"({"name": "BM_Parse/64_mean", "run_name": "BM_Parse/64", "run_type": "aggregate",
    "aggregate_name": "mean", "iterations": 3, "real_time": 9, "cpu_time": 9, "time_unit": "ns"})";
  const std::string other = R"({"name": "BM_Parse/640", "run_type": "iteration", "iterations": 5, "real_time": 7,
    "cpu_time": 7, "time_unit": "ns"})";
  const auto m = benchmark_measurement_from_text(report(mean + "," + other + "," + kMeasured), "r.json", "BM_Parse/64");
  CHECK(m.iterations == 1000);
}

TEST_CASE("a report that is not one, or lacks the benchmark, is refused naming the field") {
  CHECK(error_text([] { benchmark_measurement_from_text("{}", "r.json", "BM_X"); }) ==
        "r.json: /: missing required field \"benchmarks\"");
  CHECK(error_text([] { benchmark_measurement_from_text(report(kMeasured), "r.json", "BM_X"); }) ==
        "r.json: /benchmarks: no result for benchmark 'BM_X'");
  CHECK(error_text([] { benchmark_measurement_from_text(report(kMeasured + "," + kMeasured), "r.json", "BM_Parse/64"); }) ==
        "r.json: /benchmarks/1: benchmark 'BM_Parse/64' reported twice (perf-run runs one repetition)");
  const std::string bad_unit = R"({"name": "BM_X", "run_type": "iteration", "iterations": 1, "real_time": 1,
    "cpu_time": 1, "time_unit": "fortnights"})";
  CHECK(error_text([&] { benchmark_measurement_from_text(report(bad_unit), "r.json", "BM_X"); }) ==
        "r.json: /benchmarks/0/time_unit: expected a time unit (ns, us, ms, s), got \"fortnights\"");
  const std::string no_iterations = R"({"name": "BM_X", "run_type": "iteration", "iterations": 0, "real_time": 1,
    "cpu_time": 1, "time_unit": "ns"})";
  CHECK(error_text([&] { benchmark_measurement_from_text(report(no_iterations), "r.json", "BM_X"); }).find(
            "/benchmarks/0/iterations") != std::string::npos);
}
