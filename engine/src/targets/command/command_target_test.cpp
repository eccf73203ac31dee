#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "error_text.h"
#include "measure/process_stats.h"
#include "targets/command/child_process.h"
#include "targets/command/command_target.h"
#include "temp_dir.h"

using namespace perfgate;

namespace {

CommandTargetSpec child(std::vector<std::string> args) {
  CommandTargetSpec spec;
  spec.argv = {PERFGATE_TEST_CHILD};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.timeout = Seconds(10);
  return spec;
}

struct OneRun {
  bool ok;
  WorkerTally tally;
};

OneRun run_once(const CommandTargetSpec& spec, std::stop_token stop = {}) {
  auto target = make_command_target(spec, stop);
  OneRun r{false, {}};
  r.ok = target->make_worker(0)->run_once(r.tally);
  return r;
}

std::string only_error(const OneRun& r) {
  REQUIRE(r.tally.errors_by_reason.size() == 1);
  return r.tally.errors_by_reason.begin()->first;
}

// A process that is gone or a zombie has stopped running.
bool process_running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, comm, state;
  if (!(stat >> pid_field >> comm >> state)) return false;
  return state != "Z" && state != "X";
}

}  // namespace

TEST_CASE("a successful child is one successful operation with its CPU and RSS") {
  const auto r = run_once(child({"exit", "0"}));
  CHECK(r.ok);
  CHECK(r.tally.errors_by_reason.empty());
  CHECK(r.tally.children.peak_rss_bytes > 0);
  CHECK(r.tally.children.rss_over_time.count() == 1);
}

TEST_CASE("non-zero exit, signals and timeouts are errors with their reasons") {
  CHECK(only_error(run_once(child({"exit", "3"}))) == "exit status 3");
  CHECK(only_error(run_once(child({"signal", std::to_string(SIGSEGV)}))) == "killed by signal SIGSEGV");
  auto slow = child({"sleep", "30"});
  slow.timeout = Seconds(0.2);
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_once(slow);
  CHECK_FALSE(r.ok);
  CHECK(only_error(r) == "timeout after 200ms");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("a timeout kills the child's whole process group") {
  const TempDir dir;
  const auto pidfile = (dir.path() / "grandchild.pid").string();
  auto spec = child({"spawn-sleeper", pidfile, "30"});
  spec.timeout = Seconds(0.5);
  const auto r = run_once(spec);
  CHECK(only_error(r) == "timeout after 500ms");
  pid_t grandchild = 0;
  std::ifstream(pidfile) >> grandchild;
  REQUIRE(grandchild > 0);
  // SIGKILL is delivered asynchronously; allow the kernel a moment to finish the kill.
  for (int i = 0; i < 100 && process_running(grandchild); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK_FALSE(process_running(grandchild));
}

TEST_CASE("peak RSS is the child's own: a big child does not leak into the next one") {
  // Linux charges a vfork+exec child with the parent's resident size at spawn time, so
  // the floor is this process's RSS (over 100 MiB under ASan, 450 MiB late in the whole
  // unit-test run), not the child's own.
  const double floor_mib = double(self_rss_bytes()) / (1 << 20);
  const auto big = run_once(child({"alloc", "200"}));
  REQUIRE(big.ok);
  const double big_mib = double(big.tally.children.peak_rss_bytes) / (1 << 20);
  CHECK(big_mib > 195);
  CHECK(big_mib < std::max(260.0, floor_mib + 60));
  const auto small = run_once(child({"exit", "0"}));
  CHECK(double(small.tally.children.peak_rss_bytes) / (1 << 20) < std::max(100.0, floor_mib + 30));
}

TEST_CASE("environment and working directory reach the child") {
  auto env = child({"check-env", "PERFGATE_PROBE", "yes"});
  env.env["PERFGATE_PROBE"] = "yes";
  CHECK(run_once(env).ok);
  env.inherit_env = false;
  CHECK(run_once(env).ok);
  CHECK_FALSE(run_once(child({"check-env", "PERFGATE_PROBE", "yes"})).ok);
  const TempDir dir;
  auto cwd = child({"check-cwd", dir.path().string()});
  cwd.cwd = dir.path().string();
  CHECK(run_once(cwd).ok);
}

TEST_CASE("a stop request ends a running child promptly") {
  std::stop_source stop;
  std::jthread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop.request_stop();
  });
  const auto r = run_once(child({"sleep", "30"}), stop.get_token());
  CHECK(only_error(r) == "stopped by perf-run");
}

TEST_CASE("a target that cannot start is an environment error before any run") {
  CommandTargetSpec missing;
  missing.argv = {"perfgate-no-such-program"};
  const std::string e = error_text([&] { make_command_target(missing, {}); });
  CHECK(e == "command target: cannot execute 'perfgate-no-such-program': not found or not executable");
  auto bad_cwd = child({"exit", "0"});
  bad_cwd.cwd = "/nonexistent-dir";
  CHECK(error_text([&] { make_command_target(bad_cwd, {}); }) ==
        "command target: working directory '/nonexistent-dir' does not exist");
  CommandTargetSpec on_path;
  on_path.argv = {"true"};
  CHECK_NOTHROW(check_command_can_start(on_path));
}
