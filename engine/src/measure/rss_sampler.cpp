#include "measure/rss_sampler.h"

#include <algorithm>

#include "perfgate/units.h"

namespace perfgate {

RssSampler::RssSampler(std::chrono::milliseconds interval, pid_t pid) : interval_(interval), pid_(pid) {
  const auto start = std::chrono::steady_clock::now();
  sample(start);
  thread_ = std::thread([this, start] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
      lock.unlock();
      sample(start);
      lock.lock();
    }
  });
}

RssSampler::~RssSampler() { stop(); }

void RssSampler::sample(std::chrono::steady_clock::time_point start) {
  const auto rss = process_rss_bytes(pid_);
  const auto cpu = pid_ != 0 ? process_cpu_times(pid_) : std::nullopt;
  const Seconds elapsed = std::chrono::steady_clock::now() - start;
  if (!rss) return;  // gone
  std::lock_guard lock(mutex_);
  peak_ = std::max(peak_, *rss);
  trend_.add(elapsed.count(), double(*rss));
  if (cpu) {
    if (!first_cpu_) first_cpu_ = cpu;
    last_cpu_ = cpu;
  }
}

RssSampler::Summary RssSampler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  return {peak_, trend_.slope(), first_cpu_, last_cpu_};
}

}  // namespace perfgate
