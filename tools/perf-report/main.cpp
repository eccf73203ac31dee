// perf-report: renders verdicts (Markdown, HTML, JSON, JUnit), publishes them to GitHub,
// and merges the results of sharded runs. Parsing only; the work is in the engine
// (engine/src/report, engine/src/publish, engine/src/result).

#include <cmath>
#include <initializer_list>
#include <iostream>
#include <utility>
#include <vector>

#include "common/baseline_lookup.h"
#include "common/exit_codes.h"
#include "perfgate/baseline.h"
#include "perfgate/github.h"
#include "perfgate/history.h"
#include "perfgate/file_io.h"
#include "perfgate/report.h"
#include "perfgate/result.h"
#include "perfgate/version.h"

namespace perfgate::tools {
namespace {

struct Options {
  std::string verdict;
  std::string title = "perfgate";
  std::string markdown, html, json, junit;
  std::string result, baseline_result;
  // github
  std::string token_env = "GITHUB_TOKEN";
  std::string event;
  bool no_comment = false, no_check = false, strict_publish = false;
  double timeout_s = 30;
  double deadline_s = 60;
  int retries = 3;
  std::string comment_author;
  // merge
  std::vector<std::string> parts;
  std::string output;
  // history
  std::string history, repository = ".", csv, openmetrics;
  std::vector<std::string> scenarios, metrics;
  std::size_t recent = 0;
  double alpha = 0.01;
  double min_change = 1;  // percent
};

// A result for the HTML charts: a file, a stored baseline (git:NAME[@V], git:auto) or a history's newest run.
std::optional<Result> read_chart_result(const std::string& spec) {
  if (spec.empty()) return std::nullopt;
  return result_from_text(read_baseline_text(spec, baseline_lookup("perf-report")), input_name(spec));
}

// Every output is checked before any input is read: a typo in a path costs nothing.
void check_destinations(std::initializer_list<const std::string*> paths) {
  for (const auto* path : paths) {
    if (!path->empty()) check_writable_destination(*path);
  }
}

// Everything is rendered before the first file is written: a bad input leaves no output
// behind, new or changed.
void write_outputs(const std::vector<std::pair<std::string, std::string>>& outputs) {
  for (const auto& [path, content] : outputs) write_file_atomically(path, content);
}

int render(const Options& o) {
  check_destinations({&o.markdown, &o.html, &o.json, &o.junit});
  const VerdictReport verdict = read_verdict(o.verdict);
  std::vector<std::pair<std::string, std::string>> outputs;  // path, content
  const std::string markdown = render_verdict_markdown(verdict, o.title);
  if (!o.markdown.empty()) outputs.emplace_back(o.markdown, markdown);
  if (!o.json.empty()) outputs.emplace_back(o.json, render_report_json(verdict, o.title, kVersion).dump(2) + "\n");
  if (!o.junit.empty()) outputs.emplace_back(o.junit, render_verdict_junit(verdict, o.title));
  if (!o.html.empty()) {
    const std::optional<Result> candidate = read_chart_result(o.result);
    const std::optional<Result> baseline = read_chart_result(o.baseline_result);
    outputs.emplace_back(o.html, render_verdict_html({verdict, candidate, baseline, o.title, kVersion}));
  }
  if (outputs.empty()) std::cout << markdown;
  write_outputs(outputs);
  return verdict.gate_failed ? kGateFailed : kPass;
}

int github(const Options& o) {
  const VerdictReport verdict = read_verdict(o.verdict);
  const GitHubContext context = github_context_from_environment(
      o.token_env, o.event.empty() ? std::nullopt : std::optional<std::string>(o.event));
  PublishOptions options;
  options.title = o.title;
  options.comment = !o.no_comment;
  options.check = !o.no_check;
  options.timeout = std::chrono::milliseconds(static_cast<long>(o.timeout_s * 1000));
  options.attempts = o.retries + 1;
  options.deadline = std::chrono::seconds(static_cast<long>(std::ceil(o.deadline_s)));
  options.comment_author = o.comment_author;
  const auto log = [](const std::string& line) { std::cerr << "perf-report: " << printable_line(line) << "\n"; };
  const PublishOutcome outcome =
      publish_to_github(context, verdict, render_verdict_markdown(verdict, o.title), options, log);
  for (const auto& done : outcome.done) std::cerr << "perf-report: " << printable_line(done) << "\n";
  for (const auto& problem : outcome.problems) std::cerr << "perf-report: warning: " << printable_line(problem) << "\n";
  std::cout << verdict_headline(verdict) << "\n";
  if (!outcome.problems.empty() && o.strict_publish) return kEnvironment;
  return verdict.gate_failed ? kGateFailed : kPass;
}

int merge(const Options& o) {
  check_writable_destination(o.output);
  std::vector<Result> parts;
  for (const auto& path : o.parts) parts.push_back(read_result(path));
  std::vector<std::string> warnings;
  const Result merged = merge_results(parts, o.parts, warnings);
  for (const auto& w : warnings) std::cerr << "perf-report: warning: " << w << "\n";
  write_result(merged, o.output);
  if (o.output != "-") {
    std::cerr << "perf-report: merged " << parts.size() << " parts, " << merged.scenarios.size() << " scenarios, into "
              << o.output << "\n";
  }
  return kPass;
}

int history(const Options& o) {
  check_destinations({&o.markdown, &o.html, &o.json, &o.csv, &o.openmetrics});
  const HistoryStore store(o.repository);
  std::vector<HistoryRun> runs = store.runs(o.history);
  if (runs.size() < 2) {
    throw input_error("history '" + o.history + "' has 1 run; a trend needs at least 2 (change points at least 8)");
  }
  HistoryAnalysis analysis = analyse_history(o.history, std::move(runs), {o.scenarios, o.metrics, o.alpha, o.min_change / 100});
  analysis.baselines = store.baselines(baseline_lookup("perf-report", o.repository).prefix);
  std::vector<std::pair<std::string, std::string>> outputs;  // path, content
  const std::string title = o.title == "perfgate" ? "perfgate history: " + o.history : o.title;
  if (!o.markdown.empty()) outputs.emplace_back(o.markdown, render_history_markdown(analysis, o.recent));
  if (!o.html.empty()) outputs.emplace_back(o.html, render_history_html(analysis, title));
  if (!o.json.empty()) outputs.emplace_back(o.json, to_json(analysis).dump(2) + "\n");
  if (!o.csv.empty()) outputs.emplace_back(o.csv, render_history_csv(analysis));
  if (!o.openmetrics.empty()) outputs.emplace_back(o.openmetrics, render_history_openmetrics(analysis));
  if (outputs.empty()) std::cout << render_history_table(analysis);
  write_outputs(outputs);
  return kPass;
}

}  // namespace
}  // namespace perfgate::tools

int main(int argc, char** argv) {
  using namespace perfgate::tools;
  Options o;
  CLI::App app{
      "Renders perf-compare verdicts for people and CI (Markdown, HTML, JSON, JUnit), publishes\n"
      "them to a GitHub pull request (sticky comment, check run or commit status, step summary),\n"
      "merges the results of sharded runs, and renders recorded histories (trends, change points).\n\n"
      "Exit codes: render and github pass the verdict's gate on: 0 pass, 1 gate failed;\n"
      "2 usage or input error; 3 environment failure (github --strict-publish: publishing failed).",
      "perf-report"};
  app.set_version_flag("--version", std::string("perf-report (perfgate) ") + perfgate::kVersion);
  app.require_subcommand(1);
  int (*command)(const Options&) = nullptr;

  CLI::App* render_cmd = app.add_subcommand("render", "Render a verdict (Markdown to stdout unless told otherwise)");
  CLI::App* github_cmd = app.add_subcommand(
      "github", "Publish a verdict to GitHub: sticky PR comment, check run (commit status fallback), step summary "
                "and outputs; a publishing failure does not change the exit code unless --strict-publish");
  for (CLI::App* sub : {render_cmd, github_cmd}) {
    sub->add_option("VERDICT", o.verdict, "Verdict JSON from perf-compare -o (- for stdin)")->required();
    sub->add_option("--title", o.title, "Report title; one sticky comment and one check per title (e.g. per suite)")
        ->capture_default_str();
  }
  render_cmd->add_option("--markdown", o.markdown, "Write Markdown here (PR comment, $GITHUB_STEP_SUMMARY)");
  render_cmd->add_option("--html", o.html, "Write a self-contained HTML report with charts here");
  render_cmd->add_option("--json", o.json, "Write the report JSON (perfgate.report/1) here");
  render_cmd->add_option("--junit", o.junit, "Write JUnit XML here (a test case per scenario and metric)");
  render_cmd->add_option("--result", o.result, "Candidate result, for the HTML latency charts");
  render_cmd->add_option("--baseline-result", o.baseline_result,
                         "Baseline result (file, git:NAME[@V], git:auto or history:NAME: its newest run), for the HTML latency charts");
  github_cmd->add_option("--token-env", o.token_env, "Environment variable holding the token")->capture_default_str();
  github_cmd->add_option("--event", o.event,
                         "Event payload to read the pull request from (default $GITHUB_EVENT_PATH; the publishing "
                         "half of the fork-safe workflow passes the pull_request event it downloaded)");
  github_cmd->add_flag("--no-comment", o.no_comment, "Do not comment on the pull request");
  github_cmd->add_flag("--no-check", o.no_check, "Do not create a check run or commit status");
  github_cmd->add_flag("--strict-publish", o.strict_publish, "Exit 3 when publishing fails");
  github_cmd->add_option("--timeout", o.timeout_s, "Seconds per HTTP request")->check(finite_range(0.1, 600.0))
      ->capture_default_str();
  github_cmd->add_option("--deadline", o.deadline_s,
                         "Seconds all of publishing may take, retries and waits included; then it stops with a warning")
      ->check(finite_range(1, 3600))->capture_default_str();
  github_cmd->add_option("--comment-author", o.comment_author,
                         "Login whose marked comment is ours to update (default: the token's identity; "
                         "github-actions[bot] for GITHUB_TOKEN)");
  github_cmd->add_option("--retries", o.retries,
                         "Retries per request on 5xx, 429 and rate limits (backoff 1s, 2s, 4s...; Retry-After honoured)")
      ->check(CLI::Range(0, 10))->capture_default_str();
  CLI::App* merge_cmd = app.add_subcommand("merge", "Combine the results of perf-run --shard I/N into one result");
  merge_cmd->add_option("PARTS", o.parts, "Shard result files")->required();
  merge_cmd->add_option("-o,--output", o.output, "Merged result (- for stdout)")->required();

  CLI::App* history_cmd = app.add_subcommand(
      "history", "Trends and change points of a recorded history (perf-baseline record): a terminal table unless told "
                 "otherwise; HTML with charts, Markdown, JSON, CSV, OpenMetrics");
  history_cmd->add_option("NAME", o.history, "History name (refs/perfgate/history/NAME)")->required();
  history_cmd->add_option("-C,--repository", o.repository, "The git repository containing this directory")
      ->capture_default_str();
  history_cmd->add_option("--scenario", o.scenarios, "Only scenarios matching this glob (repeatable)");
  history_cmd->add_option("--metric", o.metrics, "Only this metric (repeatable; default: what perf-compare compares)");
  history_cmd->add_option("--html", o.html, "Write the HTML page (trend charts, changes, a scenario filter) here");
  history_cmd->add_option("--markdown", o.markdown, "Write Markdown of the change points here (e.g. a step summary)");
  history_cmd->add_option("--recent", o.recent, "Markdown: only change points in the newest N runs (0: all)")
      ->capture_default_str();
  history_cmd->add_option("--json", o.json, "Write the series and change points as JSON (perfgate.history/1) here");
  history_cmd->add_option("--csv", o.csv, "Write CSV, one row per run and series, here");
  history_cmd->add_option("--openmetrics", o.openmetrics, "Write OpenMetrics text, one sample per run and series, here");
  history_cmd->add_option("--alpha", o.alpha, "Significance level of each change point's permutation test")
      ->check(finite_range(1e-6, 0.5))->capture_default_str();
  history_cmd->add_option("--min-change", o.min_change, "Smallest change reported, in percent")
      ->check(finite_range(0, 1000))->capture_default_str();
  history_cmd->add_option("--title", o.title, "HTML page title (default: perfgate history: NAME)");
  history_cmd->callback([&] { command = history; });
  render_cmd->callback([&] { command = render; });
  github_cmd->callback([&] { command = github; });
  merge_cmd->callback([&] { command = merge; });
  return run_tool("perf-report", app, argc, argv, [&] { return command(o); });
}
