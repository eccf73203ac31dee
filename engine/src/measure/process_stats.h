#pragma once
// What Linux tells about a process: CPU time and resident memory. `pid` 0 is this process.

#include <chrono>
#include <cstdint>
#include <optional>

#include <sys/types.h>

namespace perfgate {

struct CpuTimes {
  std::chrono::nanoseconds user{0};
  std::chrono::nanoseconds system{0};
};

CpuTimes self_cpu_times();
std::uint64_t self_rss_bytes();  // current resident set, from /proc/self/statm

// Peak RSS since the last reset_self_peak_rss(); empty where the kernel refuses the
// reset (then callers fall back to sampled values).
bool reset_self_peak_rss();
// Of any process, from /proc/PID: empty once it has gone (or was never there).
std::optional<std::uint64_t> process_rss_bytes(pid_t pid);
std::optional<CpuTimes> process_cpu_times(pid_t pid);
std::optional<std::uint64_t> self_peak_rss_bytes();

// CPU time every core of the machine has spent busy since boot (/proc/stat: user, nice,
// system, irq, softirq and steal, in clock ticks), or empty where it cannot be read.
// Steal counts: it is time another virtual machine took from ours.
std::optional<std::chrono::nanoseconds> machine_busy_time();

// Cores other processes kept busy over `elapsed_s` seconds: the machine's busy time
// between the two readings less `ours_s` (CPU seconds of perf-run and of the system under
// test), per second; empty when a reading is missing or nothing elapsed.
std::optional<double> neighbour_cores(const std::optional<std::chrono::nanoseconds>& busy_before,
                                      const std::optional<std::chrono::nanoseconds>& busy_after, double ours_s,
                                      double elapsed_s);

}  // namespace perfgate
