// sort: std::sort of `items` random 64-bit integers (a fresh unsorted copy each time).

#include <algorithm>
#include <vector>

#include "targets/builtin/do_not_optimize.h"
#include "targets/builtin/in_process_target.h"
#include "targets/builtin/rng.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

struct SortShared {
  std::vector<std::uint64_t> unsorted;
};

class SortState {
 public:
  SortState(const SortShared& shared, std::uint64_t) : shared_(shared) {}
  void step() {
    buffer_.assign(shared_.unsorted.begin(), shared_.unsorted.end());
    std::sort(buffer_.begin(), buffer_.end());
    do_not_optimize(buffer_.front());
  }

 private:
  const SortShared& shared_;
  std::vector<std::uint64_t> buffer_;
};

SortShared make_sort_data(std::uint64_t items, std::uint64_t seed) {
  Rng rng(seed);
  SortShared shared;
  shared.unsorted.resize(items);
  for (auto& v : shared.unsorted) v = rng.next();
  return shared;
}

}  // namespace

WorkloadInfo sort_workload() {
  return {"sort",
          "std::sort of a fresh copy of N random 64-bit integers",
          {{"items", 100000, 1, 1e9, true, "integers sorted per operation"}},
          [](const WorkloadParams& p, std::uint64_t seed) {
            return make_in_process_target<SortShared, SortState>(
                make_sort_data(static_cast<std::uint64_t>(p.at("items")), seed), seed);
          }};
}

}  // namespace perfgate
