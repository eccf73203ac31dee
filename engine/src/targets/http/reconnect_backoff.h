#pragma once
// When a server refuses connections, retrying at once only measures how fast the kernel
// says no (a blocking client did 100 000 failed connects a second). After a failed
// connect the loop waits, doubling from 1 ms to at most 100 ms, and then one connection
// probes; when one succeeds everything reconnects. The time from the first failure to
// that success is what the trial reports as `unavailable_s`.

#include <algorithm>
#include <chrono>

#include "load/operation_runner.h"

namespace perfgate {

class ReconnectBackoff {
 public:
  using Clock = LoadClock;
  static constexpr Nanoseconds kFirst = std::chrono::milliseconds(1);
  static constexpr Nanoseconds kMax = std::chrono::milliseconds(100);

  // A new connection may be tried now (not down, or the wait is over).
  bool may_connect(Clock::time_point now) const { return !down_ || now >= retry_at_; }
  // The server is down and only a probe may connect: nobody else tries until it is answered.
  bool probing() const { return down_ && probing_; }
  void connecting() {
    if (down_) probing_ = true;
  }
  bool down() const { return down_; }
  Clock::time_point retry_at() const { return retry_at_; }

  void failed(Clock::time_point now) {
    if (!down_) since_ = now;
    delay_ = down_ ? std::min(delay_ * 2, kMax) : kFirst;
    down_ = true;
    probing_ = false;
    retry_at_ = now + delay_;
  }
  void succeeded(Clock::time_point now) {
    if (down_) unavailable_ += now - since_;
    down_ = probing_ = false;
  }
  // Time down so far, up to `now` for an outage still going on.
  Nanoseconds unavailable(Clock::time_point now) const { return unavailable_ + (down_ ? now - since_ : Nanoseconds(0)); }
  // Each run reports its own outage time.
  void restart_count(Clock::time_point now) {
    unavailable_ = Nanoseconds(0);
    if (down_) since_ = now;
  }

 private:
  bool down_ = false, probing_ = false;
  Nanoseconds delay_{0}, unavailable_{0};
  Clock::time_point since_, retry_at_;
};

}  // namespace perfgate
