#include "suite/load_shapes.h"

namespace perfgate {
namespace {

constexpr double kMaxRate = 10'000'000;
constexpr unsigned kMaxOpenConcurrency = 4096;

double rate_at(const JsonCursor& c, const char* key) { return c.at(key).as_number_in(0, kMaxRate); }

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
  if (stages.empty()) list.fail_expected("at least one stage");
  return stages;
}

// ramp: from → to over `duration`. step: `levels` holds of `hold`, from `start` up by
// `step`, each followed by `cooldown` at rate 0 when given. spike: `base` for `before`,
// `peak` for `spike`, `base` for `after`. soak: one long hold of `rate`.
std::vector<RateStage> shape_stages(const JsonCursor& c, const std::string& shape) {
  if (shape == "ramp") {
    c.expect_object({"model", "shape", "from", "to", "duration", "max_concurrency", "timeline_interval"});
    return {{c.at("duration").as_duration(Seconds(0.001)), rate_at(c, "from"), rate_at(c, "to")}};
  }
  if (shape == "step") {
    c.expect_object({"model", "shape", "start", "step", "levels", "hold", "cooldown", "max_concurrency",
                     "timeline_interval"});
    const double start = rate_at(c, "start"), step = rate_at(c, "step");
    const auto levels = c.at("levels").as_uint(1, 1000);
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
    c.expect_object({"model", "shape", "base", "peak", "before", "spike", "after", "max_concurrency",
                     "timeline_interval"});
    const double base = rate_at(c, "base"), peak = rate_at(c, "peak");
    return {{c.at("before").as_duration(Seconds(0.001)), base, base},
            {c.at("spike").as_duration(Seconds(0.001)), peak, peak},
            {c.at("after").as_duration(Seconds(0.001)), base, base}};
  }
  if (shape == "soak") {
    c.expect_object({"model", "shape", "rate", "duration", "max_concurrency", "timeline_interval"});
    const double rate = rate_at(c, "rate");
    return {{c.at("duration").as_duration(Seconds(0.001)), rate, rate}};
  }
  c.at("shape").fail_expected("one of: ramp, step, spike, soak");
}

}  // namespace

OpenLoadSpec parse_open_load(const JsonCursor& c) {
  OpenLoadSpec load;
  if (auto n = c.find("max_concurrency")) load.max_concurrency = static_cast<unsigned>(n->as_uint(1, kMaxOpenConcurrency));
  if (auto i = c.find("timeline_interval")) load.timeline_interval = i->as_duration(Seconds(0.01));
  if (auto shape = c.find("shape")) {
    load.shape = shape->as_string();
    load.stages = shape_stages(c, load.shape);
  } else if (auto stages = c.find("stages")) {
    c.expect_object({"model", "stages", "max_concurrency", "timeline_interval"});
    load.shape = "stages";
    load.stages = explicit_stages(*stages);
  } else {
    c.expect_object({"model", "rate", "max_concurrency", "timeline_interval"});
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

Json open_load_json(const OpenLoadSpec& load) {
  Json stages = Json::array();
  for (const auto& s : load.stages) {
    Json j = {{"duration", s.duration.count()}, {"rate", s.to}};
    if (s.from != s.to) j["ramp"] = true;
    stages.push_back(std::move(j));
  }
  return {{"model", "open"}, {"stages", std::move(stages)}, {"max_concurrency", load.max_concurrency},
          {"timeline_interval", load.timeline_interval.count()}};
}

}  // namespace perfgate
