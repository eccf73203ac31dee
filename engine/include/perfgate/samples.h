#pragma once
// What perf-compare compares: per scenario and metric, one value per trial (or per
// Google Benchmark repetition, or per hyperfine run). Every input format is read into
// this one shape, so the statistics never see a file format.

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "perfgate/fingerprint.h"
#include "perfgate/gate_rules.h"
#include "perfgate/metrics.h"
#include "perfgate/profile.h"

namespace perfgate {

struct MetricSamples {
  Unit unit = Unit::kNone;
  Direction direction = Direction::kLowerIsBetter;
  // One per trial, in trial order; NaN for a trial without a value (no latency when no
  // operation succeeded), so that paired trials stay aligned by index.
  std::vector<double> values;
  // Which run each value came from, for a set that combines several runs (a multi-run
  // baseline); empty when every value is from one run.
  std::vector<std::size_t> runs = {};
};

struct ScenarioSamples {
  std::string name;
  std::map<std::string, MetricSamples> metrics;
  std::string shape = {};  // a perfgate open-model shape, for metric_shape(); "" otherwise
  // Trials that measured nothing (every operation failed: a crashed or erroring
  // benchmark) and the most frequent reason; perf-compare reports them as errors.
  std::size_t trials = 0, failed_trials = 0;
  std::string failure = {};
  std::optional<Profile> profile = {};  // perf-run --profile, for "where it changed"
};

// One run that contributed to a sample set: its machine-speed probe (operations per
// second of perf-run's fixed probe workload; NaN when the input has none).
struct RunInfo {
  std::string source;
  double probe_speed = std::numeric_limits<double>::quiet_NaN();
};

struct SampleSet {
  std::string source;  // file name or baseline reference, for messages
  std::string format;  // "perfgate", "gbench", "hyperfine"
  std::optional<Fingerprint> fingerprint;
  std::vector<std::string> default_metrics;  // compared when the user names none
  std::vector<ScenarioSamples> scenarios;
  // Values of the same scenario and metric in a baseline and a candidate set with this
  // flag are index-aligned pairs from one interleaved run (perf-run "variants").
  bool paired = false;
  // Gate rules the input declares for its scenarios (a perfgate result's suite "gate").
  std::vector<PracticalThreshold> declared_thresholds = {};
  std::vector<AbsoluteCheck> declared_checks = {};
  // The runs the values come from; one entry for a single result.
  std::vector<RunInfo> runs = {};

  const ScenarioSamples* find(const std::string& scenario) const;
};

enum class InputFormat { kAuto, kPerfgate, kGoogleBenchmark, kHyperfine };
bool parse_input_format(const std::string& name, InputFormat& out);  // auto|perfgate|gbench|hyperfine

// Reads any supported file ("-" for stdin). Throws kInput naming the file and field,
// including for data that cannot be compared (a benchmark with one repetition).
SampleSet read_samples(const std::string& path, InputFormat format);
SampleSet samples_from_text(const std::string& text, const std::string& source, InputFormat format);

// Several separate runs of the same suite (e.g. N CI runs of one commit) as one set
// whose values remember their run, so that perf-compare can use the run as the unit of
// between-run variance. Throws kInput when the runs are of different formats.
SampleSet combine_runs(std::vector<SampleSet> runs);

// The two variants of the paired scenarios of one perfgate result; `unpaired` lists
// the file's scenarios that are not paired.
struct PairedSamples {
  SampleSet baseline, candidate;
  std::vector<std::string> unpaired;
};

// A file read once, in both views perf-compare may need.
struct LoadedInput {
  SampleSet samples;                   // as a candidate or baseline on its own
  std::optional<PairedSamples> paired;  // when it is a perfgate result with paired scenarios
};
LoadedInput read_input(const std::string& path, InputFormat format);

// Where a baseline comes from: a file (below) or a git-stored version (baseline.h).
class BaselineSource {
 public:
  virtual ~BaselineSource() = default;
  virtual SampleSet load() const = 0;
  virtual std::string describe() const = 0;
};

class FileBaselineSource final : public BaselineSource {
 public:
  FileBaselineSource(std::string path, InputFormat format) : path_(std::move(path)), format_(format) {}
  SampleSet load() const override { return read_samples(path_, format_); }
  std::string describe() const override { return path_; }

 private:
  std::string path_;
  InputFormat format_;
};

}  // namespace perfgate
