#include <algorithm>
#include <array>

#include "perfgate/metrics.h"

namespace perfgate {
namespace {

constexpr auto kLower = Direction::kLowerIsBetter;
constexpr auto kHigher = Direction::kHigherIsBetter;

constexpr std::array<MetricInfo, 34> kCatalogue = {{
    {"throughput", Unit::kOpsPerSecond, kHigher, "successful operations per second of trial wall time"},
    {"latency_mean", Unit::kNanoseconds, kLower, "mean latency of successful operations"},
    {"latency_p50", Unit::kNanoseconds, kLower, "median latency"},
    {"latency_p90", Unit::kNanoseconds, kLower, "90th percentile latency"},
    {"latency_p95", Unit::kNanoseconds, kLower, "95th percentile latency"},
    {"latency_p99", Unit::kNanoseconds, kLower, "99th percentile latency"},
    {"latency_p999", Unit::kNanoseconds, kLower, "99.9th percentile latency"},
    {"latency_p9999", Unit::kNanoseconds, kLower, "99.99th percentile latency"},
    {"latency_max", Unit::kNanoseconds, kLower, "largest latency"},
    {"error_count", Unit::kCount, kLower, "failed operations"},
    {"error_rate", Unit::kRatio, kLower, "failed operations / all operations"},
    {"cpu_user", Unit::kSeconds, kLower, "user CPU time of the system under test"},
    {"cpu_sys", Unit::kSeconds, kLower, "system CPU time of the system under test"},
    {"cpu_per_op", Unit::kNanoseconds, kLower, "command targets: CPU time (user + system) of the children per operation"},
    {"neighbour_load", Unit::kCores, kLower, "cores other processes kept busy during the trial (from /proc/stat, steal included)"},
    {"rss_peak", Unit::kBytes, kLower, "peak resident memory of the system under test"},
    {"rss_slope", Unit::kBytesPerSecond, kLower, "least-squares slope of resident memory over the trial"},
    {"service_p50", Unit::kNanoseconds, kLower, "open model: median time from actual start to end (not corrected)"},
    {"service_p99", Unit::kNanoseconds, kLower, "open model: 99th percentile time from actual start to end (not corrected)"},
    {"send_delay_p99", Unit::kNanoseconds, kLower, "open model: 99th percentile of actual minus scheduled start"},
    {"target_rate", Unit::kOpsPerSecond, kHigher, "open model: operations scheduled per second"},
    {"achieved_rate", Unit::kOpsPerSecond, kHigher, "open model: operations started per second"},
    {"late_count", Unit::kCount, kLower, "open model: operations started more than 1 ms after their due time"},
    {"dropped_count", Unit::kCount, kLower, "open model: operations due in the trial that never started"},
    {"sent_bytes_per_s", Unit::kBytesPerSecond, kHigher, "HTTP request bytes (headers and body) sent per second"},
    {"received_bytes_per_s", Unit::kBytesPerSecond, kHigher, "HTTP response bytes (headers and body) received per second"},
    {"spike_recovery", Unit::kSeconds, kLower, "spike shape: time from the spike's end until p99 is back near its pre-spike level"},
    {"breaking_point", Unit::kOpsPerSecond, kHigher, "step shape: highest level rate that met the limits (0 if none did)"},
    {"p99_slope", Unit::kNsPerSecond, kLower, "soak shape: least-squares slope of interval p99 over the trial"},
    {"drift_exceeded", Unit::kCount, kLower, "soak shape: drift bounds (rss, p99) whose slope is significantly above the bound"},
    {"real_time", Unit::kNanoseconds, kLower, "Google Benchmark: wall time per iteration"},
    {"cpu_time", Unit::kNanoseconds, kLower, "Google Benchmark: CPU time per iteration (all of the benchmark's threads)"},
    {"items_per_second", Unit::kOpsPerSecond, kHigher, "Google Benchmark: items processed per second (SetItemsProcessed)"},
    {"bytes_per_second", Unit::kBytesPerSecond, kHigher, "Google Benchmark: bytes processed per second (SetBytesProcessed)"},
}};

constexpr std::array<std::pair<Unit, std::string_view>, 10> kUnitNames = {{
    {Unit::kNone, ""},
    {Unit::kNanoseconds, "ns"},
    {Unit::kSeconds, "s"},
    {Unit::kOpsPerSecond, "ops/s"},
    {Unit::kBytes, "bytes"},
    {Unit::kBytesPerSecond, "bytes/s"},
    {Unit::kNsPerSecond, "ns/s"},
    {Unit::kRatio, "ratio"},
    {Unit::kCount, "count"},
    {Unit::kCores, "cores"},
}};

}  // namespace

std::string_view to_string(Unit unit) {
  for (const auto& [u, name] : kUnitNames) {
    if (u == unit) return name;
  }
  return "?";
}

std::optional<Unit> unit_from_string(std::string_view name) {
  for (const auto& [u, n] : kUnitNames) {
    if (n == name) return u;
  }
  return std::nullopt;
}

std::string_view to_string(Dimension dimension) {
  switch (dimension) {
    case Dimension::kTime: return "time";
    case Dimension::kRatio: return "ratio";
    case Dimension::kRate: return "rate";
    case Dimension::kBytes: return "bytes";
    case Dimension::kNone: break;
  }
  return "";
}

// Only operations per second is a rate a "/s" limit means: bytes/s and ns/s are growths
// of another dimension, and no written unit measures them.
Dimension dimension_of(Unit unit) {
  switch (unit) {
    case Unit::kNanoseconds:
    case Unit::kSeconds: return Dimension::kTime;
    case Unit::kRatio: return Dimension::kRatio;
    case Unit::kOpsPerSecond: return Dimension::kRate;
    case Unit::kBytes: return Dimension::kBytes;
    default: return Dimension::kNone;
  }
}

double base_units_per(Unit unit) { return unit == Unit::kSeconds ? 1e9 : 1.0; }

std::span<const MetricInfo> metric_catalogue() { return kCatalogue; }

bool is_counter_metric(std::string_view name) {
  return name.size() > kCounterMetricPrefix.size() && name.substr(0, kCounterMetricPrefix.size()) == kCounterMetricPrefix;
}

const MetricInfo* find_metric(std::string_view name) {
  const auto it = std::find_if(kCatalogue.begin(), kCatalogue.end(),
                               [&](const MetricInfo& m) { return m.name == name; });
  return it == kCatalogue.end() ? nullptr : &*it;
}

std::string_view metric_shape(std::string_view name) {
  if (name == "spike_recovery") return "spike";
  if (name == "breaking_point") return "step";
  if (name == "p99_slope" || name == "drift_exceeded") return "soak";
  return "";
}

std::string_view to_string(Direction direction) {
  return direction == Direction::kHigherIsBetter ? "higher_is_better" : "lower_is_better";
}

}  // namespace perfgate
