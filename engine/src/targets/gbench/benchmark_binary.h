#pragma once
// A Google Benchmark binary as perf-run uses it: recognised by its --help, asked for its
// benchmarks with --benchmark_list_tests, and run one benchmark per process with its
// JSON report written to a file (docs/gbench.md, "How a trial runs").

#include <stop_token>
#include <string>
#include <vector>

#include "common/scratch_directory.h"
#include "perfgate/suite.h"
#include "targets/command/child_process.h"

namespace perfgate {

struct BenchmarkRun {
  ChildOutcome outcome;
  Seconds wall{0};
  std::string report;     // the --benchmark_out JSON; empty when the process wrote none
  std::string last_error;  // the last line the process wrote to stderr, for messages
};

class BenchmarkBinary {
 public:
  // Throws kEnvironment when the binary cannot be run or is not a Google Benchmark
  // binary (its --help does not describe --benchmark_filter).
  BenchmarkBinary(const GbenchTargetSpec& spec, std::stop_token stop);

  // The benchmarks matching `spec.filter` (all when empty), in the binary's order.
  // Throws kInput when the filter matches none, kEnvironment when listing fails.
  std::vector<std::string> list() const;

  // Runs `spec.benchmark` alone for at least `min_time` (one repetition).
  BenchmarkRun run(Seconds min_time) const;

  const GbenchTargetSpec& spec() const { return spec_; }

 private:
  struct Output {
    ChildOutcome outcome;
    std::string out, err;
  };
  ChildOutcome spawn(const std::vector<std::string>& flags, const ChildOutput& files, Seconds timeout) const;
  Output run_with(const std::vector<std::string>& flags) const;
  std::string name() const { return "Google Benchmark binary '" + spec_.binary + "'"; }

  GbenchTargetSpec spec_;
  std::string executable_;
  std::stop_token stop_;
  ScratchDirectory scratch_;
  // Releases from 1.8 take "--benchmark_min_time=0.5s"; older ones a bare number.
  bool min_time_has_unit_ = false;
};

}  // namespace perfgate
