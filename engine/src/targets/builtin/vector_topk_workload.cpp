// vector_topk: brute-force nearest-neighbour search (vector_search.h). One operation
// scores a random query against all stored vectors and keeps the best k.

#include <vector>

#include "targets/builtin/do_not_optimize.h"
#include "targets/builtin/in_process_target.h"
#include "targets/builtin/rng.h"
#include "targets/builtin/vector_search.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

struct TopKShared {
  VectorSet set;
  std::size_t k;
};

class TopKState {
 public:
  TopKState(const TopKShared& shared, std::uint64_t seed)
      : shared_(shared), rng_(seed), query_(shared.set.dim) {}

  void step() {
    for (auto& q : query_) q = static_cast<float>(rng_.unit() * 2.0 - 1.0);
    do_not_optimize(top_k_by_dot_product(shared_.set, query_.data(), shared_.k).front());
  }

 private:
  const TopKShared& shared_;
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
            return make_in_process_target<TopKShared, TopKState>(
                {make_random_vectors(static_cast<std::size_t>(p.at("vectors")),
                                     static_cast<std::size_t>(p.at("dim")), seed),
                 static_cast<std::size_t>(p.at("k"))},
                seed);
          }};
}

}  // namespace perfgate
