#pragma once
// A scale-free graph by Barabási-Albert preferential attachment (Barabási & Albert
// 1999): a clique of m+1 seed nodes, then each new node links to m existing nodes
// chosen with probability proportional to their degree. Undirected, stored as CSR.
// Deterministic from the seed.

#include <cstdint>
#include <vector>

namespace perfgate {

struct Graph {
  std::vector<std::uint32_t> offsets;  // node i's neighbours: targets[offsets[i]..offsets[i+1])
  std::vector<std::uint32_t> targets;
  std::uint32_t node_count() const { return static_cast<std::uint32_t>(offsets.size() - 1); }
};

Graph make_scale_free_graph(std::uint32_t nodes, std::uint32_t m, std::uint64_t seed);

}  // namespace perfgate
