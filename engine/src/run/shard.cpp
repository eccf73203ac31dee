#include <algorithm>
#include <numeric>
#include <regex>

#include "perfgate/error.h"
#include "perfgate/run.h"

namespace perfgate {

ShardInfo parse_shard(const std::string& spec) {
  static const std::regex kShard(R"(^([1-9][0-9]{0,3})/([1-9][0-9]{0,3})$)");
  std::smatch m;
  ShardInfo shard;
  if (std::regex_match(spec, m, kShard)) {
    shard.index = static_cast<unsigned>(std::stoul(m[1].str()));
    shard.count = static_cast<unsigned>(std::stoul(m[2].str()));
  }
  if (m.empty() || shard.index > shard.count) {
    throw input_error("--shard: expected I/N with 1 <= I <= N, e.g. 2/4, got '" + spec + "'");
  }
  return shard;
}

void keep_shard(SuiteSpec& suite, ShardInfo& shard) {
  std::vector<std::size_t> order(suite.scenarios.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return planned_duration(suite.scenarios[a]) > planned_duration(suite.scenarios[b]);
  });
  std::vector<Seconds> load(shard.count, Seconds(0));
  std::vector<unsigned> part_of(suite.scenarios.size());
  for (std::size_t i : order) {
    const auto lightest = static_cast<unsigned>(std::min_element(load.begin(), load.end()) - load.begin());
    part_of[i] = lightest + 1;
    load[lightest] += planned_duration(suite.scenarios[i]);
  }
  shard.suite_scenarios.clear();
  std::vector<ScenarioSpec> kept;
  for (std::size_t i = 0; i < suite.scenarios.size(); ++i) {
    shard.suite_scenarios.push_back(suite.scenarios[i].name);
    if (part_of[i] == shard.index) kept.push_back(std::move(suite.scenarios[i]));
  }
  suite.scenarios = std::move(kept);
}

}  // namespace perfgate
