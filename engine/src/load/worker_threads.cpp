#include "load/worker_threads.h"

#include <sys/prctl.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "load/open_trial.h"
#include "load/released_threads.h"
#include "load/worker_admission.h"

namespace perfgate {
namespace {

// Workers admitted at the start of an open-model trial; the standby admits more once an
// operation is this late with every admitted worker busy (so the pool grows exactly
// when lateness begins).
constexpr unsigned kInitialWorkers = 2;
constexpr auto kGrowAfter = kLateAfter;

void drive_closed(Worker& worker, RunTally& out, LoadClock::time_point start, LoadClock::time_point deadline,
                  const std::stop_token& stop) {
  auto before = start;
  for (;;) {
    const bool ok = worker.run_once(out.tally);
    const auto after = LoadClock::now();
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

struct OpenShared {
  OpenTrial& trial;
  std::atomic<std::uint64_t> next{0};
  WorkerAdmission admission;
};

// Until worker `index` is admitted (true) or the run is over (false). The standby
// sleeps until the first unclaimed operation is overdue and, if it still is then with
// every admitted worker inside an operation, admits itself to take it; the others wait
// for their turn as standby.
bool wait_for_admission(unsigned index, OpenShared& s, SpinMargin& margin) {
  for (;;) {
    const unsigned admitted = s.admission.admitted();
    if (s.admission.closed() || s.trial.stop.stop_requested()) return false;
    if (index < admitted) return true;
    if (index > admitted) {
      s.admission.wait_for_change(admitted);
      continue;
    }
    const std::uint64_t k = s.next.load(std::memory_order_relaxed);
    const auto due_s = s.trial.schedule.due(k);
    if (!due_s || s.trial.due_at(*due_s) >= s.trial.deadline()) return false;
    if (!wait_until(s.trial.due_at(*due_s) + kGrowAfter, s.trial.stop, margin)) return false;
    // Grow only for want of a free worker: a worker that woke late (a busy CPU) is not
    // helped by more threads, which would only make wake-ups later still.
    if (s.next.load(std::memory_order_relaxed) == k && s.admission.all_busy() && s.admission.admit(index)) return true;
  }
}

void drive_open(Worker& worker, unsigned index, RunTally& out, OpenShared& s) {
  // Default timer slack (50 us) would make every sleep end up to 50 us late.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  const OpenTrial& trial = s.trial;
  out.finished = trial.start;
  SpinMargin margin;
  if (!wait_for_admission(index, s, margin)) return;
  for (;;) {
    const auto due_s = trial.schedule.due(s.next.fetch_add(1, std::memory_order_relaxed));
    if (!due_s) break;
    const auto due = trial.due_at(*due_s);
    if (due >= trial.deadline() || trial.stop.stop_requested()) break;
    if (!wait_until(due, trial.stop, margin)) break;
    const auto begin = LoadClock::now();
    if (begin >= trial.deadline()) continue;  // due in time, but started too late: dropped
    trial.started(*due_s, begin);
    s.admission.begin_operation();
    const bool ok = worker.run_once(out.tally);
    s.admission.end_operation();
    trial.ended(out, *due_s, begin, LoadClock::now(), ok);
  }
}

}  // namespace

bool wait_until(LoadClock::time_point due, const std::stop_token& stop, SpinMargin& margin) {
  // Long waits (low rates) are cut into slices so that Ctrl-C is noticed promptly.
  constexpr auto kSlice = std::chrono::milliseconds(50);
  if (due - LoadClock::now() <= margin.margin()) margin.spun_without_sleeping();
  for (auto now = LoadClock::now(); due - now > margin.margin(); now = LoadClock::now()) {
    if (stop.stop_requested()) return false;
    const auto wake = std::min(due - margin.margin(), now + kSlice);
    std::this_thread::sleep_until(wake);
    margin.observe(LoadClock::now() - wake);
  }
  while (LoadClock::now() < due) {
  }
  return !stop.stop_requested();
}

WorkerThreads::WorkerThreads(WorkerTarget& target, unsigned workers) {
  for (unsigned i = 0; i < workers; ++i) workers_.push_back(target.make_worker(i));
}

std::unique_ptr<OperationRunner> WorkerTarget::make_runner(unsigned slots, unsigned) {
  return std::make_unique<WorkerThreads>(*this, slots);
}

RunTally WorkerThreads::run_closed(Seconds duration, const std::stop_token& stop, LoadClock::time_point& start) {
  return run_closed_together(workers_.size(), duration, start, [&](std::size_t i, RunTally& out, auto begin, auto end) {
    drive_closed(*workers_[i], out, begin, end, stop);
  });
}

RunTally WorkerThreads::run_open(OpenTrial& trial, const std::function<void()>& supervise) {
  OpenShared shared{trial, {}, WorkerAdmission(kInitialWorkers, unsigned(workers_.size()))};
  return run_released_together(
      workers_.size(), [&] { trial.begin(); },
      [&](std::size_t i, RunTally& out) { drive_open(*workers_[i], unsigned(i), out, shared); },
      [&] {
        supervise();
        shared.admission.close();  // workers never admitted go home; admitted ones finish what they run
      });
}

}  // namespace perfgate
