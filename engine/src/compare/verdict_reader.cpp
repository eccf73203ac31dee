// Reads a verdict file back (perf-report renders and publishes what perf-compare wrote).

#include <cmath>
#include <limits>

#include "common/json_cursor.h"
#include "profile/profile_json.h"
#include "perfgate/compare.h"
#include "perfgate/error.h"
#include "perfgate/file_io.h"

namespace perfgate {
namespace {

Verdict verdict_named(const JsonCursor& c) {
  const std::string name = c.as_string();
  for (Verdict v : {Verdict::kRegression, Verdict::kImprovement, Verdict::kNoChange, Verdict::kInconclusive,
                    Verdict::kNew, Verdict::kMissing, Verdict::kError}) {
    if (to_string(v) == name) return v;
  }
  c.fail_expected("a verdict (regression, improvement, no-change, inconclusive, new, missing, error)");
}

Unit unit_named(const JsonCursor& c) {
  if (auto unit = unit_from_string(c.as_string())) return *unit;
  c.fail_expected("a unit (ns, s, ops/s, bytes, bytes/s, ns/s, ratio, count, cores)");
}

Comparison comparison_from_json(const JsonCursor& c) {
  Comparison out;
  out.scenario = c.at("scenario").as_string();
  out.metric = c.at("metric").as_string();
  out.unit = unit_named(c.at("unit"));
  const std::string direction = c.at("direction").as_string();
  out.direction = direction == to_string(Direction::kHigherIsBetter) ? Direction::kHigherIsBetter
                                                                     : Direction::kLowerIsBetter;
  out.verdict = verdict_named(c.at("verdict"));
  out.reason = c.at("reason").as_string();
  out.baseline_n = c.at("baseline").at("n").as_uint(0, std::numeric_limits<std::uint32_t>::max());
  out.candidate_n = c.at("candidate").at("n").as_uint(0, std::numeric_limits<std::uint32_t>::max());
  out.baseline_median = number_or_nan(c.at("baseline").at("median"));
  out.candidate_median = number_or_nan(c.at("candidate").at("median"));
  out.ratio = number_or_nan(c.at("ratio"));
  out.ratio_lower = number_or_nan(c.at("ratio_interval").at("lower"));
  out.ratio_upper = number_or_nan(c.at("ratio_interval").at("upper"));
  out.interval_confidence = c.at("ratio_interval").at("confidence").as_number();
  if (!c.at("test").value().is_null()) {
    out.test = c.at("test").as_string();
    out.p_value = c.at("p_value").as_number();
    out.p_adjusted = c.at("p_adjusted").as_number();
    out.minimum_detectable_change = number_or_nan(c.at("minimum_detectable_change"));
  }
  out.threshold = c.at("threshold").as_number();
  if (auto runs = c.find("runs")) {
    out.baseline_runs = runs->at("baseline").as_uint(0, std::numeric_limits<std::uint32_t>::max());
    out.candidate_runs = runs->at("candidate").as_uint(0, std::numeric_limits<std::uint32_t>::max());
    out.run_noise = runs->at("noise").as_number_in(0, 1e6);
    if (auto load = runs->find("neighbour_load")) {
      out.baseline_neighbour_load = load->at("baseline").as_number_in(0, 1e6);
      out.candidate_neighbour_load = load->at("candidate").as_number_in(0, 1e6);
    }
  }
  return out;
}

CheckOutcome check_outcome_from_json(const JsonCursor& c) {
  CheckOutcome out;
  try {
    out.check = parse_absolute_check(c.at("check").as_string());
  } catch (const Error& e) {
    c.at("check").fail(e.what());
  }
  out.scenario = c.at("scenario").as_string();
  out.unit = unit_named(c.at("unit"));
  out.measured = number_or_nan(c.at("measured"));
  out.margin = number_or_nan(c.at("margin"));
  out.passed = c.at("passed").as_bool();
  return out;
}

CompareOptions options_from_json(const JsonCursor& s) {
  CompareOptions o;
  o.alpha = s.at("alpha").as_number();
  o.confidence = s.at("confidence").as_number();
  if (auto noise = s.find("run_noise")) o.run_noise = noise->as_number_in(0, 10);
  const std::string correction = s.at("correction").as_string();
  o.correction = correction == "holm" ? FamilyCorrection::kHolm
                 : correction == "bh" ? FamilyCorrection::kBenjaminiHochberg
                                      : FamilyCorrection::kNone;
  o.metrics = s.at("metrics").as_string_array();
  for (const auto& t : s.at("thresholds").elements()) {
    o.thresholds.push_back({t.at("scenario").as_string(), t.at("metric").as_string(), t.at("relative").as_number()});
  }
  o.fail_on_inconclusive = s.at("fail_on_inconclusive").as_bool();
  o.fail_on_missing = s.at("fail_on_missing").as_bool();
  return o;
}

}  // namespace

VerdictReport verdict_from_json(const Json& doc, const std::string& source) {
  const JsonCursor root(doc, source);
  if (!doc.is_object() || !doc.contains("schema")) root.fail("not a perfgate verdict (no \"schema\"); make one with perf-compare -o");
  const std::string schema = root.at("schema").as_string();
  if (schema != kVerdictSchema) {
    root.at("schema").fail("unknown verdict schema '" + schema + "' (this perfgate reads " +
                           std::string(kVerdictSchema) + ")");
  }
  VerdictReport r;
  r.baseline_source = root.at("baseline").value().is_null() ? "" : root.at("baseline").as_string();
  r.candidate_source = root.at("candidate").as_string();
  r.gate_failed = root.at("gate").at("failed").as_bool();
  r.gate_reason = root.at("gate").at("reason").as_string();
  r.options = options_from_json(root.at("settings"));
  r.warnings = root.at("warnings").as_string_array();
  if (auto shift = root.find("machine_probe_shift")) r.probe_shift = number_or_nan(*shift);
  if (auto note = root.find("interval_note")) r.interval_note = note->as_string();
  for (const auto& c : root.at("comparisons").elements()) r.comparisons.push_back(comparison_from_json(c));
  for (const auto& c : root.at("checks").elements()) r.checks.push_back(check_outcome_from_json(c));
  if (auto profiles = root.find("profiles")) {
    for (const auto& p : profiles->elements()) r.profiles.push_back(profile_diff_from_json(p));
  }
  return r;
}

VerdictReport read_verdict(const std::string& path) {
  const std::string source = input_name(path);
  return verdict_from_json(parse_json_text(read_file(path), source), source);
}

}  // namespace perfgate
