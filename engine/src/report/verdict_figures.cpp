#include "report/verdict_figures.h"

#include <cmath>
#include <cstdio>

#include "common/format.h"

namespace perfgate {

std::string format_in_unit(double value, Unit unit) {
  if (std::isnan(value)) return "-";
  switch (unit) {
    case Unit::kNanoseconds: return format_latency_ns(value);
    case Unit::kSeconds: return format_latency_ns(value * 1e9);
    case Unit::kOpsPerSecond: return format_count(value) + "/s";
    case Unit::kBytes: return format_bytes(value);
    case Unit::kRatio: return format_fixed(value * 100, 2) + "%";
    case Unit::kNone: return format_fixed(value, 3);
    default: return format_fixed(value, 3) + " " + std::string(to_string(unit));
  }
}

std::string format_change(const Comparison& c) {
  if (c.test.empty()) return "-";
  char buf[96];
  std::snprintf(buf, sizeof buf, "%+.1f%% [%+.1f%%, %+.1f%%]", (c.ratio - 1) * 100, (c.ratio_lower - 1) * 100,
                (c.ratio_upper - 1) * 100);
  return buf;
}

std::string format_p(double p) {
  if (p < 1e-6) return "<1e-6";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", p);
  return buf;
}

std::string verdict_symbol(Verdict v) {
  switch (v) {
    case Verdict::kRegression: return "❌ regression";
    case Verdict::kImprovement: return "✅ improvement";
    case Verdict::kNoChange: return "no change";
    case Verdict::kInconclusive: return "❔ inconclusive";
    case Verdict::kNew: return "🆕 new";
    case Verdict::kMissing: return "➖ missing";
    case Verdict::kError: return "⚠️ error";
  }
  return "?";
}

}  // namespace perfgate
