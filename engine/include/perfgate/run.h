#pragma once
// Running a suite: for each scenario, a warmup then K fixed-duration trials.

#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "perfgate/result.h"
#include "perfgate/suite.h"

namespace perfgate {

// What the runner reports while it works; the tools turn it into terminal progress.
struct RunProgress {
  enum class Phase { kWarmup, kTrial, kExtraTrial, kProfile, kScenarioDone };
  Phase phase;
  std::size_t scenario_index;
  std::size_t scenario_count;
  std::string scenario_name;
  unsigned trial;  // 0-based; meaningless during warmup
  unsigned trials;
  Seconds phase_length;
  Seconds suite_elapsed;
  Seconds suite_remaining;  // planned time left, from the durations in the suite
};

// Adaptive trials (perf-run --until-decided): after a scenario's planned trials, keep
// adding trials (pairs) while `undecided` says so, within the time budget. The
// scenario's share of the budget is
// what is left of it, less the planned time of later scenarios, split evenly among the
// scenarios still to run, so early scenarios cannot starve late ones.
struct AdaptiveTrials {
  Seconds budget{600};  // wall time for the whole run, planned trials included
  UndecidedCheck undecided;  // e.g. perfgate::undecided_check (compare.h)
};

struct RunOptions {
  std::uint64_t seed = 1;
  std::string working_directory = ".";  // whose git state goes into the fingerprint
  std::function<void(const RunProgress&)> on_progress;  // called from the runner thread
  std::optional<AdaptiveTrials> adaptive;
  // Measure the machine-speed probe before and after the suite (result "machine_probe").
  bool machine_probe = true;
  // What perf-run --pair / --self-pair did to the suite, recorded in the result; the
  // git state of each side's directory is filled in by run_suite.
  std::optional<PairingInfo> pairing;
};

// Runs every scenario of `suite` in order. When `stop` is requested the current trial
// ends early and is discarded; the returned result then has `interrupted` set and holds
// the trials completed so far. Throws perfgate::Error when a target cannot be set up.
Result run_suite(const SuiteSpec& suite, const RunOptions& options, std::stop_token stop);

// Google Benchmark targets as written name a binary: each such scenario becomes one
// scenario per benchmark the binary lists, named "SCENARIO/BENCHMARK" (docs/gbench.md).
// In a paired scenario both binaries are listed: benchmarks both have are paired, and
// one that only one side has runs on that side alone and is returned here, for
// PairingInfo. Scenarios whose binary still names "{build}" stay as written. Throws
// kEnvironment when a binary cannot run or is not a Google Benchmark binary, kInput
// when a filter matches no benchmark.
struct BenchmarkExpansion {
  std::vector<std::string> baseline_only, candidate_only;
};
BenchmarkExpansion expand_benchmarks(SuiteSpec& suite, std::stop_token stop = {});

// Planned wall time of a suite: warmups plus trials.
Seconds planned_duration(const SuiteSpec& suite);
Seconds planned_duration(const ScenarioSpec& scenario);

// "I/N": run the I-th of N parts of a suite (perf-run --shard; CI matrix jobs). Throws
// kInput on a bad spec.
ShardInfo parse_shard(const std::string& spec);
// Scenarios go to parts by planned duration, longest first, each to the part with the
// least planned time so far (ties: lower part), so parts take similar wall time and
// every machine computes the same split. Keeps part `shard.index`'s scenarios in `suite`
// and fills `shard.suite_scenarios` with every scenario's name, in suite order: what
// the result records for perf-report merge.
void keep_shard(SuiteSpec& suite, ShardInfo& shard);

}  // namespace perfgate
