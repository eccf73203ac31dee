#pragma once
// Samples a process's RSS (and, for another process, its CPU time) on a background
// thread during a trial, for the trial's peak and slope. The sampler thread sleeps between samples, so its cost is a few
// microseconds per interval on the measured machine.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "measure/linear_trend.h"
#include "measure/process_stats.h"

namespace perfgate {

class RssSampler {
 public:
  // `pid` 0: this process.
  explicit RssSampler(std::chrono::milliseconds interval, pid_t pid = 0);
  ~RssSampler();  // stops and joins
  RssSampler(const RssSampler&) = delete;
  RssSampler& operator=(const RssSampler&) = delete;

  struct Summary {
    std::uint64_t peak_bytes = 0;
    double slope_bytes_per_s = 0.0;
    // Another process's CPU time at the first and last sample it answered: a process
    // that dies mid-trial still reports what it used until then.
    std::optional<CpuTimes> first_cpu, last_cpu;
  };
  Summary stop();

 private:
  void sample(std::chrono::steady_clock::time_point start);

  std::chrono::milliseconds interval_;
  pid_t pid_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t peak_ = 0;
  LinearTrend trend_;
  std::optional<CpuTimes> first_cpu_, last_cpu_;
  std::thread thread_;
};

}  // namespace perfgate
