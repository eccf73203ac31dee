#include "load/open_load.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "analysis/trial_analysis.h"
#include "load/open_trial.h"
#include "load/worker_threads.h"

namespace perfgate {
namespace {

using Clock = LoadClock;

// A level as the trial's result will report it: its operations still running when it
// ends (a busy machine, a queueing server) are waited for, up to `grace`; any not ended
// by then are at least that late, which is how the level is judged. The stop decision
// and the breaking point read from the finished result then always agree.
StageSummary settled_level(const OpenTrial& s, const StageRecorder& stages, std::size_t i, Seconds grace) {
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
std::optional<std::size_t> watch_for_break(OpenTrial& s, SpinMargin& margin, const StageRecorder& stages, const BreakingPointLimits& limits) {
  // A p99 limit bounds how long a straggler may take and still pass; without one, a
  // second is long enough for the error count to settle.
  const Seconds grace = limits.max_p99_ns ? Seconds(*limits.max_p99_ns / 1e9) : Seconds(1);
  const auto& all = s.schedule.stages();
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    if (all[i].to <= 0) continue;  // a cooldown
    if (!wait_until(s.due_at(all[i].end_time), s.stop, margin)) return std::nullopt;
    if (!limits_broken(settled_level(s, stages, i, grace), limits).empty()) {
      s.deadline_ticks = s.due_at(all[i].end_time).time_since_epoch().count();
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace

OpenLoad::OpenLoad(std::unique_ptr<OperationRunner> runner, const OpenLoadSpec& spec, pid_t measured_pid)
    : spec_(spec), measured_pid_(measured_pid), runner_(std::move(runner)) {}

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
  OpenTrial trial(schedule, planned, timeline, stages, spec.shape != "rate", stop);
  std::optional<std::size_t> cut;
  RunTally run = runner_->run_open(trial, [&] {
    SpinMargin margin;
    if (spec.shape == "step" && spec.limits.stop_at_break) cut = watch_for_break(trial, margin, stages, spec.limits);
    wait_until(trial.deadline(), stop, margin);
  });
  double scheduled = schedule.total_operations();
  if (cut) {
    planned = Seconds(schedule.stages()[*cut].end_time);
    scheduled = schedule.stages()[*cut].end_count;
  }
  LoadMeasurement total;
  // The last interval ends with the trial, or with its last straggler.
  total.timeline = timeline.finish(std::max(run.finished, trial.deadline()) - trial.start);
  if (spec.shape != "rate") total.stages = stages.finish(planned.count());
  total.operations = run.operations;
  total.failures = run.failures;
  total.latency = std::move(run.latency);
  total.tally = std::move(run.tally);
  total.elapsed = std::max(Seconds(std::max(run.finished, trial.start) - trial.start), planned);
  total.stopped = stop.stop_requested();
  ScheduleFigures figures;
  figures.service_time = std::move(run.service);
  figures.send_delay = std::move(run.send_delay);
  figures.late = run.late;
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
