// perfgate-bench-profile: what sampling call stacks costs the workload it samples.
//
// For every scenario of the built-in default suite, trials with and without the
// profiler run back to back in one process, in alternating order (AB BA AB ...), so
// that machine drift hits both alike. Each trial's throughput is operations per
// second; the figure is the median over pairs of profiled / unprofiled throughput.
// Symbolising and folding happen after a profiled trial, outside its timing, as in
// perf-run.
//
// Usage: perfgate-bench-profile [PAIRS=10] [SECONDS_PER_TRIAL=1] [RATE_HZ=999]

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "load/load_factory.h"
#include "perfgate/suite.h"
#include "profile/folded_stacks.h"
#include "profile/stack_sampler.h"
#include "targets/target_factory.h"

namespace {

using perfgate::Seconds;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

struct Trial {
  double throughput = 0;
  std::uint64_t samples = 0;
};

Trial trial(perfgate::Load& load, Seconds length, std::optional<double> rate_hz) {
  std::optional<perfgate::StackSampler> sampler;
  if (rate_hz) sampler.emplace(perfgate::SamplingScope::kThisProcess, 0, *rate_hz);
  const auto measured = load.run(length, {});
  Trial t{double(measured.operations) / measured.elapsed.count(), 0};
  if (sampler) {
    const auto sampled = sampler->stop();
    perfgate::Profile p;
    perfgate::fold_samples(sampled, p);
    t.samples = p.samples;
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const int pairs = argc > 1 ? std::atoi(argv[1]) : 10;
  const Seconds length(argc > 2 ? std::atof(argv[2]) : 1.0);
  const double rate = argc > 3 ? std::atof(argv[3]) : perfgate::ProfileSpec::kDefaultRateHz;
  std::printf("%-22s %8s %12s %12s %18s\n", "scenario", "pairs", "samples/s", "ratio", "ratio range");
  std::vector<double> all;
  for (const auto& s : perfgate::default_suite().scenarios) {
    const auto* closed = std::get_if<perfgate::ClosedLoadSpec>(&s.load);
    if (!closed) continue;
    auto target = perfgate::make_target(s.target, 1, {});
    const auto load = perfgate::make_load(*target, *closed);
    load->run(Seconds(0.3), {});
    std::vector<double> ratios;
    double samples = 0;
    for (int i = 0; i < pairs; ++i) {
      const bool profiled_first = i % 2;
      const Trial a = trial(*load, length, profiled_first ? std::optional(rate) : std::nullopt);
      const Trial b = trial(*load, length, profiled_first ? std::nullopt : std::optional(rate));
      const Trial& on = profiled_first ? a : b;
      const Trial& off = profiled_first ? b : a;
      ratios.push_back(on.throughput / off.throughput);
      samples += double(on.samples) / length.count();
    }
    all.insert(all.end(), ratios.begin(), ratios.end());
    std::printf("%-22s %8d %12.0f %12.4f %8.4f - %.4f\n", s.name.c_str(), pairs, samples / pairs, median(ratios),
                *std::min_element(ratios.begin(), ratios.end()), *std::max_element(ratios.begin(), ratios.end()));
  }
  std::printf("%-22s %8zu %12s %12.4f\n", "all", all.size(), "", median(all));
  return 0;
}
