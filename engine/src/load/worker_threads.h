#pragma once
// The runner for targets that do one operation per call (built-in workloads, commands):
// one thread per Worker. The closed model keeps every worker busy; the open model admits
// workers only as the load needs them (load/worker_admission.h), and each admitted worker
// claims the next due operation, sleeps until its due time and runs it.

#include <memory>
#include <vector>

#include "load/operation_runner.h"
#include "load/spin_margin.h"

namespace perfgate {

class WorkerThreads final : public OperationRunner {
 public:
  // Workers are made once here and reused by every run (warmup, then each trial), so
  // per-worker state such as a filled hash map is built once and stays warm.
  WorkerThreads(WorkerTarget& target, unsigned workers);
  RunTally run_closed(Seconds duration, const std::stop_token& stop, LoadClock::time_point& start) override;
  RunTally run_open(OpenTrial& trial, const std::function<void()>& supervise) override;

 private:
  std::vector<std::unique_ptr<Worker>> workers_;
};

// False when a stop came first. Sleeps until `margin` before `due`, then spins.
bool wait_until(LoadClock::time_point due, const std::stop_token& stop, SpinMargin& margin);

}  // namespace perfgate
