#pragma once
// Runs one child process to completion: posix_spawn into its own process group,
// then wait (pidfd + poll) up to a timeout, then wait4 for the child's own rusage.
// A child past its timeout, or still running when a stop is requested, is killed
// with its whole process group, so a hung grandchild cannot outlive the run.

#include <sys/resource.h>

#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "perfgate/units.h"

namespace perfgate {

class SpawnSetup;

// argv, envp and spawn attributes prepared once and reused for every spawn of the
// same command, so the per-run cost is posix_spawn + wait and little else.
class SpawnCommand {
 public:
  SpawnCommand(std::string executable, std::vector<std::string> argv,
               std::vector<std::string> env, std::string cwd);
  ~SpawnCommand();
  SpawnCommand(const SpawnCommand&) = delete;
  SpawnCommand& operator=(const SpawnCommand&) = delete;

  const std::string& executable() const { return executable_; }
  char* const* argv() const { return argv_ptrs_.data(); }
  char* const* envp() const { return env_ptrs_.data(); }
  const SpawnSetup& setup() const { return *setup_; }

 private:
  std::string executable_;
  std::vector<std::string> argv_, env_;
  std::vector<char*> argv_ptrs_, env_ptrs_;
  std::unique_ptr<const SpawnSetup> setup_;
};

struct ChildOutcome {
  enum class Kind { kExited, kSignaled, kTimedOut, kStopped, kSpawnFailed };
  Kind kind = Kind::kExited;
  int code = 0;  // exit status, signal number, or errno for kSpawnFailed
  rusage usage{};

  bool succeeded() const { return kind == Kind::kExited && code == 0; }
  std::string describe(Seconds timeout) const;  // the error reason counted in results
};

ChildOutcome run_child(const SpawnCommand& command, Seconds timeout, const std::stop_token& stop);

}  // namespace perfgate
