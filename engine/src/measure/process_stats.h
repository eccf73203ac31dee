#pragma once
// What Linux tells about this process: CPU time and resident memory.

#include <chrono>
#include <cstdint>
#include <optional>

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
std::optional<std::uint64_t> self_peak_rss_bytes();

}  // namespace perfgate
