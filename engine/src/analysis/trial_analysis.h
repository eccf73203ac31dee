#pragma once
// What a shaped open-model trial is for, worked out from its stages and timeline:
// spike → recovery time, step → breaking point, soak → drift of memory and latency.
// docs/result-schema.md ("analysis") defines each figure.

#include "perfgate/result.h"
#include "perfgate/suite.h"

namespace perfgate {

// Stages: before, spike, after. Recovery is the start of the first run of
// `hold_intervals` timeline intervals, ending after the spike, whose p99 is within bound.
SpikeRecovery analyse_spike_recovery(const std::vector<TimelinePoint>& timeline, double interval_s,
                                     const std::vector<StageSummary>& stages, const RecoveryCriterion& criterion);

// Which limits a step level broke, in the order "achieved", "error_rate", "p99".
std::vector<std::string> limits_broken(const StageSummary& level, const BreakingPointLimits& limits);

// The levels are the stages with a rate (cooldowns have none), in order.
BreakingPoint find_breaking_point(const std::vector<StageSummary>& stages, const BreakingPointLimits& limits);

SoakDrift analyse_soak_drift(const std::vector<TimelinePoint>& timeline, const DriftBounds& bounds);

// The analysis the load's shape calls for, with the metrics it adds to the trial.
void analyse_trial(const OpenLoadSpec& load, TrialResult& trial);

}  // namespace perfgate
