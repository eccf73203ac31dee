#include "suite/load_shapes.h"

#include "common/quantity.h"

namespace perfgate {
namespace {

constexpr double kMaxRate = 10'000'000;
constexpr unsigned kMaxOpenConcurrency = kMaxConnections;

double rate_at(const JsonCursor& c, const char* key) { return c.at(key).as_number_in(0, kMaxRate); }

constexpr std::uint64_t kMaxStages = 200;  // each keeps a 250 KiB histogram while the trial runs

// A fraction: a number in [0, 1] or a percentage such as "1%".
double ratio_at(const JsonCursor& c) {
  if (c.value().is_number()) return c.as_number_in(0, 1);
  const auto q = c.value().is_string() ? parse_quantity(c.as_string()) : std::nullopt;
  if (!q || q->dimension != Dimension::kRatio || q->value < 0 || q->value > 1) c.fail_expected("a fraction such as 0.01 or \"1%\"");
  return q->value;
}

BreakingPointLimits limits_from_json(const JsonCursor& c) {
  c.expect_object({"error_rate", "p99", "achieved", "stop"});
  BreakingPointLimits limits;
  if (auto e = c.find("error_rate")) limits.max_error_rate = ratio_at(*e);
  if (auto p = c.find("p99")) limits.max_p99_ns = p->as_duration(Seconds(1e-9)).count() * 1e9;
  if (auto a = c.find("achieved")) limits.min_achieved_ratio = ratio_at(*a);
  if (auto stop = c.find("stop")) limits.stop_at_break = stop->as_bool();
  return limits;
}

RecoveryCriterion recovery_from_json(const JsonCursor& c) {
  c.expect_object({"tolerance", "hold"});
  RecoveryCriterion r;
  if (auto t = c.find("tolerance")) {
    const auto q = t->value().is_string() ? parse_quantity(t->as_string()) : std::nullopt;
    if (t->value().is_number()) r.tolerance = t->as_number_in(0, 100);
    else if (q && q->dimension == Dimension::kRatio && q->value >= 0) r.tolerance = q->value;
    else t->fail_expected("a tolerance such as 0.5 or \"50%\"");
  }
  if (auto h = c.find("hold")) r.hold_intervals = static_cast<unsigned>(h->as_uint(1, 1000));
  return r;
}

// "4MiB/h" for memory; "5ms/h" or "10%/h" for latency.
DriftBound drift_bound_from_json(const JsonCursor& c, Dimension absolute_dimension, bool relative_allowed) {
  const auto q = c.value().is_string() ? parse_growth_rate(c.as_string()) : std::nullopt;
  const bool relative = q && q->dimension == Dimension::kRatio;
  if (!q || q->value < 0 || (q->dimension != absolute_dimension && !(relative && relative_allowed))) {
    c.fail_expected(relative_allowed ? "a growth rate such as \"5ms/h\" or \"10%/h\"" : "a growth rate such as \"4MiB/h\"");
  }
  return {q->value, relative, c.as_string()};
}

DriftBounds drift_from_json(const JsonCursor& c) {
  c.expect_object({"rss", "p99", "confidence"});
  DriftBounds d;
  if (auto r = c.find("rss")) d.rss = drift_bound_from_json(*r, Dimension::kBytes, false);
  if (auto p = c.find("p99")) d.p99 = drift_bound_from_json(*p, Dimension::kTime, true);
  if (auto k = c.find("confidence")) d.confidence = k->as_number_in(0.5, 0.9999);
  return d;
}

std::vector<RateStage> explicit_stages(const JsonCursor& list) {
  std::vector<RateStage> stages;
  double previous = 0;
  for (const auto& s : list.elements()) {
    s.expect_object({"duration", "rate", "ramp"});
    const double rate = rate_at(s, "rate");
    const bool ramp = s.find("ramp") && s.at("ramp").as_bool();
    stages.push_back({s.at("duration").as_duration(Seconds(0.001)), ramp ? previous : rate, rate});
    previous = rate;
  }
  if (stages.empty() || stages.size() > kMaxStages) list.fail_expected("1 to " + std::to_string(kMaxStages) + " stages");
  return stages;
}

// ramp: from → to over `duration`. step: `levels` holds of `hold`, from `start` up by
// `step`, each followed by `cooldown` at rate 0 when given. spike: `base` for `before`,
// `peak` for `spike`, `base` for `after`. soak: one long hold of `rate`.
std::vector<RateStage> shape_stages(const JsonCursor& c, const std::string& shape) {
  if (shape == "ramp") {
    c.expect_object({"model", "shape", "from", "to", "duration", "max_concurrency", "threads", "timeline_interval"});
    return {{c.at("duration").as_duration(Seconds(0.001)), rate_at(c, "from"), rate_at(c, "to")}};
  }
  if (shape == "step") {
    c.expect_object({"model", "shape", "start", "step", "levels", "hold", "cooldown", "limits", "max_concurrency", "threads",
                     "timeline_interval"});
    const double start = rate_at(c, "start"), step = rate_at(c, "step");
    const auto levels = c.at("levels").as_uint(1, kMaxStages / 2);
    const Seconds hold = c.at("hold").as_duration(Seconds(0.001));
    const Seconds cooldown = c.find("cooldown") ? c.at("cooldown").as_duration(Seconds(0)) : Seconds(0);
    std::vector<RateStage> stages;
    for (std::uint64_t i = 0; i < levels; ++i) {
      const double rate = start + step * double(i);
      stages.push_back({hold, rate, rate});
      if (cooldown.count() > 0 && i + 1 < levels) stages.push_back({cooldown, 0, 0});
    }
    return stages;
  }
  if (shape == "spike") {
    c.expect_object({"model", "shape", "base", "peak", "before", "spike", "after", "recovery", "max_concurrency", "threads",
                     "timeline_interval"});
    const double base = rate_at(c, "base"), peak = rate_at(c, "peak");
    return {{c.at("before").as_duration(Seconds(0.001)), base, base},
            {c.at("spike").as_duration(Seconds(0.001)), peak, peak},
            {c.at("after").as_duration(Seconds(0.001)), base, base}};
  }
  if (shape == "soak") {
    c.expect_object({"model", "shape", "rate", "duration", "drift", "max_concurrency", "threads", "timeline_interval"});
    const double rate = rate_at(c, "rate");
    return {{c.at("duration").as_duration(Seconds(0.001)), rate, rate}};
  }
  c.at("shape").fail_expected("one of: ramp, step, spike, soak");
}

}  // namespace

OpenLoadSpec open_load_from_json(const JsonCursor& c) {
  OpenLoadSpec load;
  if (auto n = c.find("max_concurrency")) load.max_concurrency = static_cast<unsigned>(n->as_uint(1, kMaxOpenConcurrency));
  if (auto n = c.find("threads")) load.threads = static_cast<unsigned>(n->as_uint(1, kMaxLoadThreads));
  if (auto i = c.find("timeline_interval")) load.timeline_interval = i->as_duration(Seconds(0.01));
  if (auto shape = c.find("shape")) {
    load.shape = shape->as_string();
    load.stages = shape_stages(c, load.shape);
    load.written = c.value();
    if (auto l = c.find("limits")) load.limits = limits_from_json(*l);
    if (auto r = c.find("recovery")) load.recovery = recovery_from_json(*r);
    if (auto d = c.find("drift")) load.drift = drift_from_json(*d);
  } else if (auto stages = c.find("stages")) {
    c.expect_object({"model", "stages", "max_concurrency", "threads", "timeline_interval"});
    load.shape = "stages";
    load.stages = explicit_stages(*stages);
  } else {
    c.expect_object({"model", "rate", "max_concurrency", "threads", "timeline_interval"});
    load.shape = "rate";
    const double rate = c.at("rate").as_number_in(0.001, kMaxRate);
    load.stages = {{Seconds(0), rate, rate}};
  }
  return load;
}

std::optional<Seconds> load_duration(const LoadSpec& load) {
  const auto* open = std::get_if<OpenLoadSpec>(&load);
  if (!open || open->shape == "rate") return std::nullopt;
  Seconds total{0};
  for (const auto& s : open->stages) total += s.duration;
  return total;
}

void fit_open_load(OpenLoadSpec& load, Seconds trial_duration) {
  if (load.shape == "rate") load.stages.front().duration = trial_duration;
}

Json to_json(const OpenLoadSpec& load) {
  if (!load.written.is_null()) return load.written;
  Json stages = Json::array();
  for (const auto& s : load.stages) {
    Json j = {{"duration", s.duration.count()}, {"rate", s.to}};
    if (s.from != s.to) j["ramp"] = true;
    stages.push_back(std::move(j));
  }
  Json j = {{"model", "open"}, {"stages", std::move(stages)}, {"max_concurrency", load.max_concurrency},
            {"timeline_interval", load.timeline_interval.count()}};
  if (load.threads != 0) j["threads"] = load.threads;
  return j;
}

}  // namespace perfgate
