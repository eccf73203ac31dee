#include "targets/builtin/vector_search.h"

#include <algorithm>
#include <functional>
#include <queue>

#include "targets/builtin/rng.h"

namespace perfgate {

VectorSet make_random_vectors(std::size_t count, std::size_t dim, std::uint64_t seed) {
  Rng rng(seed);
  VectorSet set{count, dim, std::vector<float>(count * dim)};
  for (auto& v : set.values) v = static_cast<float>(rng.unit() * 2.0 - 1.0);
  return set;
}

std::vector<std::size_t> top_k_by_dot_product(const VectorSet& set, const float* query, std::size_t k) {
  using Scored = std::pair<float, std::size_t>;
  // A min-heap of the best k so far: O(n log k), and the worst kept is on top.
  std::priority_queue<Scored, std::vector<Scored>, std::greater<>> best;
  k = std::min(k, set.count);
  for (std::size_t row = 0; row < set.count; ++row) {
    const float* v = &set.values[row * set.dim];
    float score = 0.0f;
    for (std::size_t d = 0; d < set.dim; ++d) score += v[d] * query[d];
    if (best.size() < k) {
      best.emplace(score, row);
    } else if (score > best.top().first) {
      best.pop();
      best.emplace(score, row);
    }
  }
  std::vector<std::size_t> out(best.size());
  for (auto i = out.size(); i-- > 0; best.pop()) out[i] = best.top().second;
  return out;
}

}  // namespace perfgate
