#include <malloc.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>

#include "analysis/trial_analysis.h"
#include "common/fnv1a.h"
#include "common/format.h"
#include "load/load_factory.h"
#include "load/open_load.h"
#include "measure/process_stats.h"
#include "measure/rss_sampler.h"
#include "perfgate/baseline.h"
#include "perfgate/error.h"
#include "perfgate/file_io.h"
#include "perfgate/run.h"
#include "run/machine_probe.h"
#include "run/profiling_trials.h"
#include "run/trial_metrics.h"
#include "run/trial_source.h"
#include "targets/gbench/benchmark_trials.h"
#include "targets/target_factory.h"

namespace perfgate {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kRssSampleInterval{50};

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A scenario's data depends on the run seed and its own name only, so filtering
// scenarios with --scenario does not change what the others measure.
std::uint64_t scenario_seed(std::uint64_t seed, const std::string& name) {
  return fnv1a(name, kFnv1aOffsetBasis ^ seed);
}

// Runs `step` and prefixes any perfgate::Error with the scenario it concerns.
template <class Step>
auto for_scenario(const ScenarioSpec& spec, Step step) {
  try {
    return step();
  } catch (const Error& e) {
    throw Error(e.kind(), "scenario '" + spec.name + "': " + e.what());
  }
}

double seconds(Nanoseconds ns) { return Seconds(ns).count(); }

// The machine's busy time less ours (this process, and its children or the named server
// when they are the target), per second of the trial. /proc/stat counts in clock ticks
// (10 ms on every core), so a short trial reads a few hundredths of a core either way.
std::optional<double> neighbour_load(const std::optional<Nanoseconds>& busy_before,
                                     const std::optional<Nanoseconds>& busy_after, const CpuTimes& self,
                                     const ResourceFigures& target_cpu, ResourceScope scope,
                                     const LoadMeasurement& measured) {
  if (scope == ResourceScope::kUnseenServer) return std::nullopt;
  double ours = seconds(self.user + self.system);
  if (scope != ResourceScope::kThisProcess) ours += target_cpu.cpu_user_s + target_cpu.cpu_sys_s;
  return neighbour_cores(busy_before, busy_after, ours, measured.elapsed.count());
}

// One trial with the resource figures of whatever the target's work runs in.
TrialResult measure_trial(Load& load, const Target& target, Seconds duration,
                          const std::stop_token& stop, LoadMeasurement& measured) {
  const ResourceScope scope = target.resource_scope();
  // A child spawned by vfork+exec inherits our peak RSS in its own ru_maxrss (Linux
  // exec_mmap), so start each trial from our current, not historical, peak.
  malloc_trim(0);
  const bool peak_reset = reset_self_peak_rss();
  const CpuTimes cpu_before = self_cpu_times();
  const auto busy_before = machine_busy_time();
  RssSampler sampler(kRssSampleInterval, target.server_pid());
  measured = load.run(duration, stop);
  const RssSampler::Summary rss = sampler.stop();
  const CpuTimes cpu_after = self_cpu_times();
  const auto busy_after = machine_busy_time();

  ResourceFigures figures;
  if (scope == ResourceScope::kThisProcess || scope == ResourceScope::kUnseenServer) {
    figures.cpu_user_s = seconds(cpu_after.user - cpu_before.user);
    figures.cpu_sys_s = seconds(cpu_after.system - cpu_before.system);
    const auto hwm = peak_reset ? self_peak_rss_bytes() : std::nullopt;
    figures.rss_peak_bytes = double(std::max(hwm.value_or(0), rss.peak_bytes));
    figures.rss_slope_bytes_per_s = rss.slope_bytes_per_s;
  } else if (scope == ResourceScope::kServerProcess) {
    if (rss.first_cpu && rss.last_cpu) {
      figures.cpu_user_s = seconds(rss.last_cpu->user - rss.first_cpu->user);
      figures.cpu_sys_s = seconds(rss.last_cpu->system - rss.first_cpu->system);
    }
    figures.rss_peak_bytes = double(rss.peak_bytes);
    figures.rss_slope_bytes_per_s = rss.slope_bytes_per_s;
  } else {
    const ChildUsage& c = measured.tally.children;
    figures.cpu_user_s = seconds(c.user);
    figures.cpu_sys_s = seconds(c.system);
    figures.exact_cpu = true;
    figures.rss_peak_bytes = double(c.peak_rss_bytes);
    figures.rss_slope_bytes_per_s = c.rss_over_time.slope();
  }
  const CpuTimes self{cpu_after.user - cpu_before.user, cpu_after.system - cpu_before.system};
  figures.neighbour_load = neighbour_load(busy_before, busy_after, self, figures, scope, measured);
  return make_trial_result(measured, figures);
}

class ProgressReporter {
 public:
  ProgressReporter(const RunOptions& options, const SuiteSpec& suite)
      : options_(options), suite_(suite), planned_(planned_duration(suite)), start_(Clock::now()) {}

  // `done` is the planned time of every phase before this one.
  void report(RunProgress::Phase phase, std::size_t index, unsigned trial, Seconds length, Seconds done) const {
    if (!options_.on_progress) return;
    const auto& s = suite_.scenarios[index];
    options_.on_progress(RunProgress{phase, index, suite_.scenarios.size(), s.name, trial, s.trials,
                                     length, Clock::now() - start_, planned_ - done});
  }

 private:
  const RunOptions& options_;
  const SuiteSpec& suite_;
  Seconds planned_;
  Clock::time_point start_;
};

}  // namespace

// Trial-length runs per scenario: a paired scenario runs each trial twice.
unsigned trial_runs(const ScenarioSpec& s) { return s.trials * (s.paired_baseline ? 2u : 1u); }

// Each variant's profiling trial comes after its measured trials.
Seconds planned_duration(const ScenarioSpec& s) {
  const double variants = s.paired_baseline ? 2.0 : 1.0;
  const Seconds profiling = s.profile ? s.profile->length(s.duration) * variants : Seconds(0);
  return s.warmup * variants + s.duration * double(trial_runs(s)) + profiling;
}

Seconds planned_duration(const SuiteSpec& suite) {
  Seconds total{0};
  for (const auto& s : suite.scenarios) total += planned_duration(s);
  return total;
}

namespace {

// One variant of a scenario: its target, the load driving it, its seed-derived data.
class LoadTrials final : public TrialSource {
 public:
  LoadTrials(const LoadSpec& load_spec, const TargetSpec& target_spec, std::uint64_t seed, std::stop_token stop)
      : load_spec_(load_spec), target_(make_target(target_spec, seed, std::move(stop))), load_(make_load(*target_, load_spec)) {}

  void warm_up(Seconds length, const std::stop_token& stop) override { load_->run(length, stop); }

  std::optional<MeasuredTrial> trial(Seconds duration, const std::stop_token& stop) override {
    LoadMeasurement measured;
    TrialResult t = measure_trial(*load_, *target_, duration, stop, measured);
    if (measured.stopped) return std::nullopt;
    if (const auto* open = std::get_if<OpenLoadSpec>(&load_spec_)) analyse_trial(*open, t);
    return MeasuredTrial{std::move(t), std::move(measured.latency)};
  }

  SamplingTarget sampling_target() const override {
    switch (target_->resource_scope()) {
      case ResourceScope::kThisProcess: return {SamplingScope::kThisProcess};
      case ResourceScope::kChildProcesses: return {SamplingScope::kChildren};
      case ResourceScope::kServerProcess: return {SamplingScope::kServer, target_->server_pid()};
      case ResourceScope::kUnseenServer: break;
    }
    throw environment_error("the server's process is unknown (give the HTTP target a server pid, or --server-pid)");
  }

 private:
  const LoadSpec& load_spec_;
  std::unique_ptr<Target> target_;
  std::unique_ptr<Load> load_;
};

std::unique_ptr<TrialSource> make_trial_source(const ScenarioSpec& spec, const TargetSpec& target,
                                               std::uint64_t seed, std::stop_token stop) {
  if (const auto* benchmark = std::get_if<GbenchTargetSpec>(&target)) return make_benchmark_trials(*benchmark, stop);
  return std::make_unique<LoadTrials>(spec.load, target, seed, stop);
}

class ScenarioRunner {
 public:
  ScenarioRunner(const ProgressReporter& progress, const std::stop_token& stop, Seconds& planned_done)
      : progress_(progress), stop_(stop), planned_done_(planned_done) {}

  // `extra_until`: when adaptive trials may run, the time by which they must end.
  ScenarioResult run(const ScenarioSpec& spec, std::size_t index, std::uint64_t seed,
                     const std::function<std::optional<Clock::time_point>()>& extra_until,
                     const std::optional<AdaptiveTrials>& adaptive) {
    using Phase = RunProgress::Phase;
    // Both variants see the same seed, so built-in workloads give them identical data.
    const std::unique_ptr<TrialSource> candidate = make_trial_source(spec, spec.target, seed, stop_);
    const std::unique_ptr<TrialSource> baseline =
        spec.paired_baseline ? make_trial_source(spec, *spec.paired_baseline, seed, stop_) : nullptr;
    ScenarioResult result{spec.name, {}, {}, std::nullopt, std::nullopt};
    if (baseline) result.baseline.emplace();
    if (spec.warmup.count() > 0) {
      progress_.report(Phase::kWarmup, index, 0, spec.warmup, planned_done_);
      if (baseline) baseline->warm_up(spec.warmup, stop_);
      candidate->warm_up(spec.warmup, stop_);
    }
    planned_done_ += spec.warmup * (baseline ? 2.0 : 1.0);
    // Alternating order (AB, BA, AB, ...) from a seeded start cancels linear drift
    // within every two pairs.
    const bool baseline_starts = (seed >> 17) & 1;
    const Seconds trial_cost = spec.duration * (baseline ? 2.0 : 1.0);
    unsigned k = 0;
    for (; k < spec.trials && !stop_.stop_requested(); ++k) {
      progress_.report(Phase::kTrial, index, k, spec.duration, planned_done_);
      if (!run_one(spec, *candidate, baseline.get(), baseline_starts != bool(k & 1), result)) break;
      planned_done_ += trial_cost;
    }
    if (adaptive && k == spec.trials) {
      const auto until = extra_until();
      while (until && !stop_.stop_requested() &&
             Clock::now() + std::chrono::duration_cast<Clock::duration>(trial_cost) <= *until &&
             adaptive->undecided(spec, result)) {
        progress_.report(Phase::kExtraTrial, index, k, spec.duration, planned_done_);
        if (!run_one(spec, *candidate, baseline.get(), baseline_starts != bool(k & 1), result)) break;
        ++k;
      }
    }
    if (spec.profile && !stop_.stop_requested()) {
      const Seconds length = spec.profile->length(spec.duration);
      progress_.report(Phase::kProfile, index, 0, length, planned_done_);
      if (baseline) result.baseline->profile = run_profiling_trials(*spec.profile, length, *baseline, result.baseline->trials, stop_);
      result.profile = run_profiling_trials(*spec.profile, length, *candidate, result.trials, stop_);
      planned_done_ += length * (baseline ? 2.0 : 1.0);
    }
    progress_.report(Phase::kScenarioDone, index, spec.trials, Seconds(0), planned_done_);
    return result;
  }

 private:
  // One trial, or one pair of a paired scenario; false when a stop cut it short.
  bool run_one(const ScenarioSpec& spec, TrialSource& candidate, TrialSource* baseline, bool baseline_first,
               ScenarioResult& result) {
    if (!baseline) {
      auto t = candidate.trial(spec.duration, stop_);
      if (!t) return false;
      append(result.trials, result.latency, std::move(*t));
      return true;
    }
    TrialSource& first = baseline_first ? *baseline : candidate;
    TrialSource& second = baseline_first ? candidate : *baseline;
    auto a = first.trial(spec.duration, stop_);
    auto b = a ? second.trial(spec.duration, stop_) : std::nullopt;
    if (!b) return false;  // a pair cut short is no pair
    auto& base_trial = baseline_first ? *a : *b;
    auto& cand_trial = baseline_first ? *b : *a;
    append(result.trials, result.latency, std::move(cand_trial));
    append(result.baseline->trials, result.baseline->latency, std::move(base_trial));
    result.baseline->baseline_first.push_back(baseline_first);
    return true;
  }

  static void append(std::vector<TrialResult>& trials, LatencyHistogram& merged, MeasuredTrial&& t) {
    trials.push_back(std::move(t.first));
    merged.merge(t.second);
  }

  const ProgressReporter& progress_;
  const std::stop_token& stop_;
  Seconds& planned_done_;
};

// A side given as a directory records its commit: a perf-baseline checkout names it in
// its marker file; a git work tree has it in HEAD.
void describe_builds(PairingInfo& pairing) {
  for (auto* side : {&pairing.baseline, &pairing.candidate}) {
    std::error_code ec;
    if (!*side || !std::filesystem::is_directory((*side)->value, ec)) continue;
    const auto marker = std::filesystem::path((*side)->value) / BaselineStore::kCheckoutMarker;
    if (std::filesystem::exists(marker, ec)) {
      (*side)->git = GitState{trim(read_file(marker.string())), "", false};
    } else {
      (*side)->git = collect_fingerprint((*side)->value).git;
    }
  }
}

}  // namespace

Result run_suite(const SuiteSpec& suite, const RunOptions& options, std::stop_token stop) {
  Result result;
  result.started_at = utc_now_iso8601();
  result.fingerprint = collect_fingerprint(options.working_directory);
  result.suite = suite;
  result.suite.scenarios.clear();
  const auto start = Clock::now();
  for (const auto& spec : suite.scenarios) {
    for_scenario(spec, [&] { check_target_can_start(spec.target); });
    if (spec.paired_baseline) for_scenario(spec, [&] { check_target_can_start(*spec.paired_baseline); });
  }
  if (options.pairing) {
    result.pairing = options.pairing;
    describe_builds(*result.pairing);
  }
  std::optional<MachineProbeRunner> probe;
  if (options.machine_probe) {
    probe.emplace(stop);
    result.probe = MachineProbe{MachineProbeRunner::workload(), probe->measure(), {}};
  }
  const ProgressReporter progress(options, suite);
  Seconds planned_done{0};
  ScenarioRunner runner(progress, stop, planned_done);
  for (std::size_t i = 0; i < suite.scenarios.size() && !stop.stop_requested(); ++i) {
    const ScenarioSpec& spec = suite.scenarios[i];
    // This scenario's share of the budget's spare time: what is left of the budget, less
    // the planned time of the scenarios after it, split evenly among it and them.
    const auto extra_until = [&]() -> std::optional<Clock::time_point> {
      if (!options.adaptive) return std::nullopt;
      const SuiteSpec later{"", "", {suite.scenarios.begin() + std::ptrdiff_t(i) + 1, suite.scenarios.end()}};
      // The probe after the suite is part of the run, so of the budget.
      const Seconds probe_after = options.machine_probe ? MachineProbeRunner::duration() : Seconds(0);
      const Seconds spare =
          options.adaptive->budget - Seconds(Clock::now() - start) - planned_duration(later) - probe_after;
      if (spare.count() <= 0) return std::nullopt;
      const double share = spare.count() / double(suite.scenarios.size() - i);
      return Clock::now() + std::chrono::duration_cast<Clock::duration>(Seconds(share));
    };
    ScenarioResult scenario = for_scenario(spec, [&] {
      return runner.run(spec, i, scenario_seed(options.seed, spec.name), extra_until, options.adaptive);
    });
    if (!scenario.trials.empty()) {
      result.suite.scenarios.push_back(spec);
      result.scenarios.push_back(std::move(scenario));
    }
  }
  if (probe && !stop.stop_requested()) result.probe->after = probe->measure();
  result.interrupted = stop.stop_requested();
  result.sweeps = analyse_sweeps(result);
  result.duration_s = Seconds(Clock::now() - start).count();
  return result;
}

}  // namespace perfgate
