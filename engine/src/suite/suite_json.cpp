// SuiteSpec → canonical JSON (every default applied, durations in seconds).

#include "perfgate/suite.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

Json target_json(const BuiltinTargetSpec& t) {
  Json params = Json::object();
  const WorkloadInfo* info = find_workload(t.workload);
  for (const auto& [name, value] : t.params) {
    const auto it = std::find_if(info->params.begin(), info->params.end(),
                                 [&](const ParamInfo& p) { return p.name == name; });
    params[name] = it != info->params.end() && it->integer ? Json(static_cast<std::uint64_t>(value))
                                                            : Json(value);
  }
  return {{"type", "builtin"}, {"workload", t.workload}, {"params", std::move(params)}};
}

Json target_json(const CommandTargetSpec& t) {
  Json j = {{"type", "command"}, {"argv", t.argv}, {"env", t.env},
                      {"inherit_env", t.inherit_env}, {"timeout", t.timeout.count()}};
  if (!t.cwd.empty()) j["cwd"] = t.cwd;
  return j;
}

Json load_json(const ClosedLoadSpec& l) {
  return {{"model", "closed"}, {"concurrency", l.concurrency}};
}

}  // namespace

Json to_json(const SuiteSpec& suite) {
  Json scenarios = Json::array();
  for (const auto& s : suite.scenarios) {
    scenarios.push_back({{"name", s.name},
                         {"target", std::visit([](const auto& t) { return target_json(t); }, s.target)},
                         {"load", std::visit([](const auto& l) { return load_json(l); }, s.load)},
                         {"warmup", s.warmup.count()},
                         {"duration", s.duration.count()},
                         {"trials", s.trials}});
  }
  return {{"schema", "perfgate.suite/1"}, {"suite", suite.name}, {"scenarios", std::move(scenarios)}};
}

}  // namespace perfgate
