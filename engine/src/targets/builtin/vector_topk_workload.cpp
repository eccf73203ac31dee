// vector_topk: brute-force nearest-neighbour search, the baseline every vector index is
// measured against. One operation scores a random query against all `vectors` stored
// vectors of `dim` floats by dot product and keeps the best k in a min-heap.

#include <algorithm>
#include <functional>
#include <queue>
#include <vector>

#include "targets/builtin/do_not_optimize.h"
#include "targets/builtin/in_process_target.h"
#include "targets/builtin/rng.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

struct VectorSet {
  std::size_t count, dim, k;
  std::vector<float> values;  // row-major, count x dim
};

VectorSet make_vectors(std::size_t count, std::size_t dim, std::size_t k, std::uint64_t seed) {
  Rng rng(seed);
  VectorSet set{count, dim, std::min(k, count), std::vector<float>(count * dim)};
  for (auto& v : set.values) v = static_cast<float>(rng.unit() * 2.0 - 1.0);
  return set;
}

class TopKState {
 public:
  TopKState(const VectorSet& set, std::uint64_t seed) : set_(set), rng_(seed), query_(set.dim) {}

  void step() {
    for (auto& q : query_) q = static_cast<float>(rng_.unit() * 2.0 - 1.0);
    using Scored = std::pair<float, std::size_t>;
    std::priority_queue<Scored, std::vector<Scored>, std::greater<>> best;  // min-heap
    for (std::size_t row = 0; row < set_.count; ++row) {
      const float* v = &set_.values[row * set_.dim];
      float score = 0.0f;
      for (std::size_t d = 0; d < set_.dim; ++d) score += v[d] * query_[d];
      if (best.size() < set_.k) {
        best.emplace(score, row);
      } else if (score > best.top().first) {
        best.pop();
        best.emplace(score, row);
      }
    }
    do_not_optimize(best.top().second);
  }

 private:
  const VectorSet& set_;
  Rng rng_;
  std::vector<float> query_;
};

}  // namespace

WorkloadInfo vector_topk_workload() {
  return {"vector_topk",
          "brute-force top-k dot-product search of a random query over all vectors",
          {{"vectors", 20000, 1, 1e8, true, "stored vectors"},
           {"dim", 64, 1, 4096, true, "dimensions per vector"},
           {"k", 10, 1, 10000, true, "neighbours kept"}},
          [](const WorkloadParams& p, std::uint64_t seed) {
            return make_in_process_target<VectorSet, TopKState>(
                make_vectors(static_cast<std::size_t>(p.at("vectors")),
                             static_cast<std::size_t>(p.at("dim")),
                             static_cast<std::size_t>(p.at("k")), seed),
                seed);
          }};
}

}  // namespace perfgate
