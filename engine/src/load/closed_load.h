#pragma once
// Closed load model: N workers, each issuing its next operation as soon as the previous
// one completes. Latency of an operation is the time between consecutive timestamps of
// its worker, so each operation costs one clock read; the harness's own per-operation
// cost is therefore included (and is exactly what the `noop` workload measures).

#include <cstdint>
#include <memory>
#include <stop_token>
#include <vector>

#include "perfgate/histogram.h"
#include "perfgate/units.h"
#include "targets/target.h"

namespace perfgate {

struct LoadMeasurement {
  Seconds elapsed{0};                 // first start to last finish
  std::uint64_t operations = 0;       // all of them
  std::uint64_t failures = 0;
  LatencyHistogram latency;           // successful operations only
  WorkerTally tally;                  // merged over workers
  bool stopped = false;               // stop was requested before the duration ended
};

class ClosedLoad {
 public:
  // Workers are made once here and reused by every run() (warmup, then each trial),
  // so per-worker state such as a filled hash map is built once and stays warm.
  ClosedLoad(Target& target, unsigned concurrency);

  LoadMeasurement run(Seconds duration, const std::stop_token& stop);

 private:
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace perfgate
