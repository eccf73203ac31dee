#pragma once
// The rules a gate applies: practical thresholds (how big a change must be to matter)
// and absolute checks (limits on the candidate alone). They come from the suite file
// ("gate" objects) and from perf-compare's command line.

#include <string>

#include "perfgate/metrics.h"

namespace perfgate {

// A practical threshold: the smallest relative change that matters. Applies to the
// scenarios matching `scenario_glob` and the metric `metric` ("" = every metric).
struct PracticalThreshold {
  std::string scenario_glob = "*";
  std::string metric;
  double relative = 0.05;
};
// Parses "[GLOB:][METRIC=]PERCENT": "5%", "latency_p99=10%", "kv/*:throughput=2%".
PracticalThreshold parse_practical_threshold(const std::string& text);

// An absolute limit on the candidate, e.g. "p95 < 200ms" or "kv/*: error_rate < 1%".
struct AbsoluteCheck {
  std::string text;  // as written, for reports
  std::string scenario_glob = "*";
  std::string metric;
  bool less_than = true;  // "<" (or "<="); false for ">" (or ">=")
  bool inclusive = false;
  double limit = 0;  // in the base unit of `dimension` (ns, ratio, /s, bytes)
  // What the limit's unit says it measures; kNone for a bare number in the metric's own unit.
  Dimension dimension = Dimension::kNone;
};
// Parses "[GLOB:] METRIC OP VALUE[UNIT]". Throws kInput with what is wrong.
AbsoluteCheck parse_absolute_check(const std::string& text);

}  // namespace perfgate
