#include <sstream>

#include "perfgate/report.h"
#include "report/markdown_text.h"
#include "report/profile_text.h"
#include "report/verdict_figures.h"
#include "report/verdict_notes.h"

namespace perfgate {
namespace {

// GitHub rejects comments over 65 536 characters; leave room for a footer.
constexpr std::size_t kMarkdownBudget = 60000;

// Single-quoted for a POSIX shell; names that need no quoting stay readable.
std::string shell_quote(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-@") ==
                        std::string::npos) {
    return s;
  }
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string verdict_headline(const VerdictReport& r) {
  std::vector<std::string> parts;
  const auto add = [&](std::size_t n, const char* one, const char* many) {
    if (n > 0) parts.push_back(plural(n, one, many));
  };
  add(r.count(Verdict::kRegression), "regression", "regressions");
  add(r.breached(), "threshold breached", "thresholds breached");
  add(r.count(Verdict::kError), "failed comparison", "failed comparisons");
  add(r.count(Verdict::kImprovement), "improvement", "improvements");
  add(r.count(Verdict::kNoChange), "unchanged", "unchanged");
  add(r.count(Verdict::kInconclusive), "inconclusive", "inconclusive");
  add(r.count(Verdict::kNew), "new", "new");
  add(r.count(Verdict::kMissing), "missing", "missing");
  if (r.comparisons.empty() && r.checks.empty()) parts.push_back("nothing compared");
  else if (!r.checks.empty() && r.breached() == 0) parts.push_back(plural(r.checks.size(), "check passed", "checks passed"));
  std::string line = r.gate_failed ? "❌ " : "✅ ";
  for (std::size_t i = 0; i < parts.size(); ++i) line += (i ? ", " : "") + parts[i];
  return line + (r.gate_failed ? " — blocking" : " — passing");
}

namespace {

std::string comparison_row(const Comparison& c) {
  return "| " + escape_markdown(c.scenario) + " | " + escape_markdown(c.metric) + " | " +
         format_in_unit(c.baseline_median, c.unit) + " | " + format_in_unit(c.candidate_median, c.unit) + " | " +
         format_change(c) + " | " + (c.test.empty() ? "-" : format_p(c.p_adjusted)) + " | " +
         verdict_symbol(c.verdict) + " |\n";
}

// The exact command that makes the candidate the new baseline, when the baseline came
// from perf-baseline; a reviewer who accepts the change copies it.
std::string rebaseline_hint(const VerdictReport& r) {
  const auto unsafe_in_code_block = [](const std::string& s) { return s.find_first_of("`\r\n") != std::string::npos; };
  if (r.baseline_source.rfind("git:", 0) != 0 || r.candidate_source.empty() ||
      unsafe_in_code_block(r.candidate_source) || unsafe_in_code_block(r.baseline_source)) {
    return "";
  }
  const std::string ref = r.baseline_source.substr(4);
  const std::string name = ref.substr(0, ref.rfind('@'));
  return "If the change is intended, re-baseline (on the measuring machine, after merging):\n\n```sh\n"
         "perf-baseline promote " + shell_quote(r.candidate_source) + " --name " + shell_quote(name) +
         " --reason \"...\"\n```\n\n";
}

constexpr const char* kComparisonHeader =
    "| scenario | metric | baseline | candidate | change [CI] | p (adj.) | verdict |\n|---|---|---:|---:|---:|---:|---|\n";

}  // namespace

std::string render_verdict_markdown(const VerdictReport& r, const std::string& title) {
  std::ostringstream out;
  out << "### " << escape_markdown(title) << ": " << verdict_headline(r) << "\n\n";
  for (const auto& w : r.warnings) out << "> ⚠️ " << escape_markdown(w) << "\n";
  if (!r.warnings.empty()) out << "\n";
  std::ostringstream regressions, errors;
  for (const auto& c : r.comparisons) {
    if (c.verdict == Verdict::kRegression) regressions << comparison_row(c);
    if (c.verdict == Verdict::kError) {
      errors << "| " << escape_markdown(c.scenario) << " | " << escape_markdown(c.metric) << " | "
             << escape_markdown(c.reason) << " |\n";
    }
  }
  if (!regressions.str().empty()) out << "#### Regressions\n\n" << kComparisonHeader << regressions.str() << "\n";
  if (!errors.str().empty()) out << "#### Errors\n\n| scenario | metric | why |\n|---|---|---|\n" << errors.str() << "\n";
  std::ostringstream breached;
  for (const auto& c : r.checks) {
    if (c.passed) continue;
    breached << "| " << escape_markdown(c.scenario) << " | " << escape_markdown(c.check.text) << " | "
             << format_in_unit(c.measured, c.unit) << " |\n";
  }
  if (!breached.str().empty()) {
    out << "#### Thresholds breached\n\n| scenario | check | measured |\n|---|---|---:|\n" << breached.str() << "\n";
  }
  if (!r.comparisons.empty()) {
    out << "<details><summary>All " << r.comparisons.size() << " comparisons</summary>\n\n" << kComparisonHeader;
    std::size_t shown = 0;
    for (const auto& c : r.comparisons) {
      const std::string row = comparison_row(c);
      if (out.tellp() + std::streamoff(row.size()) > std::streamoff(kMarkdownBudget)) break;
      out << row;
      ++shown;
    }
    if (shown < r.comparisons.size()) {
      out << "\n… " << r.comparisons.size() - shown << " more rows: see the verdict JSON.\n";
    }
    out << "\n</details>\n\n";
  }
  const auto regressed = regressed_profiles(r);
  std::size_t profiles_left = regressed.size();
  for (const ProfileDiff* d : regressed) {
    const std::string section = render_profile_markdown(*d);
    if (out.tellp() + std::streamoff(section.size()) > std::streamoff(kMarkdownBudget)) break;
    out << section;
    --profiles_left;
  }
  if (profiles_left > 0) out << "… where it changed in " << profiles_left << " more scenarios: see the verdict JSON.\n\n";
  if (r.gate_failed && r.count(Verdict::kRegression) > 0) out << rebaseline_hint(r);
  out << "<sub>Ratios are estimates on log values; p-values adjusted ("
      << (r.options.correction == FamilyCorrection::kHolm                ? "Holm"
          : r.options.correction == FamilyCorrection::kBenjaminiHochberg ? "Benjamini-Hochberg"
                                                                         : "none")
      << ") over " << r.comparisons.size() << " comparisons.";
  for (const auto& note : verdict_notes(r)) out << " " << note;  // our own text, no input in it
  out << "</sub>\n";
  return out.str();
}

}  // namespace perfgate
