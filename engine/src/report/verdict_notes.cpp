#include "report/verdict_notes.h"

#include <algorithm>
#include <cmath>

namespace perfgate {
namespace {

bool is_paired_test(const std::string& test) { return test == "wilcoxon" || test == "t-paired-log"; }

}  // namespace

std::vector<std::string> verdict_notes(const VerdictReport& r) {
  std::vector<std::string> notes;
  if (!r.interval_note.empty()) notes.push_back(r.interval_note);
  const bool unpaired = std::any_of(r.comparisons.begin(), r.comparisons.end(),
                                    [](const Comparison& c) { return !c.test.empty() && !is_paired_test(c.test); });
  if (std::isfinite(r.probe_shift) && std::fabs(r.probe_shift) < 0.005) {
    notes.push_back("Machine-speed probe: both runs' machines ran at the same speed (within 0.5 %).");
  } else if (std::isfinite(r.probe_shift)) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "Machine-speed probe: the candidate's machine ran %.1f%% %s than the baseline's; unpaired verdicts "
                  "allow for that shift.",
                  std::fabs(r.probe_shift) * 100, r.probe_shift < 0 ? "slower" : "faster");
    notes.push_back(buf);
  }
  if (unpaired) {
    notes.push_back("Unpaired: baseline and candidate are separate runs, so each verdict allows for run-to-run noise; "
                    "a paired run (perf-run --pair baseline=DIR --pair candidate=DIR) cancels it and decides more.");
  }
  return notes;
}

}  // namespace perfgate
