// perf-run: runs a suite of scenarios and writes a perfgate result file.
// Parsing only; the work is perfgate::run_suite (engine/src/run).

#include <unistd.h>

#include <iostream>

#include "common/baseline_lookup.h"
#include "common/exit_codes.h"
#include "perf-run/interrupt_watcher.h"
#include "perf-run/progress_display.h"
#include "perfgate/compare.h"
#include "perfgate/file_io.h"
#include "perfgate/report.h"
#include "perfgate/result.h"
#include "perfgate/run.h"
#include "perfgate/samples.h"
#include "perfgate/version.h"

namespace perfgate::tools {
namespace {

struct Options {
  std::string suite_file;
  std::string output = "perfgate-result.json";
  std::vector<std::string> scenario_globs;
  std::optional<unsigned> trials;
  std::optional<int> server_pid;
  std::string duration, warmup;
  std::uint64_t seed = 1;
  bool quiet = false;
  bool keep_partial = false;
  bool list = false;
  bool until_decided = false;
  std::string budget = "10m";
  std::string baseline;
  std::vector<std::string> thresholds;
  std::string shard;
  std::vector<std::string> pairs;
  std::string build;
  bool self_pair = false;
  bool no_probe = false;
  std::optional<unsigned> profile_rate_hz;
};

Seconds duration_flag(const std::string& flag, const std::string& text, Seconds min) {
  const auto d = parse_duration(text);
  if (!d || *d < min) throw input_error(flag + ": expected a duration such as 500ms, 2s or 1m, got '" + text + "'");
  return *d;
}

void apply_command_line_overrides(const Options& o, SuiteSpec& suite) {
  SuiteOverrides overrides;
  overrides.trials = o.trials;
  overrides.server_pid = o.server_pid;
  if (o.profile_rate_hz) overrides.profile = ProfileSpec{double(*o.profile_rate_hz), std::nullopt};
  if (!o.duration.empty()) overrides.duration = duration_flag("--duration", o.duration, Seconds(0.001));
  if (!o.warmup.empty()) overrides.warmup = duration_flag("--warmup", o.warmup, Seconds(0));
  apply_overrides(suite, overrides);
}

// --pair baseline=DIR --pair candidate=DIR: both sides, each named once.
BuildPairing parse_pairs(const std::vector<std::string>& pairs) {
  std::optional<std::string> baseline, candidate;
  for (const auto& p : pairs) {
    const auto eq = p.find('=');
    const std::string side = p.substr(0, eq);
    auto& slot = side == "baseline" ? baseline : candidate;
    if (eq == std::string::npos || (side != "baseline" && side != "candidate") || eq + 1 == p.size()) {
      throw input_error("--pair: expected baseline=VALUE or candidate=VALUE, got '" + p + "'");
    }
    if (slot) throw input_error("--pair: " + side + " is given twice");
    slot = p.substr(eq + 1);
  }
  if (!baseline || !candidate) {
    throw input_error(std::string("--pair: give both sides, --pair baseline=VALUE --pair candidate=VALUE (") +
                      (baseline ? "candidate" : "baseline") + " is missing)");
  }
  return {*baseline, *candidate};
}

// What --pair, --build and --self-pair do to the suite, and what the result records.
std::optional<PairingInfo> apply_pairing(const Options& o, SuiteSpec& suite) {
  if (int(!o.pairs.empty()) + int(!o.build.empty()) + int(o.self_pair) > 1) {
    throw input_error("--pair, --build and --self-pair exclude each other");
  }
  std::optional<PairingInfo> info;
  if (!o.pairs.empty()) {
    const BuildPairing pairing = parse_pairs(o.pairs);
    info = PairingInfo{"build", PairedBuild{pairing.baseline, std::nullopt},
                       PairedBuild{pairing.candidate, std::nullopt}, pair_builds(suite, pairing)};
    if (info->unpaired.size() == suite.scenarios.size()) {
      throw input_error("--pair: no scenario of the suite refers to " + std::string(kBuildPlaceholder) +
                        " (name the build under test in a target, e.g. \"argv\": [\"{build}/mytool\"])");
    }
  } else if (!o.build.empty()) {
    substitute_build(suite, o.build);
  } else if (o.self_pair) {
    pair_with_itself(suite);
    info = PairingInfo{"self", std::nullopt, std::nullopt, {}};
  }
  return info;
}

// Drops from the pairing record the scenarios --scenario left out.
void keep_selected(PairingInfo& info, const SuiteSpec& suite) {
  const auto gone = [&](const std::string& name) {
    return std::none_of(suite.scenarios.begin(), suite.scenarios.end(), [&](const auto& s) { return s.name == name; });
  };
  for (auto* names : {&info.unpaired, &info.baseline_only, &info.candidate_only}) std::erase_if(*names, gone);
}

// The suite as it will run: paired or built, Google Benchmark binaries expanded into
// their benchmarks (which --scenario then selects among), command-line overrides applied.
SuiteSpec prepare_suite(const Options& o, std::optional<PairingInfo>& pairing, const std::stop_token& stop) {
  SuiteSpec suite = o.suite_file.empty() ? default_suite() : read_suite(o.suite_file);
  pairing = apply_pairing(o, suite);
  BenchmarkExpansion expansion = expand_benchmarks(suite, stop);
  if (pairing) {
    pairing->baseline_only = std::move(expansion.baseline_only);
    pairing->candidate_only = std::move(expansion.candidate_only);
  }
  select_scenarios(suite, o.scenario_globs);
  if (pairing) keep_selected(*pairing, suite);
  apply_command_line_overrides(o, suite);
  if (!o.list) require_builds_substituted(suite);  // listing names needs no build
  return suite;
}

// `scenarios`: how many the final verdict judges together (every shard's).
std::optional<AdaptiveTrials> adaptive_trials(const Options& o, std::size_t scenarios) {
  if (!o.until_decided) {
    if (!o.baseline.empty() || !o.thresholds.empty()) {
      throw input_error("--baseline and --threshold go with --until-decided (to compare, use perf-compare)");
    }
    return std::nullopt;
  }
  AdaptiveTrials adaptive;
  adaptive.budget = duration_flag("--budget", o.budget, Seconds(0));
  CompareOptions compare;
  for (const auto& t : o.thresholds) compare.thresholds.push_back(parse_practical_threshold(t));
  std::optional<SampleSet> baseline;
  if (!o.baseline.empty()) {
    baseline = make_baseline_source(o.baseline, InputFormat::kAuto, baseline_lookup("perf-run"))->load();
  }
  adaptive.undecided = undecided_check(std::move(compare), std::move(baseline), scenarios);
  return adaptive;
}

int run(const Options& o, InterruptWatcher& interrupts) {
  std::optional<PairingInfo> pairing;
  SuiteSpec suite;
  try {
    suite = prepare_suite(o, pairing, interrupts.token());
  } catch (const Error&) {
    // Ctrl-C while a Google Benchmark binary was listing its benchmarks.
    if (!interrupts.token().stop_requested()) throw;
    std::cerr << "perf-run: interrupted; no result written\n";
    return kInterrupted;
  }
  std::optional<ShardInfo> shard;
  if (!o.shard.empty()) {
    shard = parse_shard(o.shard);
    keep_shard(suite, *shard);
  }
  std::optional<AdaptiveTrials> adaptive =
      adaptive_trials(o, shard ? shard->suite_scenarios.size() : suite.scenarios.size());
  if (o.list) {
    for (const auto& s : suite.scenarios) std::cout << s.name << "\n";
    return kPass;
  }
  check_writable_destination(o.output);
  // Human output goes to stdout unless stdout carries the JSON.
  std::ostream& human = o.output == "-" ? std::cerr : std::cout;
  RunOptions options;
  options.seed = o.seed;
  options.adaptive = std::move(adaptive);
  options.pairing = std::move(pairing);
  options.machine_probe = !o.no_probe;
  Result result;
  {
    ProgressDisplay progress(!o.quiet && isatty(STDERR_FILENO));
    options.on_progress = [&](const RunProgress& p) { progress.update(p); };
    result = run_suite(suite, options, interrupts.token());
  }
  result.shard = shard;
  if (result.interrupted) {
    if (!o.keep_partial || result.scenarios.empty()) {
      std::cerr << "perf-run: interrupted; no result written"
                << (o.keep_partial ? " (no trial had completed)" : " (--keep-partial keeps completed trials)")
                << "\n";
      return kInterrupted;
    }
    write_result(result, o.output);
    std::cerr << "perf-run: interrupted; partial result (marked \"interrupted\") written to " << o.output << "\n";
    return kInterrupted;
  }
  write_result(result, o.output);
  if (!o.quiet) {
    human << render_summary_table(result) << render_analysis_summary(result);
    if (o.output != "-") human << "result: " << o.output << "\n";
  }
  return kPass;
}

}  // namespace
}  // namespace perfgate::tools

int main(int argc, char** argv) {
  using namespace perfgate::tools;
  InterruptWatcher interrupts("perf-run");  // before any other thread starts
  Options o;
  CLI::App app{
      "Runs a suite of scenarios (targets under a load model, or Google Benchmark binaries\n"
      "benchmark by benchmark) and writes a perfgate result file (perfgate.result/1).\n"
      "With no SUITE, runs the built-in default suite (every built-in workload, ~26 s).\n\n"
      "With --until-decided, adds trials to scenarios whose comparison is still inconclusive.\n\n"
      "Exit codes: 0 measured, 2 usage or input error, 3 environment failure (a target\n"
      "could not start, a benchmark process crashed or hung, the output could not be\n"
      "written), 130 interrupted.",
      "perf-run"};
  app.set_version_flag("--version", std::string("perf-run (perfgate) ") + perfgate::kVersion);
  app.add_option("SUITE", o.suite_file, "Suite file (JSON, see docs/suite-format.md); - reads stdin");
  app.add_option("-o,--output", o.output, "Result file to write atomically; - for stdout")
      ->capture_default_str();
  app.add_option("--scenario", o.scenario_globs,
                 "Run only scenarios whose name matches this glob (repeatable; e.g. 'bench/BM_Parse*' among a Google "
                 "Benchmark binary's)");
  app.add_option("--trials", o.trials, "Trials per scenario (overrides the suite)")
      ->check(CLI::Range(1u, 100000u));
  app.add_option("--duration", o.duration, "Duration of each trial, e.g. 500ms, 2s (overrides the suite)");
  app.add_option("--warmup", o.warmup, "Warmup before the first trial, e.g. 0, 1s (overrides the suite)");
  app.add_option("--server-pid", o.server_pid,
                 "HTTP scenarios: sample this server process's CPU and memory as the system under test")
      ->check(CLI::Range(1, 4194304));
  app.add_option("--seed", o.seed, "Seed for the built-in workloads' data and operation order")
      ->capture_default_str();
  app.add_flag("-q,--quiet", o.quiet, "No progress line and no summary table");
  app.add_flag("--keep-partial", o.keep_partial,
               "On Ctrl-C, write the completed trials, marked \"interrupted\": true");
  app.add_flag("--list", o.list,
               "List the scenarios that would run (a Google Benchmark binary as one scenario per benchmark), then exit");
  app.add_option("--shard", o.shard,
                 "Run part I of N of the suite (e.g. 2/4, for CI matrix jobs; balanced by planned time); "
                 "combine the parts with perf-report merge");
  app.add_flag("--until-decided", o.until_decided,
               "After the planned trials, add trials (pairs) while a comparison is inconclusive: paired "
               "scenarios variant vs variant, others vs --baseline");
  app.add_option("--budget", o.budget, "Wall-time budget of the whole run with --until-decided, e.g. 5m")
      ->capture_default_str();
  app.add_option("--baseline", o.baseline, "With --until-decided: result to judge unpaired scenarios against (a file, git:NAME[@VERSION], git:auto or history:NAME)");
  app.add_option("--threshold", o.thresholds,
                 "With --until-decided: practical threshold [GLOB:][METRIC=]PERCENT (repeatable; default 5%)");
  app.add_option("--pair", o.pairs,
                 "Pair the suite: --pair baseline=VALUE --pair candidate=VALUE runs every scenario whose target "
                 "uses {build} on both sides, interleaved (compare with perf-compare RESULT); others run once")
      ->type_name("SIDE=VALUE");
  app.add_option("--build", o.build, "Unpaired run: {build} in the suite's targets becomes this value");
  app.add_flag("--self-pair", o.self_pair,
               "A/A run: pair every scenario with an identical copy of itself (the gate's noise on this machine)");
  const CLI::Option* profile = app.add_flag("--profile{499}", o.profile_rate_hz,
               "After each scenario's trials, one more trial per variant (the trial duration, at least 4 s) with "
               "CPU call stacks sampled; --profile=HZ sets the rate (docs/profiles.md). Measured trials are not profiled")
      ->check(CLI::Range(1u, 10000u));
  app.add_flag("--no-probe", o.no_probe,
               "Skip the machine-speed probe (0.7 s) that lets perf-compare judge run-to-run drift");
  return run_tool("perf-run", app, argc, argv, [&] {
    if (profile->count() == 0) o.profile_rate_hz.reset();  // CLI11 sets an absent flag's value to 0
    return run(o, interrupts);
  });
}
