#include "report/profile_text.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/format.h"
#include "report/markdown_text.h"
#include "report/text_table.h"

namespace perfgate {
namespace {

std::string ratio_text(double r) { return std::isfinite(r) ? format_fixed(r, 2) : "∞"; }

std::string per_op_text(const FunctionChange& f) {
  return format_latency_ns(f.baseline_self_per_op * 1e9) + " → " + format_latency_ns(f.candidate_self_per_op * 1e9);
}

std::string finding_text(const FunctionChange& f) {
  if (!f.self_finding.empty()) return f.self_finding + " (self)";
  if (!f.total_finding.empty()) return f.total_finding + " (with callees)";
  return "-";
}

// A function that never is the leaf (main, a dispatcher) is judged with its callees.
std::string change_text(const FunctionChange& f) {
  if (f.baseline_self + f.candidate_self == 0) {
    return format_time_ratio(f.total_ratio, f.total_low, f.total_high) + " with callees";
  }
  return format_time_ratio(f.self_ratio, f.self_low, f.self_high);
}

}  // namespace

const std::vector<std::string> kProfileTableHeader = {"function",    "self CPU per op",    "change [CI]",
                                                      "total share", "self samples b / c", "finding"};

std::vector<std::string> profile_table_row(const FunctionChange& f) {
  return {f.function,
          per_op_text(f),
          change_text(f),
          format_share(f.baseline_total_share) + " → " + format_share(f.candidate_total_share),
          std::to_string(f.baseline_self) + " / " + std::to_string(f.candidate_self),
          finding_text(f)};
}

std::string format_time_ratio(double ratio, double low, double high) {
  return "×" + ratio_text(ratio) + " [" + ratio_text(low) + ", " + ratio_text(high) + "]";
}

std::vector<const FunctionChange*> functions_shown(const ProfileDiff& diff) {
  std::vector<const FunctionChange*> shown;
  for (const auto& f : diff.functions) {
    const bool finding = !f.self_finding.empty() || !f.total_finding.empty();
    if (shown.size() < kProfileRowsShown || finding) shown.push_back(&f);
  }
  return shown;
}

std::vector<const ProfileDiff*> regressed_profiles(const VerdictReport& r) {
  std::vector<const ProfileDiff*> out;
  for (const auto& d : r.profiles) {
    const bool regressed = std::any_of(r.comparisons.begin(), r.comparisons.end(), [&](const Comparison& c) {
      return c.scenario == d.scenario && c.verdict == Verdict::kRegression;
    });
    if (regressed) out.push_back(&d);
  }
  return out;
}

std::string profile_method_note(const ProfileDiff& d) {
  std::string note = "Profiles of " + std::to_string(d.baseline_samples) + " / " + std::to_string(d.candidate_samples) +
                     " samples (" + std::to_string(d.baseline_operations) + " / " +
                     std::to_string(d.candidate_operations) + " operations). Intervals at " +
                     format_fixed(100 * (1 - d.alpha), 0) + " %; a finding needs the function's share of samples to " +
                     "change (Holm over the functions, alpha " + format_fixed(d.alpha, 2) +
                     "), its CPU time per operation interval to exclude no change, and at least " +
                     format_fixed(100 * d.min_change, 0) + " %.";
  if (d.findings() == 0) note += " No function changed beyond sampling noise.";
  return note;
}

std::string render_profile_markdown(const ProfileDiff& d) {
  std::ostringstream out;
  out << "#### Where it changed: " << escape_markdown(d.scenario) << "\n\n|";
  for (const auto& h : kProfileTableHeader) out << " " << h << " |";
  out << "\n|---|---:|---:|---:|---:|---|\n";
  for (const FunctionChange* f : functions_shown(d)) {
    const auto cells = profile_table_row(*f);
    out << "| " << escape_markdown(cells[0]) << " |";  // the one cell from the profiled program
    for (std::size_t i = 1; i < cells.size(); ++i) out << " " << cells[i] << " |";
    out << "\n";
  }
  out << "\n<sub>" << profile_method_note(d) << "</sub>\n\n";  // our own text
  return out.str();
}

std::string render_profile_text(const ProfileDiff& d) {
  std::vector<std::vector<std::string>> rows;
  for (const FunctionChange* f : functions_shown(d)) rows.push_back(profile_table_row(*f));
  return "where it changed: " + d.scenario + "\n" + render_text_table(kProfileTableHeader, rows, 2) + profile_method_note(d) + "\n";
}

}  // namespace perfgate
