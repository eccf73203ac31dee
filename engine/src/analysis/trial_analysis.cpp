#include "analysis/trial_analysis.h"

namespace perfgate {

// A spike that never recovered has no recovery metric: a check such as
// "spike_recovery < 5s" then fails as missing rather than passing on a made-up figure.
void analyse_trial(const OpenLoadSpec& load, TrialResult& trial) {
  auto& m = trial.metrics;
  if (load.shape == "spike") {
    trial.analysis.spike =
        analyse_spike_recovery(trial.timeline, load.timeline_interval.count(), trial.stages, load.recovery);
    if (trial.analysis.spike->recovery_s) m["spike_recovery"] = *trial.analysis.spike->recovery_s;
  } else if (load.shape == "step") {
    trial.analysis.breaking_point = find_breaking_point(trial.stages, load.limits);
    trial.analysis.breaking_point->stopped = trial.stages.size() < load.stages.size();
    m["breaking_point"] = trial.analysis.breaking_point->sustained_rate.value_or(0.0);
  } else if (load.shape == "soak") {
    trial.analysis.drift = analyse_soak_drift(trial.timeline, load.drift);
    const SoakDrift& d = *trial.analysis.drift;
    if (d.p99) m["p99_slope"] = d.p99->slope;
    m["drift_exceeded"] = double((d.rss && d.rss->exceeded) + (d.p99 && d.p99->exceeded));
  }
}

}  // namespace perfgate
