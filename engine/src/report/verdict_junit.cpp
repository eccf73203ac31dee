// The verdict as JUnit XML for CI test views: one test case per scenario and metric and
// one per absolute check; regressions and breached checks fail, failed comparisons are
// errors, inconclusive and missing comparisons are skipped.

#include <sstream>

#include "perfgate/report.h"
#include "report/profile_text.h"
#include "report/verdict_figures.h"
#include "report/xml_text.h"
#include "report/verdict_notes.h"

namespace perfgate {
namespace {

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
};

Counts count_cases(const VerdictReport& r) {
  Counts n;
  n.tests = r.comparisons.size() + r.checks.size();
  for (const auto& c : r.comparisons) {
    n.failures += c.verdict == Verdict::kRegression;
    n.errors += c.verdict == Verdict::kError;
    n.skipped += c.verdict == Verdict::kInconclusive || c.verdict == Verdict::kMissing;
  }
  n.failures += r.breached();
  return n;
}

// A regression's failure text ends with where it changed, when both sides were profiled.
std::string comparison_case(const Comparison& c, const std::vector<ProfileDiff>& profiles) {
  const std::string open = "    <testcase classname=\"" + escape_xml(c.scenario) + "\" name=\"" + escape_xml(c.metric) + "\"";
  const std::string figures = format_in_unit(c.baseline_median, c.unit) + " -> " +
                              format_in_unit(c.candidate_median, c.unit) + ", " + format_change(c);
  const std::string message = escape_xml(std::string(to_string(c.verdict)) + ": " + figures);
  switch (c.verdict) {
    case Verdict::kRegression:
    {
      std::string body = c.reason;
      for (const auto& d : profiles) {
        if (d.scenario == c.scenario) body += "\n\n" + render_profile_text(d);
      }
      return open + ">\n      <failure type=\"regression\" message=\"" + message + "\">" + escape_xml(body) +
             "</failure>\n    </testcase>\n";
    }
    case Verdict::kError:
      return open + ">\n      <error type=\"error\" message=\"" + escape_xml(c.reason) + "\"/>\n    </testcase>\n";
    case Verdict::kInconclusive:
    case Verdict::kMissing:
      return open + ">\n      <skipped message=\"" + message + " (" + escape_xml(c.reason) + ")\"/>\n    </testcase>\n";
    default:
      return open + ">\n      <system-out>" + message + "</system-out>\n    </testcase>\n";
  }
}

std::string check_case(const CheckOutcome& c) {
  const std::string open = "    <testcase classname=\"" + escape_xml(c.scenario) + "\" name=\"check: " +
                           escape_xml(c.check.text) + "\"";
  if (c.passed) return open + "/>\n";
  return open + ">\n      <failure type=\"threshold\" message=\"" +
         escape_xml("breached: measured " + format_in_unit(c.measured, c.unit)) + "\"/>\n    </testcase>\n";
}

}  // namespace

std::string render_verdict_junit(const VerdictReport& r, const std::string& suite_name) {
  const Counts n = count_cases(r);
  const std::string totals = " tests=\"" + std::to_string(n.tests) + "\" failures=\"" + std::to_string(n.failures) +
                             "\" errors=\"" + std::to_string(n.errors) + "\" skipped=\"" + std::to_string(n.skipped) + "\"";
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"perfgate\"" << totals << ">\n"
      << "  <testsuite name=\"" << escape_xml(suite_name) << "\"" << totals << ">\n"
      << "    <properties>\n"
      << "      <property name=\"baseline\" value=\"" << escape_xml(r.baseline_source) << "\"/>\n"
      << "      <property name=\"candidate\" value=\"" << escape_xml(r.candidate_source) << "\"/>\n"
      << "      <property name=\"gate\" value=\"" << (r.gate_failed ? "failed" : "passed") << "\"/>\n";
  for (const auto& note : verdict_notes(r)) out << "      <property name=\"note\" value=\"" << escape_xml(note) << "\"/>\n";
  out << "    </properties>\n";
  for (const auto& c : r.comparisons) out << comparison_case(c, r.profiles);
  for (const auto& c : r.checks) out << check_case(c);
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace perfgate
