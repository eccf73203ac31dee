#pragma once
// A result file ("schema": "perfgate.result/1"): what ran, where, and per-trial metric
// values. The format is documented in docs/result-schema.md and
// docs/schemas/perfgate.result-1.schema.json.

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "perfgate/json.h"

#include "perfgate/fingerprint.h"
#include "perfgate/histogram.h"
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
  double rss_bytes = 0;  // of perf-run at the end of the interval
};

struct TrialResult {
  double duration_s = 0.0;
  std::uint64_t operations = 0;  // successful and failed
  std::map<std::string, std::uint64_t> errors_by_reason;
  std::map<std::string, double> metrics;  // keys from metric_catalogue()
  // Open model: more than 5 % of due operations started late or not at all, so the
  // trial measured a lower load than asked (metrics target_rate, achieved_rate).
  bool rate_not_reached = false;
  std::vector<TimelinePoint> timeline;  // open model only
};

// The baseline variant of a paired scenario: trial i ran right before or after the
// candidate's trial i (baseline_first[i] says which).
struct PairedBaseline {
  std::vector<TrialResult> trials;
  LatencyHistogram latency;
  std::vector<bool> baseline_first;
};

struct ScenarioResult {
  std::string name;
  std::vector<TrialResult> trials;  // the scenario's target (a paired scenario's candidate)
  LatencyHistogram latency;         // successful operations of every trial, merged
  std::optional<PairedBaseline> baseline;  // paired scenarios only
};

// Which part of a sharded run a result holds (perf-run --shard I/N).
struct ShardInfo {
  unsigned index = 1, count = 1;             // 1-based
  std::vector<std::string> suite_scenarios;  // every scenario of the whole run, in suite order
};

struct Result {
  std::string started_at;  // UTC, ISO 8601
  double duration_s = 0.0;
  bool interrupted = false;  // only set for --keep-partial files
  Fingerprint fingerprint;
  SuiteSpec suite;
  std::vector<ScenarioResult> scenarios;
  std::optional<ShardInfo> shard;  // absent for a whole run
};

// Combines the shard results of one run into the result of the whole run: every shard
// exactly once, scenarios in suite order. Also combines unsharded results of distinct
// scenarios. Throws kInput naming what is missing or repeated; `warnings` gets
// differences of machine or source between the parts.
Result merge_results(const std::vector<Result>& parts, const std::vector<std::string>& sources,
                     std::vector<std::string>& warnings);

Json to_json(const Result& result);

// Reads and validates a result; errors (kInput) name `source_name` and the field.
Result parse_result(const std::string& text, const std::string& source_name);
Result load_result_file(const std::string& path);

// Readers that need only trial values (perf-compare) skip decoding the histograms,
// which are a fixed 250 KiB each in memory.
enum class HistogramLoading { kDecode, kSkip };
Result result_from_json(const Json& doc, const std::string& source_name,
                        HistogramLoading histograms = HistogramLoading::kDecode);

// Serializes and writes atomically (temp file in the same directory + rename);
// "-" writes to stdout. Throws kEnvironment when the file cannot be written.
void write_result(const Result& result, const std::string& path);

}  // namespace perfgate
