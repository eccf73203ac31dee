#pragma once
// Adapts a per-worker state type to Target/Worker for workloads that run in-process.
// `Shared` is built once per scenario and read by all workers; `State` is built per
// worker from (shared, seed for that worker) and has `bool step()`.

#include <cstdint>
#include <memory>
#include <utility>

#include "targets/target.h"

namespace perfgate {

template <class Shared, class State>
class InProcessTarget final : public WorkerTarget {
 public:
  InProcessTarget(std::shared_ptr<const Shared> shared, std::uint64_t seed)
      : shared_(std::move(shared)), seed_(seed) {}

  std::unique_ptr<Worker> make_worker(unsigned worker_index) override {
    return std::make_unique<StateWorker>(*shared_, seed_ * 0x9E3779B97F4A7C15ull + worker_index);
  }
  ResourceScope resource_scope() const override { return ResourceScope::kThisProcess; }

 private:
  class StateWorker final : public Worker {
   public:
    StateWorker(const Shared& shared, std::uint64_t seed) : state_(shared, seed) {}
    bool run_once(WorkerTally&) override {
      state_.step();
      return true;
    }

   private:
    State state_;
  };

  std::shared_ptr<const Shared> shared_;
  std::uint64_t seed_;
};

template <class Shared, class State>
std::unique_ptr<WorkerTarget> make_in_process_target(Shared shared, std::uint64_t seed) {
  return std::make_unique<InProcessTarget<Shared, State>>(
      std::make_shared<const Shared>(std::move(shared)), seed);
}

}  // namespace perfgate
