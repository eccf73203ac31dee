#pragma once
// CPU profiles: call stacks sampled during a separate profiling trial of a scenario
// (perf-run --profile), stored folded in the result, and compared function by function
// between baseline and candidate (docs/profiles.md).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "perfgate/json.h"

namespace perfgate {

// One distinct call stack, root first, frames joined by ';' (the "folded" format of
// flame graph tools), and how many samples ended in it.
struct FoldedStack {
  std::string frames;
  std::uint64_t samples = 0;
};

struct Profile {
  // Why there is no profile when sampling could not run (not permitted, ...); the
  // measured trials are unaffected. Everything else is empty then.
  std::string unavailable;
  std::string scope;         // "perf-run", "children" or "server"
  double rate_hz = 0;        // cpu-clock samples per second of CPU time
  double duration_s = 0;     // of the profiling trial
  std::uint64_t operations = 0;  // in the profiling trial
  // The profiling trial's throughput over the median of the measured trials': the
  // profiler's cost (and the trial's noise), shown next to the profile.
  double throughput_ratio = 0;
  std::uint64_t samples = 0;  // every sample taken, including those in `other_samples`
  std::uint64_t lost = 0;     // samples the kernel dropped (ring buffer full)
  std::uint64_t processes = 0;  // that were sampled at least once
  // The kernel starts each new process's sampling clock when the process starts, so a
  // command that lives only a few sampling periods is sampled at the same offsets every
  // run: its profile is biased toward whatever runs at those offsets, and one shorter
  // than a period is never sampled. True for child processes with fewer samples each
  // than this, or none at all.
  static constexpr double kFewSamplesPerProcess = 20;
  bool phase_locked() const {
    if (scope != "children") return false;
    return processes > 0 ? double(samples) / double(processes) < kFewSamplesPerProcess : operations > 0;
  }
  std::string phase_locked_note() const;
  std::vector<FoldedStack> stacks;  // the most frequent, most samples first
  std::uint64_t other_samples = 0, other_stacks = 0;  // the rest, summarised

  bool available() const { return unavailable.empty(); }
  // CPU time one sample stands for.
  double seconds_per_sample() const { return rate_hz > 0 ? 1.0 / rate_hz : 0; }
};

Json to_json(const Profile& profile);
// Throws kInput naming `where` and the field.
Profile profile_from_json(const Json& doc, const std::string& where);

// A function's share of a profile: self = samples in which it was the leaf, total =
// samples with it anywhere on the stack (counted once per sample).
struct FunctionShare {
  std::string function;
  std::uint64_t self = 0, total = 0;
};
// Every function, most self samples first.
std::vector<FunctionShare> function_shares(const Profile& profile);

// One function compared between two profiles of the same scenario.
struct FunctionChange {
  std::string function;
  std::uint64_t baseline_self = 0, candidate_self = 0, baseline_total = 0, candidate_total = 0;
  // CPU time per operation (seconds) spent in the function itself, each side.
  double baseline_self_per_op = 0, candidate_self_per_op = 0;
  // candidate / baseline CPU time per operation, self and total, with intervals at the
  // diff's confidence (exact conditional binomial: counts are Poisson in CPU time).
  double self_ratio = 1, self_low = 0, self_high = 0;
  double total_ratio = 1, total_low = 0, total_high = 0;
  // Shares of all samples, each side, and the Holm-adjusted p-value that the share
  // changed (exact conditional binomial test on the 2 x 2 table).
  double baseline_self_share = 0, candidate_self_share = 0;
  double baseline_total_share = 0, candidate_total_share = 0;
  double self_p = 1, total_p = 1;
  // A finding: the share moved significantly, the per-operation interval excludes no
  // change, and the change is at least the minimum. "slower", "faster" or "".
  std::string self_finding, total_finding;
};

struct ProfileDiffOptions {
  double alpha = 0.01;       // family-wise over the functions compared
  double min_change = 0.05;  // smallest per-operation change reported as a finding
  std::size_t min_samples = 20;  // a function needs this many (both sides) to be tested
};

struct ProfileDiff {
  std::string scenario;
  double alpha = 0.01, min_change = 0.05;
  std::uint64_t baseline_samples = 0, candidate_samples = 0;
  std::uint64_t baseline_operations = 0, candidate_operations = 0;
  // Every tested function, largest absolute change of self time per operation first.
  std::vector<FunctionChange> functions;
  // Both sides' stacks, for the differential flame graph (regressed scenarios only).
  std::vector<FoldedStack> baseline_stacks, candidate_stacks;
  std::uint64_t baseline_other = 0, candidate_other = 0;
  double baseline_seconds_per_sample = 0, candidate_seconds_per_sample = 0;

  std::size_t findings() const;
};

// Throws kInput when either profile is unavailable.
ProfileDiff diff_profiles(const Profile& baseline, const Profile& candidate,
                          const ProfileDiffOptions& options = {});

Json to_json(const ProfileDiff& diff);
ProfileDiff profile_diff_from_json(const Json& doc, const std::string& where);

}  // namespace perfgate
