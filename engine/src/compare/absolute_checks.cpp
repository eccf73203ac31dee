// Absolute limits on the candidate alone ("p95 < 200ms", "error_rate < 1%").

#include "compare/absolute_checks.h"

#include <fnmatch.h>

#include <algorithm>
#include <cmath>

#include "common/format.h"
#include "perfgate/error.h"
#include "stats/t_tests.h"

namespace perfgate {
namespace {

// The check's limit in the metric's unit; throws when the units cannot agree.
double limit_in_unit(const AbsoluteCheck& check, Unit unit) {
  if (check.dimension == Dimension::kNone) return check.limit;
  if (check.dimension == dimension_of(unit)) return check.limit / base_units_per(unit);
  throw input_error("check " + quote_input(check.text) + ": a " + std::string(to_string(check.dimension)) +
                    " limit cannot apply to " + check.metric + " (unit " + std::string(to_string(unit)) + ")");
}

// A scenario the check's glob selects but that has no value for the metric (every
// operation failed, so no latency) fails the check: a limit that cannot be shown to
// hold does not pass (a spike that never recovered). A metric that no scenario has at all
// is a mistake in the check. Shape metrics apply to scenarios of their shape only.
}  // namespace

std::vector<CheckOutcome> run_checks(const SampleSet& cand, const CompareOptions& o) {
  std::vector<CheckOutcome> out;
  for (const auto& check : o.checks) {
    const bool known = std::any_of(cand.scenarios.begin(), cand.scenarios.end(),
                                   [&](const auto& s) { return s.metrics.count(check.metric) > 0; });
    std::size_t matched = 0;
    const std::string_view shape = metric_shape(check.metric);
    for (const auto& s : cand.scenarios) {
      if (fnmatch(check.scenario_glob.c_str(), s.name.c_str(), 0) != 0 || !known) continue;
      if (!shape.empty() && s.shape != shape) continue;  // e.g. spike_recovery of a step load
      ++matched;
      const auto m = s.metrics.find(check.metric);
      CheckOutcome r{check, s.name, Unit::kNone, std::nan(""), std::nan(""), false};
      if (m != s.metrics.end()) {
        r.unit = m->second.unit;
        r.measured = stats::median(m->second.values);
      }
      if (!std::isnan(r.measured)) {
        const double limit = limit_in_unit(check, r.unit);
        r.passed = check.less_than ? (check.inclusive ? r.measured <= limit : r.measured < limit)
                                   : (check.inclusive ? r.measured >= limit : r.measured > limit);
        const double scale = limit != 0 ? std::fabs(limit) : 1.0;
        r.margin = (check.less_than ? limit - r.measured : r.measured - limit) / scale;
      }
      out.push_back(std::move(r));
    }
    if (matched == 0) {
      throw input_error("check " + quote_input(check.text) + ": no scenario of " + cand.source + " matching " +
                        quote_input(check.scenario_glob) + " has metric " + quote_input(check.metric));
    }
  }
  return out;
}

}  // namespace perfgate
