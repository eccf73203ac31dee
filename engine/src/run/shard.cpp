#include <algorithm>
#include <numeric>
#include <string_view>

#include "perfgate/error.h"
#include "perfgate/run.h"

namespace perfgate {

ShardInfo parse_shard(const std::string& spec) {
  // Each side 1 to 9999, no leading zero.
  const auto number = [](std::string_view digits) -> unsigned {
    if (digits.empty() || digits.size() > 4 || digits.front() == '0') return 0;
    unsigned n = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return 0;
      n = n * 10 + unsigned(c - '0');
    }
    return n;
  };
  const auto slash = spec.find('/');
  ShardInfo shard;
  shard.index = shard.count = 0;
  if (slash != std::string::npos) {
    shard.index = number(std::string_view(spec).substr(0, slash));
    shard.count = number(std::string_view(spec).substr(slash + 1));
  }
  if (shard.index == 0 || shard.count == 0 || shard.index > shard.count) {
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
