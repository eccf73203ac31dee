#pragma once
// perf-compare's engine: statistical comparison of a candidate against a baseline,
// per scenario and metric, plus absolute thresholds on the candidate alone. The method
// and its reasoning are in docs/statistics.md; the verdict file in docs/verdict-schema.md.

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "perfgate/json.h"
#include "perfgate/gate_rules.h"
#include "perfgate/result.h"
#include "perfgate/samples.h"

namespace perfgate {

inline constexpr std::string_view kVerdictSchema = "perfgate.verdict/1";

enum class Verdict { kRegression, kImprovement, kNoChange, kInconclusive, kNew, kMissing, kError };
std::string_view to_string(Verdict v);

enum class FamilyCorrection { kHolm, kBenjaminiHochberg, kNone };
enum class TestChoice { kAuto, kMannWhitney, kWelch };

struct CompareOptions {
  double alpha = 0.05;        // family-wise (Holm, none) or false discovery rate (bh)
  double confidence = 0.95;   // 1 - alpha, kept for the verdict file; intervals are at the verdict's level
  // Unpaired comparisons of two single runs: the run-to-run spread assumed for each run
  // (relative standard deviation of a run's level), added to the difference's variance
  // because trials of one run share that run's machine. Multi-run baselines estimate it
  // from their runs instead; paired runs cancel it. 0 restores trial-only tests.
  double run_noise = 0.02;
  double power = 0.8;        // for the minimum detectable effect
  FamilyCorrection correction = FamilyCorrection::kHolm;
  TestChoice test = TestChoice::kAuto;
  std::vector<std::string> metrics;  // empty: the inputs' default metrics
  std::vector<PracticalThreshold> thresholds;  // later entries win; default 5 % for all
  std::vector<AbsoluteCheck> checks;
  bool fail_on_inconclusive = false;
  bool fail_on_missing = false;
};

struct Comparison {
  std::string scenario;
  std::string metric;
  Unit unit = Unit::kNone;
  Direction direction = Direction::kLowerIsBetter;
  Verdict verdict = Verdict::kInconclusive;
  std::string reason;
  std::size_t baseline_n = 0, candidate_n = 0;
  double baseline_median = 0, candidate_median = 0;
  // Candidate/baseline as a ratio (Hodges-Lehmann on log values) and its interval.
  double ratio = 1, ratio_lower = 1, ratio_upper = 1, interval_confidence = 0;
  std::string test;  // "mann-whitney", "welch-log", "wilcoxon"
  double p_value = 1, p_adjusted = 1;
  double threshold = 0.05;
  double minimum_detectable_change = 0;  // relative, at alpha/k and the requested power
  // Unpaired comparisons: how many runs each side had, and the run-to-run spread (relative
  // standard deviation) the test allowed for: assumed (--run-noise) for single runs,
  // estimated from the runs otherwise; 0 for paired comparisons.
  std::size_t baseline_runs = 1, candidate_runs = 1;
  double run_noise = 0;
  // Unpaired comparisons of perfgate results: cores other processes kept busy during each
  // side's trials (medians of `neighbour_load`; NaN where unknown). When they differ by
  // kContendedCores or more, a wall-time change beyond the threshold is `inconclusive`:
  // the neighbours can explain it.
  static constexpr double kContendedCores = 0.25;
  double baseline_neighbour_load = std::numeric_limits<double>::quiet_NaN();
  double candidate_neighbour_load = std::numeric_limits<double>::quiet_NaN();
};

struct CheckOutcome {
  AbsoluteCheck check;
  std::string scenario;
  Unit unit = Unit::kNone;
  double measured = 0;  // median over the candidate's trials
  double margin = 0;    // relative distance to the limit; negative when breached
  bool passed = true;
};

struct VerdictReport {
  std::string baseline_source, candidate_source;
  CompareOptions options;
  std::vector<Comparison> comparisons;  // regressions first, then by scenario and metric
  std::vector<CheckOutcome> checks;
  std::vector<std::string> warnings;    // e.g. different machines
  // Scenarios whose two sides both have a profile (perf-run --profile): function by
  // function; with both sides' stacks where the scenario regressed, for the flame graph.
  std::vector<ProfileDiff> profiles;
  // The machine-speed probe of the candidate's run against the baseline's runs, as a
  // relative speed change (-0.2: the candidate's machine was 20 % slower); NaN when
  // either side has no probe or the comparison is paired.
  double probe_shift = std::numeric_limits<double>::quiet_NaN();
  std::string interval_note;  // at what level the intervals are and why: for every output
  bool gate_failed = false;
  std::string gate_reason;

  std::size_t count(Verdict v) const;
  std::size_t breached() const;
};

// Runs every comparison and check. `baseline` may be absent: then only the absolute
// checks run. Throws kInput when a named metric exists nowhere.
VerdictReport compare(const std::optional<SampleSet>& baseline, const SampleSet& candidate,
                      const CompareOptions& options);

// What perf-compare judges, and perf-run's adaptive trials too: without a baseline, a
// result of paired scenarios variant against variant (its unpaired scenarios named in a
// warning); otherwise the candidate against the baseline, or its checks alone.
VerdictReport judge(const LoadedInput& candidate, const std::optional<SampleSet>& baseline,
                    const CompareOptions& options);

// For perf-run --until-decided: whether a scenario's comparisons (paired variants, else
// against `baseline` when it has the scenario) are still `inconclusive`, judged at
// alpha / (10 x `scenarios`): a tenth to allow for looking after every added trial, and
// divided among the suite's scenarios, whose comparisons perf-compare judges as one family.
UndecidedCheck undecided_check(CompareOptions options, std::optional<SampleSet> baseline,
                               std::size_t scenarios = 1);

Json to_json(const VerdictReport& report);
// Reads a verdict file back; errors (kInput) name the source and the field.
VerdictReport verdict_from_json(const Json& doc, const std::string& source);
VerdictReport read_verdict(const std::string& path);  // "-" reads stdin

}  // namespace perfgate
