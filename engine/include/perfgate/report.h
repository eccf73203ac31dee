#pragma once
// Renderings of results for people.

#include <string>

#include "perfgate/result.h"

namespace perfgate {

// A fixed-width table, one row per scenario, medians over its trials: what perf-run
// prints at the end of a run.
std::string render_summary_table(const Result& result);

}  // namespace perfgate

#include "perfgate/compare.h"

namespace perfgate {

// The verdict for a terminal: gate line, warnings, one row per comparison and check.
std::string render_verdict_table(const VerdictReport& report);

// The verdict for a pull request or $GITHUB_STEP_SUMMARY: headline, regressions first,
// breached thresholds, warnings, then the full table collapsed. User-controlled text is
// escaped so scenario names cannot inject Markdown or @mention anyone.
std::string render_verdict_markdown(const VerdictReport& report);

}  // namespace perfgate

#include "perfgate/baseline.h"

namespace perfgate {

// Stored baselines for a terminal: with `per_name`, one row per name (its latest
// version and how many there are); otherwise one row per version.
std::string render_baseline_list(const std::vector<BaselineVersion>& versions, bool per_name);

struct BaselineLogEntry {
  BaselineVersion version;
  std::vector<MetricChange> changes;  // against the version before it
};
// Who re-baselined, when, why, from which commit, and what changed; newest first.
std::string render_baseline_log(const std::vector<BaselineLogEntry>& entries);
Json to_json(const BaselineLogEntry& entry);

}  // namespace perfgate
