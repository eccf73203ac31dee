#pragma once
// Every main-branch run kept in the project's own git repository (docs/history.md): a
// named history is one reference, refs/perfgate/history/NAME, whose commit's tree holds
// every retained run (runs/KEY/result.json byte for byte, runs/KEY/record.json) and
// whose parent is the commit before the last append. Appends are compare-and-swap on the
// reference, so concurrent recorders never lose a run, and pruning is an ordinary
// fast-forward commit that leaves the pruned runs out of the tree: nobody's fetch breaks,
// and a depth-1 fetch of the reference carries the whole retained history.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "perfgate/baseline.h"
#include "perfgate/metrics.h"

namespace perfgate {

inline constexpr std::string_view kHistoryRecordSchema = "perfgate.history-run/1";
inline constexpr std::string_view kHistoryReferencePrefix = "refs/perfgate/history/";
inline constexpr std::size_t kDefaultHistoryRuns = 1000;

struct HistoryRun {
  std::string key;            // runs/KEY: commit time, record sequence, content id; sorts as runs are ordered
  std::string source_commit;  // what was measured
  std::string source_branch;
  std::int64_t commit_time = 0;  // the source commit's committer time: the order of runs
  std::string suite;             // the suite's name in a perfgate result; "" for other formats
  std::string result_format;     // "perfgate", "gbench", "hyperfine"
  std::string tool_version;
  Identity recorded_by;          // who recorded it, and when
  std::string result_text;       // the result, byte for byte

  std::string short_source_commit() const;
};
// Every field but result_text, as record.json holds them (plus `key` when set).
Json to_json(const HistoryRun& run);

// What a history keeps: the newest `max_runs` runs, and none older than `max_age_days`
// (by commit time) when that is set.
struct HistoryRetention {
  std::size_t max_runs = kDefaultHistoryRuns;
  std::optional<double> max_age_days;
};

struct RecordRequest {
  std::string result_text;
  std::string result_source;  // file name, for messages
  std::string name;
  std::optional<std::string> source_revision;  // default: the result's own commit, else HEAD
  bool allow_dirty = false;
  HistoryRetention retention = {};
};

struct RecordOutcome {
  HistoryRun run;
  std::string commit;       // the history's new tip
  std::size_t runs = 0;     // runs the history now holds
  std::size_t pruned = 0;   // left out by the retention rule
  unsigned attempts = 1;    // > 1: other recorders appended concurrently
  bool already_recorded = false;  // the history holds these exact bytes already; nothing changed
};

class GitRepository;

class HistoryStore {
 public:
  // The repository containing `directory`; kEnvironment when there is none.
  explicit HistoryStore(const std::string& directory);
  HistoryStore(HistoryStore&&) noexcept;
  HistoryStore& operator=(HistoryStore&&) noexcept;
  ~HistoryStore();

  // Appends a run. Throws kInput for a result of another suite or format than the
  // history's, kEnvironment when git fails.
  RecordOutcome record(const RecordRequest& request);
  // Every retained run, oldest first (commit time, then the order they were recorded in).
  // kInput when the history does not exist (with the fetch refspec) or holds no run;
  // kEnvironment for a damaged one.
  std::vector<HistoryRun> runs(const std::string& name) const;
  std::vector<std::string> names() const;
  // Re-baselines (perf-baseline save) of any name under the tag prefix, for marking charts.
  std::vector<BaselineVersion> baselines(const std::string& tag_prefix = std::string(kDefaultTagPrefix)) const;

  static std::string reference(const std::string& name);  // validates the name

 private:
  std::string directory_;
  std::unique_ptr<GitRepository> repo_;
};

struct HistoryOptions {
  std::vector<std::string> scenario_globs;  // empty: every scenario
  std::vector<std::string> metrics;         // empty: what perf-compare compares by default
  double alpha = 0.01;                      // of each change point's permutation test
  double min_change = 0.01;                 // smaller shifts are not reported (a fraction: 0.01 = 1 %)
  std::uint64_t seed = 0x5eed;
};

// One run's value of a series: the median over its trials, and their range.
struct HistoryPoint {
  std::size_t run = 0;  // index into HistoryAnalysis::runs
  double median = 0, low = 0, high = 0;
};

struct HistorySeries {
  std::string scenario, metric;
  Unit unit = Unit::kNone;
  Direction direction = Direction::kLowerIsBetter;
  std::vector<HistoryPoint> points;
};

// A shift in a series' distribution (E-divisive, docs/history.md).
struct HistoryChange {
  std::string scenario, metric;
  Unit unit = Unit::kNone;
  Direction direction = Direction::kLowerIsBetter;
  std::size_t run = 0;        // index of the first run after the change
  double before = 0, after = 0;  // medians of the run medians of the segments either side
  double ratio = 1, ratio_lower = 1, ratio_upper = 1;  // Hodges-Lehmann after/before, 95 % interval
  double p_value = 1;
  std::size_t runs_before = 0, runs_after = 0;  // sizes of those segments
  std::string last_commit_before, first_commit_after;
  bool regression() const { return (direction == Direction::kHigherIsBetter) == (ratio < 1); }
  double size() const;  // |log ratio|: what the change table is ordered by
};

struct HistoryAnalysis {
  std::string name;
  std::vector<HistoryRun> runs;  // result_text dropped
  std::vector<HistorySeries> series;
  std::vector<HistoryChange> changes;  // largest first
  std::vector<BaselineVersion> baselines;  // re-baselines measured on a run's commit or between runs
};

// Series and change points of a history. Throws kInput for an empty history, a glob
// that matches no scenario, or runs of different suites.
HistoryAnalysis analyse_history(std::string name, std::vector<HistoryRun> runs, const HistoryOptions& options = {});

// The runs of each series since its last change point, as a baseline for perf-compare
// (--baseline history:NAME): every value remembers its run, so run-to-run variance
// comes from those runs (docs/statistics.md, "History as the baseline").
bool is_history_baseline(const std::string& spec);
std::unique_ptr<BaselineSource> make_history_baseline_source(const std::string& spec, const BaselineLookup& lookup);
std::string latest_history_result(const std::string& spec, const BaselineLookup& lookup);  // the newest run's text

}  // namespace perfgate
