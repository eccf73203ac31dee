#include <cmath>
#include <sstream>
#include <utility>

#include "perfgate/report.h"
#include "report/profile_text.h"
#include "report/text_table.h"
#include "report/verdict_figures.h"
#include "report/verdict_notes.h"

namespace perfgate {

std::string render_verdict_table(const VerdictReport& r) {
  std::ostringstream out;
  for (const auto& w : r.warnings) out << "warning: " << w << "\n";
  if (!r.comparisons.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.comparisons) {
      rows.push_back({c.scenario, c.metric, format_in_unit(c.baseline_median, c.unit),
                      format_in_unit(c.candidate_median, c.unit), format_change(c),
                      c.test.empty() ? "-" : format_p(c.p_adjusted), std::string(to_string(c.verdict))});
    }
    out << render_text_table({"scenario", "metric", "baseline", "candidate", "change [CI]", "p adj", "verdict"},
                             rows, 2);
  }
  if (!r.checks.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.checks) {
      char margin[32] = "-";  // no measured value: nothing to be a margin of
      if (!std::isnan(c.margin)) std::snprintf(margin, sizeof margin, "%+.1f%%", c.margin * 100);
      rows.push_back({c.scenario, c.check.text, format_in_unit(c.measured, c.unit), margin,
                      c.passed ? "pass" : "BREACHED"});
    }
    out << (r.comparisons.empty() ? "" : "\n")
        << render_text_table({"scenario", "check", "measured", "margin", "result"}, rows, 2);
  }
  bool first_error = true;
  for (const auto& c : r.comparisons) {
    if (c.verdict != Verdict::kError) continue;
    out << (std::exchange(first_error, false) ? "\n" : "") << "error: " << c.scenario << " " << c.metric << ": "
        << c.reason << "\n";
  }
  for (const ProfileDiff* d : regressed_profiles(r)) out << "\n" << render_profile_text(*d);
  const auto notes = verdict_notes(r);
  if (!notes.empty()) out << "\n";
  for (const auto& n : notes) out << "note: " << n << "\n";
  out << "\ngate: " << (r.gate_failed ? "FAILED (" + r.gate_reason + ")" : std::string("passed")) << "\n";
  return out.str();
}

}  // namespace perfgate
