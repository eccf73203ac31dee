// The floor under any open-model schedule on this machine, now: a thread that never
// sleeps, spinning on the clock, notes how late it sees each of a timetable's due times
// (RATE per second, for SECONDS). No scheduler can start operations earlier than a
// thread that is always running sees them, so this thread's lateness is what the
// machine itself (the hypervisor taking the vCPU, interrupts, other processes) adds.
// bench/http_engine.sh runs it before each noop round, to tell the two apart.
//
// usage: perfgate-bench-hiccups [SECONDS] [RATE]   (defaults: 5 s, 10 000/s)
// prints: p50, p99, p99.9 and max lateness (us), and the share of time in stalls > 20 us
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double at_quantile(std::vector<double>& sorted, double q) {
  return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
  const double rate = argc > 2 ? std::atof(argv[2]) : 10'000.0;
  if (seconds <= 0 || rate <= 0) {
    std::fprintf(stderr, "usage: perfgate-bench-hiccups [SECONDS > 0] [RATE > 0]\n");
    return 2;
  }
  const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate));
  const auto count = static_cast<std::size_t>(seconds * rate);
  std::vector<double> late_us;
  late_us.reserve(count);
  Clock::duration stalled{0};
  const auto start = Clock::now();
  auto previous = start;
  for (std::size_t i = 0; i < count; ++i) {
    const auto due = start + period * static_cast<long>(i + 1);
    Clock::time_point now;
    do {  // spin, noting every gap between two reads of the clock: time the thread did not run
      now = Clock::now();
      if (now - previous > std::chrono::microseconds(20)) stalled += now - previous;
      previous = now;
    } while (now < due);
    late_us.push_back(std::chrono::duration<double, std::micro>(now - due).count());
  }
  const double total_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(late_us.begin(), late_us.end());
  std::printf("p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.0f us; stalls > 20 us: %.2f %% of the time\n",
              at_quantile(late_us, 0.5), at_quantile(late_us, 0.99), at_quantile(late_us, 0.999), late_us.back(),
              100.0 * std::chrono::duration<double>(stalled).count() / total_s);
  return 0;
}
