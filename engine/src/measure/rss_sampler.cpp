#include "measure/rss_sampler.h"

#include <algorithm>

#include "measure/process_stats.h"
#include "perfgate/units.h"

namespace perfgate {

RssSampler::RssSampler(std::chrono::milliseconds interval) : interval_(interval) {
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
  const auto rss = self_rss_bytes();
  const Seconds elapsed = std::chrono::steady_clock::now() - start;
  std::lock_guard lock(mutex_);
  peak_ = std::max(peak_, rss);
  trend_.add(elapsed.count(), double(rss));
}

RssSampler::Summary RssSampler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  return {peak_, trend_.slope()};
}

}  // namespace perfgate
