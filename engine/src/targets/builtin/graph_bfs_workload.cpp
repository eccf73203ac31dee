// graph_bfs: k-hop neighbourhood of a random node in a scale-free graph, the core of
// "friends of friends" queries, over a graph generated once per scenario
// (scale_free_graph.h).

#include <algorithm>
#include <vector>

#include "targets/builtin/do_not_optimize.h"
#include "targets/builtin/in_process_target.h"
#include "targets/builtin/rng.h"
#include "targets/builtin/scale_free_graph.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

struct BfsShared {
  Graph graph;
  unsigned hops;
};

class BfsState {
 public:
  BfsState(const BfsShared& shared, std::uint64_t seed)
      : g_(shared.graph), hops_(shared.hops), rng_(seed), visited_epoch_(g_.node_count(), 0) {}

  // Visited marks are epochs, so no O(nodes) clearing per query.
  void step() {
    ++epoch_;
    frontier_.assign(1, static_cast<std::uint32_t>(rng_.below(visited_epoch_.size())));
    visited_epoch_[frontier_[0]] = epoch_;
    std::uint64_t reached = 1;
    for (unsigned hop = 0; hop < hops_ && !frontier_.empty(); ++hop) {
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
  unsigned hops_;
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
            return make_in_process_target<BfsShared, BfsState>(
                {make_scale_free_graph(static_cast<std::uint32_t>(p.at("nodes")),
                                       static_cast<std::uint32_t>(p.at("edges_per_node")), seed),
                 static_cast<unsigned>(p.at("hops"))},
                seed);
          }};
}

}  // namespace perfgate
