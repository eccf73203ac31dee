// perf-run's lines under the summary table: what the shape analyses found and which
// trials did not get the load they asked for. One line per finding, for a terminal.

#include <sstream>

#include "common/format.h"
#include "perfgate/report.h"

namespace perfgate {
namespace {

std::string rate(double v) { return format_count(v) + "/s"; }

std::string latency_slope(double ns_per_s) { return format_latency_ns(ns_per_s * 3600) + "/h"; }
std::string memory_slope(double bytes_per_s) {
  return (bytes_per_s < 0 ? "-" : "") + format_bytes(std::abs(bytes_per_s) * 3600) + "/h";
}

void spike_line(std::ostream& out, const SpikeRecovery& s) {
  out << "p99 before the spike " << format_latency_ns(s.reference_p99) << " (recovered below "
      << format_latency_ns(s.bound_p99) << "): ";
  if (s.recovery_s) {
    out << "recovered " << format_seconds(Seconds(*s.recovery_s)) << " after the spike";
  } else {
    out << "NOT recovered by the end of the trial";
  }
}

void breaking_line(std::ostream& out, const BreakingPoint& b) {
  out << "breaking point: ";
  if (b.sustained_rate) out << "sustained " << rate(*b.sustained_rate);
  else out << "no level sustained";
  if (b.broken_rate) {
    out << "; " << rate(*b.broken_rate) << " broke ";
    for (std::size_t i = 0; i < b.broken_limits.size(); ++i) out << (i ? ", " : "") << b.broken_limits[i];
    if (b.stopped) out << " (the trial stopped there)";
  } else {
    out << " (no level broke the limits)";
  }
}

void slope_line(std::ostream& out, const char* what, const SlopeEstimate& e, double confidence,
                std::string (*format)(double)) {
  out << what << " drift " << format(e.slope) << " (" << format_fixed(confidence * 100, 0) << "% CI "
      << format(e.low) << " to " << format(e.high) << "), bound " << format(e.bound)
      << (e.exceeded ? ": EXCEEDED" : ": ok");
}

void sweep_line(std::ostream& out, const SweepResult& s) {
  out << s.name << " sweep of " << s.parameter << ": ";
  if (s.exponent) {
    out << "time per operation grows as " << s.parameter << "^" << format_fixed(s.exponent->estimate, 2) << " ("
        << format_fixed(s.exponent->confidence * 100, 0) << "% CI " << format_fixed(s.exponent->low, 2) << " to "
        << format_fixed(s.exponent->high, 2) << ")";
    return;
  }
  out << "parallel efficiency";
  for (const auto& p : s.points) {
    out << " " << format_count(p.value) << "→" << (p.efficiency ? format_fixed(*p.efficiency, 2) : "-");
  }
}

}  // namespace

// A profile in one line: what it holds and the function with the most self time.
void profile_line(std::ostream& out, const std::string& who, const Profile& p) {
  out << who << "profile: ";
  if (!p.available()) {
    out << "unavailable: " << p.unavailable << "\n";
    return;
  }
  out << p.samples << " samples";
  const auto shares = function_shares(p);
  if (!shares.empty() && p.samples > 0) {
    out << "; most self time: " << shares.front().function << " ("
        << format_fixed(100.0 * double(shares.front().self) / double(p.samples), 1) << " %)";
  }
  if (p.phase_locked()) out << "; " << p.phase_locked_note();
  out << "\n";
}

std::string render_analysis_summary(const Result& result) {
  std::ostringstream out;
  for (const auto& s : result.scenarios) {
    for (std::size_t i = 0; i < s.trials.size(); ++i) {
      const TrialResult& t = s.trials[i];
      const std::string who = s.name + " trial " + std::to_string(i + 1) + ": ";
      const TrialAnalysis& a = t.analysis;
      // Past a step load's breaking point a missed rate is the expected outcome.
      if (t.rate_not_reached && !a.breaking_point) {
        const double behind = t.metrics.at("late_count") + t.metrics.at("dropped_count");
        out << who << "rate not reached: " << format_count(behind) << " operations started over 1 ms late or never ("
            << rate(t.metrics.at("achieved_rate")) << " of " << rate(t.metrics.at("target_rate"))
            << " started: the target saturated, max_concurrency is too low, or this machine is overloaded)\n";
      }
      if (t.unavailable_s > 0) {
        out << who << "target unreachable for " << format_fixed(t.unavailable_s, 2)
            << " s (connections refused or timed out; perf-run backed off and retried)\n";
      }
      if (a.spike) spike_line(out << who, *a.spike), out << "\n";
      if (a.breaking_point) breaking_line(out << who, *a.breaking_point), out << "\n";
      if (a.drift && a.drift->rss) slope_line(out << who, "rss", *a.drift->rss, a.drift->confidence, memory_slope), out << "\n";
      if (a.drift && a.drift->p99) slope_line(out << who, "p99", *a.drift->p99, a.drift->confidence, latency_slope), out << "\n";
    }
  }
  for (const auto& sweep : result.sweeps) sweep_line(out, sweep), out << "\n";
  for (const auto& s : result.scenarios) {
    if (s.baseline && s.baseline->profile) profile_line(out, s.name + " (baseline variant): ", *s.baseline->profile);
    if (s.profile) profile_line(out, s.name + ": ", *s.profile);
  }
  return out.str();
}

}  // namespace perfgate
