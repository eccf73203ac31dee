// noop: an operation that does nothing, so its latency is the harness's own overhead
// per recorded operation (virtual call, clock read, histogram update).

#include "targets/builtin/do_not_optimize.h"
#include "targets/builtin/in_process_target.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

struct NoopShared {};

struct NoopState {
  NoopState(const NoopShared&, std::uint64_t) {}
  void step() { do_not_optimize(++operations); }
  std::uint64_t operations = 0;
};

}  // namespace

WorkloadInfo noop_workload() {
  return {"noop", "nothing: measures perf-run's own overhead per operation", {},
          [](const WorkloadParams&, std::uint64_t seed) {
            return make_in_process_target<NoopShared, NoopState>({}, seed);
          }};
}

}  // namespace perfgate
