#pragma once
// How early a wait for a due time stops sleeping and starts spinning. A sleep ends late
// by the kernel's wake-up latency: a few microseconds on bare metal, tens on a virtual
// machine, more when other threads hold the CPU. A fixed margin is either too short (the
// start is late) or too long (the spin burns a core), so each waiter learns its own:
// after a wake-up later than the margin, the margin grows to cover it at once; otherwise
// it shrinks slowly, back towards what the machine needs now: by 1/256 per wake-up, so
// that it stays near the larger overshoots of the last few hundred wake-ups rather than
// of the last few dozen. The in-process noop at 10 000/s, one worker, 8 interleaved
// rounds on a 2-core VM whose own floor (a thread that never sleeps,
// bench/host_hiccups.cpp) was 12-31 us at p99; p99 send delay:
//   shrink by 1/64     median 18.7 us, <= 20 us in 6 of 8, 33 % of a core
//   shrink by 1/256    median 16.6 us, <= 20 us in 6 of 8, 41 % of a core
//   shrink by 1/1024   median 16.0 us, <= 20 us in 7 of 8, 50 % of a core
// (8 earlier rounds, on a noisier host: 1/64 met 20 us in 2, 1/1024 in 6.)

#include <algorithm>
#include <chrono>

namespace perfgate {

class SpinMargin {
 public:
  using Duration = std::chrono::nanoseconds;
  static constexpr Duration kMin = std::chrono::microseconds(5);
  // A preempted thread wakes milliseconds late; spinning that long before every due
  // time would cost a core for one rare event.
  static constexpr Duration kMax = std::chrono::microseconds(250);

  Duration margin() const { return margin_; }
  // A wait that was within the margin from the start spun without sleeping, so it
  // taught nothing: shrink a little anyway, or a margin once grown past the time between
  // due times would never be tested again and the loop would spin for good.
  void spun_without_sleeping() { margin_ = std::max(margin_ - margin_ / 256, kMin); }
  // A sleep asked to end at some time ended `overshoot` after it.
  void observe(Duration overshoot) {
    const Duration wanted = overshoot + overshoot / 4;
    if (wanted > margin_) {
      margin_ = std::min(wanted, kMax);
    } else {
      margin_ = std::max(margin_ - margin_ / 256, kMin);
    }
  }

 private:
  Duration margin_ = std::chrono::microseconds(50);
};

}  // namespace perfgate
