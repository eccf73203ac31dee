// Golden outputs of the verdict renderers: a format change shows up as a diff here.

#include <doctest/doctest.h>

#include <cmath>

#include "perfgate/report.h"

using namespace perfgate;

namespace {

VerdictReport sample_report() {
  VerdictReport r;
  r.baseline_source = "base.json";
  r.candidate_source = "cand.json";
  Comparison slow;
  slow.scenario = "api/search";
  slow.metric = "latency_p99";
  slow.unit = "ns";
  slow.verdict = Verdict::kRegression;
  slow.baseline_n = slow.candidate_n = 10;
  slow.baseline_median = 1.2e6;
  slow.candidate_median = 1.5e6;
  slow.ratio = 1.25;
  slow.ratio_lower = 1.18;
  slow.ratio_upper = 1.31;
  slow.test = "mann-whitney";
  slow.p_adjusted = 0.0004;
  Comparison same = slow;
  same.scenario = "kv/get";
  same.metric = "throughput";
  same.unit = "ops/s";
  same.direction = Direction::kHigherIsBetter;
  same.verdict = Verdict::kNoChange;
  same.baseline_median = 1.0e6;
  same.candidate_median = 1.01e6;
  same.ratio = 1.01;
  same.ratio_lower = 0.99;
  same.ratio_upper = 1.03;
  same.p_adjusted = 0.6;
  Comparison added;
  added.scenario = "new/one";
  added.metric = "latency_p50";
  added.unit = "ns";
  added.verdict = Verdict::kNew;
  added.candidate_n = 5;
  added.baseline_median = std::nan("");
  added.candidate_median = 900;
  r.comparisons = {slow, same, added};
  CheckOutcome breach{parse_absolute_check("p99 < 1ms"), "api/search", "ns", 1.5e6, -0.5, false};
  r.checks = {breach};
  r.warnings = {"different machines: CPU 'A' (baseline) vs 'B' (candidate)"};
  r.gate_failed = true;
  r.gate_reason = "1 regression, 1 threshold breached";
  return r;
}

}  // namespace

TEST_CASE("verdict table (golden)") {
  CHECK(render_verdict_table(sample_report()) ==
        "warning: different machines: CPU 'A' (baseline) vs 'B' (candidate)\n"
        "scenario    metric       baseline  candidate              change [CI]   p adj     verdict\n"
        "api/search  latency_p99    1.20ms     1.50ms  +25.0% [+18.0%, +31.0%]  0.0004  regression\n"
        "kv/get      throughput    1.00M/s    1.01M/s     +1.0% [-1.0%, +3.0%]     0.6   no-change\n"
        "new/one     latency_p50         -      900ns                        -       -         new\n"
        "\n"
        "scenario    check      measured  margin    result\n"
        "api/search  p99 < 1ms    1.50ms  -50.0%  BREACHED\n"
        "\n"
        "gate: FAILED (1 regression, 1 threshold breached)\n");
}

TEST_CASE("verdict Markdown (golden)") {
  CHECK(render_verdict_markdown(sample_report()) ==
        "### perfgate: ❌ 1 regression, 1 threshold breached, 1 unchanged, 1 new — blocking\n"
        "\n"
        "> ⚠️ different machines: CPU 'A' \\(baseline\\) vs 'B' \\(candidate\\)\n"
        "\n"
        "#### Regressions\n"
        "\n"
        "| scenario | metric | baseline | candidate | change [CI] | p (adj.) | verdict |\n"
        "|---|---|---:|---:|---:|---:|---|\n"
        "| api/search | latency\\_p99 | 1.20ms | 1.50ms | +25.0% [+18.0%, +31.0%] | 0.0004 | ❌ regression |\n"
        "\n"
        "#### Thresholds breached\n"
        "\n"
        "| scenario | check | measured |\n"
        "|---|---|---:|\n"
        "| api/search | `p99 \\< 1ms` | 1.50ms |\n"
        "\n"
        "<details><summary>All 3 comparisons</summary>\n"
        "\n"
        "| scenario | metric | baseline | candidate | change [CI] | p (adj.) | verdict |\n"
        "|---|---|---:|---:|---:|---:|---|\n"
        "| api/search | latency\\_p99 | 1.20ms | 1.50ms | +25.0% [+18.0%, +31.0%] | 0.0004 | ❌ regression |\n"
        "| kv/get | throughput | 1.00M/s | 1.01M/s | +1.0% [-1.0%, +3.0%] | 0.6 | no change |\n"
        "| new/one | latency\\_p50 | - | 900ns | - | - | 🆕 new |\n"
        "\n"
        "</details>\n"
        "\n"
        "<sub>Ratios are Hodges-Lehmann estimates on log values with 95% intervals; p-values adjusted (Holm) over 3 "
        "comparisons.</sub>\n");
}
