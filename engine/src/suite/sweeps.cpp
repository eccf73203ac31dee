#include "suite/sweeps.h"

#include <cmath>
#include <cstdio>

namespace perfgate {
namespace {

constexpr std::size_t kMaxSweepValues = 64;

std::string value_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Replaces "{name}" in every string of `j`; true when there was one.
bool substitute(Json& j, const std::string& placeholder, const std::string& text) {
  bool found = false;
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    for (auto at = s.find(placeholder); at != std::string::npos; at = s.find(placeholder, at + text.size())) {
      s.replace(at, placeholder.size(), text);
      found = true;
    }
    j = s;
  } else if (j.is_array() || j.is_object()) {
    for (auto& child : j) found = substitute(child, placeholder, text) || found;
  }
  return found;
}

// The scenario object for one value: the parameter set where the target takes it.
Json rewrite(const JsonCursor& scenario, const JsonCursor& sweep, const std::string& parameter, double value) {
  Json j = scenario.value();
  j.erase("sweep");
  j["name"] = j["name"].get<std::string>() + "/" + parameter + "=" + value_text(value);
  if (parameter == "concurrency") {
    if (!j.contains("load") || j["load"].value("model", "") != "closed") {
      sweep.fail("a concurrency sweep needs the scenario's own closed \"load\"");
    }
    j["load"]["concurrency"] = value;
    return j;
  }
  if (!j.contains("target")) sweep.fail("a parameter sweep needs a \"target\" (not \"variants\")");
  Json& target = j["target"];
  if (target.value("type", "") == "builtin") {
    target["params"][parameter] = value;  // parse_builtin validates name and range
  } else if (!substitute(target, "{" + parameter + "}", value_text(value))) {
    sweep.fail("the target has no {" + parameter + "} placeholder for the sweep's values");
  }
  return j;
}

}  // namespace

std::vector<ScenarioSpec> expand_sweep(const JsonCursor& scenario, const JsonCursor& sweep,
                                       const std::function<ScenarioSpec(const JsonCursor&)>& parse) {
  sweep.expect_object({"concurrency", "parameter", "values"});
  std::string parameter;
  std::optional<JsonCursor> values;
  if (auto c = sweep.find("concurrency")) {
    if (sweep.has("parameter") || sweep.has("values")) sweep.fail("give \"concurrency\" or \"parameter\" and \"values\"");
    parameter = "concurrency";
    values = c;
  } else {
    parameter = sweep.at("parameter").as_string();
    if (parameter.empty() || parameter == "concurrency") sweep.at("parameter").fail_expected("a parameter name");
    values = sweep.at("values");
  }
  const auto elements = values->elements();
  if (elements.size() < 2 || elements.size() > kMaxSweepValues) {
    values->fail_expected("2 to " + std::to_string(kMaxSweepValues) + " values");
  }
  const std::string name = scenario.at("name").as_string();
  std::vector<ScenarioSpec> out;
  for (const auto& element : elements) {
    const double value = parameter == "concurrency" ? double(element.as_uint(1, 4096)) : element.as_number_in(1e-300, 1e300);
    const Json rewritten = rewrite(scenario, sweep, parameter, value);
    // Errors in a rewritten scenario name the sweep value that caused them.
    ScenarioSpec spec = parse(JsonCursor(rewritten, element.source(), element.path()));
    spec.sweep = SweepPoint{name, parameter, value};
    out.push_back(std::move(spec));
  }
  return out;
}

Json to_json(const SweepPoint& p) {
  return {{"sweep", p.sweep}, {"parameter", p.parameter}, {"value", p.value}};
}

SweepPoint sweep_point_from_json(const JsonCursor& c) {
  c.expect_object({"sweep", "parameter", "value"});
  return {c.at("sweep").as_string(), c.at("parameter").as_string(), c.at("value").as_number()};
}

}  // namespace perfgate
