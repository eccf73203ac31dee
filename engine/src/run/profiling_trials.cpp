#include "run/profiling_trials.h"

#include <cmath>
#include <limits>

#include "perfgate/error.h"
#include "profile/folded_stacks.h"
#include "stats/t_tests.h"

namespace perfgate {
namespace {

double throughput(const TrialResult& t) {
  const auto it = t.metrics.find("throughput");
  return it == t.metrics.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
}

double median_throughput(const std::vector<TrialResult>& trials) {
  std::vector<double> rates;
  for (const auto& t : trials) rates.push_back(throughput(t));
  return stats::median(rates);
}

}  // namespace

std::optional<Profile> run_profiling_trials(const ProfileSpec& spec, Seconds length, TrialSource& source,
                                            const std::vector<TrialResult>& measured, const std::stop_token& stop) {
  Profile p;
  std::optional<StackSampler> sampler;
  try {
    const auto target = source.sampling_target();
    sampler.emplace(target.scope, target.pid, spec.rate_hz);
    p.scope = to_string(target.scope);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kEnvironment) throw;
    p.unavailable = e.what();
    return p;
  }
  double weighted_throughput = 0;
  for (unsigned k = 0; k < ProfileSpec::kMaxTrials && sampler->samples() < ProfileSpec::kEnoughSamples; ++k) {
    const auto trial = source.trial(length, stop);
    if (!trial) break;
    p.duration_s += trial->first.duration_s;
    p.operations += trial->first.operations;
    weighted_throughput += throughput(trial->first) * trial->first.duration_s;
  }
  const SampledStacks sampled = sampler->stop();
  if (p.duration_s == 0) return std::nullopt;
  p.rate_hz = spec.rate_hz;
  p.throughput_ratio = weighted_throughput / p.duration_s / median_throughput(measured);
  fold_samples(sampled, p);
  return p;
}

}  // namespace perfgate
