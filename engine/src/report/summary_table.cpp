#include <algorithm>
#include <vector>

#include "common/format.h"
#include "perfgate/report.h"
#include "report/text_table.h"
#include "stats/t_tests.h"

namespace perfgate {
namespace {

// Median of one metric over the trials that report it; NaN when none does.
double median_of(const ScenarioResult& s, const std::string& metric) {
  std::vector<double> values;
  for (const auto& t : s.trials) {
    if (auto it = t.metrics.find(metric); it != t.metrics.end()) values.push_back(it->second);
  }
  return stats::median(values);
}

std::string or_dash(double v, std::string (*format)(double)) {
  return std::isnan(v) ? "-" : format(v);
}

std::string format_percent(double ratio) { return format_fixed(ratio * 100.0, 2) + "%"; }
std::string format_rate(double v) { return format_count(v) + "/s"; }

// Trials of a Google Benchmark scenario that measured nothing, e.g. "5/5".
std::string failed_trials(const ScenarioResult& s) {
  const auto failed =
      std::count_if(s.trials.begin(), s.trials.end(), [](const TrialResult& t) { return t.measured_nothing(); });
  return failed == 0 ? "-" : std::to_string(failed) + "/" + std::to_string(s.trials.size()) + " failed";
}

bool is_benchmark(const Result& result, const ScenarioResult& s) {
  const ScenarioSpec* spec = result.suite.find(s.name);
  return spec && std::holds_alternative<GbenchTargetSpec>(spec->target);
}

// Google Benchmark scenarios measure time per iteration, not operations under a load.
std::string benchmark_table(const Result& result) {
  const std::vector<std::string> header = {"benchmark", "trials", "real time", "cpu time", "items/s", "errors"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : result.scenarios) {
    if (!is_benchmark(result, s)) continue;
    rows.push_back({s.name, std::to_string(s.trials.size()), or_dash(median_of(s, "real_time"), format_latency_ns),
                    or_dash(median_of(s, "cpu_time"), format_latency_ns),
                    or_dash(median_of(s, "items_per_second"), format_rate), failed_trials(s)});
  }
  return rows.empty() ? "" : render_text_table(header, rows);
}

}  // namespace

std::string render_summary_table(const Result& result) {
  const std::vector<std::string> header = {"scenario", "trials", "throughput", "p50", "p99",
                                           "p99.9", "p99.99", "max", "errors", "cpu", "rss peak"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : result.scenarios) {
    if (is_benchmark(result, s)) continue;
    const double cpu = median_of(s, "cpu_user") + median_of(s, "cpu_sys");
    rows.push_back({s.name, std::to_string(s.trials.size()),
                    or_dash(median_of(s, "throughput"), format_rate),
                    or_dash(median_of(s, "latency_p50"), format_latency_ns),
                    or_dash(median_of(s, "latency_p99"), format_latency_ns),
                    or_dash(median_of(s, "latency_p999"), format_latency_ns),
                    or_dash(median_of(s, "latency_p9999"), format_latency_ns),
                    or_dash(median_of(s, "latency_max"), format_latency_ns),
                    or_dash(median_of(s, "error_rate"), format_percent),
                    or_dash(cpu, [](double v) { return format_fixed(v, 2) + "s"; }),
                    or_dash(median_of(s, "rss_peak"), format_bytes)});
  }
  const std::string benchmarks = benchmark_table(result);
  if (rows.empty()) return benchmarks;
  return render_text_table(header, rows) + (benchmarks.empty() ? "" : "\n" + benchmarks);
}

}  // namespace perfgate
