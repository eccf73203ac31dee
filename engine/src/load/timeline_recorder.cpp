#include "load/timeline_recorder.h"

#include <limits>

#include "measure/process_stats.h"

namespace perfgate {

void TimelineRecorder::close_interval(std::uint64_t length_ns) {
  const double seconds = double(length_ns) / 1e9;
  TimelinePoint p;
  p.t_s = double(current_ * interval_ns_ + length_ns) / 1e9;
  if (length_ns < interval_ns_) p.interval_s = seconds;
  p.operations = ops_;
  p.errors = errors_;
  p.throughput = double(ops_ - errors_) / seconds;
  if (latency_.count() > 0) {
    p.latency_p50 = latency_.quantile(0.50);
    p.latency_p99 = latency_.quantile(0.99);
  }
  const auto rss = process_rss_bytes(pid_);
  p.rss_bytes = rss ? double(*rss) : std::numeric_limits<double>::quiet_NaN();  // the server has gone
  points_.push_back(p);
  ops_ = errors_ = 0;
  latency_.clear();
  ++current_;
}

void TimelineRecorder::record(std::uint64_t offset_ns, std::uint64_t latency_ns, bool ok) {
  const std::uint64_t interval = offset_ns / interval_ns_;
  const std::lock_guard lock(mutex_);
  while (current_ < interval) close_interval(interval_ns_);
  // An operation reported after its interval closed (a slow thread) counts in the current one.
  ++ops_;
  if (ok) {
    latency_.record(latency_ns);
  } else {
    ++errors_;
  }
}

std::vector<TimelinePoint> TimelineRecorder::finish(std::chrono::nanoseconds end) {
  const std::lock_guard lock(mutex_);
  const auto end_ns = std::uint64_t(std::max<std::int64_t>(end.count(), 0));
  while (ops_ > 0 || (current_ + 1) * interval_ns_ <= end_ns) {
    const std::uint64_t begin_ns = current_ * interval_ns_;
    if (end_ns <= begin_ns) {
      close_interval(interval_ns_);  // operations recorded past `end`: cannot happen, but never lose them
    } else {
      close_interval(std::min(interval_ns_, end_ns - begin_ns));
    }
    if (current_ * interval_ns_ >= end_ns) break;
  }
  return std::move(points_);
}

}  // namespace perfgate
