// Google Benchmark's JSON report → BenchmarkMeasurement. Its format is not versioned;
// what is read here is common to releases 1.5 to 1.9 (docs/gbench.md).

#include "targets/gbench/benchmark_report.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "common/json_cursor.h"
#include "perfgate/error.h"

namespace perfgate {
namespace {

// Members of a benchmark entry that are not user counters.
constexpr std::array<std::string_view, 23> kReportFields = {
    "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions",
    "repetition_index", "threads", "iterations", "real_time", "cpu_time", "time_unit", "items_per_second",
    "bytes_per_second", "label", "error_occurred", "error_message", "skipped", "skip_message",
    "aggregate_name", "aggregate_unit", "big_o", "rms"};

bool flag(const JsonCursor& entry, std::string_view key) {
  const auto f = entry.find(key);
  return f && f->as_bool();
}

std::string message(const JsonCursor& entry, std::string_view key) {
  const auto m = entry.find(key);
  return m ? m->as_string() : "(no message)";
}

BenchmarkMeasurement measurement_from_json(const JsonCursor& entry) {
  BenchmarkMeasurement m;
  if (flag(entry, "error_occurred")) {
    m.failure = "benchmark error: " + message(entry, "error_message");
    return m;
  }
  if (flag(entry, "skipped")) {
    m.failure = "benchmark skipped: " + message(entry, "skip_message");
    return m;
  }
  m.iterations = entry.at("iterations").as_uint(1, UINT64_MAX);
  const double to_ns = nanoseconds_per_time_unit(entry.at("time_unit"));
  m.real_time_ns = entry.at("real_time").as_number_in(0, 1e300) * to_ns;
  m.cpu_time_ns = entry.at("cpu_time").as_number_in(0, 1e300) * to_ns;
  for (const auto& [key, value] : entry.members()) {
    if (key == "items_per_second" || key == "bytes_per_second") {
      m.rates[key] = value.as_number();
    } else if (std::find(kReportFields.begin(), kReportFields.end(), key) == kReportFields.end() &&
               value.value().is_number()) {
      m.counters[key] = value.as_number();
    }
  }
  return m;
}

}  // namespace

double nanoseconds_per_time_unit(const JsonCursor& unit) {
  const std::string u = unit.as_string();
  if (u == "ns") return 1;
  if (u == "us") return 1e3;
  if (u == "ms") return 1e6;
  if (u == "s") return 1e9;
  unit.fail_expected("a time unit (ns, us, ms, s)");
}

BenchmarkMeasurement benchmark_measurement_from_text(const std::string& text, const std::string& source,
                                                     const std::string& benchmark) {
  const Json doc = parse_json_text(text, source);
  const JsonCursor root(doc, source);
  std::optional<JsonCursor> found;
  for (const auto& entry : root.at("benchmarks").elements()) {
    if (auto type = entry.find("run_type"); type && type->as_string() != "iteration") continue;
    const std::string name = entry.has("run_name") ? entry.at("run_name").as_string() : entry.at("name").as_string();
    if (name != benchmark) continue;
    if (found) entry.fail("benchmark '" + benchmark + "' reported twice (perf-run runs one repetition)");
    found = entry;
  }
  if (!found) root.at("benchmarks").fail("no result for benchmark '" + benchmark + "'");
  return measurement_from_json(*found);
}

}  // namespace perfgate
