#pragma once
// Closed load model: N workers, each issuing its next operation as soon as the previous
// one completes. Latency of an operation is the time between consecutive timestamps of
// its worker, so each operation costs one clock read; the harness's own per-operation
// cost is therefore included (and is exactly what the `noop` workload measures).

#include <cstdint>
#include <memory>
#include <stop_token>
#include <vector>

#include "load/load.h"
#include "targets/target.h"

namespace perfgate {

class ClosedLoad final : public Load {
 public:
  // Workers are made once here and reused by every run() (warmup, then each trial),
  // so per-worker state such as a filled hash map is built once and stays warm.
  ClosedLoad(Target& target, unsigned concurrency);

  LoadMeasurement run(Seconds duration, const std::stop_token& stop) override;

 private:
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace perfgate
