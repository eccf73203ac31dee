#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "error_text.h"
#include "perfgate/compare.h"
#include "perfgate/report.h"

using namespace perfgate;

namespace {

// A sample set with one metric per scenario; values = scale * (1 + noise).
SampleSet samples(const std::string& source, const std::vector<std::pair<std::string, double>>& scenarios,
                  int n, double cv, std::uint64_t seed, const std::string& metric = "latency_p50") {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> noise(0, cv);
  SampleSet set{source, "perfgate", std::nullopt, {metric}, {}};
  for (const auto& [name, scale] : scenarios) {
    ScenarioSamples s{name, {}};
    auto& m = s.metrics[metric];
    m.unit = find_metric(metric)->unit;
    m.direction = find_metric(metric)->direction;
    for (int i = 0; i < n; ++i) m.values.push_back(scale * std::exp(noise(gen)));
    set.scenarios.push_back(std::move(s));
  }
  return set;
}

// These tests are about statistics within runs: no run-to-run noise assumed.
CompareOptions within_run() {
  CompareOptions o;
  o.run_noise = 0;
  return o;
}

const Comparison& find(const VerdictReport& r, const std::string& scenario) {
  for (const auto& c : r.comparisons) {
    if (c.scenario == scenario) return c;
  }
  FAIL("no comparison for " << scenario);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a clear slowdown is a regression, a clear speedup an improvement, equal is no change") {
  const auto base = samples("base", {{"slow", 100}, {"fast", 100}, {"same", 100}}, 10, 0.01, 1);
  const auto cand = samples("cand", {{"slow", 120}, {"fast", 80}, {"same", 100}}, 10, 0.01, 2);
  const auto r = compare(base, cand, within_run());
  CHECK(find(r, "slow").verdict == Verdict::kRegression);
  CHECK(find(r, "slow").ratio == doctest::Approx(1.2).epsilon(0.02));
  CHECK(find(r, "slow").ratio_lower > 1.15);
  CHECK(find(r, "fast").verdict == Verdict::kImprovement);
  CHECK(find(r, "same").verdict == Verdict::kNoChange);
  CHECK(r.comparisons.front().verdict == Verdict::kRegression);  // regressions first
  CHECK(r.gate_failed);
  CHECK(r.gate_reason == "1 regression");
  CHECK(find(r, "slow").test == "mann-whitney");  // 10 trials a side
}

TEST_CASE("direction matters: lower throughput is the regression") {
  const auto base = samples("base", {{"s", 1000}}, 6, 0.01, 3, "throughput");
  const auto cand = samples("cand", {{"s", 800}}, 6, 0.01, 4, "throughput");
  const auto r = compare(base, cand, within_run());
  CHECK(r.comparisons[0].verdict == Verdict::kRegression);
  CHECK(r.comparisons[0].test == "welch-log");  // fewer than 10 trials a side
}

TEST_CASE("a significant change smaller than the threshold is not a regression") {
  const auto base = samples("base", {{"s", 100}}, 20, 0.005, 5);
  const auto cand = samples("cand", {{"s", 102}}, 20, 0.005, 6);
  const auto r = compare(base, cand, within_run());
  CHECK(r.comparisons[0].p_adjusted < 0.05);
  CHECK(r.comparisons[0].verdict == Verdict::kNoChange);
  CompareOptions strict = within_run();
  strict.thresholds = {parse_practical_threshold("1%")};
  CHECK(compare(base, cand, strict).comparisons[0].verdict == Verdict::kRegression);
}

TEST_CASE("a threshold is a factor either way: 200 % is x3 for latency and /3 for throughput") {
  // Read as a plain percentage, 200 % on throughput could never be crossed, and an 11x
  // drop was `no-change`.
  CompareOptions o = within_run();
  o.thresholds = {parse_practical_threshold("200%")};
  const auto verdict = [&](double base_level, double cand_level, const std::string& metric) {
    const auto base = samples("base", {{"s", base_level}}, 10, 0.01, 3, metric);
    const auto cand = samples("cand", {{"s", cand_level}}, 10, 0.01, 4, metric);
    return compare(base, cand, o).comparisons[0];
  };
  const Comparison collapse = verdict(1100, 100, "throughput");
  CHECK(collapse.verdict == Verdict::kRegression);
  CHECK(collapse.reason.rfind("90.9% worse, beyond the 200.0% threshold (÷3.000)", 0) == 0);
  CHECK(verdict(1000, 400, "throughput").verdict == Verdict::kNoChange);  // /2.5
  CHECK(verdict(100, 400, "latency_p50").verdict == Verdict::kRegression);  // x4
  CHECK(verdict(100, 250, "latency_p50").verdict == Verdict::kNoChange);    // x2.5
  CHECK(verdict(100, 1100, "throughput").verdict == Verdict::kImprovement);
  // At 5 %: a 4.9 % fall is past /1.05 (4.76 %), a 4.7 % fall is not.
  o.thresholds = {parse_practical_threshold("5%")};
  const auto tight = [&](double level) {
    const auto base = samples("base", {{"s", 1000}}, 30, 0.0005, 5, "throughput");
    const auto cand = samples("cand", {{"s", level}}, 30, 0.0005, 6, "throughput");
    return compare(base, cand, o).comparisons[0].verdict;
  };
  CHECK(tight(951) == Verdict::kRegression);
  CHECK(tight(953) != Verdict::kRegression);
}

TEST_CASE("unpaired: busier neighbours during one run make its wall-time changes inconclusive") {
  // The candidate ran while other processes kept 1.2 cores busy, the baseline alone: its
  // throughput fell 30 %, its CPU time per operation did not move.
  const auto with_load = [](SampleSet set, double cores) {
    for (auto& s : set.scenarios) {
      const std::size_t trials = s.metrics.begin()->second.values.size();
      auto& m = s.metrics["neighbour_load"];
      m.unit = Unit::kCores;
      m.values.assign(trials, cores);
    }
    return set;
  };
  const auto base = with_load(samples("base", {{"s", 1000}}, 10, 0.01, 3, "throughput"), 0.05);
  const auto cand = samples("cand", {{"s", 700}}, 10, 0.01, 4, "throughput");
  const Comparison busy = compare(base, with_load(cand, 1.2), within_run()).comparisons[0];
  CHECK(busy.verdict == Verdict::kInconclusive);
  CHECK(busy.reason.find("other processes kept 1.20 cores busy during the candidate's trials and 0.05 during the "
                         "baseline's") != std::string::npos);
  const VerdictReport report = compare(base, with_load(cand, 1.2), within_run());
  CHECK(to_json(report)["comparisons"][0]["runs"]["neighbour_load"]["candidate"] == 1.2);
  CHECK(verdict_from_json(to_json(report), "v.json").comparisons[0].candidate_neighbour_load == 1.2);
  // More than the neighbours could cause (1.15 extra cores: at most 2.15x): a regression.
  const auto hundredfold = samples("cand", {{"s", 10}}, 10, 0.01, 4, "throughput");
  const Comparison blocked = compare(base, with_load(hundredfold, 1.2), within_run()).comparisons[0];
  CHECK(blocked.verdict == Verdict::kRegression);
  // The same neighbours in both runs, or CPU time per operation: decided as before.
  CHECK(compare(base, with_load(cand, 0.2), within_run()).comparisons[0].verdict == Verdict::kRegression);
  const auto cpu_base = with_load(samples("base", {{"s", 1000}}, 10, 0.01, 5, "cpu_per_op"), 0.05);
  const auto cpu_cand = with_load(samples("cand", {{"s", 1300}}, 10, 0.01, 6, "cpu_per_op"), 1.2);
  CHECK(compare(cpu_base, cpu_cand, within_run()).comparisons[0].verdict == Verdict::kRegression);
}

TEST_CASE("noisy data with a large point change is inconclusive, and --fail-on can fail it") {
  const auto base = samples("base", {{"s", 100}}, 3, 0.3, 7);
  const auto cand = samples("cand", {{"s", 115}}, 3, 0.3, 8);
  const auto r = compare(base, cand, within_run());
  CHECK(r.comparisons[0].verdict == Verdict::kInconclusive);
  CHECK_FALSE(r.gate_failed);
  CompareOptions o = within_run();
  o.fail_on_inconclusive = true;
  CHECK(compare(base, cand, o).gate_failed);
}

TEST_CASE("Holm correction across many comparisons tames chance findings") {
  // 50 A/A scenarios: uncorrected, some p < 0.05 by chance; corrected, none.
  std::vector<std::pair<std::string, double>> names;
  for (int i = 0; i < 50; ++i) names.emplace_back("s" + std::to_string(i), 100);
  const auto base = samples("base", names, 5, 0.01, 9);
  const auto cand = samples("cand", names, 5, 0.01, 10);
  CompareOptions none = within_run();
  none.correction = FamilyCorrection::kNone;
  const auto raw = compare(base, cand, none);
  const auto holm = compare(base, cand, within_run());
  const auto significant = [](const VerdictReport& r) {
    return std::count_if(r.comparisons.begin(), r.comparisons.end(), [](const auto& c) { return c.p_adjusted < 0.05; });
  };
  CHECK(significant(raw) > 0);
  CHECK(significant(holm) == 0);
  CHECK(holm.count(Verdict::kRegression) == 0);
}

TEST_CASE("unmatched scenarios are new or missing; --fail-on missing fails them") {
  const auto base = samples("base", {{"kept", 100}, {"gone", 100}}, 5, 0.01, 11);
  const auto cand = samples("cand", {{"kept", 100}, {"added", 100}}, 5, 0.01, 12);
  auto r = compare(base, cand, within_run());
  CHECK(find(r, "gone").verdict == Verdict::kMissing);
  CHECK(find(r, "added").verdict == Verdict::kNew);
  CHECK_FALSE(r.gate_failed);
  CompareOptions o = within_run();
  o.fail_on_missing = true;
  r = compare(base, cand, o);
  CHECK(r.gate_failed);
  CHECK(r.gate_reason == "1 missing (--fail-on missing)");
}

TEST_CASE("values that cannot form a ratio are an error, never a pass") {
  auto base = samples("base", {{"s", 100}}, 5, 0.01, 13);
  auto cand = samples("cand", {{"s", 100}}, 5, 0.01, 14);
  cand.scenarios[0].metrics["latency_p50"].values[0] = 0;
  const auto r = compare(base, cand, within_run());
  CHECK(r.comparisons[0].verdict == Verdict::kError);
  CHECK(r.gate_failed);
}

TEST_CASE("a metric that exists nowhere is an input error") {
  const auto base = samples("base", {{"s", 100}}, 5, 0.01, 15);
  CompareOptions o = within_run();
  o.metrics = {"latency_p42"};
  CHECK(error_text([&] { compare(base, base, o); }) ==
        "--metric latency_p42: no scenario of base has it (metrics: latency_p50)");
}

TEST_CASE("absolute checks run on the candidate alone, with margins") {
  const auto cand = samples("cand", {{"api/a", 150e6}, {"api/b", 250e6}, {"db", 10e6}}, 5, 0.0, 16, "latency_p95");
  CompareOptions o = within_run();
  o.checks = {parse_absolute_check("api/*: p95 < 200ms")};
  const auto r = compare(std::nullopt, cand, o);
  REQUIRE(r.checks.size() == 2);
  CHECK(r.checks[0].passed);
  CHECK(r.checks[0].margin == doctest::Approx(0.25));
  CHECK_FALSE(r.checks[1].passed);
  CHECK(r.checks[1].margin == doctest::Approx(-0.25));
  CHECK(r.gate_failed);
  CHECK(r.gate_reason == "1 threshold breached");
  CHECK(r.comparisons.empty());
}

TEST_CASE("check and threshold expressions") {
  auto c = parse_absolute_check("error_rate < 1%");
  CHECK(c.metric == "error_rate");
  CHECK(c.limit == doctest::Approx(0.01));
  CHECK(c.less_than);
  c = parse_absolute_check("kv/*: throughput >= 1000/s");
  CHECK(c.scenario_glob == "kv/*");
  CHECK(c.metric == "throughput");
  CHECK_FALSE(c.less_than);
  CHECK(c.inclusive);
  c = parse_absolute_check("rss < 512MiB");
  CHECK(c.metric == "rss_peak");
  CHECK(c.limit == 512.0 * 1048576);
  c = parse_absolute_check("p99.9 < 2s");
  CHECK(c.metric == "latency_p999");
  CHECK(c.limit == 2e9);
  CHECK(error_text([] { parse_absolute_check("p95 200ms"); }) ==
        "check 'p95 200ms': expected METRIC < VALUE or METRIC > VALUE, e.g. 'p95 < 200ms'");
  CHECK(error_text([] { parse_absolute_check("p95 < 200parsecs"); }).rfind("check 'p95 < 200parsecs': unknown unit 'parsecs'", 0) == 0);
  CHECK(error_text([] { parse_absolute_check("p95 < fast"); }) ==
        "check 'p95 < fast': expected a number after the comparison, got 'fast'");

  auto t = parse_practical_threshold("5%");
  CHECK(t.relative == doctest::Approx(0.05));
  CHECK(t.metric.empty());
  t = parse_practical_threshold("kv/*:p99=10%");
  CHECK(t.scenario_glob == "kv/*");
  CHECK(t.metric == "latency_p99");
  CHECK(t.relative == doctest::Approx(0.1));
  CHECK(parse_practical_threshold("0.02").relative == doctest::Approx(0.02));
  CHECK(error_text([] { parse_practical_threshold("five"); }).rfind("threshold 'five': expected", 0) == 0);
  CHECK(error_text([] { parse_practical_threshold("-3%"); }).rfind("threshold '-3%': expected", 0) == 0);
}

TEST_CASE("a time check on a metric counted in bytes is refused") {
  const auto cand = samples("cand", {{"s", 100}}, 3, 0.0, 17, "rss_peak");
  CompareOptions o = within_run();
  o.checks = {parse_absolute_check("rss_peak < 5ms")};
  CHECK(error_text([&] { compare(std::nullopt, cand, o); }) ==
        "check 'rss_peak < 5ms': a time limit cannot apply to rss_peak (unit bytes)");
  o.checks = {parse_absolute_check("nope/*: p95 < 5ms")};
  CHECK(error_text([&] { compare(std::nullopt, cand, o); }) ==
        "check 'nope/*: p95 < 5ms': no scenario of cand matching 'nope/*' has metric 'latency_p95'");
}

TEST_CASE("different machines are warned about") {
  auto base = samples("base", {{"s", 100}}, 3, 0.01, 18);
  auto cand = samples("cand", {{"s", 100}}, 3, 0.01, 19);
  base.fingerprint = Fingerprint{"CPU A", 8, "Linux 6", "", "gcc", "", "h1", "0.1", std::nullopt};
  cand.fingerprint = Fingerprint{"CPU B", 8, "Linux 6", "", "gcc", "", "h1", "0.1", std::nullopt};
  const auto r = compare(base, cand, within_run());
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "different machines: CPU 'CPU A' (baseline) vs 'CPU B' (candidate)");
}

TEST_CASE("verdict JSON carries every figure and the gate") {
  const auto base = samples("base", {{"s", 100}}, 10, 0.01, 20);
  const auto cand = samples("cand", {{"s", 130}}, 10, 0.01, 21);
  const Json j = to_json(compare(base, cand, within_run()));
  CHECK(j.at("schema") == "perfgate.verdict/1");
  CHECK(j.at("gate").at("failed") == true);
  CHECK(j.at("gate").at("exit_code") == 1);
  CHECK(j.at("summary").at("regression") == 1);
  const auto& c = j.at("comparisons").at(0);
  CHECK(c.at("verdict") == "regression");
  CHECK(c.at("test") == "mann-whitney");
  CHECK(c.at("ratio").get<double>() == doctest::Approx(1.3).epsilon(0.02));
  CHECK(c.at("p_adjusted").get<double>() < 0.05);
  CHECK(c.at("baseline").at("n") == 10);
  CHECK(c.at("minimum_detectable_change").get<double>() > 0);
}

TEST_CASE("Markdown escapes hostile scenario names and caps its size") {
  auto base = samples("base", {{"@octocat <script>|x", 100}}, 5, 0.01, 22);
  auto cand = samples("cand", {{"@octocat <script>|x", 100}}, 5, 0.01, 23);
  const std::string md = render_verdict_markdown(compare(base, cand, within_run()));
  CHECK(md.find("@octocat") == std::string::npos);
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("\\<script\\>\\|x") != std::string::npos);

  std::vector<std::pair<std::string, double>> many;
  for (int i = 0; i < 3000; ++i) many.emplace_back("scenario-with-a-long-name-" + std::to_string(i), 100);
  const std::string big = render_verdict_markdown(compare(samples("b", many, 3, 0.01, 24), samples("c", many, 3, 0.01, 25), within_run()));
  CHECK(big.size() < 65536);
  CHECK(big.find("more rows: see the verdict JSON") != std::string::npos);
}

TEST_CASE("paired comparison: drift shared by each pair cancels") {
  // Each pair shares a large random drift (10 % CV) that swamps a 6 % slowdown for an
  // unpaired test; the paired test sees only the 0.5 % noise within pairs.
  std::mt19937_64 gen(31);
  std::normal_distribution<double> drift(0, 0.10), noise(0, 0.005);
  SampleSet base{"b", "perfgate", std::nullopt, {"latency_p50"}, {}, true};
  SampleSet cand{"c", "perfgate", std::nullopt, {"latency_p50"}, {}, true};
  ScenarioSamples bs{"s", {}}, cs{"s", {}};
  for (auto* m : {&bs.metrics["latency_p50"], &cs.metrics["latency_p50"]}) m->unit = Unit::kNanoseconds;
  for (int i = 0; i < 12; ++i) {
    const double common = 1e6 * std::exp(drift(gen));
    bs.metrics["latency_p50"].values.push_back(common * std::exp(noise(gen)));
    cs.metrics["latency_p50"].values.push_back(common * 1.06 * std::exp(noise(gen)));
  }
  base.scenarios.push_back(bs);
  cand.scenarios.push_back(cs);
  const auto paired = compare(base, cand, within_run());
  CHECK(paired.comparisons[0].test == "wilcoxon");
  CHECK(paired.comparisons[0].verdict == Verdict::kRegression);
  CHECK(paired.comparisons[0].ratio == doctest::Approx(1.06).epsilon(0.01));
  base.paired = cand.paired = false;
  const auto unpaired = compare(base, cand, within_run());
  CHECK(unpaired.comparisons[0].test == "mann-whitney");
  CHECK(unpaired.comparisons[0].verdict == Verdict::kInconclusive);
}

TEST_CASE("paired comparison with few pairs uses the paired t-test; incomplete pairs are dropped") {
  SampleSet base{"b", "perfgate", std::nullopt, {"latency_p50"}, {}, true};
  SampleSet cand{"c", "perfgate", std::nullopt, {"latency_p50"}, {}, true};
  ScenarioSamples bs{"s", {}}, cs{"s", {}};
  bs.metrics["latency_p50"] = {Unit::kNanoseconds, Direction::kLowerIsBetter, {100, 200, 150, 120, std::nan(""), 180}};
  cs.metrics["latency_p50"] = {Unit::kNanoseconds, Direction::kLowerIsBetter, {131, 259, 196, 155, 170, 235}};
  base.scenarios.push_back(bs);
  cand.scenarios.push_back(cs);
  const auto r = compare(base, cand, within_run());
  CHECK(r.comparisons[0].test == "t-paired-log");
  CHECK(r.comparisons[0].baseline_n == 5);
  CHECK(r.comparisons[0].verdict == Verdict::kRegression);
}

TEST_CASE("a check on a scenario with no value for the metric fails") {
  auto cand = samples("cand", {{"ok", 1e6}, {"broken", 1e6}}, 3, 0.0, 40, "latency_p95");
  cand.scenarios[1].metrics.clear();  // every operation failed: no latency at all
  CompareOptions o = within_run();
  o.checks = {parse_absolute_check("p95 < 5ms")};
  const auto r = compare(std::nullopt, cand, o);
  REQUIRE(r.checks.size() == 2);
  CHECK(r.checks[0].passed);
  CHECK_FALSE(r.checks[1].passed);
  CHECK(r.gate_failed);
}

TEST_CASE("rules a result declares apply, and command-line rules win over them") {
  const auto base = samples("base", {{"s[1]", 100}}, 10, 0.002, 50);
  auto cand = samples("cand", {{"s[1]", 103}}, 10, 0.002, 51);
  // The suite of the candidate says 2 % matters for this scenario, and limits p50.
  cand.declared_thresholds = {{"s\\[1\\]", "", 0.02}};
  AbsoluteCheck limit = parse_absolute_check("p50 < 50ns");
  limit.scenario_glob = "s\\[1\\]";
  cand.declared_checks = {limit};
  auto r = compare(base, cand, within_run());
  CHECK(r.comparisons[0].threshold == doctest::Approx(0.02));
  CHECK(r.comparisons[0].verdict == Verdict::kRegression);
  REQUIRE(r.checks.size() == 1);
  CHECK_FALSE(r.checks[0].passed);
  CompareOptions cli = within_run();
  cli.thresholds = {parse_practical_threshold("10%")};
  r = compare(base, cand, cli);
  CHECK(r.comparisons[0].threshold == doctest::Approx(0.10));
  CHECK(r.comparisons[0].verdict == Verdict::kNoChange);
}

namespace {

// One run: every scenario's metric at `level` with a tiny spread, and a probe speed.
SampleSet run_at(const std::string& source, double level, double probe, int n = 6) {
  SampleSet set = samples(source, {{"s", level}}, n, 0.002, std::hash<std::string>{}(source));
  set.runs = {RunInfo{source, probe}};
  return set;
}

}  // namespace

TEST_CASE("unpaired single runs allow for the assumed run-to-run noise") {
  const auto base = run_at("base", 100, 1000), cand = run_at("cand", 103, 1000);
  // Trials alone: a tight 3 % shift lies within the 5 % threshold.
  CHECK(compare(base, cand, within_run()).comparisons[0].verdict == Verdict::kNoChange);
  CompareOptions o;  // default: 2 % a run
  const auto r = compare(base, cand, o);
  const Comparison& c = r.comparisons[0];
  CHECK(c.test == "welch-log+run-noise");
  CHECK(c.run_noise == doctest::Approx(0.02));
  // 2 % a run on each side: the interval cannot be narrower than ~±1.96·√2·2 % ≈ ±5.5 %.
  CHECK(c.ratio_upper - c.ratio_lower > 0.10);
  CHECK(c.verdict == Verdict::kInconclusive);
  CHECK(c.reason.find("run-to-run noise (2.0% a run, assumed: --run-noise)") != std::string::npos);
  // A change well beyond the noise is still found.
  CHECK(compare(base, run_at("cand", 130, 1000), o).comparisons[0].verdict == Verdict::kRegression);
}

TEST_CASE("a shift of the machine-speed probe explains a change of its size") {
  const auto base = run_at("base", 100, 1000);
  const auto slow_machine = run_at("cand", 130, 770);
  const auto r = compare(base, slow_machine, {});
  CHECK(r.probe_shift == doctest::Approx(-0.23));
  CHECK(r.comparisons[0].verdict == Verdict::kInconclusive);
  CHECK(r.comparisons[0].reason.find("the machine itself (probe -23.0% speed)") != std::string::npos);
  CHECK(r.comparisons[0].reason.find("a paired run (perf-run --pair) would decide") != std::string::npos);
  CHECK_FALSE(r.gate_failed);
  // The same slowdown on an unchanged machine is a regression.
  CHECK(compare(base, run_at("cand", 130, 1000), {}).comparisons[0].verdict == Verdict::kRegression);
}

TEST_CASE("a multi-run baseline makes the run the unit: degrees of freedom from the runs") {
  const SampleSet base = combine_runs({run_at("r1", 100, 1000), run_at("r2", 102, 1000), run_at("r3", 99, 1000)});
  REQUIRE(base.runs.size() == 3);
  CHECK(base.scenarios[0].metrics.at("latency_p50").runs == std::vector<std::size_t>{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2});
  const auto r = compare(base, run_at("cand", 101, 1000), {});
  const Comparison& c = r.comparisons[0];
  CHECK(c.test == "t-runs-log");
  CHECK(c.baseline_runs == 3);
  CHECK(c.candidate_runs == 1);
  CHECK(c.baseline_n == 18);
  CHECK(c.run_noise == doctest::Approx(0.015).epsilon(0.1));  // the spread of 100, 102, 99
  CHECK(c.verdict != Verdict::kRegression);
  CHECK(compare(base, run_at("cand", 125, 1000), {}).comparisons[0].verdict == Verdict::kRegression);
  // Combining a combined set keeps its runs.
  const SampleSet again = combine_runs({base, run_at("r4", 100, 1000)});
  CHECK(again.runs.size() == 4);
  CHECK(again.scenarios[0].metrics.at("latency_p50").runs.back() == 3);
}

TEST_CASE("intervals are at the level the verdict is read at: none lies beyond the threshold while inconclusive") {
  // Many comparisons with moderate evidence: with per-comparison 95 % intervals and Holm
  // p-values, some intervals lay wholly beyond the threshold yet were `inconclusive`.
  std::vector<std::pair<std::string, double>> base_scenarios, cand_scenarios;
  for (int i = 0; i < 40; ++i) {
    base_scenarios.push_back({"s" + std::to_string(i), 100});
    cand_scenarios.push_back({"s" + std::to_string(i), 100 * (1.0 + 0.004 * i)});
  }
  const auto base = samples("b", base_scenarios, 5, 0.05, 31), cand = samples("c", cand_scenarios, 5, 0.05, 32);
  for (auto correction : {FamilyCorrection::kHolm, FamilyCorrection::kBenjaminiHochberg, FamilyCorrection::kNone}) {
    CompareOptions o = within_run();
    o.correction = correction;
    const auto r = compare(base, cand, o);
    for (const auto& c : r.comparisons) {
      const bool beyond = c.ratio_lower > 1 + c.threshold || c.ratio_upper < 1 / (1 + c.threshold);
      if (beyond) CHECK(c.verdict != Verdict::kInconclusive);
      const bool excludes_one = c.ratio_lower > 1 || c.ratio_upper < 1;
      if (c.verdict == Verdict::kRegression || c.verdict == Verdict::kImprovement) CHECK(excludes_one);
    }
    CHECK(r.interval_note.find("each interval is at the level of its verdict") != std::string::npos);
  }
  // Holm: the first step is Bonferroni, so the smallest p's interval is at 1 - alpha/m.
  const auto holm = compare(base, cand, within_run());
  double widest = 0;
  for (const auto& c : holm.comparisons) widest = std::max(widest, c.interval_confidence);
  CHECK(widest == doctest::Approx(1 - 0.05 / 40));
}

TEST_CASE("a gate that compared nothing is an input error, with a hint for hyperfine") {
  const auto hyperfine = [](const std::string& source, const std::string& command) {
    SampleSet set{source, "hyperfine", std::nullopt, {"real_time"}, {}};
    ScenarioSamples s{command, {}};
    s.metrics["real_time"] = MetricSamples{Unit::kSeconds, Direction::kLowerIsBetter, {1.0, 1.01, 0.99, 1.02, 1.0}};
    set.scenarios.push_back(s);
    return set;
  };
  const SampleSet base = hyperfine("base.json", "./build-main/tool"), cand = hyperfine("cand.json", "./build-pr/tool");
  const std::string message = error_text([&] { compare(base, cand, {}); });
  CHECK(message.find("nothing compared: no scenario and metric of cand.json is in base.json") == 0);
  CHECK(message.find("--command-name") != std::string::npos);
}

TEST_CASE("a scenario whose trials measured nothing is one error naming why, on either side") {
  auto base = samples("base", {{"ok", 100}, {"broken", 100}}, 10, 0.01, 1);
  auto cand = samples("cand", {{"ok", 100}, {"broken", 100}}, 10, 0.01, 2);
  ScenarioSamples& broken = cand.scenarios[1];
  broken.metrics.clear();
  broken.trials = 10;
  broken.failed_trials = 10;
  broken.failure = "benchmark error: no input";
  const auto r = compare(base, cand, within_run());
  const Comparison& c = find(r, "broken");
  CHECK(c.verdict == Verdict::kError);
  CHECK(c.metric == "error_count");
  CHECK(c.reason == "candidate: 10 of 10 trials measured nothing (benchmark error: no input)");
  CHECK(find(r, "ok").verdict == Verdict::kNoChange);
  CHECK(r.gate_failed);
  CHECK(r.gate_reason == "1 comparison failed");
  CHECK(render_verdict_table(r).find("error: broken error_count: candidate: 10 of 10") != std::string::npos);
  CHECK(render_verdict_markdown(r, "perfgate").find("#### Errors") != std::string::npos);

  base.scenarios[0].failed_trials = 2;  // a baseline that failed sometimes cannot be compared either
  base.scenarios[0].trials = 10;
  base.scenarios[0].failure = "benchmark skipped: flaky fixture";
  CHECK(find(compare(base, cand, within_run()), "ok").reason ==
        "baseline: 2 of 10 trials measured nothing (benchmark skipped: flaky fixture)");
}

TEST_CASE("declared counters are compared by default with their declared direction") {
  auto base = samples("base", {{"bm", 100}}, 10, 0.01, 1, "real_time");
  auto cand = samples("cand", {{"bm", 100}}, 10, 0.01, 2, "real_time");
  for (auto* set : {&base, &cand}) {
    auto& hits = set->scenarios[0].metrics["counter/hits"];
    hits.unit = Unit::kNone;
    hits.direction = Direction::kHigherIsBetter;
    for (int i = 0; i < 10; ++i) hits.values.push_back((set == &base ? 100.0 : 80.0) * (1 + 0.001 * i));
  }
  const auto r = compare(base, cand, within_run());
  REQUIRE(r.comparisons.size() == 2);
  CHECK(find(r, "bm").metric == "counter/hits");  // regressions first
  CHECK(find(r, "bm").verdict == Verdict::kRegression);  // fewer hits, and more is better
  CompareOptions named = within_run();
  named.metrics = {"real_time"};
  CHECK(compare(base, cand, named).comparisons.size() == 1);  // --metric names exactly what is compared
}
