#pragma once
// The catalogue of per-trial metrics: name, unit and direction. Results carry this
// catalogue so that a reader never has to guess whether bigger is better.

#include <optional>
#include <span>
#include <string_view>

namespace perfgate {

enum class Direction { kHigherIsBetter, kLowerIsBetter };

// What a metric's values are measured in. Result and verdict files carry the short name
// (to_string); everything else compares the enum.
enum class Unit {
  kNone,           // ""
  kNanoseconds,    // "ns"
  kSeconds,        // "s"
  kOpsPerSecond,   // "ops/s"
  kBytes,          // "bytes"
  kBytesPerSecond, // "bytes/s"
  kNsPerSecond,    // "ns/s": growth of a latency
  kRatio,          // "ratio": 0.01 is 1 %
  kCount,          // "count"
  kCores,          // "cores"
};
std::string_view to_string(Unit unit);
std::optional<Unit> unit_from_string(std::string_view name);  // empty when unknown

// What a limit written with a unit ("200ms", "1%", "500/s", "64MiB") measures; a limit
// applies to a metric whose unit has the same dimension.
enum class Dimension { kNone, kTime, kRatio, kRate, kBytes };
std::string_view to_string(Dimension dimension);  // "time", ..., "" for kNone
Dimension dimension_of(Unit unit);  // kNone for units no written limit measures
// How many base units of its dimension (ns, ratio, /s, bytes) one `unit` is: 1e9 for s.
double base_units_per(Unit unit);

struct MetricInfo {
  std::string_view name;
  Unit unit;
  Direction direction;
  std::string_view description;
};

// Google Benchmark user counters are metrics "counter/NAME" (unit none) beside the
// catalogue's; which way is better is what the scenario's target declares.
inline constexpr std::string_view kCounterMetricPrefix = "counter/";
bool is_counter_metric(std::string_view name);

std::span<const MetricInfo> metric_catalogue();
const MetricInfo* find_metric(std::string_view name);  // nullptr when unknown
// The open-model shape whose analysis produces the metric ("spike", "step", "soak"), or
// "" for a metric that any scenario may have.
std::string_view metric_shape(std::string_view name);
std::string_view to_string(Direction direction);

}  // namespace perfgate
