#include "result/analysis_json.h"

namespace perfgate {
namespace {

Json optional_number(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

std::optional<double> optional_number_from_json(const JsonCursor& c) {
  if (c.value().is_null()) return std::nullopt;
  return c.as_number();
}

Json to_json(const std::optional<SlopeEstimate>& s) {
  if (!s) return nullptr;
  return {{"slope", s->slope}, {"low", s->low},           {"high", s->high},
          {"bound", s->bound}, {"exceeded", s->exceeded}, {"points", s->points}};
}

std::optional<SlopeEstimate> slope_from_json(const JsonCursor& c) {
  if (c.value().is_null()) return std::nullopt;
  c.expect_object({"slope", "low", "high", "bound", "exceeded", "points"});
  return SlopeEstimate{c.at("slope").as_number(), c.at("low").as_number(),     c.at("high").as_number(),
                       c.at("bound").as_number(), c.at("exceeded").as_bool(), c.at("points").as_uint(0, SIZE_MAX)};
}

}  // namespace

Json to_json(const std::vector<StageSummary>& stages) {
  Json out = Json::array();
  for (const auto& s : stages) {
    out.push_back({{"start", s.start_s}, {"end", s.end_s}, {"target_rate", s.target_rate},
                   {"achieved_rate", s.achieved_rate}, {"operations", s.operations}, {"errors", s.errors},
                   {"latency_p50", number_or_null(s.latency_p50)}, {"latency_p99", number_or_null(s.latency_p99)}});
  }
  return out;
}

std::vector<StageSummary> stages_from_json(const JsonCursor& c) {
  std::vector<StageSummary> out;
  for (const auto& s : c.elements()) {
    s.expect_object({"start", "end", "target_rate", "achieved_rate", "operations", "errors", "latency_p50",
                     "latency_p99"});
    out.push_back({s.at("start").as_number(), s.at("end").as_number(), s.at("target_rate").as_number(),
                   s.at("achieved_rate").as_number(), s.at("operations").as_uint(0, UINT64_MAX),
                   s.at("errors").as_uint(0, UINT64_MAX), number_or_nan(s.at("latency_p50")),
                   number_or_nan(s.at("latency_p99"))});
  }
  return out;
}

Json to_json(const TrialAnalysis& a) {
  Json j = Json::object();
  if (a.spike) {
    j["spike_recovery"] = {{"reference_p99", number_or_null(a.spike->reference_p99)},
                           {"bound_p99", number_or_null(a.spike->bound_p99)},
                           {"recovered", a.spike->recovery_s.has_value()},
                           {"recovery_s", optional_number(a.spike->recovery_s)}};
  }
  if (a.breaking_point) {
    j["breaking_point"] = {{"sustained_rate", optional_number(a.breaking_point->sustained_rate)},
                           {"broken_rate", optional_number(a.breaking_point->broken_rate)},
                           {"broken_limits", a.breaking_point->broken_limits},
                           {"stopped_at_break", a.breaking_point->stopped}};
  }
  if (a.drift) {
    j["drift"] = {{"confidence", a.drift->confidence}, {"rss", to_json(a.drift->rss)},
                  {"p99", to_json(a.drift->p99)}};
  }
  return j;
}

TrialAnalysis analysis_from_json(const JsonCursor& c) {
  c.expect_object({"spike_recovery", "breaking_point", "drift"});
  TrialAnalysis a;
  if (auto s = c.find("spike_recovery")) {
    s->expect_object({"reference_p99", "bound_p99", "recovered", "recovery_s"});
    a.spike = SpikeRecovery{number_or_nan(s->at("reference_p99")), number_or_nan(s->at("bound_p99")),
                            optional_number_from_json(s->at("recovery_s"))};
    if (s->at("recovered").as_bool() != a.spike->recovery_s.has_value()) {
      s->fail("'recovered' must be true exactly when 'recovery_s' is a number");
    }
  }
  if (auto b = c.find("breaking_point")) {
    b->expect_object({"sustained_rate", "broken_rate", "broken_limits", "stopped_at_break"});
    a.breaking_point = BreakingPoint{optional_number_from_json(b->at("sustained_rate")),
                                     optional_number_from_json(b->at("broken_rate")),
                                     b->at("broken_limits").as_string_array(), b->at("stopped_at_break").as_bool()};
  }
  if (auto d = c.find("drift")) {
    d->expect_object({"confidence", "rss", "p99"});
    a.drift = SoakDrift{d->at("confidence").as_number_in(0, 1), slope_from_json(d->at("rss")), slope_from_json(d->at("p99"))};
  }
  return a;
}

Json to_json(const std::vector<SweepResult>& sweeps) {
  Json out = Json::array();
  for (const auto& s : sweeps) {
    Json points = Json::array();
    for (const auto& p : s.points) {
      Json j = {{"value", p.value}, {"scenario", p.scenario}, {"throughput", number_or_null(p.throughput)},
                {"latency_mean", number_or_null(p.latency_mean)}};
      if (p.efficiency) j["efficiency"] = number_or_null(*p.efficiency);
      points.push_back(std::move(j));
    }
    Json j = {{"name", s.name}, {"parameter", s.parameter}, {"points", std::move(points)}};
    if (s.exponent) {
      j["exponent"] = {{"estimate", s.exponent->estimate}, {"low", s.exponent->low}, {"high", s.exponent->high},
                       {"confidence", s.exponent->confidence}};
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace perfgate
