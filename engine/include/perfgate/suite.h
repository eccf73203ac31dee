#pragma once
// A suite: named scenarios, each a target driven by a load model for K trials of a
// fixed duration. This is the validated model; the JSON format is in docs/suite-format.md.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "perfgate/json.h"

#include "perfgate/metrics.h"
#include "perfgate/units.h"

namespace perfgate {

// One of the reference workloads compiled into the engine (targets/builtin).
struct BuiltinTargetSpec {
  std::string workload;
  std::map<std::string, double> params;  // every declared parameter, defaults filled in
};

// An external program run once per operation.
struct CommandTargetSpec {
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;  // added to (and overriding) the inherited environment
  bool inherit_env = true;
  std::string cwd;  // empty: perf-run's working directory
  Seconds timeout{60.0};
};

// An HTTP(S) endpoint, one request per operation, over keep-alive connections (one per
// worker, so the pool is as large as the load's concurrency).
struct HttpTargetSpec {
  std::string method = "GET";
  std::string url;  // http(s)://host[:port][/path][?query]
  std::map<std::string, std::string> headers;
  std::string body;
  Seconds timeout{10.0};            // per request: connect, send and receive each
  std::vector<int> expect_status;   // empty: any 2xx; other statuses are errors
  std::string ca_file;              // https: trust these certificates (PEM) instead of the system's
  // The server process to sample (CPU, RSS, timeline RSS) as the system under test:
  // a pid, or a file holding one, read when the scenario starts. Neither: perf-run itself.
  std::optional<int> server_pid;
  std::string server_pid_file;
};

// A Google Benchmark binary (docs/gbench.md). As written, it names the binary and a
// filter; perf-run expands it into one scenario per benchmark the binary lists
// (expand_benchmarks, run.h), and each trial runs that one benchmark in a fresh process
// for the scenario's duration (--benchmark_min_time).
struct GbenchTargetSpec {
  std::string binary;
  std::string filter;                // --benchmark_filter when listing; empty: every benchmark
  std::vector<std::string> args;     // passed before perfgate's own --benchmark_* flags
  std::string benchmark;             // empty until expanded
  Seconds timeout{120.0};            // per process: listing, or one trial
  // User counters are recorded as metrics "counter/NAME"; Google Benchmark's output does
  // not say which way is better, so only counters declared here are compared.
  std::map<std::string, Direction> counters;
};

using TargetSpec = std::variant<BuiltinTargetSpec, CommandTargetSpec, HttpTargetSpec, GbenchTargetSpec>;

// Closed model: `concurrency` workers issue operations back to back.
// What a load may ask for. An HTTP target's connections share a few event-loop threads
// (each connection costs a file descriptor); other targets run a thread per slot.
inline constexpr unsigned kMaxConnections = 100'000;
inline constexpr unsigned kMaxWorkerThreads = 4096;
inline constexpr unsigned kMaxLoadThreads = 256;

// Event-loop threads of a target that multiplexes connections (HTTP): 0 picks one per
// core the target does not need (docs/suite-format.md, "threads"). Targets that run one
// operation per call (built-in workloads, commands) use a thread per slot and ignore it.
struct ClosedLoadSpec {
  unsigned concurrency = 1;
  unsigned threads = 0;
};

// Part of an open model's arrival-rate profile: `duration` at a rate going linearly
// from `from` to `to` operations per second (equal for a held rate).
struct RateStage {
  Seconds duration{1.0};
  double from = 0, to = 0;
};

// step shape: what a level must meet to count as sustained (the breaking-point analysis).
struct BreakingPointLimits {
  double max_error_rate = 0.01;
  std::optional<double> max_p99_ns;      // none unless given
  double min_achieved_ratio = 0.95;      // operations started in the level / scheduled
  bool stop_at_break = true;             // end the trial after the first level that broke
};

// spike shape: when p99 counts as back to its pre-spike level (the recovery analysis).
struct RecoveryCriterion {
  double tolerance = 0.5;       // interval p99 within (1 + tolerance) x the pre-spike p99 ...
  unsigned hold_intervals = 3;  // ... for this many consecutive timeline intervals
};

// A growth rate allowed before a soak flags drift: absolute (bytes or ns per second) or,
// for latency, relative to the trial's typical p99 (fraction per second).
struct DriftBound {
  double per_second = 0;
  bool relative = false;
  std::string written;  // as given, e.g. "4MiB/h"
};

// soak shape: the drift and leak analysis.
struct DriftBounds {
  DriftBound rss{1048576.0 / 3600, false, "1MiB/h"};
  DriftBound p99{0.10 / 3600, true, "10%/h"};
  double confidence = 0.95;  // of the slopes' two-sided intervals
};

// Open model: operations start on a timetable of arrival rates, whether or not earlier
// ones have finished; latency counts from the scheduled start (coordinated omission
// corrected). Up to `max_concurrency` operations are in flight at once.
struct OpenLoadSpec {
  std::vector<RateStage> stages;  // a constant rate is one stage lasting the trial
  unsigned max_concurrency = 64;
  unsigned threads = 0;  // as ClosedLoadSpec::threads
  Seconds timeline_interval{1.0};
  std::string shape;  // "rate", "stages", "ramp", "step", "spike" or "soak": how it was written
  Json written;       // a named shape's object as written: its canonical form keeps the shape
  BreakingPointLimits limits;  // step
  RecoveryCriterion recovery;  // spike
  DriftBounds drift;           // soak
};

using LoadSpec = std::variant<ClosedLoadSpec, OpenLoadSpec>;

// The planned trial duration of a load: an open model's stages fix it.
std::optional<Seconds> load_duration(const LoadSpec& load);

// What perf-compare applies to a scenario, declared in the suite; rules given on
// perf-compare's command line come after these and win.
struct GateSpec {
  std::optional<double> threshold;                   // relative, every metric
  std::map<std::string, double> metric_thresholds;   // relative, by metric name
  std::vector<std::string> checks;                   // absolute checks, e.g. "p95 < 200ms"
  bool empty() const { return !threshold && metric_thresholds.empty() && checks.empty(); }
};

// A scenario made by a sweep: one value of a parameter (docs/suite-format.md, "sweep").
struct SweepPoint {
  std::string sweep;      // the scenario as written, e.g. "sort"; this one is "sort/items=1000"
  std::string parameter;  // "concurrency", or a built-in parameter / {placeholder} name
  double value = 0;
};

// What a scenario inherits from the suite's "defaults" unless it sets its own.
// perf-run --profile: after the measured trials, one more trial per variant with call
// stacks sampled (docs/profiles.md).
struct ProfileSpec {
  // Prime, so no lockstep with periodic work; on a VM each sample costs ~16 us (timer exits),
  // so 499 Hz costs ~1 % where 999 Hz costs ~2 % (docs/profiles.md, "Cost").
  static constexpr double kDefaultRateHz = 499;
  static constexpr double kMaxRateHz = 10000;
  // Function-level differences need a few thousand samples: trials at least this long,
  // repeated (sampling on throughout) until there are enough samples or the trials run out.
  static constexpr Seconds kMinDuration{4.0};
  static constexpr std::uint64_t kEnoughSamples = 2000;
  static constexpr unsigned kMaxTrials = 3;
  double rate_hz = kDefaultRateHz;  // per second of CPU time
  std::optional<Seconds> duration;  // default: the trial duration, at least kMinDuration

  Seconds length(Seconds trial_duration) const { return duration.value_or(std::max(trial_duration, kMinDuration)); }
};

struct ScenarioSettings {
  LoadSpec load;
  Seconds warmup{1.0};
  Seconds duration{5.0};
  unsigned trials = 5;
  GateSpec gate;
  std::optional<ProfileSpec> profile;
};

struct ScenarioSpec : ScenarioSettings {
  std::string name;
  TargetSpec target;  // what the scenario measures; in a paired scenario, the candidate
  // A paired scenario also measures this baseline variant, trial for trial interleaved
  // with the candidate in alternating order (AB, BA, AB, ...), so that drift of the
  // machine hits both alike and perf-compare can use a paired test.
  std::optional<TargetSpec> paired_baseline;
  std::optional<SweepPoint> sweep;
};

struct SuiteSpec {
  std::string name;
  std::string source;  // the file it came from ("<builtin default suite>" when embedded)
  std::vector<ScenarioSpec> scenarios;

  const ScenarioSpec* find(const std::string& scenario) const;  // nullptr when absent
};

// Parses and validates suite JSON text. Throws perfgate::Error (kInput) whose message
// names `source_name` and the JSON path of the offending field.
SuiteSpec suite_from_text(const std::string& text, const std::string& source_name);
SuiteSpec read_suite(const std::string& path);

// The suite perf-run runs when given no file: every built-in workload, a few seconds each.
SuiteSpec default_suite();

// Parses a duration such as "250ms", "2s", "1.5m", "1h" or a bare number of seconds.
std::optional<Seconds> parse_duration(const std::string& text);

// Keeps the scenarios whose name matches any of the shell globs (fnmatch); throws
// kInput naming a glob that matches nothing, with the scenario names available.
void select_scenarios(SuiteSpec& suite, const std::vector<std::string>& globs);

// Command-line overrides applied to every scenario.
struct SuiteOverrides {
  std::optional<unsigned> trials;
  std::optional<Seconds> duration;
  std::optional<Seconds> warmup;
  std::optional<int> server_pid;  // HTTP scenarios that name no server process of their own
  std::optional<ProfileSpec> profile = {};  // profile every scenario
};
void apply_overrides(SuiteSpec& suite, const SuiteOverrides& overrides);

// Pairing a whole suite (perf-run --pair baseline=DIR --pair candidate=DIR): a target
// refers to the build under test as "{build}" in a command's argv, cwd or env values or
// in an HTTP URL. Every scenario whose target does so is measured twice, interleaved,
// with "{build}" replaced by each side's value (docs/suite-format.md, "Pairing a suite").
inline constexpr std::string_view kBuildPlaceholder = "{build}";

struct BuildPairing {
  std::string baseline, candidate;  // what "{build}" stands for on each side
};

bool uses_build_placeholder(const TargetSpec& target);
// Replaces "{build}" in the target's argv, cwd, env values and URL.
TargetSpec with_build(const TargetSpec& target, const std::string& value);
// Pairs the scenarios that use "{build}" and returns the names of those that do not
// (they run once, unpaired). A scenario with explicit variants gets each side's value
// in its own variant. Throws kInput when a scenario is paired both ways ambiguously.
std::vector<std::string> pair_builds(SuiteSpec& suite, const BuildPairing& pairing);
// perf-run --build DIR: one side only (an unpaired run), "{build}" becomes DIR.
void substitute_build(SuiteSpec& suite, const std::string& value);
// perf-run --self-pair: every scenario is paired with an identical copy of itself, an
// A/A run that measures what the gate reads as noise on this machine.
void pair_with_itself(SuiteSpec& suite);
// Throws kInput naming the first scenario that still refers to "{build}".
void require_builds_substituted(const SuiteSpec& suite);

// The canonical JSON form of a validated suite (defaults applied), embedded in results so
// that a result says exactly what produced it. suite_from_text(to_json(s)) reproduces s.
Json to_json(const SuiteSpec& suite);

}  // namespace perfgate
