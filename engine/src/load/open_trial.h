#pragma once
// The timetable and recorders of one open-model trial, shared by whatever runs its
// operations (worker threads or event loops), and the bookkeeping of an operation.

#include <atomic>
#include <chrono>
#include <stop_token>

#include "load/operation_runner.h"
#include "load/rate_schedule.h"
#include "load/stage_recorder.h"
#include "load/timeline_recorder.h"

namespace perfgate {

// An operation started more than this after its due time counts as late.
inline constexpr auto kLateAfter = std::chrono::milliseconds(1);

struct OpenTrial {
  OpenTrial(const RateSchedule& schedule, Seconds planned, TimelineRecorder& timeline, StageRecorder& stages,
            bool record_stages, const std::stop_token& stop)
      : schedule(schedule), planned(planned), timeline(timeline), stages(stages), record_stages(record_stages), stop(stop) {}

  const RateSchedule& schedule;
  Seconds planned;
  LoadClock::time_point start;
  std::atomic<LoadClock::rep> deadline_ticks{0};  // moves earlier when a step load breaks
  TimelineRecorder& timeline;
  StageRecorder& stages;
  bool record_stages;  // a constant rate has one stage, which the trial's totals already are
  const std::stop_token& stop;

  // The clock starts: called by the runner once its threads are ready.
  void begin() {
    start = LoadClock::now();
    deadline_ticks = due_at(planned.count()).time_since_epoch().count();
  }
  LoadClock::time_point due_at(double seconds) const {
    return start + std::chrono::duration_cast<LoadClock::duration>(std::chrono::duration<double>(seconds));
  }
  LoadClock::time_point deadline() const {
    return LoadClock::time_point(LoadClock::duration(deadline_ticks.load(std::memory_order_relaxed)));
  }
  // The operation due at `due_s` starts now, at `begin`.
  void started(double due_s, LoadClock::time_point begin) const {
    if (record_stages) stages.started(due_s, Seconds(begin - start).count());
  }
  // ... and ended at `end`: every figure it counts in.
  void ended(RunTally& out, double due_s, LoadClock::time_point begin, LoadClock::time_point end, bool ok) const {
    const auto due = due_at(due_s);
    const auto corrected = std::uint64_t((end - due).count());
    if (ok) {
      out.latency.record(corrected);
      out.service.record(std::uint64_t((end - begin).count()));
    } else {
      ++out.failures;
    }
    ++out.operations;
    out.send_delay.record(begin > due ? std::uint64_t((begin - due).count()) : 0);
    if (begin - due > kLateAfter) ++out.late;
    timeline.record(std::uint64_t((end - start).count()), corrected, ok);
    if (record_stages) stages.record(due_s, corrected, ok);
    out.finished = std::max(out.finished, end);
  }
};

}  // namespace perfgate
