#include <cmath>

#include "common/json_cursor.h"
#include "perfgate/compare.h"

namespace perfgate {
namespace {

std::string_view correction_name(FamilyCorrection c) {
  return c == FamilyCorrection::kHolm ? "holm" : c == FamilyCorrection::kBenjaminiHochberg ? "bh" : "none";
}

std::string_view test_name(TestChoice t) {
  return t == TestChoice::kAuto ? "auto" : t == TestChoice::kMannWhitney ? "mann-whitney" : "welch";
}

Json runs_json(const Comparison& c) {
  Json runs = {{"baseline", c.baseline_runs}, {"candidate", c.candidate_runs}, {"noise", c.run_noise}};
  if (std::isfinite(c.baseline_neighbour_load) && std::isfinite(c.candidate_neighbour_load)) {
    runs["neighbour_load"] = {{"baseline", c.baseline_neighbour_load}, {"candidate", c.candidate_neighbour_load}};
  }
  return runs;
}

Json to_json(const Comparison& c) {
  return {{"scenario", c.scenario},
          {"metric", c.metric},
          {"unit", to_string(c.unit)},
          {"direction", to_string(c.direction)},
          {"verdict", to_string(c.verdict)},
          {"reason", c.reason},
          {"baseline", {{"n", c.baseline_n}, {"median", number_or_null(c.baseline_median)}}},
          {"candidate", {{"n", c.candidate_n}, {"median", number_or_null(c.candidate_median)}}},
          {"ratio", number_or_null(c.ratio)},
          {"ratio_interval",
           {{"lower", number_or_null(c.ratio_lower)}, {"upper", number_or_null(c.ratio_upper)},
            {"confidence", c.interval_confidence}}},
          {"test", c.test.empty() ? Json(nullptr) : Json(c.test)},
          {"p_value", c.test.empty() ? Json(nullptr) : Json(c.p_value)},
          {"p_adjusted", c.test.empty() ? Json(nullptr) : Json(c.p_adjusted)},
          {"threshold", c.threshold},
          {"minimum_detectable_change", c.test.empty() ? Json(nullptr) : number_or_null(c.minimum_detectable_change)},
          {"runs", runs_json(c)}};
}

Json to_json(const CheckOutcome& c) {
  return {{"check", c.check.text},
          {"scenario", c.scenario},
          {"metric", c.check.metric},
          {"unit", to_string(c.unit)},
          {"measured", number_or_null(c.measured)},
          {"margin", number_or_null(c.margin)},
          {"passed", c.passed}};
}

}  // namespace

Json to_json(const VerdictReport& r) {
  Json thresholds = Json::array();
  for (const auto& t : r.options.thresholds) {
    thresholds.push_back({{"scenario", t.scenario_glob}, {"metric", t.metric}, {"relative", t.relative}});
  }
  Json summary = Json::object();
  for (Verdict v : {Verdict::kRegression, Verdict::kImprovement, Verdict::kNoChange, Verdict::kInconclusive,
                    Verdict::kNew, Verdict::kMissing, Verdict::kError}) {
    summary[std::string(to_string(v))] = r.count(v);
  }
  summary["checks"] = r.checks.size();
  summary["checks_breached"] = r.breached();
  Json comparisons = Json::array(), checks = Json::array();
  for (const auto& c : r.comparisons) comparisons.push_back(to_json(c));
  for (const auto& c : r.checks) checks.push_back(to_json(c));
  Json profiles = Json::array();
  for (const auto& d : r.profiles) profiles.push_back(to_json(d));
  return {{"schema", kVerdictSchema},
          {"baseline", r.baseline_source.empty() ? Json(nullptr) : Json(r.baseline_source)},
          {"candidate", r.candidate_source},
          {"gate", {{"failed", r.gate_failed}, {"reason", r.gate_reason}, {"exit_code", r.gate_failed ? 1 : 0}}},
          {"summary", std::move(summary)},
          {"settings",
           {{"alpha", r.options.alpha},
            {"confidence", r.options.confidence},
            {"power", r.options.power},
            {"run_noise", r.options.run_noise},
            {"correction", correction_name(r.options.correction)},
            {"test", test_name(r.options.test)},
            {"metrics", r.options.metrics},
            {"default_threshold", 0.05},
            {"thresholds", std::move(thresholds)},
            {"fail_on_inconclusive", r.options.fail_on_inconclusive},
            {"fail_on_missing", r.options.fail_on_missing}}},
          {"machine_probe_shift", number_or_null(r.probe_shift)},
          {"interval_note", r.interval_note},
          {"warnings", r.warnings},
          {"comparisons", std::move(comparisons)},
          {"checks", std::move(checks)},
          {"profiles", std::move(profiles)}};
}

}  // namespace perfgate
