#include "load/closed_load.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <latch>
#include <thread>

namespace perfgate {
namespace {

using Clock = std::chrono::steady_clock;

struct WorkerOutcome {
  std::uint64_t operations = 0;
  std::uint64_t failures = 0;
  LatencyHistogram latency;
  WorkerTally tally;
  Clock::time_point finished;
  std::exception_ptr error;
};

void drive(Worker& worker, WorkerOutcome& out, Clock::time_point start,
           Clock::time_point deadline, const std::stop_token& stop) {
  auto before = start;
  for (;;) {
    const bool ok = worker.run_once(out.tally);
    const auto after = Clock::now();
    if (ok) {
      out.latency.record(static_cast<std::uint64_t>((after - before).count()));
    } else {
      ++out.failures;
    }
    ++out.operations;
    before = after;
    if (after >= deadline || stop.stop_requested()) break;
  }
  out.finished = before;
}

void merge_into(LoadMeasurement& total, WorkerOutcome& w) {
  total.operations += w.operations;
  total.failures += w.failures;
  total.latency.merge(w.latency);
  total.tally.merge(w.tally);
}

}  // namespace

ClosedLoad::ClosedLoad(Target& target, unsigned concurrency) {
  for (unsigned i = 0; i < concurrency; ++i) workers_.push_back(target.make_worker(i));
}

LoadMeasurement ClosedLoad::run(Seconds duration, const std::stop_token& stop) {
  static_assert(std::is_same_v<Clock::duration, std::chrono::nanoseconds>);
  std::vector<WorkerOutcome> outcomes(workers_.size());
  std::latch ready(static_cast<std::ptrdiff_t>(workers_.size()) + 1);
  std::latch go(1);
  Clock::time_point start, deadline;  // written before `go` opens, read after
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      threads.emplace_back([&, i] {
        ready.arrive_and_wait();
        go.wait();
        try {
          drive(*workers_[i], outcomes[i], start, deadline, stop);
        } catch (...) {
          outcomes[i].error = std::current_exception();
          outcomes[i].finished = Clock::now();
        }
      });
    }
    ready.arrive_and_wait();
    start = Clock::now();
    deadline = start + std::chrono::duration_cast<Clock::duration>(duration);
    go.count_down();
  }  // joins
  LoadMeasurement total;
  auto finished = start;
  for (auto& outcome : outcomes) {
    if (outcome.error) std::rethrow_exception(outcome.error);
    merge_into(total, outcome);
    finished = std::max(finished, outcome.finished);
  }
  total.elapsed = finished - start;
  total.stopped = stop.stop_requested();
  return total;
}

}  // namespace perfgate
