#include "targets/gbench/benchmark_trials.h"

#include "measure/process_stats.h"
#include "perfgate/error.h"
#include "targets/gbench/benchmark_binary.h"
#include "targets/gbench/benchmark_report.h"

namespace perfgate {
namespace {

double seconds_of(const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) * 1e-6; }

// A trial in which the benchmark reported an error (SkipWithError) or skipped itself:
// one operation, failed, so perf-compare reports the scenario as an error.
TrialResult failed_trial(const BenchmarkRun& run, std::string reason) {
  TrialResult t;
  t.duration_s = run.wall.count();
  t.operations = 1;
  t.errors_by_reason[std::move(reason)] = 1;
  return t;
}

class BenchmarkTrials final : public TrialSource {
 public:
  BenchmarkTrials(const GbenchTargetSpec& spec, std::stop_token stop) : binary_(spec, std::move(stop)) {}

  void warm_up(Seconds length, const std::stop_token&) override { binary_.run(length); }

  std::optional<MeasuredTrial> trial(Seconds length, const std::stop_token& stop) override {
    const CpuTimes self_before = self_cpu_times();
    const auto busy_before = machine_busy_time();
    const BenchmarkRun run = binary_.run(length);
    const auto busy_after = machine_busy_time();
    const CpuTimes self_after = self_cpu_times();
    if (stop.stop_requested()) return std::nullopt;
    TrialResult t = measured(run);
    const double child_cpu = seconds_of(run.outcome.usage.ru_utime) + seconds_of(run.outcome.usage.ru_stime);
    const double ours = child_cpu + Seconds(self_after.user - self_before.user + self_after.system - self_before.system).count();
    if (const auto load = neighbour_cores(busy_before, busy_after, ours, run.wall.count())) t.metrics["neighbour_load"] = *load;
    return MeasuredTrial{std::move(t), LatencyHistogram{}};
  }

 private:
  TrialResult measured(const BenchmarkRun& run) const {
    const GbenchTargetSpec& spec = binary_.spec();
    // A process that crashed, hung or wrote no report is a broken harness, not a
    // measurement: the run stops (exit 3) rather than gate on the other trials.
    const auto broken = [&](const std::string& what) {
      return environment_error("benchmark '" + spec.benchmark + "' of " + spec.binary + ": " + what +
                               (run.last_error.empty() ? "" : " (it said: " + run.last_error + ")"));
    };
    if (!run.outcome.succeeded()) throw broken(run.outcome.describe(spec.timeout));
    if (run.report.empty()) throw broken("no JSON report written");
    BenchmarkMeasurement m;
    try {
      m = benchmark_measurement_from_text(run.report, "report of " + spec.binary, spec.benchmark);
    } catch (const Error& e) {
      throw broken(e.what());
    }
    if (!m.failure.empty()) return failed_trial(run, m.failure);
    TrialResult t;
    t.duration_s = run.wall.count();
    t.operations = m.iterations;
    t.metrics["real_time"] = m.real_time_ns;
    t.metrics["cpu_time"] = m.cpu_time_ns;
    for (const auto& [name, value] : m.rates) t.metrics[name] = value;
    for (const auto& [name, value] : m.counters) t.metrics[std::string(kCounterMetricPrefix) + name] = value;
    t.metrics["cpu_user"] = seconds_of(run.outcome.usage.ru_utime);
    t.metrics["cpu_sys"] = seconds_of(run.outcome.usage.ru_stime);
    // No rss_peak: a child spawned by vfork+exec starts with perf-run's resident size as
    // its own ru_maxrss, which hides a benchmark smaller than perf-run.
    return t;
  }

  BenchmarkBinary binary_;
};

}  // namespace

std::unique_ptr<TrialSource> make_benchmark_trials(const GbenchTargetSpec& spec, std::stop_token stop) {
  if (spec.benchmark.empty()) {
    throw Error(ErrorKind::kInput, "Google Benchmark binary '" + spec.binary + "' was not expanded into its benchmarks");
  }
  return std::make_unique<BenchmarkTrials>(spec, std::move(stop));
}

}  // namespace perfgate
