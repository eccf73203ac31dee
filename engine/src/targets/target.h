#pragma once
// What the load models drive. A Target is set up once per scenario and makes the runner
// of its operations: its own event loops (HTTP), or, for a WorkerTarget, one thread per
// Worker, each calling run_once() in a loop over shared read-only data (such as a
// generated graph), so workers need no locking.

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <sys/types.h>

#include "measure/linear_trend.h"
#include "perfgate/units.h"

namespace perfgate {

class OperationRunner;

// Resource use of child processes, for targets whose system under test is a child.
struct ChildUsage {
  Nanoseconds user{0};
  Nanoseconds system{0};
  std::uint64_t peak_rss_bytes = 0;
  LinearTrend rss_over_time;  // x: seconds since trial start, y: each child's peak RSS
};

// Everything a worker counts besides latency. Merged across workers after a trial.
struct WorkerTally {
  std::map<std::string, std::uint64_t> errors_by_reason;
  ChildUsage children;
  std::uint64_t bytes_sent = 0, bytes_received = 0;  // targets that talk over a network
  // Time in which the target refused or dropped every new connection. Threads see the
  // same outage, so merging takes the longest, not the sum.
  Nanoseconds unavailable{0};

  void add_error(const std::string& reason) { ++errors_by_reason[reason]; }
  void merge(const WorkerTally& other) {
    for (const auto& [reason, n] : other.errors_by_reason) errors_by_reason[reason] += n;
    children.user += other.children.user;
    children.system += other.children.system;
    children.peak_rss_bytes = std::max(children.peak_rss_bytes, other.children.peak_rss_bytes);
    children.rss_over_time.merge(other.children.rss_over_time);
    bytes_sent += other.bytes_sent;
    bytes_received += other.bytes_received;
    unavailable = std::max(unavailable, other.unavailable);
  }
};

class Worker {
 public:
  virtual ~Worker() = default;
  // One operation. Returns false when it failed, after adding the reason to `tally`.
  virtual bool run_once(WorkerTally& tally) = 0;
};

enum class ResourceScope {
  kThisProcess,     // the work runs inside perf-run: measure perf-run itself
  kChildProcesses,  // the work runs in children: workers fill WorkerTally::children
  kServerProcess,   // the work runs in a server whose pid the target names: sample it
  // The work runs in a server perf-run cannot see (HTTP without a pid): perf-run itself
  // is measured, and the server's CPU cannot be told apart from other processes'.
  kUnseenServer,
};

class Target {
 public:
  virtual ~Target() = default;
  // Runs up to `slots` concurrent operations; `threads` is the load's event-loop thread
  // count (0: the target's choice), which only targets with their own loops use.
  virtual std::unique_ptr<OperationRunner> make_runner(unsigned slots, unsigned threads) = 0;
  virtual ResourceScope resource_scope() const = 0;
  virtual pid_t server_pid() const { return 0; }  // kServerProcess only
};

// A target that does one operation per call: each slot is a thread with its own Worker
// (load/worker_threads.h).
class WorkerTarget : public Target {
 public:
  virtual std::unique_ptr<Worker> make_worker(unsigned worker_index) = 0;
  std::unique_ptr<OperationRunner> make_runner(unsigned slots, unsigned threads) final;
};

}  // namespace perfgate
