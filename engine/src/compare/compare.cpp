// The verdict report: comparisons (compare/comparer.cpp), absolute checks
// (compare/absolute_checks.cpp), warnings about what differed between the runs, and the
// gate's decision.

#include <algorithm>
#include <cmath>

#include "compare/absolute_checks.h"
#include "compare/comparer.h"
#include "compare/profile_changes.h"
#include "perfgate/compare.h"
#include "perfgate/error.h"

namespace perfgate {
namespace {

std::vector<std::string> fingerprint_warnings(const SampleSet& base, const SampleSet& cand) {
  std::vector<std::string> w;
  if (base.format != cand.format) {
    w.push_back("different formats: " + base.format + " (baseline) vs " + cand.format +
                " (candidate); scenario and metric names are unlikely to match");
  }
  if (!base.fingerprint || !cand.fingerprint) return w;
  const auto& a = *base.fingerprint;
  const auto& b = *cand.fingerprint;
  const auto differ = [&](const char* what, const std::string& x, const std::string& y) {
    if (x != y) w.push_back(std::string("different machines: ") + what + " '" + x + "' (baseline) vs '" + y + "' (candidate)");
  };
  differ("CPU", a.cpu_model, b.cpu_model);
  differ("logical cores", std::to_string(a.logical_cores), std::to_string(b.logical_cores));
  differ("kernel", a.kernel, b.kernel);
  differ("compiler", a.compiler, b.compiler);
  differ("host", a.hostname_hash, b.hostname_hash);
  return w;
}

// A gate that compared nothing must not pass: every candidate comparison is `new` and
// every baseline one `missing` when no scenario or metric name matched.
void require_a_match(const VerdictReport& r, const SampleSet& base, const SampleSet& cand) {
  const bool matched = std::any_of(r.comparisons.begin(), r.comparisons.end(), [](const Comparison& c) {
    return c.verdict != Verdict::kNew && c.verdict != Verdict::kMissing;
  });
  if (matched || r.comparisons.empty()) return;
  std::string hint = "scenario names must be equal on both sides";
  if (cand.format == "hyperfine") {
    hint = "hyperfine names a scenario by its command string, which differs between builds: give both runs the "
           "same --command-name";
  }
  throw input_error("nothing compared: no scenario and metric of " + cand.source + " is in " + base.source + " (" +
                    hint + ")");
}

int severity(Verdict v) {
  switch (v) {
    case Verdict::kRegression: return 0;
    case Verdict::kError: return 1;
    case Verdict::kInconclusive: return 2;
    case Verdict::kMissing: return 3;
    case Verdict::kImprovement: return 4;
    case Verdict::kNew: return 5;
    case Verdict::kNoChange: return 6;
  }
  return 7;
}

void decide_gate(VerdictReport& r) {
  std::vector<std::string> reasons;
  const auto add = [&](std::size_t n, const char* what) {
    if (n > 0) reasons.push_back(std::to_string(n) + " " + what);
  };
  add(r.count(Verdict::kRegression), r.count(Verdict::kRegression) == 1 ? "regression" : "regressions");
  add(r.breached(), r.breached() == 1 ? "threshold breached" : "thresholds breached");
  add(r.count(Verdict::kError), r.count(Verdict::kError) == 1 ? "comparison failed" : "comparisons failed");
  if (r.options.fail_on_inconclusive) add(r.count(Verdict::kInconclusive), "inconclusive (--fail-on inconclusive)");
  if (r.options.fail_on_missing) add(r.count(Verdict::kMissing), "missing (--fail-on missing)");
  r.gate_failed = !reasons.empty();
  for (const auto& s : reasons) r.gate_reason += (r.gate_reason.empty() ? "" : ", ") + s;
}

}  // namespace

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::kRegression: return "regression";
    case Verdict::kImprovement: return "improvement";
    case Verdict::kNoChange: return "no-change";
    case Verdict::kInconclusive: return "inconclusive";
    case Verdict::kNew: return "new";
    case Verdict::kMissing: return "missing";
    case Verdict::kError: return "error";
  }
  return "error";
}

std::size_t VerdictReport::count(Verdict v) const {
  return static_cast<std::size_t>(
      std::count_if(comparisons.begin(), comparisons.end(), [&](const Comparison& c) { return c.verdict == v; }));
}

std::size_t VerdictReport::breached() const {
  return static_cast<std::size_t>(std::count_if(checks.begin(), checks.end(), [](const auto& c) { return !c.passed; }));
}

VerdictReport compare(const std::optional<SampleSet>& baseline, const SampleSet& candidate,
                      const CompareOptions& given) {
  // The candidate's own suite rules first; the command line's after them, so they win.
  CompareOptions options = given;
  options.thresholds = candidate.declared_thresholds;
  options.thresholds.insert(options.thresholds.end(), given.thresholds.begin(), given.thresholds.end());
  options.checks = candidate.declared_checks;
  options.checks.insert(options.checks.end(), given.checks.begin(), given.checks.end());
  VerdictReport r;
  r.candidate_source = candidate.source;
  options.confidence = 1 - options.alpha;
  r.options = options;
  if (baseline) {
    r.baseline_source = baseline->source;
    const bool paired = baseline->paired && candidate.paired;
    const RunConditions conditions = paired ? RunConditions{} : run_conditions(*baseline, candidate);
    if (conditions.probe_known) r.probe_shift = std::exp(conditions.probe_log_shift) - 1;
    r.comparisons = compare_all(*baseline, candidate, options, conditions, r.interval_note);
    require_a_match(r, *baseline, candidate);
    r.warnings = fingerprint_warnings(*baseline, candidate);
    r.profiles = profile_changes(*baseline, candidate, r.comparisons, r.warnings);
    std::stable_sort(r.comparisons.begin(), r.comparisons.end(),
                     [](const Comparison& a, const Comparison& b) { return severity(a.verdict) < severity(b.verdict); });
  }
  r.checks = run_checks(candidate, options);
  decide_gate(r);
  return r;
}

}  // namespace perfgate
