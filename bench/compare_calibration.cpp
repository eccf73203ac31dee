// perfgate-bench-compare: how trustworthy perf-compare's verdicts are, on simulated
// suites where the truth is known, and how fast it is on a large suite.
//
//  1. A/A false-failure rate: 50 scenarios, each trial value lognormal with 1 % CV
//     within a run, plus a per-scenario run-to-run drift of 0.5 % (normal, on log
//     scale) between baseline and candidate, which perf-compare is told of
//     (--run-noise 0.5%). A suite run "fails" when the gate fails.
//  2. Detection: the same suites with one scenario slowed by X %; detected when that
//     scenario's verdict is `regression`. X = 2 × the default threshold is the promise;
//     the power curve from 1 % to 20 % is printed for several trial counts.
//  3. Speed: perf-compare's work (read two result files, compare, verdict JSON,
//     Markdown) on 1 000 scenarios × 30 trials × the 3 default metrics.
//
// Usage: perfgate-bench-compare [SUITE_RUNS=1000]

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "perfgate/compare.h"
#include "perfgate/file_io.h"
#include "perfgate/report.h"
#include "perfgate/result.h"

namespace {

using namespace perfgate;

struct Simulation {
  int scenarios = 50;
  int trials = 5;
  double within_cv = 0.01;
  double drift = 0.005;
};

// Baseline and candidate of one simulated suite run; `slowdown` applies to scenario 0.
std::pair<SampleSet, SampleSet> simulate(const Simulation& sim, double slowdown, std::mt19937_64& gen) {
  std::normal_distribution<double> within(0, sim.within_cv), drift(0, sim.drift);
  SampleSet base{"base", "perfgate", std::nullopt, {"latency_p50"}, {}};
  SampleSet cand{"cand", "perfgate", std::nullopt, {"latency_p50"}, {}};
  for (int s = 0; s < sim.scenarios; ++s) {
    const std::string name = "s" + std::to_string(s);
    const double level = 1e6 * (1 + s);
    const double shift = drift(gen) + (s == 0 ? std::log1p(slowdown) : 0.0);
    for (auto* set : {&base, &cand}) {
      ScenarioSamples sc{name, {}};
      auto& m = sc.metrics["latency_p50"];
      m.unit = perfgate::Unit::kNanoseconds;
      m.direction = Direction::kLowerIsBetter;
      for (int t = 0; t < sim.trials; ++t) {
        m.values.push_back(level * std::exp(within(gen) + (set == &cand ? shift : 0.0)));
      }
      set->scenarios.push_back(std::move(sc));
    }
  }
  return {base, cand};
}

struct Rates {
  double gate_failed = 0, detected = 0, inconclusive = 0;
};

Rates run(const Simulation& sim, double slowdown, int runs, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  Rates r;
  for (int i = 0; i < runs; ++i) {
    const auto [base, cand] = simulate(sim, slowdown, gen);
    // The simulated runs drift by sim.drift: the run-to-run spread the unpaired test is
    // told to allow for (what a multi-run baseline would estimate).
    CompareOptions options;
    options.run_noise = sim.drift;
    const VerdictReport v = compare(base, cand, options);
    r.gate_failed += v.gate_failed;
    for (const auto& c : v.comparisons) {
      if (c.scenario == "s0") {
        r.detected += c.verdict == Verdict::kRegression;
        r.inconclusive += c.verdict == Verdict::kInconclusive;
      }
    }
  }
  r.gate_failed /= runs;
  r.detected /= runs;
  r.inconclusive /= runs;
  return r;
}

Result big_result(int scenarios, int trials, double scale, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> noise(0, 0.01);
  Result r;
  r.started_at = "2026-01-01T00:00:00Z";
  r.suite = default_suite();
  r.suite.scenarios.clear();
  const ScenarioSpec proto = default_suite().scenarios.front();
  for (int s = 0; s < scenarios; ++s) {
    ScenarioSpec spec = proto;
    spec.name = "scenario/" + std::to_string(s);
    spec.trials = unsigned(trials);
    r.suite.scenarios.push_back(spec);
    ScenarioResult sr;
    sr.name = spec.name;
    for (int t = 0; t < trials; ++t) {
      TrialResult tr;
      tr.duration_s = 1;
      tr.operations = 1000;
      const double f = scale * std::exp(noise(gen));
      tr.metrics = {{"throughput", 1e5 / f}, {"latency_p50", 1e4 * f}, {"latency_p99", 3e4 * f},
                    {"error_count", 0}, {"error_rate", 0}, {"cpu_user", 1}, {"cpu_sys", 0.1},
                    {"rss_peak", 1e7}, {"rss_slope", 0}};
      sr.trials.push_back(tr);
      sr.latency.record(static_cast<std::uint64_t>(1e4 * f));
    }
    r.scenarios.push_back(std::move(sr));
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 1000;
  const Simulation sim;
  std::printf("## Calibration: %d simulated suite runs each; %d scenarios, %.1f%% within-run CV, %.1f%% drift, "
              "default settings (alpha 0.05, Holm, 5%% threshold)\n\n",
              runs, sim.scenarios, sim.within_cv * 100, sim.drift * 100);
  const Rates aa = run(sim, 0.0, runs, 1);
  std::printf("A/A, %d trials: gate failed in %.2f%% of suite runs (promise: <= 1%%)\n", sim.trials, aa.gate_failed * 100);
  const Rates caught = run(sim, 0.10, runs, 2);
  std::printf("10%% slowdown of one scenario (2 x threshold), %d trials: caught in %.1f%% of runs (promise: >= 95%%)\n\n",
              sim.trials, caught.detected * 100);

  std::printf("Power curve: share of runs where the slowed scenario is a `regression` (inconclusive in brackets)\n\n");
  std::printf("| slowdown |");
  const int trial_counts[] = {3, 5, 10, 20};
  for (int n : trial_counts) std::printf(" %d trials |", n);
  std::printf("\n|---|");
  for (int i = 0; i < 4; ++i) std::printf("---|");
  std::printf("\n");
  for (double x : {0.01, 0.02, 0.03, 0.05, 0.06, 0.075, 0.10, 0.15, 0.20}) {
    std::printf("| %.1f%% |", x * 100);
    for (int n : trial_counts) {
      Simulation s = sim;
      s.trials = n;
      const Rates r = run(s, x, runs / 4, 3 + n);
      std::printf(" %.0f%% (%.0f%%) |", r.detected * 100, r.inconclusive * 100);
    }
    std::printf("\n");
  }
  std::printf("\nA/A false failures by trial count:");
  for (int n : trial_counts) {
    Simulation s = sim;
    s.trials = n;
    std::printf(" %d trials %.2f%%;", n, run(s, 0.0, runs / 4, 100 + n).gate_failed * 100);
  }

  std::printf("\n\n## Speed: 1000 scenarios x 30 trials, 3 metrics (3000 comparisons)\n\n");
  const auto dir = std::filesystem::temp_directory_path();
  const auto base_path = (dir / "perfgate-bench-base.json").string();
  const auto cand_path = (dir / "perfgate-bench-cand.json").string();
  write_result(big_result(1000, 30, 1.0, 7), base_path);
  write_result(big_result(1000, 30, 1.02, 8), cand_path);
  for (int rep = 0; rep < 3; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    const SampleSet base = read_samples(base_path, InputFormat::kAuto);
    const SampleSet cand = read_samples(cand_path, InputFormat::kAuto);
    const auto loaded = std::chrono::steady_clock::now();
    const VerdictReport v = compare(base, cand, {});
    const auto compared = std::chrono::steady_clock::now();
    const std::string json = to_json(v).dump(2);
    const std::string md = render_verdict_markdown(v);
    const auto end = std::chrono::steady_clock::now();
    const auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    std::printf("run %d: total %.0f ms (read %.0f, compare %.0f, render %.0f); %zu comparisons, %zu bytes JSON\n", rep + 1,
                ms(start, end), ms(start, loaded), ms(loaded, compared), ms(compared, end), v.comparisons.size(), json.size());
  }
  std::filesystem::remove(base_path);
  std::filesystem::remove(cand_path);
  return 0;
}
