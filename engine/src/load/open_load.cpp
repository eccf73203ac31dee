#include "load/open_load.h"

#include <sys/prctl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <latch>
#include <thread>

#include "analysis/trial_analysis.h"
#include "load/rate_schedule.h"
#include "load/stage_recorder.h"
#include "load/timeline_recorder.h"
#include "load/worker_admission.h"

namespace perfgate {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kLateAfter = std::chrono::milliseconds(1);
// Workers admitted at the start; the standby admits more once an operation is this late
// with every admitted worker busy (so the pool grows exactly when lateness begins).
constexpr unsigned kInitialWorkers = 2;
constexpr auto kGrowAfter = kLateAfter;
// Sleeping ends within the timer slack; the last stretch is spun for a precise start.
constexpr auto kSpinBefore = std::chrono::microseconds(30);

// False when a stop came first. Long waits (low rates) are cut into slices so that
// Ctrl-C is noticed promptly.
bool wait_until(Clock::time_point due, const std::stop_token& stop) {
  constexpr auto kSlice = std::chrono::milliseconds(50);
  for (auto now = Clock::now(); due - now > kSpinBefore; now = Clock::now()) {
    if (stop.stop_requested()) return false;
    std::this_thread::sleep_until(std::min(due - kSpinBefore, now + kSlice));
  }
  while (Clock::now() < due) {
  }
  return !stop.stop_requested();
}

struct WorkerOutcome {
  std::uint64_t operations = 0, failures = 0, late = 0;
  LatencyHistogram latency, service, send_delay;
  WorkerTally tally;
  Clock::time_point finished;
  std::exception_ptr error;
};

struct Shared {
  const RateSchedule& schedule;
  Clock::time_point start;
  std::atomic<Clock::rep> deadline_ticks{0};  // moves earlier when a step load breaks
  Clock::time_point deadline() const {
    return Clock::time_point(Clock::duration(deadline_ticks.load(std::memory_order_relaxed)));
  }
  std::atomic<std::uint64_t>& next;
  TimelineRecorder& timeline;
  StageRecorder& stages;
  bool record_stages;  // a constant rate has one stage, which the trial's totals already are
  WorkerAdmission& admission;
  const std::stop_token& stop;
  Clock::time_point due_at(double seconds) const {
    return start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  }
};

// Until worker `index` is admitted (true) or the run is over (false). The standby
// sleeps until the first unclaimed operation is overdue and, if it still is then with
// every admitted worker inside an operation, admits itself to take it; the others wait
// for their turn as standby.
bool wait_for_admission(unsigned index, const Shared& s) {
  for (;;) {
    const unsigned admitted = s.admission.admitted();
    if (s.admission.closed() || s.stop.stop_requested()) return false;
    if (index < admitted) return true;
    if (index > admitted) {
      s.admission.wait_for_change(admitted);
      continue;
    }
    const std::uint64_t k = s.next.load(std::memory_order_relaxed);
    const auto due_s = s.schedule.due(k);
    if (!due_s || s.due_at(*due_s) >= s.deadline()) return false;
    if (!wait_until(s.due_at(*due_s) + kGrowAfter, s.stop)) return false;
    // Grow only for want of a free worker: a worker that woke late (a busy CPU) is not
    // helped by more threads, which would only make wake-ups later still.
    if (s.next.load(std::memory_order_relaxed) == k && s.admission.all_busy() && s.admission.admit(index)) return true;
  }
}

void drive(Worker& worker, unsigned index, WorkerOutcome& out, const Shared& s) {
  // Default timer slack (50 us) would make every sleep end up to 50 us late.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  out.finished = s.start;
  if (!wait_for_admission(index, s)) return;
  for (;;) {
    const auto due_s = s.schedule.due(s.next.fetch_add(1, std::memory_order_relaxed));
    if (!due_s) break;
    const auto due = s.due_at(*due_s);
    if (due >= s.deadline() || s.stop.stop_requested()) break;
    if (!wait_until(due, s.stop)) break;
    const auto begin = Clock::now();
    if (begin >= s.deadline()) continue;  // due in time, but started too late: dropped
    if (s.record_stages) s.stages.started(*due_s, Seconds(begin - s.start).count());
    s.admission.begin_operation();
    const bool ok = worker.run_once(out.tally);
    s.admission.end_operation();
    const auto end = Clock::now();
    const auto corrected = std::uint64_t((end - due).count());
    if (ok) {
      out.latency.record(corrected);
      out.service.record(std::uint64_t((end - begin).count()));
    } else {
      ++out.failures;
    }
    ++out.operations;
    out.send_delay.record(std::uint64_t((begin - due).count()));
    if (begin - due > kLateAfter) ++out.late;
    s.timeline.record(std::uint64_t((end - s.start).count()), corrected, ok);
    if (s.record_stages) s.stages.record(*due_s, corrected, ok);
    out.finished = end;
  }
}

void merge_into(LoadMeasurement& total, ScheduleFigures& figures, WorkerOutcome& w) {
  total.operations += w.operations;
  total.failures += w.failures;
  total.latency.merge(w.latency);
  figures.service_time.merge(w.service);
  figures.send_delay.merge(w.send_delay);
  figures.late += w.late;
  total.tally.merge(w.tally);
}

// A level as the trial's result will report it: its operations still running when it
// ends (a busy machine, a queueing server) are waited for, up to `grace`; any not ended
// by then are at least that late, which is how the level is judged. The stop decision
// and the breaking point read from the finished result then always agree.
StageSummary settled_level(const Shared& s, const StageRecorder& stages, std::size_t i, Seconds grace) {
  const auto& level = s.schedule.stages()[i];
  const std::uint64_t due = s.schedule.due_before(level.end_time) - s.schedule.due_before(level.start_time);
  const auto give_up = s.due_at(level.end_time + grace.count());
  while (stages.ended(i) < due && Clock::now() < give_up && !s.stop.stop_requested()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const std::uint64_t ended = stages.ended(i);
  // Any figure past the grace judges alike: those operations are later than it, whatever they end at.
  const auto late_ns = std::uint64_t(2 * std::chrono::duration_cast<std::chrono::nanoseconds>(grace).count());
  return stages.summary(i, due > ended ? due - ended : 0, late_ns);
}

// Step loads: at the end of each level, judge it; once one has broken, the trial ends
// there rather than pushing a failing system further. Returns the stage the trial ended
// with, if it was cut short.
std::optional<std::size_t> watch_for_break(Shared& s, const StageRecorder& stages, const BreakingPointLimits& limits) {
  // A p99 limit bounds how long a straggler may take and still pass; without one, a
  // second is long enough for the error count to settle.
  const Seconds grace = limits.max_p99_ns ? Seconds(*limits.max_p99_ns / 1e9) : Seconds(1);
  const auto& all = s.schedule.stages();
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    if (all[i].to <= 0) continue;  // a cooldown
    if (!wait_until(s.due_at(all[i].end_time), s.stop)) return std::nullopt;
    if (!limits_broken(settled_level(s, stages, i, grace), limits).empty()) {
      s.deadline_ticks = s.due_at(all[i].end_time).time_since_epoch().count();
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace

OpenLoad::OpenLoad(Target& target, const OpenLoadSpec& spec) : spec_(spec), measured_pid_(target.server_pid()) {
  for (unsigned i = 0; i < spec.max_concurrency; ++i) workers_.push_back(target.make_worker(i));
}

LoadMeasurement OpenLoad::run(Seconds duration, const std::stop_token& stop) {
  OpenLoadSpec spec = spec_;
  if (spec.shape == "rate") {
    spec.stages.front().duration = duration;  // warmups run at the trial's rate
  } else {
    spec.stages = first_part(spec.stages, duration);  // a warmup runs the shape's beginning
  }
  const RateSchedule schedule(spec.stages);
  Seconds planned(schedule.duration());
  TimelineRecorder timeline(spec.timeline_interval, measured_pid_);
  StageRecorder stages(schedule);
  std::atomic<std::uint64_t> next{0};
  std::vector<WorkerOutcome> outcomes(workers_.size());
  std::latch ready(static_cast<std::ptrdiff_t>(workers_.size()) + 1);
  std::latch go(1);
  WorkerAdmission admission(kInitialWorkers, unsigned(workers_.size()));
  Shared shared{schedule, {}, {}, next, timeline, stages, spec.shape != "rate", admission, stop};
  std::optional<std::size_t> cut;
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      threads.emplace_back([&, i] {
        // Before the clock starts: allocating 64 workers' histograms at the start would
        // delay the first operations, and a worker admitted late in a soak must not step
        // resident memory up then (it would read as a leak of the system under test).
        for (auto* h : {&outcomes[i].latency, &outcomes[i].service, &outcomes[i].send_delay}) h->reserve();
        ready.arrive_and_wait();
        go.wait();
        try {
          drive(*workers_[i], unsigned(i), outcomes[i], shared);
        } catch (...) {
          outcomes[i].error = std::current_exception();
        }
      });
    }
    ready.arrive_and_wait();
    shared.start = Clock::now();
    shared.deadline_ticks = shared.due_at(planned.count()).time_since_epoch().count();
    go.count_down();
    if (spec.shape == "step" && spec.limits.stop_at_break) cut = watch_for_break(shared, stages, spec.limits);
    wait_until(shared.deadline(), stop);
    admission.close();  // workers never admitted go home; admitted ones finish what they run
  }
  double scheduled = schedule.total_operations();
  if (cut) {
    planned = Seconds(schedule.stages()[*cut].end_time);
    scheduled = schedule.stages()[*cut].end_count;
  }
  LoadMeasurement total;
  total.timeline = timeline.finish();  // before merging allocates the totals' histograms
  if (spec.shape != "rate") total.stages = stages.finish(planned.count());
  ScheduleFigures figures;
  auto finished = shared.start;
  for (auto& outcome : outcomes) {
    if (outcome.error) std::rethrow_exception(outcome.error);
    merge_into(total, figures, outcome);
    finished = std::max(finished, outcome.finished);
  }
  total.elapsed = std::max(Seconds(finished - shared.start), planned);
  total.stopped = stop.stop_requested();
  // Every operation due before the end that did not start is dropped, whether a worker
  // claimed it too late or none was ever free to claim it.
  figures.scheduled = std::uint64_t(std::ceil(scheduled - 1e-9));
  figures.dropped = figures.scheduled > total.operations ? figures.scheduled - total.operations : 0;
  figures.target_rate = scheduled / planned.count();
  figures.achieved_rate = double(total.operations) / planned.count();
  total.schedule = std::move(figures);
  return total;
}

}  // namespace perfgate
