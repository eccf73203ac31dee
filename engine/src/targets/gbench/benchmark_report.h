#pragma once
// What one run of one benchmark reported (--benchmark_out, JSON): the figures perfgate
// turns into a trial's metrics.

#include <cstdint>
#include <map>
#include <string>

#include "common/json_cursor.h"

namespace perfgate {

// A report's "time_unit" (ns, us, ms, s) as nanoseconds; also read by perf-compare's
// loader of whole Google Benchmark files. Fails naming the field otherwise.
double nanoseconds_per_time_unit(const JsonCursor& unit);

struct BenchmarkMeasurement {
  std::uint64_t iterations = 0;
  double real_time_ns = 0, cpu_time_ns = 0;  // per iteration
  // items_per_second and bytes_per_second when the benchmark sets them.
  std::map<std::string, double> rates;
  std::map<std::string, double> counters;  // user counters, by name
  // Why there is no measurement: "benchmark error: MESSAGE" (SkipWithError) or
  // "benchmark skipped: MESSAGE"; empty for a measurement.
  std::string failure;
};

// Reads the report of a run of `benchmark`. Throws kInput naming `source` and the field
// when the text is not such a report or does not have the benchmark.
BenchmarkMeasurement benchmark_measurement_from_text(const std::string& text, const std::string& source,
                                                     const std::string& benchmark);

}  // namespace perfgate
