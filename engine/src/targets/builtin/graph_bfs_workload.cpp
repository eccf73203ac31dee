// graph_bfs: k-hop neighbourhood of a random node in a scale-free graph, the core of
// "friends of friends" queries. The graph is generated once per scenario by
// Barabási-Albert preferential attachment (each new node links to `edges_per_node`
// existing nodes chosen with probability proportional to degree) and stored as CSR.

#include <algorithm>
#include <vector>

#include "targets/builtin/do_not_optimize.h"
#include "targets/builtin/in_process_target.h"
#include "targets/builtin/rng.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

struct Graph {
  std::vector<std::uint32_t> offsets;  // node i's neighbours: targets[offsets[i]..offsets[i+1])
  std::vector<std::uint32_t> targets;
  unsigned hops = 2;
};

Graph make_scale_free_graph(std::uint32_t nodes, std::uint32_t m, unsigned hops,
                            std::uint64_t seed) {
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
  g.hops = hops;
  g.offsets.assign(nodes + 1, 0);
  for (const auto& [a, b] : edges) ++g.offsets[a + 1], ++g.offsets[b + 1];
  for (std::uint32_t i = 0; i < nodes; ++i) g.offsets[i + 1] += g.offsets[i];
  g.targets.resize(g.offsets.back());
  std::vector<std::uint32_t> fill(g.offsets.begin(), g.offsets.end() - 1);
  for (const auto& [a, b] : edges) g.targets[fill[a]++] = b, g.targets[fill[b]++] = a;
  return g;
}

class BfsState {
 public:
  BfsState(const Graph& g, std::uint64_t seed)
      : g_(g), rng_(seed), visited_epoch_(g.offsets.size() - 1, 0) {}

  // Visited marks are epochs, so no O(nodes) clearing per query.
  void step() {
    ++epoch_;
    frontier_.assign(1, static_cast<std::uint32_t>(rng_.below(visited_epoch_.size())));
    visited_epoch_[frontier_[0]] = epoch_;
    std::uint64_t reached = 1;
    for (unsigned hop = 0; hop < g_.hops && !frontier_.empty(); ++hop) {
      next_.clear();
      for (const std::uint32_t node : frontier_) {
        for (auto i = g_.offsets[node]; i < g_.offsets[node + 1]; ++i) {
          const std::uint32_t peer = g_.targets[i];
          if (visited_epoch_[peer] == epoch_) continue;
          visited_epoch_[peer] = epoch_;
          next_.push_back(peer);
        }
      }
      reached += next_.size();
      frontier_.swap(next_);
    }
    do_not_optimize(reached);
  }

 private:
  const Graph& g_;
  Rng rng_;
  std::vector<std::uint32_t> visited_epoch_;
  std::uint32_t epoch_ = 0;
  std::vector<std::uint32_t> frontier_, next_;
};

}  // namespace

WorkloadInfo graph_bfs_workload() {
  return {"graph_bfs",
          "breadth-first k-hop neighbourhood of a random node in a scale-free graph",
          {{"nodes", 100000, 2, 5e7, true, "nodes in the generated graph"},
           {"edges_per_node", 4, 1, 100, true, "links each new node makes (Barabasi-Albert m)"},
           {"hops", 2, 1, 16, true, "neighbourhood depth"}},
          [](const WorkloadParams& p, std::uint64_t seed) {
            return make_in_process_target<Graph, BfsState>(
                make_scale_free_graph(static_cast<std::uint32_t>(p.at("nodes")),
                                      static_cast<std::uint32_t>(p.at("edges_per_node")),
                                      static_cast<unsigned>(p.at("hops")), seed),
                seed);
          }};
}

}  // namespace perfgate
