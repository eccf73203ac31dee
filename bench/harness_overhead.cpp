// perfgate-bench-overhead: what perf-run itself costs per operation.
//
//  1. ns per recorded operation of the `noop` workload with 1 and 2 workers: the
//     harness's floor (virtual call + one clock read + histogram update).
//  2. per-run overhead of the command target over a bare posix_spawn + wait4 loop of
//     /bin/true. Both are measured in one process, interleaved A B A B ... so that
//     machine drift hits both alike; the difference of medians is the overhead.
//
// Usage: perfgate-bench-overhead [ROUNDS=5] [SECONDS_PER_MEASUREMENT=2]

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "perfgate/run.h"

extern char** environ;

namespace {

using perfgate::Seconds;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

perfgate::SuiteSpec one_scenario(perfgate::TargetSpec target, unsigned workers, Seconds duration) {
  perfgate::ScenarioSpec s;
  s.name = "bench";
  s.target = std::move(target);
  s.load = perfgate::ClosedLoadSpec{workers};
  s.warmup = Seconds(0.2);
  s.duration = duration;
  s.trials = 1;
  return {"bench", "<bench>", {s}};
}

// ns of wall time per operation per worker, and the recorded mean latency.
std::pair<double, double> perf_run_ns_per_op(perfgate::TargetSpec target, unsigned workers, Seconds d) {
  const auto r = perfgate::run_suite(one_scenario(std::move(target), workers, d), {}, {});
  const auto& t = r.scenarios.at(0).trials.at(0);
  return {t.duration_s * 1e9 * workers / double(t.operations), t.metrics.at("latency_mean")};
}

double bare_spawn_ms(Seconds d) {
  char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
  const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(d);
  long runs = 0;
  const auto start = Clock::now();
  while (Clock::now() < end) {
    pid_t pid = 0;
    if (posix_spawn(&pid, "/bin/true", nullptr, nullptr, argv, environ) != 0) std::abort();
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    ++runs;
  }
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count() / double(runs);
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
  const Seconds each(argc > 2 ? std::atof(argv[2]) : 2.0);

  std::printf("## noop: harness cost per recorded operation (%d rounds x %.1fs, medians)\n\n", rounds, each.count());
  std::printf("| workers | wall ns/op per worker | recorded mean latency ns |\n|---|---|---|\n");
  for (unsigned workers : {1u, 2u}) {
    std::vector<double> wall, recorded;
    for (int r = 0; r < rounds; ++r) {
      const auto [w, m] = perf_run_ns_per_op(perfgate::BuiltinTargetSpec{"noop", {}}, workers, each);
      wall.push_back(w);
      recorded.push_back(m);
    }
    std::printf("| %u | %.1f | %.1f |\n", workers, median(wall), median(recorded));
  }

  std::printf("\n## command target vs bare posix_spawn+wait4 of /bin/true (interleaved, %d rounds)\n\n", rounds);
  perfgate::CommandTargetSpec true_cmd;
  true_cmd.argv = {"/bin/true"};
  std::vector<double> bare, harness, paired;
  for (int r = 0; r < rounds; ++r) {
    // Alternate which goes first so a trend within a round does not favour either.
    const bool bare_first = r % 2 == 0;
    const double first = bare_first ? bare_spawn_ms(each) : perf_run_ns_per_op(true_cmd, 1, each).first / 1e6;
    const double second = bare_first ? perf_run_ns_per_op(true_cmd, 1, each).first / 1e6 : bare_spawn_ms(each);
    bare.push_back(bare_first ? first : second);
    harness.push_back(bare_first ? second : first);
    paired.push_back(harness.back() - bare.back());
  }
  std::printf("| loop | median ms/run | runs: min .. max ms |\n|---|---|---|\n");
  std::printf("| bare posix_spawn+wait4 | %.4f | %.4f .. %.4f |\n", median(bare),
              *std::min_element(bare.begin(), bare.end()), *std::max_element(bare.begin(), bare.end()));
  std::printf("| perf-run command target | %.4f | %.4f .. %.4f |\n", median(harness),
              *std::min_element(harness.begin(), harness.end()), *std::max_element(harness.begin(), harness.end()));
  std::printf("\noverhead per run: %+.4f ms (median of per-round paired differences; "
              "difference of medians %+.4f ms)\n",
              median(paired), median(harness) - median(bare));
  return 0;
}
