// perf-compare: statistical verdict of a candidate result against a baseline, plus
// absolute thresholds, with a gate exit code. Parsing only; the work is
// perfgate::compare (engine/src/compare).

#include <cmath>
#include <iostream>

#include "common/baseline_lookup.h"
#include "common/exit_codes.h"
#include "perfgate/compare.h"
#include "perfgate/report.h"
#include "perfgate/samples.h"
#include "perfgate/version.h"
#include "perfgate/file_io.h"

namespace perfgate::tools {
namespace {

struct Options {
  std::string candidate;
  std::vector<std::string> baselines;
  std::string run_noise;
  std::optional<double> confidence;
  std::string format = "auto";
  std::string baseline_format;
  std::string output;
  std::string markdown;
  std::vector<std::string> thresholds, checks, fail_on;
  std::string correction = "holm";
  std::string test = "auto";
  bool quiet = false;
  bool alpha_given = false;
  CompareOptions compare;
};

InputFormat format_flag(const std::string& flag, const std::string& value) {
  InputFormat f;
  if (!parse_input_format(value, f)) throw input_error(flag + ": expected auto, perfgate, gbench or hyperfine, got '" + value + "'");
  return f;
}

// "2%" or a fraction such as 0.02.
double run_noise_flag(const std::string& text) {
  try {
    std::size_t used = 0;
    const bool percent = !text.empty() && text.back() == '%';
    const double v = std::stod(percent ? text.substr(0, text.size() - 1) : text, &used) / (percent ? 100 : 1);
    if (used == text.size() - (percent ? 1 : 0) && v >= 0 && v <= 1) return v;
  } catch (const std::exception&) {
  }
  throw input_error("--run-noise: expected a relative spread such as 2% or 0.02 (0 to 100%), got '" + text + "'");
}

CompareOptions build_options(Options& o) {
  CompareOptions c = o.compare;
  if (o.confidence) {
    if (o.alpha_given && std::fabs(1 - *o.confidence - c.alpha) > 1e-12) {
      throw input_error("--confidence " + std::to_string(*o.confidence) + " contradicts --alpha " + std::to_string(c.alpha) +
                        " (intervals are at the verdict's level: confidence = 1 - alpha)");
    }
    c.alpha = 1 - *o.confidence;
  }
  if (!o.run_noise.empty()) c.run_noise = run_noise_flag(o.run_noise);
  for (const auto& t : o.thresholds) c.thresholds.push_back(parse_practical_threshold(t));
  for (const auto& e : o.checks) c.checks.push_back(parse_absolute_check(e));
  if (o.correction == "holm") c.correction = FamilyCorrection::kHolm;
  else if (o.correction == "bh") c.correction = FamilyCorrection::kBenjaminiHochberg;
  else c.correction = FamilyCorrection::kNone;
  if (o.test == "mann-whitney") c.test = TestChoice::kMannWhitney;
  else if (o.test == "welch") c.test = TestChoice::kWelch;
  for (const auto& f : o.fail_on) (f == "inconclusive" ? c.fail_on_inconclusive : c.fail_on_missing) = true;
  return c;
}

// Without a baseline file, a result of paired scenarios is compared variant against
// variant; otherwise the candidate is compared with the baseline (if any) and checked.
VerdictReport judge(const Options& o, const CompareOptions& options) {
  const InputFormat format = format_flag("--format", o.format);
  LoadedInput candidate = read_input(o.candidate, format);
  std::optional<SampleSet> baseline;
  if (!o.baselines.empty()) {
    const InputFormat baseline_format =
        o.baseline_format.empty() ? format : format_flag("--baseline-format", o.baseline_format);
    std::vector<SampleSet> runs;
    for (const auto& b : o.baselines) runs.push_back(make_baseline_source(b, baseline_format, baseline_lookup("perf-compare"))->load());
    baseline = combine_runs(std::move(runs));
  } else if (!candidate.paired && options.checks.empty() && candidate.samples.declared_checks.empty()) {
    throw input_error(o.candidate + ": nothing to compare: give --baseline FILE, run a suite with paired \"variants\", "
                      "or add --check EXPR");
  }
  return judge(candidate, baseline, options);
}

int run(Options& o) {
  const CompareOptions options = build_options(o);
  if (o.output == "-" && o.markdown == "-") throw input_error("-o - and --markdown - would both write to stdout; pick one");
  for (const auto& path : {o.output, o.markdown}) {
    if (!path.empty()) check_writable_destination(path);
  }
  const VerdictReport report = judge(o, options);
  if (!o.output.empty()) write_file_atomically(o.output, to_json(report).dump(2) + "\n");
  if (!o.markdown.empty()) write_file_atomically(o.markdown, render_verdict_markdown(report));
  if (!o.quiet) (o.output == "-" || o.markdown == "-" ? std::cerr : std::cout) << render_verdict_table(report);
  return report.gate_failed ? kGateFailed : kPass;
}

}  // namespace
}  // namespace perfgate::tools

int main(int argc, char** argv) {
  using namespace perfgate::tools;
  Options o;
  CLI::App app{
      "Compares a candidate result with a baseline (rank tests on trial values, Hodges-Lehmann\n"
      "ratio intervals, Holm-corrected across every comparison) and checks absolute thresholds.\n"
      "Reads perfgate results, Google Benchmark JSON (with repetitions) and hyperfine JSON.\n"
      "Without --baseline, a perfgate result of paired scenarios (\"variants\") is compared\n"
      "variant against variant with paired tests, which cancel drift between runs.\n\n"
      "Exit codes: 0 pass, 1 gate failed (regression, breached threshold, failed comparison,\n"
      "or what --fail-on names), 2 usage or input error, 3 environment failure.",
      "perf-compare"};
  app.set_version_flag("--version", std::string("perf-compare (perfgate) ") + perfgate::kVersion);
  app.add_option("CANDIDATE", o.candidate, "Result to judge (- for stdin)")->required();
  app.add_option("-b,--baseline", o.baselines,
                 "Result to compare against: a file, git:NAME[@VERSION] (perf-baseline), git:auto (the newest "
                 "baseline measured on HEAD or an ancestor), or history:NAME (the recorded runs since each series' "
                 "last change point, docs/history.md). Repeat it for several runs of the baseline: the run "
                 "becomes the unit of the unpaired test");
  app.add_option("-o,--output", o.output, "Write the verdict JSON (perfgate.verdict/1) here; - for stdout");
  app.add_option("--markdown", o.markdown, "Write the Markdown verdict here (PR comment, step summary); - for stdout");
  app.add_option("--format", o.format, "Input format: auto, perfgate, gbench, hyperfine")->capture_default_str();
  app.add_option("--baseline-format", o.baseline_format, "Baseline format when it differs from --format");
  app.add_option("--metric", o.compare.metrics,
                 "Metric to compare (repeatable; default: throughput, latency_p50, latency_p99 and, for command "
                 "targets, cpu_per_op for perfgate results, real_time and cpu_time for gbench, real_time for hyperfine)");
  app.add_option("--threshold", o.thresholds,
                 "Practical threshold [GLOB:][METRIC=]PERCENT (repeatable, later wins; default 5%)");
  app.add_option("--check", o.checks,
                 "Absolute check on the candidate [GLOB:] METRIC <|>|<=|>= VALUE[UNIT], e.g. 'p95 < 200ms', "
                 "'error_rate < 1%' (repeatable)");
  app.add_option_function<double>(
         "--alpha", [&](double a) { o.compare.alpha = a, o.alpha_given = true; },
         "Family-wise significance level (default 0.05); intervals are reported at the level each verdict uses")
      ->check(finite_range(1e-6, 0.5));
  app.add_option("--confidence", o.confidence, "Family confidence, the same as --alpha 1-C (e.g. 0.99)")
      ->check(finite_range(0.5, 0.999999));
  app.add_option("--run-noise", o.run_noise,
                 "Unpaired single runs: run-to-run spread to allow for, e.g. 2% (default), 0 for trial-only tests; "
                 "multi-run baselines estimate it, paired runs cancel it");
  app.add_option("--correction", o.correction, "Multiple-comparison correction: holm, bh, none")
      ->check(CLI::IsMember({"holm", "bh", "none"}))->capture_default_str();
  app.add_option("--test", o.test, "Significance test: auto (Mann-Whitney from 10 trials a side, else Welch on logs), "
                 "mann-whitney, welch")
      ->check(CLI::IsMember({"auto", "mann-whitney", "welch"}))->capture_default_str();
  app.add_option("--fail-on", o.fail_on, "Also fail the gate on: inconclusive, missing (repeatable)")
      ->check(CLI::IsMember({"inconclusive", "missing"}));
  app.add_flag("-q,--quiet", o.quiet, "No table on the terminal");
  return run_tool("perf-compare", app, argc, argv, [&] { return run(o); });
}
