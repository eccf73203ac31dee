// SuiteSpec → canonical JSON (every default applied, durations in seconds).

#include "perfgate/suite.h"
#include "suite/load_shapes.h"
#include "suite/sweeps.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

Json to_json(const BuiltinTargetSpec& t) {
  Json params = Json::object();
  const WorkloadInfo* info = find_workload(t.workload);
  // Not a structured binding: lambdas cannot capture those before C++20 compilers caught
  // up (clang < 16).
  for (const auto& param : t.params) {
    const std::string& name = param.first;
    const double value = param.second;
    const auto it = std::find_if(info->params.begin(), info->params.end(),
                                 [&](const ParamInfo& p) { return p.name == name; });
    params[name] = it != info->params.end() && it->integer ? Json(static_cast<std::uint64_t>(value))
                                                            : Json(value);
  }
  return {{"type", "builtin"}, {"workload", t.workload}, {"params", std::move(params)}};
}

Json to_json(const CommandTargetSpec& t) {
  Json j = {{"type", "command"}, {"argv", t.argv}, {"env", t.env},
                      {"inherit_env", t.inherit_env}, {"timeout", t.timeout.count()}};
  if (!t.cwd.empty()) j["cwd"] = t.cwd;
  return j;
}

Json to_json(const HttpTargetSpec& t) {
  Json j = {{"type", "http"}, {"method", t.method}, {"url", t.url}, {"headers", t.headers}, {"timeout", t.timeout.count()}};
  if (!t.body.empty()) j["body"] = t.body;
  if (!t.expect_status.empty()) j["expect_status"] = t.expect_status;
  if (t.server_pid) j["server_pid"] = *t.server_pid;
  if (!t.server_pid_file.empty()) j["server_pid_file"] = t.server_pid_file;
  if (!t.ca_file.empty()) j["ca_file"] = t.ca_file;
  return j;
}

Json to_json(const GbenchTargetSpec& t) {
  Json j = {{"type", "gbench"}, {"binary", t.binary}, {"args", t.args}, {"timeout", t.timeout.count()}};
  if (!t.filter.empty()) j["filter"] = t.filter;
  if (!t.benchmark.empty()) j["benchmark"] = t.benchmark;
  if (!t.counters.empty()) {
    Json counters = Json::object();
    for (const auto& [name, direction] : t.counters) counters[name] = to_string(direction);
    j["counters"] = std::move(counters);
  }
  return j;
}

Json to_json(const ClosedLoadSpec& l) {
  Json j = {{"model", "closed"}, {"concurrency", l.concurrency}};
  if (l.threads != 0) j["threads"] = l.threads;
  return j;
}


}  // namespace

Json to_json(const SuiteSpec& suite) {
  Json scenarios = Json::array();
  for (const auto& s : suite.scenarios) {
    const auto target = [](const TargetSpec& t) { return std::visit([](const auto& x) { return to_json(x); }, t); };
    Json j = {{"name", s.name}};
    if (s.paired_baseline) {
      j["variants"] = {{"baseline", target(*s.paired_baseline)}, {"candidate", target(s.target)}};
    } else {
      j["target"] = target(s.target);
    }
    if (!std::holds_alternative<GbenchTargetSpec>(s.target)) {
      j["load"] = std::visit([](const auto& l) { return to_json(l); }, s.load);
    }
    j["warmup"] = s.warmup.count();
    j["duration"] = s.duration.count();
    j["trials"] = s.trials;
    if (s.profile) {
      j["profile"] = {{"rate_hz", s.profile->rate_hz}};
      if (s.profile->duration) j["profile"]["duration"] = s.profile->duration->count();
    }
    if (!s.gate.empty()) {
      Json gate = Json::object();
      if (s.gate.threshold) gate["threshold"] = *s.gate.threshold;
      if (!s.gate.metric_thresholds.empty()) gate["thresholds"] = s.gate.metric_thresholds;
      if (!s.gate.checks.empty()) gate["checks"] = s.gate.checks;
      j["gate"] = std::move(gate);
    }
    if (s.sweep) j["sweep_point"] = to_json(*s.sweep);
    scenarios.push_back(std::move(j));
  }
  return {{"schema", "perfgate.suite/1"}, {"suite", suite.name}, {"scenarios", std::move(scenarios)}};
}

}  // namespace perfgate
