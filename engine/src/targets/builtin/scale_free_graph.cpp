#include "targets/builtin/scale_free_graph.h"

#include <algorithm>

#include "targets/builtin/rng.h"

namespace perfgate {

Graph make_scale_free_graph(std::uint32_t nodes, std::uint32_t m, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  // Every edge endpoint appended once: sampling from it is sampling by degree.
  std::vector<std::uint32_t> endpoints;
  const std::uint32_t seed_nodes = std::min(nodes, m + 1);
  for (std::uint32_t a = 0; a < seed_nodes; ++a) {
    for (std::uint32_t b = a + 1; b < seed_nodes; ++b) {
      edges.emplace_back(a, b);
      endpoints.insert(endpoints.end(), {a, b});
    }
  }
  for (std::uint32_t node = seed_nodes; node < nodes; ++node) {
    for (std::uint32_t e = 0; e < m; ++e) {
      const std::uint32_t peer = endpoints[rng.below(endpoints.size())];
      edges.emplace_back(node, peer);
      endpoints.insert(endpoints.end(), {node, peer});
    }
  }
  Graph g;
  g.offsets.assign(nodes + 1, 0);
  for (const auto& [a, b] : edges) ++g.offsets[a + 1], ++g.offsets[b + 1];
  for (std::uint32_t i = 0; i < nodes; ++i) g.offsets[i + 1] += g.offsets[i];
  g.targets.resize(g.offsets.back());
  std::vector<std::uint32_t> fill(g.offsets.begin(), g.offsets.end() - 1);
  for (const auto& [a, b] : edges) g.targets[fill[a]++] = b, g.targets[fill[b]++] = a;
  return g;
}

}  // namespace perfgate
