#include <algorithm>
#include <array>

#include "perfgate/metrics.h"

namespace perfgate {
namespace {

constexpr auto kLower = Direction::kLowerIsBetter;
constexpr auto kHigher = Direction::kHigherIsBetter;

constexpr std::array<MetricInfo, 30> kCatalogue = {{
    {"throughput", "ops/s", kHigher, "successful operations per second of trial wall time"},
    {"latency_mean", "ns", kLower, "mean latency of successful operations"},
    {"latency_p50", "ns", kLower, "median latency"},
    {"latency_p90", "ns", kLower, "90th percentile latency"},
    {"latency_p95", "ns", kLower, "95th percentile latency"},
    {"latency_p99", "ns", kLower, "99th percentile latency"},
    {"latency_p999", "ns", kLower, "99.9th percentile latency"},
    {"latency_p9999", "ns", kLower, "99.99th percentile latency"},
    {"latency_max", "ns", kLower, "largest latency"},
    {"error_count", "count", kLower, "failed operations"},
    {"error_rate", "ratio", kLower, "failed operations / all operations"},
    {"cpu_user", "s", kLower, "user CPU time of the system under test"},
    {"cpu_sys", "s", kLower, "system CPU time of the system under test"},
    {"cpu_per_op", "ns", kLower, "command targets: CPU time (user + system) of the children per operation"},
    {"neighbour_load", "cores", kLower, "cores other processes kept busy during the trial (from /proc/stat, steal included)"},
    {"rss_peak", "bytes", kLower, "peak resident memory of the system under test"},
    {"rss_slope", "bytes/s", kLower, "least-squares slope of resident memory over the trial"},
    {"service_p50", "ns", kLower, "open model: median time from actual start to end (not corrected)"},
    {"service_p99", "ns", kLower, "open model: 99th percentile time from actual start to end (not corrected)"},
    {"send_delay_p99", "ns", kLower, "open model: 99th percentile of actual minus scheduled start"},
    {"target_rate", "ops/s", kHigher, "open model: operations scheduled per second"},
    {"achieved_rate", "ops/s", kHigher, "open model: operations started per second"},
    {"late_count", "count", kLower, "open model: operations started more than 1 ms after their due time"},
    {"dropped_count", "count", kLower, "open model: operations due in the trial that never started"},
    {"sent_bytes_per_s", "bytes/s", kHigher, "HTTP request bytes (headers and body) sent per second"},
    {"received_bytes_per_s", "bytes/s", kHigher, "HTTP response bytes (headers and body) received per second"},
    {"spike_recovery", "s", kLower, "spike shape: time from the spike's end until p99 is back near its pre-spike level"},
    {"breaking_point", "ops/s", kHigher, "step shape: highest level rate that met the limits (0 if none did)"},
    {"p99_slope", "ns/s", kLower, "soak shape: least-squares slope of interval p99 over the trial"},
    {"drift_exceeded", "count", kLower, "soak shape: drift bounds (rss, p99) whose slope is significantly above the bound"},
}};

}  // namespace

std::span<const MetricInfo> metric_catalogue() { return kCatalogue; }

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
