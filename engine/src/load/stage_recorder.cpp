#include "load/stage_recorder.h"

namespace perfgate {

StageRecorder::StageRecorder(const RateSchedule& schedule) : schedule_(schedule), tallies_(schedule.stages().size()) {}

void StageRecorder::started(double due_s, double begin_s) {
  const std::size_t stage = schedule_.stage_at(due_s);
  if (begin_s >= schedule_.stages()[stage].end_time) return;
  const std::lock_guard lock(mutex_);
  ++tallies_[stage].started_in_stage;
}

void StageRecorder::record(double due_s, std::uint64_t latency_ns, bool ok) {
  const std::size_t stage = schedule_.stage_at(due_s);
  const std::lock_guard lock(mutex_);
  Tally& t = tallies_[stage];
  ++t.operations;
  if (ok) {
    t.latency.record(latency_ns);
  } else {
    ++t.errors;
  }
}

std::uint64_t StageRecorder::ended(std::size_t i) const {
  const std::lock_guard lock(mutex_);
  return tallies_[i].operations;
}

StageSummary StageRecorder::summary(std::size_t i, std::uint64_t pending, std::uint64_t pending_ns) const {
  const auto& st = schedule_.stages()[i];
  const double d = st.end_time - st.start_time;
  const std::lock_guard lock(mutex_);
  const Tally& t = tallies_[i];
  StageSummary s{st.start_time, st.end_time, (st.end_count - st.start_count) / d, double(t.started_in_stage) / d,
                 t.operations + pending, t.errors};
  const LatencyHistogram* latency = &t.latency;
  LatencyHistogram with_pending;
  if (pending > 0) {
    with_pending.merge(t.latency);
    for (std::uint64_t k = 0; k < pending; ++k) with_pending.record(pending_ns);
    latency = &with_pending;
  }
  if (latency->count() > 0) {
    s.latency_p50 = latency->quantile(0.50);
    s.latency_p99 = latency->quantile(0.99);
  }
  return s;
}

std::vector<StageSummary> StageRecorder::finish(double end_s) const {
  std::vector<StageSummary> out;
  for (std::size_t i = 0; i < tallies_.size() && schedule_.stages()[i].start_time < end_s; ++i) out.push_back(summary(i));
  return out;
}

}  // namespace perfgate
