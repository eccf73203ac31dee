#pragma once
// Samples this process's RSS on a background thread during a trial, for the trial's
// peak and slope. The sampler thread sleeps between samples, so its cost is a few
// microseconds per interval on the measured machine.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "measure/linear_trend.h"

namespace perfgate {

class RssSampler {
 public:
  explicit RssSampler(std::chrono::milliseconds interval);
  ~RssSampler();  // stops and joins
  RssSampler(const RssSampler&) = delete;
  RssSampler& operator=(const RssSampler&) = delete;

  struct Summary {
    std::uint64_t peak_bytes = 0;
    double slope_bytes_per_s = 0.0;
  };
  Summary stop();

 private:
  void sample(std::chrono::steady_clock::time_point start);

  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t peak_ = 0;
  LinearTrend trend_;
  std::thread thread_;
};

}  // namespace perfgate
