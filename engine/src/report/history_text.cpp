// The history for a terminal and for Markdown (a step summary or a weekly issue).

#include <algorithm>

#include "common/format.h"
#include "perfgate/report.h"
#include "report/history_figures.h"
#include "report/markdown_text.h"
#include "report/text_table.h"
#include "report/verdict_figures.h"

namespace perfgate {
namespace {

std::string span_of_runs(const HistoryAnalysis& a) {
  const auto& first = a.runs.front();
  const auto& last = a.runs.back();
  return std::to_string(a.runs.size()) + " run" + (a.runs.size() == 1 ? "" : "s") + " of " +
         (first.suite.empty() ? first.result_format + " results" : "suite '" + first.suite + "'") + ", commits " +
         first.short_source_commit() + " (" + format_time(first.commit_time) + ") to " + last.short_source_commit() +
         " (" + format_time(last.commit_time) + ")";
}

// The changes among the newest `recent_runs` runs (all when 0), newest first.
std::vector<const HistoryChange*> recent_changes(const HistoryAnalysis& a, std::size_t recent_runs) {
  std::vector<const HistoryChange*> rows;
  const std::size_t first_run = recent_runs && recent_runs < a.runs.size() ? a.runs.size() - recent_runs : 0;
  for (const auto& c : a.changes) {
    if (c.run >= first_run) rows.push_back(&c);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto* x, const auto* y) { return x->run > y->run; });
  return rows;
}

}  // namespace

std::string render_history_table(const HistoryAnalysis& a) {
  std::string out = "history '" + a.name + "': " + span_of_runs(a) + "; " + std::to_string(a.series.size()) +
                    " series, " + std::to_string(a.changes.size()) + " change point" +
                    (a.changes.size() == 1 ? "" : "s") + "\n";
  if (a.changes.empty()) return out;
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : a.changes) {
    rows.push_back({c.scenario, c.metric, change_kind(c), format_history_change(c),
                    format_in_unit(c.before, c.unit) + " -> " + format_in_unit(c.after, c.unit), commit_range(c),
                    format_p(c.p_value)});
  }
  return out + render_text_table({"scenario", "metric", "change", "size", "before -> after", "commits", "p"}, rows, 3);
}

std::string render_history_markdown(const HistoryAnalysis& a, std::size_t recent_runs) {
  std::string out = "### perfgate history: " + escape_markdown(a.name) + "\n\n" + escape_markdown(span_of_runs(a)) +
                    ".\n\n";
  const auto rows = recent_changes(a, recent_runs);
  const std::string window = recent_runs ? " in the last " + std::to_string(recent_runs) + " runs" : "";
  if (rows.empty()) return out + "No change points" + window + ".\n";
  out += std::to_string(rows.size()) + " change point" + (rows.size() == 1 ? "" : "s") + window +
         ", newest first (E-divisive means, permutation test; sizes are Hodges-Lehmann estimates with 95 % "
         "intervals):\n\n| scenario | metric | change | size | before → after | commits | p |\n|---|---|---|---|---|---|---|\n";
  for (const auto* c : rows) {
    out += "| " + escape_markdown(c->scenario) + " | " + escape_markdown(c->metric) + " | " +
           change_kind(*c) + " | " + format_history_change(*c) + " | " +
           format_in_unit(c->before, c->unit) + " → " + format_in_unit(c->after, c->unit) + " | `" + commit_range(*c) +
           "` | " + format_p(c->p_value) + " |\n";
  }
  return out;
}

}  // namespace perfgate
