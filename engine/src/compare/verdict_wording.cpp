// The English of verdicts: reasons and the footnote on interval levels.

#include "compare/verdict_wording.h"

#include <cmath>
#include <cstdio>

namespace perfgate {
namespace {

std::string percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", fraction * 100);
  return text;
}

}  // namespace

std::string beyond_threshold(double ratio, double t, const char* how) {
  char buf[160];
  const double change = std::fabs(ratio - 1) * 100;
  if (ratio >= 1) {
    std::snprintf(buf, sizeof buf, "%.1f%% %s, beyond the %.1f%% threshold", change, how, t * 100);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f%% %s, beyond the %.1f%% threshold (÷%.3f)", change, how, t * 100, 1 + t);
  }
  return buf;
}

std::string interval_note(const CompareOptions& options, std::size_t m, double lowest, double highest) {
  if (m == 0) return "";
  const std::string level =
      highest - lowest < 0.0005 ? percent(highest) + " %" : percent(lowest) + "–" + percent(highest) + " %";
  const std::string how = options.correction == FamilyCorrection::kHolm ? "Holm-stepped simultaneous intervals"
                          : options.correction == FamilyCorrection::kBenjaminiHochberg
                              ? "false-coverage-rate intervals (Benjamini-Yekutieli) matching Benjamini-Hochberg"
                              : "uncorrected intervals";
  char alpha[32];
  std::snprintf(alpha, sizeof alpha, "%.3g", options.alpha);
  return "Intervals are " + how + " over " + std::to_string(m) + " comparisons at alpha = " + alpha + " (" + level +
         "), except that a no-change verdict shows the " + percent(1 - options.alpha) +
         " % interval it is read from: each interval is at the level of its verdict, so a change is significant "
         "exactly when its interval excludes 1.";
}

std::string contention_note(const Comparison& c) {
  char buf[300];
  std::snprintf(buf, sizeof buf,
                "; but other processes kept %.2f cores busy during the candidate's trials and %.2f during the "
                "baseline's, which can explain a change of this size; a paired run (perf-run --pair) would decide",
                c.candidate_neighbour_load, c.baseline_neighbour_load);
  return buf;
}

std::string run_noise_note(const Comparison& c, const RunConditions& conditions) {
  char buf[300];
  const bool estimated = c.baseline_runs >= 2;
  std::snprintf(buf, sizeof buf, "; run-to-run noise (%.1f%% a run, %s)", c.run_noise * 100,
                estimated ? ("from " + std::to_string(c.baseline_runs + c.candidate_runs) + " runs").c_str()
                          : "assumed: --run-noise");
  std::string out = buf;
  if (conditions.probe_known && std::fabs(conditions.probe_log_shift) >= 0.005) {
    std::snprintf(buf, sizeof buf, " and the machine itself (probe %+.1f%% speed)",
                  (std::exp(conditions.probe_log_shift) - 1) * 100);
    out += buf;
  }
  return out + " can explain a change of this size; a paired run (perf-run --pair) would decide";
}

}  // namespace perfgate
