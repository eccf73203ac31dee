#include "load/closed_load.h"
#include "load/worker_threads.h"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>

using namespace perfgate;

namespace {

// Fails every `fail_every`-th operation of each worker; counts workers made.
class FakeTarget final : public WorkerTarget {
 public:
  explicit FakeTarget(int fail_every) : fail_every_(fail_every) {}
  std::unique_ptr<Worker> make_worker(unsigned index) override {
    workers_made.insert(index);
    return std::make_unique<FakeWorker>(fail_every_, threads_seen);
  }
  ResourceScope resource_scope() const override { return ResourceScope::kThisProcess; }

  std::set<unsigned> workers_made;
  std::atomic<int> threads_seen{0};

 private:
  class FakeWorker final : public Worker {
   public:
    FakeWorker(int fail_every, std::atomic<int>& threads_seen)
        : fail_every_(fail_every), threads_seen_(threads_seen) {}
    bool run_once(WorkerTally& tally) override {
      if (n_++ == 0) ++threads_seen_;
      if (fail_every_ > 0 && n_ % fail_every_ == 0) {
        tally.add_error("fake failure");
        return false;
      }
      return true;
    }

   private:
    int fail_every_;
    std::atomic<int>& threads_seen_;
    long n_ = 0;
  };
  int fail_every_;
};

}  // namespace

TEST_CASE("closed load: every operation is either a latency sample or a counted failure") {
  FakeTarget target(10);
  ClosedLoad load(std::make_unique<WorkerThreads>(target, 3));
  CHECK(target.workers_made == std::set<unsigned>{0, 1, 2});
  const LoadMeasurement m = load.run(Seconds(0.05), {});
  CHECK(target.threads_seen == 3);
  CHECK(m.operations > 0);
  CHECK(m.failures > 0);
  CHECK(m.latency.count() + m.failures == m.operations);
  CHECK(m.tally.errors_by_reason.at("fake failure") == m.failures);
  CHECK(m.elapsed.count() >= 0.05);
  CHECK_FALSE(m.stopped);
}

TEST_CASE("closed load reuses its workers across runs") {
  FakeTarget target(0);
  ClosedLoad load(std::make_unique<WorkerThreads>(target, 2));
  load.run(Seconds(0.01), {});
  load.run(Seconds(0.01), {});
  CHECK(target.workers_made.size() == 2);
  CHECK(target.threads_seen == 2);  // the same two workers, first operation counted once each
}

TEST_CASE("closed load stops early on request and says so") {
  FakeTarget target(0);
  ClosedLoad load(std::make_unique<WorkerThreads>(target, 2));
  std::stop_source stop;
  stop.request_stop();
  const LoadMeasurement m = load.run(Seconds(60), stop.get_token());
  CHECK(m.stopped);
  CHECK(m.operations == 2);  // each worker completes the operation in flight, then stops
  CHECK(m.elapsed.count() < 60);
}

TEST_CASE("an exception in a worker reaches the caller") {
  class Throwing final : public WorkerTarget {
    std::unique_ptr<Worker> make_worker(unsigned) override {
      struct W final : Worker {
        bool run_once(WorkerTally&) override { throw std::runtime_error("boom"); }
      };
      return std::make_unique<W>();
    }
    ResourceScope resource_scope() const override { return ResourceScope::kThisProcess; }
  } target;
  ClosedLoad load(std::make_unique<WorkerThreads>(target, 2));
  CHECK_THROWS_WITH(load.run(Seconds(1), {}), "boom");
}
