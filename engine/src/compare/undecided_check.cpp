// perf-run --until-decided asks, after each added trial, whether a scenario is decided;
// the answer is the comparer's, so the run loop takes it as a function and never
// includes the comparer.

#include <algorithm>

#include "compare/trial_samples.h"
#include "perfgate/compare.h"

namespace perfgate {
namespace {

// Looking again after every added trial and stopping at the first decided look is
// optional stopping: at the final level, an A/A run that takes 50 looks stops on a
// chance "regression" far more often than alpha. A look stops the run only at a
// tenth of alpha, about Pocock's constant per-look level for 50-100 looks (Pocock
// 1977); perf-compare then judges the whole run once at alpha.
constexpr double kLookAlphaDivisor = 10;

// The scenario's trials as perf-compare would read them from the result file.
LoadedInput scenario_input(const ScenarioSpec& spec, const ScenarioResult& result) {
  LoadedInput input;
  const bool paired = result.baseline.has_value();
  input.samples = SampleSet{"candidate", "perfgate", std::nullopt, kPerfgateDefaultMetrics,
                            {samples_of_trials(spec.name, result.trials, declared_counters(spec))}, paired};
  declare_gate_rules(SuiteSpec{"", "", {spec}}, input.samples);
  if (paired) {
    PairedSamples variants{input.samples, input.samples, {}};
    variants.baseline.scenarios = {samples_of_trials(spec.name, result.baseline->trials, declared_counters(spec))};
    input.paired = std::move(variants);
  }
  return input;
}

}  // namespace

UndecidedCheck undecided_check(CompareOptions options, std::optional<SampleSet> baseline, std::size_t scenarios) {
  options.checks.clear();  // absolute checks do not depend on the number of trials
  // Against a separate baseline run, the run-to-run part of the uncertainty does not
  // shrink with more trials: stop adding them once the trials alone decide.
  options.run_noise = 0;
  // A look judges one scenario's metrics, the final verdict every scenario's at once: a
  // look that stopped at the per-scenario level would stop on chance extremes that the
  // whole family's first Holm step (alpha / comparisons) then reads as significant.
  options.alpha /= kLookAlphaDivisor * double(std::max<std::size_t>(scenarios, 1));
  return [options = std::move(options), baseline = std::move(baseline)](const ScenarioSpec& spec,
                                                                       const ScenarioResult& result) {
    const LoadedInput input = scenario_input(spec, result);
    // A paired scenario is judged variant against variant, others against the baseline.
    const bool against_baseline = !input.paired && baseline && baseline->find(spec.name) != nullptr;
    if (!input.paired && !against_baseline) return false;  // nothing to compare against
    static const std::optional<SampleSet> kNone;  // both arms lvalues: no copy of the baseline per look
    const VerdictReport report = judge(input, against_baseline ? baseline : kNone, options);
    return std::any_of(report.comparisons.begin(), report.comparisons.end(), [&](const Comparison& c) {
      return c.scenario == spec.name && c.verdict == Verdict::kInconclusive;
    });
  };
}

}  // namespace perfgate
