#pragma once
// Closed load model: N slots, each issuing its next operation as soon as the previous
// one completes. With worker threads, latency of an operation is the time between
// consecutive timestamps of its worker, so each operation costs one clock read; the
// harness's own per-operation cost is therefore included (and is exactly what the
// `noop` workload measures).

#include <memory>
#include <stop_token>

#include "load/load.h"
#include "load/operation_runner.h"

namespace perfgate {

class ClosedLoad final : public Load {
 public:
  // The runner is made once and reused by every run() (warmup, then each trial), so
  // per-worker state and open connections stay warm.
  explicit ClosedLoad(std::unique_ptr<OperationRunner> runner) : runner_(std::move(runner)) {}

  LoadMeasurement run(Seconds duration, const std::stop_token& stop) override;

 private:
  std::unique_ptr<OperationRunner> runner_;
};

}  // namespace perfgate
