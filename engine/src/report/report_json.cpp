// The JSON rendering of perf-report: the verdict as perf-compare wrote it, wrapped with
// what a dashboard needs to show it without re-deriving anything.

#include "perfgate/report.h"
#include "report/verdict_notes.h"

namespace perfgate {

Json render_report_json(const VerdictReport& verdict, const std::string& title, const std::string& tool_version) {
  Json counts = Json::object();
  for (Verdict v : {Verdict::kRegression, Verdict::kImprovement, Verdict::kNoChange, Verdict::kInconclusive,
                    Verdict::kNew, Verdict::kMissing, Verdict::kError}) {
    counts[std::string(to_string(v))] = verdict.count(v);
  }
  counts["checks_breached"] = verdict.breached();
  return {{"schema", kReportSchema},
          {"title", title},
          {"headline", verdict_headline(verdict)},
          {"gate", verdict.gate_failed ? "failed" : "passed"},
          {"counts", std::move(counts)},
          {"notes", verdict_notes(verdict)},
          {"generated_by", "perfgate " + tool_version},
          {"verdict", to_json(verdict)}};
}

}  // namespace perfgate
