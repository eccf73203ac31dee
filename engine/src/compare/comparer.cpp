// Candidate vs baseline: one statistical comparison per scenario × metric, family-wise
// error control over all of them, then verdicts; absolute checks on the candidate.
// Method and reasoning: docs/statistics.md.

#include <fnmatch.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <tuple>

#include "perfgate/compare.h"
#include "common/format.h"
#include "perfgate/error.h"
#include "stats/multiple_testing.h"
#include "stats/power.h"
#include "stats/rank_tests.h"
#include "stats/shift_estimate.h"
#include "stats/t_tests.h"
#include "compare/comparer.h"
#include "compare/evidence.h"
#include "compare/verdict_wording.h"

namespace perfgate {
namespace {

// Below this many trials per side, the exact rank test cannot reach the small p-values
// a family correction over many comparisons demands (with 5 vs 5 the smallest
// two-sided p is 2/252 = 0.008), so Welch's t on log values is used instead.
constexpr std::size_t kRankTestMinimumTrials = 10;

bool glob_matches(const std::string& glob, const std::string& name) {
  return fnmatch(glob.c_str(), name.c_str(), 0) == 0;
}

std::vector<double> finite_values(const std::vector<double>& v) {
  std::vector<double> out;
  std::copy_if(v.begin(), v.end(), std::back_inserter(out), [](double x) { return std::isfinite(x); });
  return out;
}


// Other processes taking the CPU stretch wall time; they barely move CPU time per
// operation or memory.
bool contention_moves(const std::string& metric) { return metric != "cpu_per_op" && metric.rfind("rss_", 0) != 0; }

// The median of a scenario's neighbour_load over its trials, NaN without one.
double neighbour_load(const ScenarioSamples* s) {
  if (s == nullptr) return std::nan("");
  const auto m = s->metrics.find("neighbour_load");
  return m == s->metrics.end() ? std::nan("") : stats::median(m->second.values);
}

// The last rule that matches wins.
double threshold_for(const CompareOptions& o, const std::string& scenario, const std::string& metric) {
  double t = 0.05;
  for (const auto& rule : o.thresholds) {
    if (glob_matches(rule.scenario_glob, scenario) && (rule.metric.empty() || rule.metric == metric)) t = rule.relative;
  }
  return t;
}

std::vector<double> logs(const std::vector<double>& v) {
  std::vector<double> out;
  out.reserve(v.size());
  for (double x : v) out.push_back(std::log(x));
  return out;
}

// By what factor the candidate is worse: > 1 is worse. A threshold t is the factor 1 + t
// in both directions (like asv's --factor): latency x1.05 and throughput /1.05 are both
// 5 %, so a threshold means the same on either kind of metric at any size; read as a
// plain percentage, 200 % on throughput could never be crossed and took in any collapse.
double worse_factor(double ratio, Direction d) { return d == Direction::kLowerIsBetter ? ratio : 1 / ratio; }

// The largest slowdown `extra_cores` of other processes' work can cause. A job on one
// core can lose that core for extra_cores of every second (1 + extra_cores); a job that
// uses the whole machine of `cores` keeps (cores - extra_cores)/cores of it. The larger
// of the two, with a tenth of a core assumed left; the first alone when cores are unknown.
double neighbour_slowdown_bound(double extra_cores, unsigned cores) {
  const double single_core = 1 + extra_cores;
  if (cores == 0) return single_core;
  const double n = cores;
  return std::max(single_core, n / std::max(n - extra_cores, 0.1));
}


Comparison unmatched(const std::string& scenario, const std::string& metric, const MetricSamples& m,
                     Verdict v, std::string reason) {
  Comparison c;
  c.scenario = scenario;
  c.metric = metric;
  c.unit = m.unit;
  c.direction = m.direction;
  c.verdict = v;
  c.reason = std::move(reason);
  c.baseline_median = c.candidate_median = std::nan("");
  c.ratio = c.ratio_lower = c.ratio_upper = std::nan("");
  (v == Verdict::kNew ? c.candidate_n : c.baseline_n) = m.values.size();
  (v == Verdict::kNew ? c.candidate_median : c.baseline_median) = stats::median(m.values);
  return c;
}

std::string failure_text(const char* side, const ScenarioSamples& s) {
  return std::string(side) + ": " + std::to_string(s.failed_trials) + " of " + std::to_string(s.trials) +
         " trials measured nothing (" + s.failure + ")";
}

// A scenario whose trials failed on either side is an error, not a comparison of what
// the other trials happened to measure.
Comparison failed_trials(const ScenarioSamples& cand, const ScenarioSamples* base) {
  Comparison c;
  c.scenario = cand.name;
  c.metric = "error_count";
  c.unit = Unit::kCount;
  c.verdict = Verdict::kError;
  c.baseline_n = base ? base->trials : 0;
  c.candidate_n = cand.trials;
  c.baseline_median = base ? double(base->failed_trials) : std::nan("");
  c.candidate_median = double(cand.failed_trials);
  c.ratio = c.ratio_lower = c.ratio_upper = std::nan("");
  if (cand.failed_trials > 0) c.reason = failure_text("candidate", cand);
  if (base && base->failed_trials > 0) c.reason += (c.reason.empty() ? "" : "; ") + failure_text("baseline", *base);
  return c;
}

// Log probe speeds of every run; empty unless every run has one.
std::vector<double> probe_logs(const SampleSet& set) {
  std::vector<double> out;
  for (const auto& r : set.runs) {
    if (!std::isfinite(r.probe_speed) || r.probe_speed <= 0) return {};
    out.push_back(std::log(r.probe_speed));
  }
  return out;
}

// Median log value of each run's finite, positive values.
std::vector<double> run_summaries(const MetricSamples& m) {
  std::map<std::size_t, std::vector<double>> by_run;
  for (std::size_t i = 0; i < m.values.size(); ++i) {
    if (std::isfinite(m.values[i]) && m.values[i] > 0) by_run[m.runs.empty() ? 0 : m.runs[i]].push_back(std::log(m.values[i]));
  }
  std::vector<double> out;
  for (const auto& [_, v] : by_run) out.push_back(stats::median(v));
  return out;
}

class Comparer {
 public:
  Comparer(const CompareOptions& options, RunConditions conditions) : o_(options), conditions_(conditions) {}

  // Fills everything but the interval and the verdict of tested comparisons, which
  // depend on the whole family (decide). Paired sets compare trial i with trial i (a pair
  // lacking a value on either side is dropped); unpaired sets compare all trials that
  // have a value, or the runs' summaries when a side holds several runs.
  // `index`: where the caller keeps the returned comparison, for decide().
  // `neighbour_loads`: unpaired scenarios' medians of neighbour_load, baseline then
  // candidate (NaN where unknown).
  Comparison test(std::size_t index, const std::string& scenario, const std::string& metric, const MetricSamples& base,
                  const MetricSamples& cand, bool paired, std::pair<double, double> neighbour_loads) {
    pending_index_ = index;
    Comparison c;
    if (!paired && contention_moves(metric)) {
      std::tie(c.baseline_neighbour_load, c.candidate_neighbour_load) = neighbour_loads;
    }
    c.scenario = scenario;
    c.metric = metric;
    c.unit = cand.unit;
    c.direction = cand.direction;
    c.threshold = threshold_for(o_, scenario, metric);
    std::vector<double> x, y;
    if (paired) {
      for (std::size_t i = 0; i < std::min(base.values.size(), cand.values.size()); ++i) {
        if (std::isfinite(base.values[i]) && std::isfinite(cand.values[i])) {
          x.push_back(base.values[i]);
          y.push_back(cand.values[i]);
        }
      }
    } else {
      x = finite_values(base.values);
      y = finite_values(cand.values);
    }
    c.baseline_n = x.size();
    c.candidate_n = y.size();
    c.baseline_median = stats::median(x);
    c.candidate_median = stats::median(y);
    const auto positive = [](const std::vector<double>& v) {
      return std::all_of(v.begin(), v.end(), [](double v) { return v > 0; });
    };
    if (c.baseline_n < 2 || c.candidate_n < 2) {
      c.verdict = Verdict::kInconclusive;
      c.reason = paired ? "fewer than 2 complete pairs: no spread to test against"
                        : "fewer than 2 trials on a side: no spread to test against";
      return c;
    }
    if (!positive(x) || !positive(y)) {
      c.verdict = Verdict::kError;
      c.reason = "values <= 0: a ratio is undefined (gate this metric with an absolute check)";
      return c;
    }
    if (paired) {
      c.run_noise = 0;
      add(c, paired_trials(logs(x), logs(y), use_rank_test(x.size()), exact_));
      return c;
    }
    const std::vector<double> base_runs = run_summaries(base), cand_runs = run_summaries(cand);
    c.baseline_runs = base_runs.size();
    c.candidate_runs = cand_runs.size();
    const double probe_variance = conditions_.probe_log_shift * conditions_.probe_log_shift;
    if (base_runs.size() + cand_runs.size() >= 3 && base_runs.size() >= 2) {
      Evidence e = between_runs(base_runs, cand_runs, probe_variance);
      c.run_noise = std::sqrt(std::max(0.0, e.normal.se * e.normal.se - probe_variance) /
                              (1.0 / double(base_runs.size()) + 1.0 / double(cand_runs.size())));
      add(c, std::move(e));
      return c;
    }
    const double assumed = std::log1p(o_.run_noise);
    c.run_noise = o_.run_noise;
    add(c, unpaired_trials(logs(x), logs(y), 2 * assumed * assumed + probe_variance,
                           use_rank_test(std::min(x.size(), y.size())), exact_));
    return c;
  }

  // Family correction, then each tested comparison's interval at the level of its
  // verdict, and the verdict read from that interval.
  void decide(std::vector<Comparison>& all, std::string& note) {
    std::vector<std::size_t> order(tested_.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::vector<double> p;
    for (const auto& [index, e] : tested_) p.push_back(e.p_value);
    const auto adjusted = stats::adjust(p, correction());
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
    const std::size_t m = tested_.size();
    const double bh_level = o_.alpha * double(std::max<std::size_t>(1, rejected_count(adjusted))) / double(std::max<std::size_t>(1, m));
    // Holm step-down on the intervals: the k-th smallest p-value's comparison gets
    // 1 - alpha/(m - k); from the first interval containing no change on, every later
    // one shares that step's level (Holm stops there).
    std::size_t step = 0;
    bool stopped = false;
    double lowest = 1, highest = 0;
    for (std::size_t rank = 0; rank < m; ++rank) {
      const std::size_t k = order[rank];
      double level = o_.alpha;
      if (o_.correction == FamilyCorrection::kHolm) level = o_.alpha / double(m - (stopped ? step : rank));
      if (o_.correction == FamilyCorrection::kBenjaminiHochberg) level = bh_level;
      Comparison& c = all[tested_[k].first];
      c.p_adjusted = adjusted[k];
      set_interval(c, tested_[k].second.interval(1 - level, exact_));
      lowest = std::min(lowest, c.interval_confidence);
      highest = std::max(highest, c.interval_confidence);
      if (!stopped && !excludes_no_change(c)) stopped = true, step = rank;
      const stats::TEstimate& n = tested_[k].second.normal;
      const double mde_log = stats::minimum_detectable_shift(n.se, n.df, o_.alpha / double(std::max<std::size_t>(1, m)), o_.power);
      c.minimum_detectable_change = std::isfinite(mde_log) ? std::exp(mde_log) - 1 : mde_log;
      classify(c, tested_[k].second);
    }
    note = interval_note(o_, m, lowest, highest);
  }

 private:
  void add(Comparison& c, Evidence e) {
    c.test = e.test;
    c.p_value = e.p_value;
    tested_.emplace_back(pending_index_, std::move(e));
  }

  static bool excludes_no_change(const Comparison& c) { return c.ratio_lower > 1 || c.ratio_upper < 1; }

  std::size_t rejected_count(const std::vector<double>& adjusted) const {
    return std::size_t(std::count_if(adjusted.begin(), adjusted.end(), [&](double q) { return q < o_.alpha; }));
  }

  stats::Correction correction() const {
    return o_.correction == FamilyCorrection::kHolm                ? stats::Correction::kHolm
           : o_.correction == FamilyCorrection::kBenjaminiHochberg ? stats::Correction::kBenjaminiHochberg
                                                                   : stats::Correction::kNone;
  }


  void set_interval(Comparison& c, const stats::ShiftEstimate& shift) const {
    c.ratio = std::exp(shift.estimate);
    c.ratio_lower = std::exp(shift.lower);
    c.ratio_upper = std::exp(shift.upper);
    c.interval_confidence = shift.confidence;
  }

  bool use_rank_test(std::size_t n) const {
    return o_.test == TestChoice::kMannWhitney || (o_.test == TestChoice::kAuto && n >= kRankTestMinimumTrials);
  }

  // Reads the verdict from the interval at the family level (`c`'s); a change that is
  // not significant there is `no-change` when its interval at the per-comparison level
  // 1 - alpha lies within the threshold (an equivalence claim, which needs no family
  // correction: the gate never fails on it), and that interval is then the one reported.
  void classify(Comparison& c, const Evidence& e) {
    const double worse = worse_factor(c.ratio, c.direction);
    const bool significant = excludes_no_change(c);
    const double t = c.threshold;
    const auto inside = [t](const Comparison& x) { return x.ratio_lower >= 1 / (1 + t) && x.ratio_upper <= 1 + t; };
    char buf[400];
    char p_note[64];
    std::snprintf(p_note, sizeof p_note, " (adjusted p = %.2g)", c.p_adjusted);
    if (significant && (worse > 1 + t || worse < 1 / (1 + t))) {
      const bool regression = worse > 1;
      c.reason = beyond_threshold(c.ratio, t, regression ? "worse" : "better") + p_note;
      if (contended(c) && explicable_by_neighbours(c, regression)) {
        c.verdict = Verdict::kInconclusive;
        c.reason += contention_note(c);
      } else {
        c.verdict = regression ? Verdict::kRegression : Verdict::kImprovement;
      }
      return;
    }
    if (Comparison equivalence = with_interval(c, e.interval(1 - o_.alpha, exact_)); inside(equivalence)) {
      c = equivalence;
      c.verdict = Verdict::kNoChange;
      std::snprintf(buf, sizeof buf, "the %.4g%% interval lies within ±%.1f%%", c.interval_confidence * 100, t * 100);
    } else {
      c.verdict = Verdict::kInconclusive;
      std::snprintf(buf, sizeof buf,
                    significant ? "significant, but the interval straddles the ±%.1f%% threshold"
                                : "not significant, and the interval reaches beyond ±%.1f%%",
                    t * 100);
    }
    c.reason = buf;
    if (c.verdict == Verdict::kInconclusive && c.run_noise > 0) c.reason += run_noise_note(c, conditions_);
  }

  Comparison with_interval(const Comparison& c, const stats::ShiftEstimate& shift) const {
    Comparison out = c;
    set_interval(out, shift);
    return out;
  }

  static bool contended(const Comparison& c) {
    return std::fabs(c.candidate_neighbour_load - c.baseline_neighbour_load) >= Comparison::kContendedCores;
  }

  // Whether even the interval's end nearest to no change is within what the neighbours'
  // extra load could cause: a 100x slowdown is a regression whatever ran beside it.
  bool explicable_by_neighbours(const Comparison& c, bool regression) const {
    const double a = worse_factor(c.ratio_lower, c.direction), b = worse_factor(c.ratio_upper, c.direction);
    const double nearest = regression ? std::min(a, b) : 1 / std::max(a, b);
    return nearest <= neighbour_slowdown_bound(std::fabs(c.candidate_neighbour_load - c.baseline_neighbour_load),
                                               conditions_.logical_cores);
  }
  const CompareOptions& o_;
  RunConditions conditions_;
  stats::ExactDistributions exact_;
  std::vector<std::pair<std::size_t, Evidence>> tested_;  // index into the comparisons, evidence
  std::size_t pending_index_ = 0;
};

std::vector<std::string> metrics_to_compare(const CompareOptions& o, const SampleSet& candidate) {
  return o.metrics.empty() ? candidate.default_metrics : o.metrics;
}

// Counters a scenario declares a direction for are gated along with the default metrics.
std::vector<std::string> with_declared_counters(const std::vector<std::string>& metrics, const ScenarioSamples& s,
                                                const CompareOptions& o) {
  std::vector<std::string> all = metrics;
  if (!o.metrics.empty()) return all;
  for (const auto& [name, _] : s.metrics) {
    if (is_counter_metric(name)) all.push_back(name);
  }
  return all;
}

void check_metrics_exist(const std::vector<std::string>& metrics, const SampleSet& candidate) {
  for (const auto& metric : metrics) {
    const bool anywhere = std::any_of(candidate.scenarios.begin(), candidate.scenarios.end(),
                                      [&](const auto& s) { return s.metrics.count(metric) > 0; });
    if (!anywhere) {
      std::string known;
      if (!candidate.scenarios.empty()) {
        for (const auto& [name, _] : candidate.scenarios.front().metrics) known += (known.empty() ? "" : ", ") + name;
      }
      throw input_error("--metric " + metric + ": no scenario of " + candidate.source + " has it (metrics: " + known + ")");
    }
  }
}

}  // namespace

RunConditions run_conditions(const SampleSet& base, const SampleSet& cand) {
  RunConditions conditions;
  if (cand.fingerprint) conditions.logical_cores = cand.fingerprint->logical_cores;
  const std::vector<double> b = probe_logs(base), c = probe_logs(cand);
  if (!b.empty() && !c.empty()) {
    conditions.probe_log_shift = stats::mean(c) - stats::mean(b);
    conditions.probe_known = true;
  }
  return conditions;
}

std::vector<Comparison> compare_all(const SampleSet& base, const SampleSet& cand, const CompareOptions& o,
                                    const RunConditions& conditions, std::string& interval_note) {
  const auto metrics = metrics_to_compare(o, cand);
  check_metrics_exist(o.metrics, cand);  // named ones: a default may be absent (cpu_per_op)
  Comparer comparer(o, conditions);
  std::vector<Comparison> all;
  for (const auto& s : cand.scenarios) {
    const ScenarioSamples* b = base.find(s.name);
    if (s.failed_trials > 0 || (b != nullptr && b->failed_trials > 0)) {
      all.push_back(failed_trials(s, b));
      continue;
    }
    for (const auto& metric : with_declared_counters(metrics, s, o)) {
      const auto cm = s.metrics.find(metric);
      const bool in_base = b != nullptr && b->metrics.count(metric) > 0;
      if (cm == s.metrics.end()) {
        if (in_base) all.push_back(unmatched(s.name, metric, b->metrics.at(metric), Verdict::kMissing,
                                             "the candidate has no values for this metric"));
        continue;
      }
      if (!in_base) {
        all.push_back(unmatched(s.name, metric, cm->second, Verdict::kNew,
                                b == nullptr ? "scenario not in the baseline" : "metric not in the baseline"));
        continue;
      }
      all.push_back(comparer.test(all.size(), s.name, metric, b->metrics.at(metric), cm->second,
                                  base.paired && cand.paired, {neighbour_load(b), neighbour_load(&s)}));
    }
  }
  for (const auto& s : base.scenarios) {
    if (cand.find(s.name) != nullptr) continue;
    for (const auto& metric : with_declared_counters(metrics, s, o)) {
      if (auto m = s.metrics.find(metric); m != s.metrics.end()) {
        all.push_back(unmatched(s.name, metric, m->second, Verdict::kMissing, "scenario not in the candidate"));
      }
    }
  }
  comparer.decide(all, interval_note);
  return all;
}

}  // namespace perfgate
