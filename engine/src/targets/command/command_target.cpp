#include "targets/command/command_target.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "perfgate/error.h"
#include "targets/command/child_process.h"


namespace perfgate {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> child_environment(const CommandTargetSpec& spec) {
  std::map<std::string, std::string> merged;
  if (spec.inherit_env) {
    for (const std::string& entry : inherited_environment()) {
      const auto eq = entry.find('=');
      if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
  }
  for (const auto& [k, v] : spec.env) merged[k] = v;
  std::vector<std::string> env;
  for (const auto& [k, v] : merged) env.push_back(k + "=" + v);
  return env;
}

// x of the children's RSS trend: any steady origin will do for a slope.
double steady_clock_seconds() {
  return Seconds(std::chrono::steady_clock::now().time_since_epoch()).count();
}

class CommandWorker final : public Worker {
 public:
  CommandWorker(const SpawnCommand& command, Seconds timeout, std::stop_token stop)
      : command_(command), timeout_(timeout), stop_(std::move(stop)) {}

  bool run_once(WorkerTally& tally) override {
    const ChildOutcome outcome = run_child(command_, timeout_, stop_);
    if (outcome.kind != ChildOutcome::Kind::kSpawnFailed) account(outcome, tally.children);
    if (outcome.succeeded()) return true;
    tally.add_error(outcome.describe(timeout_));
    return false;
  }

 private:
  static void account(const ChildOutcome& outcome, ChildUsage& usage) {
    usage.user += std::chrono::seconds(outcome.usage.ru_utime.tv_sec) +
                  std::chrono::microseconds(outcome.usage.ru_utime.tv_usec);
    usage.system += std::chrono::seconds(outcome.usage.ru_stime.tv_sec) +
                    std::chrono::microseconds(outcome.usage.ru_stime.tv_usec);
    const auto rss = static_cast<std::uint64_t>(outcome.usage.ru_maxrss) * 1024;  // KiB on Linux
    usage.peak_rss_bytes = std::max(usage.peak_rss_bytes, rss);
    usage.rss_over_time.add(steady_clock_seconds(), double(rss));
  }

  const SpawnCommand& command_;
  Seconds timeout_;
  std::stop_token stop_;
};

class CommandTarget final : public WorkerTarget {
 public:
  CommandTarget(const CommandTargetSpec& spec, std::stop_token stop)
      : command_(resolve_executable(spec.argv.at(0), spec.cwd, "command target"), spec.argv,
                 child_environment(spec), spec.cwd),
        timeout_(spec.timeout),
        stop_(std::move(stop)) {}

  std::unique_ptr<Worker> make_worker(unsigned) override {
    return std::make_unique<CommandWorker>(command_, timeout_, stop_);
  }
  ResourceScope resource_scope() const override { return ResourceScope::kChildProcesses; }

 private:
  SpawnCommand command_;
  Seconds timeout_;
  std::stop_token stop_;
};

}  // namespace

void check_command_can_start(const CommandTargetSpec& spec) {
  std::error_code ec;
  if (!spec.cwd.empty() && !fs::is_directory(spec.cwd, ec)) {
    throw environment_error("command target: working directory '" + spec.cwd + "' does not exist");
  }
  resolve_executable(spec.argv.at(0), spec.cwd, "command target");
}

std::unique_ptr<WorkerTarget> make_command_target(const CommandTargetSpec& spec, std::stop_token stop) {
  check_command_can_start(spec);
  return std::make_unique<CommandTarget>(spec, std::move(stop));
}

}  // namespace perfgate
