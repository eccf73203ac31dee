#pragma once
// Samples user-space call stacks with perf_event_open's software cpu-clock event (the
// one event every kernel and VM has), frame-pointer call chains from the kernel, and
// the processes' executable mappings from the same ring buffers, so that stacks of a
// child that has already exited can still be symbolised.

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "profile/process_maps.h"

namespace perfgate {

enum class SamplingScope {
  kThisProcess,  // the calling thread and every thread it starts from now on
  kChildren,     // processes the calling thread's threads start from now on
  kServer,       // every current thread of another process
};

std::string to_string(SamplingScope scope);  // "perf-run", "children", "server"

// One sample: its process and its user-space return addresses, leaf first.
struct RawStack {
  pid_t pid = 0;
  std::vector<std::uint64_t> ips;
};

struct SampledStacks {
  std::vector<RawStack> stacks;
  std::uint64_t lost = 0;
  ProcessMaps maps;  // of every sampled process, as the ring buffers reported them
};

class RingBuffer;

class StackSampler {
 public:
  // Opens the events and starts sampling at `rate_hz` per second of CPU time. Throws
  // kEnvironment when the kernel does not allow sampling (the message says why).
  StackSampler(SamplingScope scope, pid_t server_pid, double rate_hz);
  ~StackSampler();
  StackSampler(const StackSampler&) = delete;
  StackSampler& operator=(const StackSampler&) = delete;

  // Samples so far; safe to call while sampling.
  std::uint64_t samples() const { return samples_seen_.load(std::memory_order_relaxed); }
  // Stops sampling and returns everything sampled; call once.
  SampledStacks stop();

 private:
  void open_events(pid_t pid, bool inherit);
  void drain();
  void handle(const std::vector<std::byte>& record);

  SamplingScope scope_;
  pid_t self_;
  std::uint64_t period_ns_;
  std::vector<int> fds_;
  std::vector<std::unique_ptr<RingBuffer>> buffers_;  // one per CPU
  SampledStacks sampled_;
  std::atomic<bool> ready_{false}, stopping_{false};
  std::atomic<std::uint64_t> samples_seen_{0};
  std::thread reader_;
  bool stopped_ = false;
};

}  // namespace perfgate
