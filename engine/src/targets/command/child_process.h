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

// Where a child's standard output and error go: a file (created or truncated), or
// /dev/null when empty. Commands measured per operation discard both; a benchmark
// binary's listing and messages are read back.
struct ChildOutput {
  std::string stdout_path, stderr_path;
};

// argv, envp and spawn attributes prepared once and reused for every spawn of the
// same command, so the per-run cost is posix_spawn + wait and little else.
class SpawnCommand {
 public:
  SpawnCommand(std::string executable, std::vector<std::string> argv,
               std::vector<std::string> env, std::string cwd, const ChildOutput& output = {});
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

// posix_spawnp's search, done once up front so that a typo fails before any trial: the
// path to execute. Throws kEnvironment, "WHAT: cannot execute 'NAME': ...".
std::string resolve_executable(const std::string& name, const std::string& cwd, const std::string& what);

// The environment perf-run was started with, for children that inherit it.
std::vector<std::string> inherited_environment();

}  // namespace perfgate
