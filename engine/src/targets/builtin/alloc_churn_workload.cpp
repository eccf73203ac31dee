// alloc_churn: allocator pressure. Each worker keeps `slots` live blocks; one operation
// replaces `allocs_per_op` random slots with new blocks of random size in
// [min_size, max_size] bytes, touching each so the pages are really used.

#include <cstddef>
#include <memory>
#include <vector>

#include "targets/builtin/do_not_optimize.h"
#include "targets/builtin/in_process_target.h"
#include "targets/builtin/rng.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

struct ChurnShared {
  std::uint64_t slots, min_size, max_size, allocs_per_op;
};

class ChurnState {
 public:
  ChurnState(const ChurnShared& shared, std::uint64_t seed)
      : shared_(shared), rng_(seed), blocks_(shared.slots) {}
  void step() {
    for (std::uint64_t i = 0; i < shared_.allocs_per_op; ++i) {
      const std::uint64_t size =
          shared_.min_size + rng_.below(shared_.max_size - shared_.min_size + 1);
      auto block = std::make_unique_for_overwrite<std::byte[]>(size);
      block[0] = block[size - 1] = std::byte{1};
      do_not_optimize(block[0]);
      blocks_[rng_.below(shared_.slots)] = std::move(block);
    }
  }

 private:
  ChurnShared shared_;
  Rng rng_;
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
};

}  // namespace

WorkloadInfo alloc_churn_workload() {
  return {"alloc_churn",
          "replace random live heap blocks with new blocks of random size",
          {{"slots", 1024, 1, 1e7, true, "live blocks kept per worker"},
           {"min_size", 16, 1, 1 << 30, true, "smallest block, bytes"},
           {"max_size", 4096, 1, 1 << 30, true, "largest block, bytes"},
           {"allocs_per_op", 64, 1, 1e6, true, "allocations per operation"}},
          [](const WorkloadParams& p, std::uint64_t seed) {
            const auto get = [&](const char* k) { return static_cast<std::uint64_t>(p.at(k)); };
            return make_in_process_target<ChurnShared, ChurnState>(
                {get("slots"), get("min_size"), get("max_size"), get("allocs_per_op")}, seed);
          },
          [](const WorkloadParams& p) {
            return p.at("min_size") > p.at("max_size") ? std::string("min_size exceeds max_size")
                                                       : std::string();
          }};
}

}  // namespace perfgate
