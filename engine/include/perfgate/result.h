#pragma once
// A result file ("schema": "perfgate.result/1"): what ran, where, and per-trial metric
// values. The format is documented in docs/result-schema.md and
// docs/schemas/perfgate.result-1.schema.json.

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "perfgate/json.h"

#include "perfgate/fingerprint.h"
#include "perfgate/histogram.h"
#include "perfgate/profile.h"
#include "perfgate/suite.h"

namespace perfgate {

inline constexpr std::string_view kResultSchema = "perfgate.result/1";

// One interval of an open-model trial (docs/result-schema.md, "timeline").
struct TimelinePoint {
  double t_s = 0;  // end of the interval, seconds from the trial start
  std::uint64_t operations = 0, errors = 0;
  double throughput = 0;  // successful operations per second in the interval
  double latency_p50 = std::numeric_limits<double>::quiet_NaN();  // ns, from the scheduled start
  double latency_p99 = std::numeric_limits<double>::quiet_NaN();
  // Of the measured process (perf-run, or the sampled server) at the end of the
  // interval; NaN (null in JSON) once a sampled server has gone.
  double rss_bytes = 0;
  // Set on a last interval that the trial's end cut short: its real length, by which its
  // throughput is rated.
  std::optional<double> interval_s;
};

// One stage of an open-model trial (a step level, a spike's phases, ...). Operations
// belong to the stage in which they were scheduled.
struct StageSummary {
  double start_s = 0, end_s = 0;
  double target_rate = 0;    // scheduled operations / stage duration
  double achieved_rate = 0;  // of those, started before the stage ended / stage duration
  std::uint64_t operations = 0, errors = 0;
  double latency_p50 = std::numeric_limits<double>::quiet_NaN();  // ns, from the scheduled start
  double latency_p99 = std::numeric_limits<double>::quiet_NaN();
};

// spike shape: how long after the spike p99 took to come back (docs/result-schema.md).
struct SpikeRecovery {
  double reference_p99 = 0;  // ns: median interval p99 before the spike
  double bound_p99 = 0;      // ns: reference x (1 + tolerance)
  std::optional<double> recovery_s;  // from the spike's end; empty when it never recovered
};

// step shape: the highest level that met the limits, and what broke above it.
struct BreakingPoint {
  std::optional<double> sustained_rate;  // empty when even the first level broke
  std::optional<double> broken_rate;     // the first level that broke; empty when none did
  std::vector<std::string> broken_limits;  // of "achieved", "error_rate", "p99"
  bool stopped = false;                    // the trial ended there instead of running every level
};

// A least-squares slope over the timeline with its confidence interval (Student's t).
struct SlopeEstimate {
  double slope = 0, low = 0, high = 0;  // per second, in the series' unit
  double bound = 0;                     // per second, absolute
  bool exceeded = false;                // low > bound: significantly steeper than allowed
  std::size_t points = 0;
};

// soak shape: memory and latency drift.
struct SoakDrift {
  double confidence = 0.95;
  std::optional<SlopeEstimate> rss, p99;  // empty with fewer than 3 usable points
};

struct TrialAnalysis {
  std::optional<SpikeRecovery> spike;
  std::optional<BreakingPoint> breaking_point;
  std::optional<SoakDrift> drift;
  bool empty() const { return !spike && !breaking_point && !drift; }
};

struct TrialResult {
  double duration_s = 0.0;
  std::uint64_t operations = 0;  // successful and failed
  std::map<std::string, std::uint64_t> errors_by_reason;
  std::map<std::string, double> metrics;  // keys from metric_catalogue()
  // Open model: more than 5 % of due operations started late or not at all, so the
  // trial measured a lower load than asked (metrics target_rate, achieved_rate).
  bool rate_not_reached = false;
  // HTTP: seconds in which connections to the target failed (from a failed connect to
  // the next that succeeded); 0 when it was always reachable.
  double unavailable_s = 0.0;
  std::vector<TimelinePoint> timeline;  // open model only
  std::vector<StageSummary> stages;     // open model with stages or a shape
  TrialAnalysis analysis;               // spike, step and soak shapes

  // Every operation failed (a benchmark that reported an error): nothing was measured.
  bool measured_nothing() const {
    std::uint64_t errors = 0;
    for (const auto& [_, n] : errors_by_reason) errors += n;
    return errors > 0 && errors >= operations;
  }
};

// The baseline variant of a paired scenario: trial i ran right before or after the
// candidate's trial i (baseline_first[i] says which).
struct PairedBaseline {
  std::vector<TrialResult> trials;
  LatencyHistogram latency;
  std::vector<bool> baseline_first;
  std::optional<Profile> profile = {};  // perf-run --profile
};

struct ScenarioResult {
  std::string name;
  std::vector<TrialResult> trials;  // the scenario's target (a paired scenario's candidate)
  LatencyHistogram latency;         // successful operations of every trial, merged
  std::optional<PairedBaseline> baseline;  // paired scenarios only
  std::optional<Profile> profile = {};     // perf-run --profile: the candidate's
};

// Whether a scenario measured so far needs more trials to be decided (adaptive trials).
using UndecidedCheck = std::function<bool(const ScenarioSpec&, const ScenarioResult&)>;

// One value of a sweep: the medians over its scenario's trials.
struct SweepPointResult {
  double value = 0;
  std::string scenario;
  double throughput = 0;    // ops/s
  double latency_mean = 0;  // ns per operation
  // Concurrency sweeps: throughput per worker relative to the smallest level's
  // (1.0 = perfect scaling; against 1 worker when the list starts at 1).
  std::optional<double> efficiency;
};

// A fitted power law time = c * value^exponent, with the exponent's interval.
struct GrowthExponent {
  double estimate = 0, low = 0, high = 0;
  double confidence = 0.95;
};

// What a sweep shows across its values (docs/result-schema.md, "sweeps"); derived from
// the scenarios, so readers recompute it rather than trust a file.
struct SweepResult {
  std::string name, parameter;
  std::vector<SweepPointResult> points;
  std::optional<GrowthExponent> exponent;  // parameter sweeps: of mean time per operation
};

// Which part of a sharded run a result holds (perf-run --shard I/N).
struct ShardInfo {
  unsigned index = 1, count = 1;             // 1-based
  std::vector<std::string> suite_scenarios;  // every scenario of the whole run, in suite order
};

// A suite paired with perf-run --pair (or --self-pair): what each side was.
struct PairedBuild {
  std::string value;            // what "{build}" stood for
  std::optional<GitState> git;  // when the value is a directory in a git work tree
};
struct PairingInfo {
  std::string mode;  // "build" (--pair) or "self" (--self-pair, an A/A run)
  std::optional<PairedBuild> baseline, candidate;  // mode "build"
  std::vector<std::string> unpaired;  // scenarios that did not use "{build}" and ran once
  // Benchmarks only one side's Google Benchmark binary has: each ran once, on its side,
  // and perf-compare reports them as `missing` (baseline only) or `new` (candidate only).
  std::vector<std::string> baseline_only = {}, candidate_only = {};
};

// The machine-speed probe: a fixed built-in workload measured before and after the
// suite, so that perf-compare can tell how much the machine itself changed between two
// separate runs (docs/statistics.md, "Run-to-run noise").
struct MachineProbe {
  std::string workload;  // what one operation is, e.g. "sort of 20000 integers"
  std::vector<double> before, after;  // operations per second of each probe trial
  double speed() const;  // median over before and after; NaN when empty
};

struct Result {
  std::string started_at;  // UTC, ISO 8601
  double duration_s = 0.0;
  bool interrupted = false;  // only set for --keep-partial files
  Fingerprint fingerprint;
  SuiteSpec suite;
  std::vector<ScenarioResult> scenarios;
  std::optional<ShardInfo> shard;  // absent for a whole run
  std::vector<SweepResult> sweeps;
  std::optional<PairingInfo> pairing;
  std::optional<MachineProbe> probe;
};

// The sweeps among a result's scenarios, from their trials.
std::vector<SweepResult> analyse_sweeps(const Result& result);

// Combines the shard results of one run into the result of the whole run: every shard
// exactly once, scenarios in suite order. Also combines unsharded results of distinct
// scenarios. Throws kInput naming what is missing or repeated; `warnings` gets
// differences of machine or source between the parts.
Result merge_results(const std::vector<Result>& parts, const std::vector<std::string>& sources,
                     std::vector<std::string>& warnings);

Json to_json(const Result& result);

// Reads and validates a result; errors (kInput) name `source_name` and the field.
Result result_from_text(const std::string& text, const std::string& source_name);
Result read_result(const std::string& path);

// Readers that need only trial values (perf-compare) skip decoding the histograms,
// which are a fixed 250 KiB each in memory.
enum class HistogramLoading { kDecode, kSkip };
Result result_from_json(const Json& doc, const std::string& source_name,
                        HistogramLoading histograms = HistogramLoading::kDecode);

// Serializes and writes atomically (temp file in the same directory + rename);
// "-" writes to stdout. Throws kEnvironment when the file cannot be written.
void write_result(const Result& result, const std::string& path);

}  // namespace perfgate
