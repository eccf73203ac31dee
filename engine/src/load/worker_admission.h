#pragma once
// How many of the open model's workers may take operations. A worker costs nothing
// while it waits for admission (a futex wait, no timer), so only as many threads as the
// load needs wake up near due times: on a small machine every extra runnable thread
// makes the others' wake-ups later. One worker, the standby, watches for the moment an
// operation falls due with every admitted worker inside an operation, and then admits
// itself.

#include <atomic>

namespace perfgate {

class WorkerAdmission {
 public:
  WorkerAdmission(unsigned initial, unsigned max) : admitted_(initial < max ? initial : max), max_(max) {}

  unsigned admitted() const { return admitted_.load(std::memory_order_acquire); }
  // Admitted workers inside an operation (not sleeping until one is due).
  void begin_operation() { busy_.fetch_add(1, std::memory_order_relaxed); }
  void end_operation() { busy_.fetch_sub(1, std::memory_order_relaxed); }
  bool all_busy() const { return busy_.load(std::memory_order_relaxed) >= admitted(); }
  bool closed() const { return closed_.load(std::memory_order_acquire); }
  // Admits worker `index` if it is next in line (the standby); true when it is admitted.
  bool admit(unsigned index) {
    unsigned expected = index;
    if (index >= max_ || !admitted_.compare_exchange_strong(expected, index + 1)) return admitted() > index;
    admitted_.notify_all();  // the next in line becomes the standby
    return true;
  }
  // Blocks while the admitted count is `seen` and the run goes on.
  void wait_for_change(unsigned seen) const {
    if (!closed()) admitted_.wait(seen, std::memory_order_acquire);
  }
  // The run is over: every waiting worker returns.
  void close() {
    closed_.store(true, std::memory_order_release);
    admitted_.fetch_add(0x10000, std::memory_order_acq_rel);  // a change, for waiters
    admitted_.notify_all();
  }

 private:
  std::atomic<unsigned> admitted_;
  std::atomic<unsigned> busy_{0};
  std::atomic<bool> closed_{false};
  unsigned max_;
};

}  // namespace perfgate
