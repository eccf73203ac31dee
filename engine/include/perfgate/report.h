#pragma once
// Renderings of results and verdicts: for terminals, pull requests, CI dashboards.

#include <string>

#include "perfgate/compare.h"
#include "perfgate/history.h"
#include "perfgate/result.h"

namespace perfgate {

// A fixed-width table, one row per scenario, medians over its trials: what perf-run
// prints at the end of a run.
std::string render_summary_table(const Result& result);
// What shape analyses found (spike recovery, breaking point, soak drift) and trials whose
// rate was not reached, one line each; empty when there is nothing to say.
std::string render_analysis_summary(const Result& result);

// The verdict for a terminal: gate line, warnings, one row per comparison and check.
std::string render_verdict_table(const VerdictReport& report);

// The verdict for a pull request or $GITHUB_STEP_SUMMARY: headline, regressions first,
// breached thresholds, warnings, then the full table collapsed. User-controlled text is
// escaped so scenario names cannot inject Markdown or @mention anyone.
std::string render_verdict_markdown(const VerdictReport& report, const std::string& title = "perfgate");

// One line for people: "❌ 2 regressions, 1 improvement, 47 unchanged — blocking".
std::string verdict_headline(const VerdictReport& report);

// perf-report's JSON: the verdict plus title, headline and counts (docs/github.md, "Renderings").
inline constexpr std::string_view kReportSchema = "perfgate.report/1";
Json render_report_json(const VerdictReport& verdict, const std::string& title, const std::string& tool_version);

// The verdict as JUnit XML: a test case per scenario and metric and per check.
std::string render_verdict_junit(const VerdictReport& report, const std::string& suite_name);

// The verdict as one self-contained HTML page with inline SVG charts: change per metric
// with intervals and, given the results, latency percentile spectra.
struct HtmlReportInputs {
  const VerdictReport& verdict;
  const std::optional<Result>& candidate;  // adds percentile charts
  const std::optional<Result>& baseline;   // adds the baseline's spectrum line
  std::string title = "perfgate";
  std::string tool_version;
};
std::string render_verdict_html(const HtmlReportInputs& inputs);

// A history's views (docs/history.md): the change points for a terminal; Markdown of
// the change points among the newest `recent_runs` runs (0: all), newest first; one HTML
// page with a trend chart per series; CSV and OpenMetrics text with one sample per run
// and series; JSON.
inline constexpr std::string_view kHistorySchema = "perfgate.history/1";
std::string render_history_table(const HistoryAnalysis& analysis);
std::string render_history_markdown(const HistoryAnalysis& analysis, std::size_t recent_runs = 0);
std::string render_history_html(const HistoryAnalysis& analysis, const std::string& title);
std::string render_history_csv(const HistoryAnalysis& analysis);
std::string render_history_openmetrics(const HistoryAnalysis& analysis);
Json to_json(const HistoryAnalysis& analysis);

}  // namespace perfgate
