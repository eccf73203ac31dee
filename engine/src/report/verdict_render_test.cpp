// Golden outputs of the verdict renderers: a format change shows up as a diff here.

#include <doctest/doctest.h>

#include <cmath>

#include "perfgate/error.h"
#include "perfgate/report.h"
#include "report/markdown_text.h"
#include "report/xml_text.h"

using namespace perfgate;

namespace {

VerdictReport sample_report() {
  VerdictReport r;
  r.baseline_source = "base.json";
  r.candidate_source = "cand.json";
  Comparison slow;
  slow.scenario = "api/search";
  slow.metric = "latency_p99";
  slow.unit = Unit::kNanoseconds;
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
  same.unit = Unit::kOpsPerSecond;
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
  added.unit = Unit::kNanoseconds;
  added.verdict = Verdict::kNew;
  added.candidate_n = 5;
  added.baseline_median = std::nan("");
  added.candidate_median = 900;
  r.comparisons = {slow, same, added};
  CheckOutcome breach{parse_absolute_check("p99 < 1ms"), "api/search", Unit::kNanoseconds, 1.5e6, -0.5, false};
  r.checks = {breach};
  r.warnings = {"different machines: CPU 'A' (baseline) vs 'B' (candidate)"};
  r.gate_failed = true;
  r.gate_reason = "1 regression, 1 threshold breached";
  r.interval_note = "Intervals are at 98.3 %.";
  r.probe_shift = -0.18;
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
        "note: Intervals are at 98.3 %.\n"
        "note: Machine-speed probe: the candidate's machine ran 18.0% slower than the baseline's; unpaired verdicts "
        "allow for that shift.\n"
        "note: Unpaired: baseline and candidate are separate runs, so each verdict allows for run-to-run noise; a "
        "paired run (perf-run --pair baseline=DIR --pair candidate=DIR) cancels it and decides more.\n"
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
        "| api/search | p99 \\< 1ms | 1.50ms |\n"
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
        "<sub>Ratios are estimates on log values; p-values adjusted (Holm) over 3 comparisons. Intervals are at "
        "98.3 %. Machine-speed probe: the candidate's machine ran 18.0% slower than the baseline's; unpaired "
        "verdicts allow for that shift. Unpaired: baseline and candidate are separate runs, so each verdict allows "
        "for run-to-run noise; a paired run (perf-run --pair baseline=DIR --pair candidate=DIR) "
        "cancels it and decides more.</sub>\n");
}

TEST_CASE("verdict JSON reads back into the same verdict") {
  const VerdictReport original = sample_report();
  const Json written = to_json(original);
  const VerdictReport back = verdict_from_json(written, "v.json");
  CHECK(to_json(back) == written);
  CHECK(render_verdict_markdown(back) == render_verdict_markdown(original));
}

TEST_CASE("verdict JSON reader names the bad field") {
  Json doc = to_json(sample_report());
  doc["comparisons"][0]["verdict"] = "slower";
  try {
    verdict_from_json(doc, "v.json");
    FAIL("accepted an unknown verdict");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("v.json: /comparisons/0/verdict") != std::string::npos);
  }
}

TEST_CASE("Markdown headline and re-baseline hint") {
  VerdictReport r = sample_report();
  CHECK(verdict_headline(r) == "❌ 1 regression, 1 threshold breached, 1 unchanged, 1 new — blocking");
  r.baseline_source = "git:main@3";
  CHECK(render_verdict_markdown(r).find("perf-baseline promote cand.json --name main --reason") != std::string::npos);
  r.candidate_source = "odd`name.json";  // cannot be quoted safely inside a code block
  CHECK(render_verdict_markdown(r).find("perf-baseline promote") == std::string::npos);
}

TEST_CASE("JUnit: one case per comparison and check; regressions and breaches fail") {
  const std::string xml = render_verdict_junit(sample_report(), "suite <1>");
  CHECK(xml.find(R"(<testsuite name="suite &lt;1&gt;" tests="4" failures="2" errors="0" skipped="0">)") !=
        std::string::npos);
  CHECK(xml.find(R"(<testcase classname="api/search" name="check: p99 &lt; 1ms">)") != std::string::npos);
  CHECK(xml.find(R"(<failure type="regression")") != std::string::npos);
}

TEST_CASE("HTML: self-contained, escaped, one chart row per tested comparison") {
  VerdictReport r = sample_report();
  r.comparisons[0].scenario = "<img src=x onerror=alert(1)>";
  const std::optional<Result> none;
  const std::string html = render_verdict_html({r, none, none, "t", "0"});
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(html.find("id=\"chart-changes\"") != std::string::npos);
  std::size_t rows = 0;
  for (auto at = html.find("<g class=\"row\">"); at != std::string::npos; at = html.find("<g class=\"row\">", at + 1)) {
    ++rows;
  }
  CHECK(rows == 2);  // the "new" comparison has no interval to draw
}

TEST_CASE("escaping: Markdown cannot link, mention or mark up; XML cannot break out") {
  CHECK(escape_markdown("see https://evil.example and www.evil.example") ==
        "see https:\u200b//evil\\.example and www\u200b\\.evil\\.example");
  CHECK(escape_markdown("@team **x**") == "@\u200bteam \\*\\*x\\*\\*");
  CHECK(escape_xml("a<b>&\"c'\x01") == "a&lt;b&gt;&amp;&quot;c&#39;");
}

TEST_CASE("HTML: a timeline chart for results that have one") {
  Result candidate;
  ScenarioResult s;
  s.name = "spike";
  TrialResult t;
  for (int i = 1; i <= 5; ++i) t.timeline.push_back({double(i), 100, 0, 100.0 * i, 1e5, 1e6 * i, 1e7, std::nullopt});
  s.trials.push_back(t);
  candidate.scenarios.push_back(s);
  const std::optional<Result> with(candidate), none;
  const std::string html = render_verdict_html({sample_report(), with, none, "t", "0"});
  CHECK(html.find("class=\"chart timeline\"") != std::string::npos);
  CHECK(html.find("spike: throughput (bars)") != std::string::npos);
}
