// --baseline history:NAME: the runs since each series' last change point.

#include <algorithm>
#include <map>

#include "perfgate/error.h"
#include "perfgate/history.h"

namespace perfgate {
namespace {

constexpr std::string_view kHistoryScheme = "history:";
// The newest runs of a stable segment are the baseline: enough for run-to-run variance,
// recent enough that slow drift within a segment does not dominate.
constexpr std::size_t kBaselineRuns = 30;

using SeriesKey = std::pair<std::string, std::string>;

class HistoryBaselineSource final : public BaselineSource {
 public:
  HistoryBaselineSource(std::string name, std::vector<HistoryRun> runs, const BaselineLookup& lookup)
      : name_(std::move(name)), runs_(std::move(runs)), warn_(lookup.warn) {}

  SampleSet load() const override {
    const std::size_t window = runs_.size() > kBaselineRuns ? runs_.size() - kBaselineRuns : 0;
    std::map<SeriesKey, std::size_t> first_run;  // of each series' stable segment
    for (const auto& change : analyse_history(name_, runs_).changes) {
      auto& first = first_run[{change.scenario, change.metric}];
      first = std::max(first, change.run);
    }
    std::vector<SampleSet> sets;
    for (const auto& run : runs_) {
      sets.push_back(samples_from_text(run.result_text, describe() + " run " + run.key, InputFormat::kAuto));
    }
    SampleSet combined = combine_runs(std::move(sets));
    combined.source = describe();
    for (auto& scenario : combined.scenarios) {
      for (auto& [metric, m] : scenario.metrics) {
        const auto cut = first_run.find({scenario.name, metric});
        const std::size_t first = std::max(window, cut == first_run.end() ? 0 : cut->second);
        if (cut != first_run.end() && runs_.size() - cut->second < 3) {
          warn_(describe() + ": " + scenario.name + " " + metric + " changed at commit " +
                runs_[cut->second].short_source_commit() + ", only " + std::to_string(runs_.size() - cut->second) +
                " run(s) ago; the baseline is those runs alone");
        }
        keep_runs_from(m, first);
      }
    }
    return combined;
  }
  std::string describe() const override { return std::string(kHistoryScheme) + name_; }

 private:
  static void keep_runs_from(MetricSamples& m, std::size_t first) {
    std::vector<double> values;
    std::vector<std::size_t> runs;
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      if (m.runs[i] < first) continue;
      values.push_back(m.values[i]);
      runs.push_back(m.runs[i]);
    }
    m.values = std::move(values);
    m.runs = std::move(runs);
  }

  std::string name_;
  std::vector<HistoryRun> runs_;
  std::function<void(const std::string&)> warn_;
};

}  // namespace

bool is_history_baseline(const std::string& spec) { return spec.rfind(kHistoryScheme, 0) == 0; }

namespace {

std::string history_name(const std::string& spec) { return spec.substr(kHistoryScheme.size()); }

}  // namespace

std::unique_ptr<BaselineSource> make_history_baseline_source(const std::string& spec, const BaselineLookup& lookup) {
  const std::string name = history_name(spec);
  std::vector<HistoryRun> runs = HistoryStore(lookup.directory).runs(name);
  return std::make_unique<HistoryBaselineSource>(name, std::move(runs), lookup);
}

}  // namespace perfgate

namespace perfgate {

std::string latest_history_result(const std::string& spec, const BaselineLookup& lookup) {
  return HistoryStore(lookup.directory).runs(history_name(spec)).back().result_text;
}

}  // namespace perfgate
