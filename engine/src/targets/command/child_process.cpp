#include "targets/command/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "common/file_descriptor.h"
#include "common/format.h"
#include "perfgate/error.h"

extern char** environ;  // POSIX: the process environment

namespace perfgate {
namespace {

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> ptrs;
  ptrs.reserve(strings.size() + 1);
  for (auto& s : strings) ptrs.push_back(s.data());
  ptrs.push_back(nullptr);
  return ptrs;
}

}  // namespace

// RAII over the posix_spawn attribute objects.
class SpawnSetup {
 public:
  SpawnSetup(const std::string& cwd, const ChildOutput& output) {
    posix_spawnattr_init(&attr_);
    posix_spawn_file_actions_init(&actions_);
    // Own process group: a timeout can kill the whole tree, and the terminal's Ctrl-C
    // reaches perf-run alone, which then stops children deliberately.
    posix_spawnattr_setpgroup(&attr_, 0);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGPIPE}) sigaddset(&defaults, s);
    posix_spawnattr_setsigmask(&attr_, &none);  // perf-run blocks these in every thread
    posix_spawnattr_setsigdefault(&attr_, &defaults);
    posix_spawnattr_setflags(&attr_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                         POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_addopen(&actions_, 0, "/dev/null", O_RDONLY, 0);
    const auto open_output = [&](int fd, const std::string& path) {
      if (path.empty()) {
        posix_spawn_file_actions_addopen(&actions_, fd, "/dev/null", O_WRONLY, 0);
      } else {
        posix_spawn_file_actions_addopen(&actions_, fd, path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      }
    };
    open_output(1, output.stdout_path);
    open_output(2, output.stderr_path);
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions_, cwd.c_str());
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions_);
    posix_spawnattr_destroy(&attr_);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  const posix_spawnattr_t* attr() const { return &attr_; }
  const posix_spawn_file_actions_t* actions() const { return &actions_; }

 private:
  posix_spawnattr_t attr_;
  posix_spawn_file_actions_t actions_;
};

namespace {

// Waits until the child has exited (true) or the deadline/stop came first (false).
// Never reaps: wait4 does that afterwards and collects the rusage.
bool wait_for_exit(pid_t pid, std::chrono::steady_clock::time_point deadline,
                   const std::stop_token& stop) {
  constexpr auto kStopCheck = std::chrono::milliseconds(100);
  const FileDescriptor pidfd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
  while (!stop.stop_requested()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    const auto slice = std::min<std::chrono::steady_clock::duration>(deadline - now, kStopCheck);
    if (pidfd.get() >= 0) {
      pollfd pfd{pidfd.get(), POLLIN, 0};
      const int ms = static_cast<int>(
          std::chrono::ceil<std::chrono::milliseconds>(slice).count());
      if (poll(&pfd, 1, ms) > 0) return true;
    } else {  // kernels before 5.3: no pidfd
      siginfo_t info{};
      if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
          info.si_pid == pid) {
        return true;
      }
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          slice, std::chrono::milliseconds(1)));
    }
  }
  return false;
}

}  // namespace

SpawnCommand::SpawnCommand(std::string executable, std::vector<std::string> argv,
                           std::vector<std::string> env, std::string cwd, const ChildOutput& output)
    : executable_(std::move(executable)),
      argv_(std::move(argv)),
      env_(std::move(env)),
      argv_ptrs_(pointers_to(argv_)),
      env_ptrs_(pointers_to(env_)),
      setup_(std::make_unique<const SpawnSetup>(cwd, output)) {}

namespace {

bool is_executable_file(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) && access(p.c_str(), X_OK) == 0;
}

}  // namespace

std::string resolve_executable(const std::string& name, const std::string& cwd, const std::string& what) {
  namespace fs = std::filesystem;
  if (name.find('/') != std::string::npos) {
    const fs::path p = fs::path(name).is_absolute() || cwd.empty() ? fs::path(name) : fs::path(cwd) / name;
    if (is_executable_file(p)) return name;
  } else {
    const char* path_env = std::getenv("PATH");
    std::string_view dirs = path_env ? path_env : "/usr/local/bin:/usr/bin:/bin";
    while (true) {
      const auto colon = dirs.find(':');
      const fs::path dir(std::string(dirs.substr(0, colon)));
      if (is_executable_file(dir / name)) return (dir / name).string();
      if (colon == std::string_view::npos) break;
      dirs.remove_prefix(colon + 1);
    }
  }
  throw environment_error(what + ": cannot execute '" + name + "': not found or not executable");
}

std::vector<std::string> inherited_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  return env;
}

SpawnCommand::~SpawnCommand() = default;

std::string ChildOutcome::describe(Seconds timeout) const {
  switch (kind) {
    case Kind::kExited:
      return "exit status " + std::to_string(code);
    case Kind::kSignaled: {
      const char* name = sigabbrev_np(code);
      return std::string("killed by signal ") + (name ? std::string("SIG") + name : std::to_string(code));
    }
    case Kind::kTimedOut:
      return "timeout after " + format_seconds(timeout);
    case Kind::kStopped:
      return "stopped by perf-run";
    case Kind::kSpawnFailed:
      return std::string("spawn failed: ") + std::strerror(code);
  }
  return "unknown";
}

ChildOutcome run_child(const SpawnCommand& command, Seconds timeout, const std::stop_token& stop) {
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(timeout);
  ChildOutcome outcome;
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, command.executable().c_str(), command.setup().actions(),
                             command.setup().attr(), command.argv(), command.envp());
  if (rc != 0) {
    outcome.kind = ChildOutcome::Kind::kSpawnFailed;
    outcome.code = rc;
    return outcome;
  }
  const bool exited = wait_for_exit(pid, deadline, stop);
  if (!exited) {
    kill(-pid, SIGKILL);
    outcome.kind = stop.stop_requested() ? ChildOutcome::Kind::kStopped
                                         : ChildOutcome::Kind::kTimedOut;
  }
  int status = 0;
  while (wait4(pid, &status, 0, &outcome.usage) < 0 && errno == EINTR) {
  }
  if (exited) {
    if (WIFEXITED(status)) {
      outcome.code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      outcome.kind = ChildOutcome::Kind::kSignaled;
      outcome.code = WTERMSIG(status);
    }
  }
  return outcome;
}

}  // namespace perfgate
