#include "load/stage_recorder.h"

namespace perfgate {

StageRecorder::StageRecorder(const RateSchedule& schedule) : schedule_(schedule), tallies_(schedule.stages().size()) {}

void StageRecorder::record(double due_s, double begin_s, std::uint64_t latency_ns, bool ok) {
  const std::size_t stage = schedule_.stage_at(due_s);
  const bool started_in_stage = begin_s < schedule_.stages()[stage].end_time;
  const std::lock_guard lock(mutex_);
  Tally& t = tallies_[stage];
  ++t.operations;
  if (started_in_stage) ++t.started_in_stage;
  if (ok) {
    t.latency.record(latency_ns);
  } else {
    ++t.errors;
  }
}

StageSummary StageRecorder::summary(std::size_t i) const {
  const std::lock_guard lock(mutex_);
  const auto& st = schedule_.stages()[i];
  const Tally& t = tallies_[i];
  const double d = st.end_time - st.start_time;
  StageSummary s{st.start_time, st.end_time, (st.end_count - st.start_count) / d, double(t.started_in_stage) / d,
                 t.operations, t.errors};
  if (t.latency.count() > 0) {
    s.latency_p50 = t.latency.quantile(0.50);
    s.latency_p99 = t.latency.quantile(0.99);
  }
  return s;
}

std::vector<StageSummary> StageRecorder::finish(double end_s) const {
  std::vector<StageSummary> out;
  for (std::size_t i = 0; i < tallies_.size() && schedule_.stages()[i].start_time < end_s; ++i) out.push_back(summary(i));
  return out;
}

}  // namespace perfgate
