// Series and change points of a history (docs/history.md, "Change points").

#include <fnmatch.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "common/format.h"
#include "perfgate/error.h"
#include "perfgate/history.h"
#include "perfgate/samples.h"
#include "stats/e_divisive.h"
#include "stats/shift_estimate.h"
#include "stats/t_tests.h"

namespace perfgate {

double HistoryChange::size() const { return std::abs(std::log(ratio)); }

namespace {

constexpr double kChangeConfidence = 0.95;

std::string describe_run(const std::string& name, const HistoryRun& run) {
  return "history '" + name + "' run " + run.key + " (commit " + run.short_source_commit() + ")";
}

void check_same_suite(const std::string& name, const std::vector<HistoryRun>& runs) {
  for (const auto& run : runs) {
    if (run.suite != runs.front().suite || run.result_format != runs.front().result_format) {
      throw input_error(describe_run(name, run) + " is of " +
                        (run.suite.empty() ? run.result_format : "suite '" + run.suite + "'") + ", " +
                        describe_run(name, runs.front()) + " of " +
                        (runs.front().suite.empty() ? runs.front().result_format : "suite '" + runs.front().suite + "'") +
                        ": a history holds runs of one suite");
    }
  }
}

bool selected(const std::vector<std::string>& globs, const std::string& scenario) {
  return globs.empty() || std::any_of(globs.begin(), globs.end(), [&](const auto& g) {
           return fnmatch(g.c_str(), scenario.c_str(), 0) == 0;
         });
}

std::optional<HistoryPoint> point_of(std::size_t run, const MetricSamples& m) {
  std::vector<double> finite;
  std::copy_if(m.values.begin(), m.values.end(), std::back_inserter(finite), [](double v) { return std::isfinite(v); });
  if (finite.empty()) return std::nullopt;
  const auto [low, high] = std::minmax_element(finite.begin(), finite.end());
  return HistoryPoint{run, stats::median(finite), *low, *high};
}

std::vector<HistorySeries> series_of(const std::string& name, const std::vector<HistoryRun>& runs,
                                     const HistoryOptions& o) {
  std::vector<HistorySeries> series;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const SampleSet set = samples_from_text(runs[r].result_text, describe_run(name, runs[r]), InputFormat::kAuto);
    const std::vector<std::string>& metrics = o.metrics.empty() ? set.default_metrics : o.metrics;
    for (const auto& scenario : set.scenarios) {
      if (!selected(o.scenario_globs, scenario.name)) continue;
      for (const auto& metric : metrics) {
        const auto m = scenario.metrics.find(metric);
        if (m == scenario.metrics.end()) continue;
        const auto point = point_of(r, m->second);
        if (!point) continue;
        const auto [it, added] = index.try_emplace({scenario.name, metric}, series.size());
        if (added) series.push_back({scenario.name, metric, m->second.unit, m->second.direction, {}});
        series[it->second].points.push_back(*point);
      }
    }
  }
  return series;
}

std::vector<double> log_medians(std::span<const HistoryPoint> points) {
  std::vector<double> v;
  for (const auto& p : points) v.push_back(std::log(p.median));
  return v;
}

HistoryChange change_at(const HistorySeries& s, const std::vector<HistoryRun>& runs, std::size_t begin,
                        std::size_t at, std::size_t end, double p_value, stats::ExactDistributions& exact) {
  const std::span<const HistoryPoint> points(s.points);
  const auto before = points.subspan(begin, at - begin), after = points.subspan(at, end - at);
  const auto medians = [](std::span<const HistoryPoint> ps) {
    std::vector<double> v;
    for (const auto& p : ps) v.push_back(p.median);
    return stats::median(v);
  };
  HistoryChange c;
  c.scenario = s.scenario;
  c.metric = s.metric;
  c.unit = s.unit;
  c.direction = s.direction;
  c.run = points[at].run;
  c.before = medians(before);
  c.after = medians(after);
  c.runs_before = before.size();
  c.runs_after = after.size();
  c.p_value = p_value;
  if (std::all_of(s.points.begin(), s.points.end(), [](const auto& p) { return p.median > 0; })) {
    const auto shift = stats::two_sample_shift(log_medians(before), log_medians(after), kChangeConfidence, exact);
    c.ratio = std::exp(shift.estimate);
    c.ratio_lower = std::exp(shift.lower);
    c.ratio_upper = std::exp(shift.upper);
  } else {
    c.ratio = c.ratio_lower = c.ratio_upper = c.before != 0 ? c.after / c.before : 1;
  }
  c.last_commit_before = runs[points[at - 1].run].source_commit;
  c.first_commit_after = runs[points[at].run].source_commit;
  return c;
}

std::vector<HistoryChange> changes_between(const HistorySeries& s, const std::vector<HistoryRun>& runs,
                                           const std::vector<stats::DetectedChange>& found,
                                           stats::ExactDistributions& exact) {
  std::vector<HistoryChange> changes;
  for (std::size_t k = 0; k < found.size(); ++k) {
    const std::size_t begin = k == 0 ? 0 : found[k - 1].index;
    const std::size_t end = k + 1 < found.size() ? found[k + 1].index : s.points.size();
    changes.push_back(change_at(s, runs, begin, found[k].index, end, found[k].p_value, exact));
  }
  return changes;
}

std::vector<HistoryChange> changes_of(const HistorySeries& s, const std::vector<HistoryRun>& runs,
                                      const HistoryOptions& o, stats::ExactDistributions& exact) {
  std::vector<double> medians;
  for (const auto& p : s.points) medians.push_back(p.median);
  stats::ChangePointOptions detector;
  detector.alpha = o.alpha;
  detector.seed = o.seed;
  detector.min_relative_change = o.min_change;
  return changes_between(s, runs, stats::detect_change_points(medians, detector), exact);
}

}  // namespace

HistoryAnalysis analyse_history(std::string name, std::vector<HistoryRun> runs, const HistoryOptions& o) {
  if (runs.empty()) throw input_error("history '" + name + "' has no runs");
  check_same_suite(name, runs);
  HistoryAnalysis a{std::move(name), {}, {}, {}, {}};
  a.series = series_of(a.name, runs, o);
  for (const auto& glob : o.scenario_globs) {
    if (std::none_of(a.series.begin(), a.series.end(),
                     [&](const auto& s) { return fnmatch(glob.c_str(), s.scenario.c_str(), 0) == 0; })) {
      throw input_error("--scenario '" + glob + "' matches no scenario of history '" + a.name + "'");
    }
  }
  for (const auto& metric : o.metrics) {
    if (std::none_of(a.series.begin(), a.series.end(), [&](const auto& s) { return s.metric == metric; })) {
      throw input_error("--metric '" + metric + "': no run of history '" + a.name + "' has it");
    }
  }
  stats::ExactDistributions exact;
  for (const auto& s : a.series) {
    auto found = changes_of(s, runs, o, exact);
    a.changes.insert(a.changes.end(), found.begin(), found.end());
  }
  std::stable_sort(a.changes.begin(), a.changes.end(), [](const auto& x, const auto& y) { return x.size() > y.size(); });
  for (auto& run : runs) run.result_text.clear();
  a.runs = std::move(runs);
  return a;
}

}  // namespace perfgate
