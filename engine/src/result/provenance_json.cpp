// Result "pairing" and "machine_probe" ⇄ JSON (docs/result-schema.md).

#include "result/provenance_json.h"

#include <algorithm>
#include <cmath>

#include "perfgate/metrics.h"
#include "stats/t_tests.h"

namespace perfgate {
namespace {

Json to_json(const PairedBuild& b) {
  Json j = {{"value", b.value}};
  if (b.git) j["git"] = {{"commit", b.git->commit}, {"branch", b.git->branch}, {"dirty", b.git->dirty}};
  return j;
}

PairedBuild build_from_json(const JsonCursor& c) {
  c.expect_object({"value", "git"});
  PairedBuild b{c.at("value").as_string(), std::nullopt};
  if (auto git = c.find("git")) {
    git->expect_object({"commit", "branch", "dirty"});
    b.git = GitState{git->at("commit").as_string(), git->at("branch").as_string(), git->at("dirty").as_bool()};
  }
  return b;
}

std::vector<double> speeds_from_json(const JsonCursor& c) {
  std::vector<double> v;
  for (const auto& e : c.elements()) v.push_back(e.as_number_in(0, 1e15));
  return v;
}

}  // namespace

double MachineProbe::speed() const {
  std::vector<double> all = before;
  all.insert(all.end(), after.begin(), after.end());
  return stats::median(all);
}

Json to_json(const PairingInfo& p) {
  Json j = {{"mode", p.mode}};
  if (p.baseline) j["baseline"] = to_json(*p.baseline);
  if (p.candidate) j["candidate"] = to_json(*p.candidate);
  j["unpaired"] = p.unpaired;
  if (!p.baseline_only.empty()) j["baseline_only"] = p.baseline_only;
  if (!p.candidate_only.empty()) j["candidate_only"] = p.candidate_only;
  return j;
}

PairingInfo pairing_from_json(const JsonCursor& c) {
  c.expect_object({"mode", "baseline", "candidate", "unpaired", "baseline_only", "candidate_only"});
  PairingInfo p;
  const JsonCursor mode = c.at("mode");
  p.mode = mode.as_string();
  if (p.mode != "build" && p.mode != "self") mode.fail_expected("\"build\" or \"self\"");
  if (auto b = c.find("baseline")) p.baseline = build_from_json(*b);
  if (auto b = c.find("candidate")) p.candidate = build_from_json(*b);
  p.unpaired = c.at("unpaired").as_string_array();
  if (auto names = c.find("baseline_only")) p.baseline_only = names->as_string_array();
  if (auto names = c.find("candidate_only")) p.candidate_only = names->as_string_array();
  return p;
}

Json to_json(const MachineProbe& probe) {
  return {{"workload", probe.workload}, {"unit", to_string(Unit::kOpsPerSecond)}, {"before", probe.before}, {"after", probe.after}};
}

MachineProbe probe_from_json(const JsonCursor& c) {
  c.expect_object({"workload", "unit", "before", "after"});
  const JsonCursor unit = c.at("unit");
  if (unit.as_string() != to_string(Unit::kOpsPerSecond)) unit.fail_expected("\"ops/s\"");
  return {c.at("workload").as_string(), speeds_from_json(c.at("before")), speeds_from_json(c.at("after"))};
}

}  // namespace perfgate
