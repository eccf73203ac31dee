// perf-report merge: the parts of a sharded run (CI matrix jobs) back into one result.

#include <algorithm>
#include <map>
#include <set>

#include "common/format.h"
#include "perfgate/error.h"
#include "perfgate/result.h"

namespace perfgate {
namespace {

void check_shards(const std::vector<Result>& parts, const std::vector<std::string>& sources) {
  const ShardInfo& first = *parts.front().shard;
  std::map<unsigned, std::string> seen;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& shard = parts[i].shard;
    if (!shard) throw input_error(sources[i] + ": not a shard result, but " + sources[0] + " is (perf-run --shard)");
    if (shard->count != first.count || shard->suite_scenarios != first.suite_scenarios) {
      throw input_error(sources[i] + ": shard of a different run than " + sources[0] + " (other shard count or suite)");
    }
    if (const auto [it, inserted] = seen.emplace(shard->index, sources[i]); !inserted) {
      throw input_error(sources[i] + ": shard " + std::to_string(shard->index) + "/" + std::to_string(shard->count) +
                        " given twice (also " + it->second + ")");
    }
  }
  for (unsigned i = 1; i <= first.count; ++i) {
    if (!seen.count(i)) {
      throw input_error("shard " + std::to_string(i) + "/" + std::to_string(first.count) + " is missing");
    }
  }
}

void note_differences(const Result& part, const Result& first, const std::string& source,
                      std::vector<std::string>& warnings) {
  const Fingerprint &a = first.fingerprint, &b = part.fingerprint;
  if (a.cpu_model != b.cpu_model || a.logical_cores != b.logical_cores || a.kernel != b.kernel) {
    warnings.push_back(source + " was measured on a different machine (" + b.cpu_model + ", " +
                       std::to_string(b.logical_cores) + " cores) than the first part");
  }
  if (a.git && b.git && a.git->commit != b.git->commit) {
    warnings.push_back(source + " was measured on commit " + short_commit(b.git->commit) + ", the first part on " +
                       short_commit(a.git->commit));
  }
}

// Every part's probe trials belong to the one run the parts make up.
void merge_probe(std::optional<MachineProbe>& merged, const std::optional<MachineProbe>& part) {
  if (!part) return;
  if (!merged) {
    merged = part;
    return;
  }
  merged->before.insert(merged->before.end(), part->before.begin(), part->before.end());
  merged->after.insert(merged->after.end(), part->after.begin(), part->after.end());
}

}  // namespace

Result merge_results(const std::vector<Result>& parts, const std::vector<std::string>& sources,
                     std::vector<std::string>& warnings) {
  if (parts.empty()) throw input_error("nothing to merge");
  const bool sharded = parts.front().shard.has_value();
  if (sharded) check_shards(parts, sources);
  Result merged = parts.front();
  merged.shard.reset();
  merged.scenarios.clear();
  merged.suite.scenarios.clear();
  std::map<std::string, std::pair<const ScenarioResult*, const ScenarioSpec*>> by_name;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Result& part = parts[i];
    if (!sharded && part.shard) throw input_error(sources[i] + ": a shard result cannot merge with whole results");
    if (i > 0) note_differences(part, parts.front(), sources[i], warnings);
    merged.interrupted = merged.interrupted || part.interrupted;
    merged.duration_s = std::max(merged.duration_s, part.duration_s);
    merged.started_at = std::min(merged.started_at, part.started_at);  // ISO 8601 UTC sorts as text
    if (i > 0) merge_probe(merged.probe, part.probe);
    for (const auto& s : part.scenarios) {
      const auto spec = std::find_if(part.suite.scenarios.begin(), part.suite.scenarios.end(),
                                     [&](const ScenarioSpec& p) { return p.name == s.name; });
      if (spec == part.suite.scenarios.end()) throw input_error(sources[i] + ": scenario '" + s.name + "' not in its suite");
      if (!by_name.emplace(s.name, std::pair{&s, &*spec}).second) {
        throw input_error(sources[i] + ": scenario '" + s.name + "' is also in another part");
      }
      order.push_back(s.name);
    }
  }
  if (sharded) order = parts.front().shard->suite_scenarios;
  for (const auto& name : order) {
    const auto it = by_name.find(name);
    if (it == by_name.end()) continue;  // a scenario of the suite that no part ran (interrupted)
    merged.scenarios.push_back(*it->second.first);
    merged.suite.scenarios.push_back(*it->second.second);
  }
  merged.sweeps = analyse_sweeps(merged);
  return merged;
}

}  // namespace perfgate
