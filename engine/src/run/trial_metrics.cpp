#include "run/trial_metrics.h"

#include "load/open_load.h"

namespace perfgate {

namespace {

void add_schedule_metrics(const ScheduleFigures& s, TrialResult& t) {
  auto& v = t.metrics;
  if (s.service_time.count() > 0) {
    v["service_p50"] = s.service_time.quantile(0.50);
    v["service_p99"] = s.service_time.quantile(0.99);
  }
  if (s.send_delay.count() > 0) v["send_delay_p99"] = s.send_delay.quantile(0.99);
  v["target_rate"] = s.target_rate;
  v["achieved_rate"] = s.achieved_rate;
  v["late_count"] = double(s.late);
  v["dropped_count"] = double(s.dropped);
  const double behind = double(s.late + s.dropped);
  t.rate_not_reached = s.scheduled > 0 && behind > kRateTolerance * double(s.scheduled);
}

}  // namespace

TrialResult make_trial_result(const LoadMeasurement& m, const ResourceFigures& r) {
  TrialResult t;
  t.duration_s = m.elapsed.count();
  t.operations = m.operations;
  t.errors_by_reason = m.tally.errors_by_reason;
  t.unavailable_s = std::chrono::duration<double>(m.tally.unavailable).count();
  auto& v = t.metrics;
  const double successes = double(m.operations - m.failures);
  v["throughput"] = t.duration_s > 0 ? successes / t.duration_s : 0.0;
  if (m.latency.count() > 0) {
    v["latency_mean"] = m.latency.mean();
    v["latency_p50"] = m.latency.quantile(0.50);
    v["latency_p90"] = m.latency.quantile(0.90);
    v["latency_p95"] = m.latency.quantile(0.95);
    v["latency_p99"] = m.latency.quantile(0.99);
    v["latency_p999"] = m.latency.quantile(0.999);
    v["latency_p9999"] = m.latency.quantile(0.9999);
    v["latency_max"] = double(m.latency.max());
  }
  v["error_count"] = double(m.failures);
  v["error_rate"] = m.operations > 0 ? double(m.failures) / double(m.operations) : 0.0;
  v["cpu_user"] = r.cpu_user_s;
  v["cpu_sys"] = r.cpu_sys_s;
  if (r.exact_cpu && m.operations > 0) v["cpu_per_op"] = (r.cpu_user_s + r.cpu_sys_s) * 1e9 / double(m.operations);
  if (r.neighbour_load) v["neighbour_load"] = *r.neighbour_load;
  v["rss_peak"] = r.rss_peak_bytes;
  v["rss_slope"] = r.rss_slope_bytes_per_s;
  if (m.schedule) add_schedule_metrics(*m.schedule, t);
  t.timeline = m.timeline;
  t.stages = m.stages;
  if (m.tally.bytes_sent + m.tally.bytes_received > 0 && t.duration_s > 0) {
    v["sent_bytes_per_s"] = double(m.tally.bytes_sent) / t.duration_s;
    v["received_bytes_per_s"] = double(m.tally.bytes_received) / t.duration_s;
  }
  return t;
}

}  // namespace perfgate
