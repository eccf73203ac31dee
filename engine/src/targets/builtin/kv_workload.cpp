// kv: a key-value store's hot path. Each worker owns a hash map pre-filled with `keys`
// entries; one operation is a get of a random key, or a put with probability put_ratio.

#include <unordered_map>

#include "targets/builtin/do_not_optimize.h"
#include "targets/builtin/in_process_target.h"
#include "targets/builtin/rng.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

struct KvShared {
  std::uint64_t keys;
  double put_ratio;
};

class KvState {
 public:
  KvState(const KvShared& shared, std::uint64_t seed) : shared_(shared), rng_(seed) {
    map_.reserve(shared.keys);
    for (std::uint64_t k = 0; k < shared.keys; ++k) map_.emplace(k, rng_.next());
  }
  void step() {
    const std::uint64_t key = rng_.below(shared_.keys);
    if (rng_.unit() < shared_.put_ratio) {
      map_[key] = rng_.next();
    } else {
      do_not_optimize(map_.find(key)->second);
    }
  }

 private:
  KvShared shared_;
  Rng rng_;
  std::unordered_map<std::uint64_t, std::uint64_t> map_;
};

}  // namespace

WorkloadInfo kv_workload() {
  return {"kv",
          "one get or put of a random key in a hash map",
          {{"keys", 100000, 1, 1e8, true, "entries in each worker's map"},
           {"put_ratio", 0.1, 0, 1, false, "fraction of operations that are puts"}},
          [](const WorkloadParams& p, std::uint64_t seed) {
            return make_in_process_target<KvShared, KvState>(
                {static_cast<std::uint64_t>(p.at("keys")), p.at("put_ratio")}, seed);
          }};
}

}  // namespace perfgate
