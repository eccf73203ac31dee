#include "targets/http/http_target.h"

#include <sys/stat.h>

#include <fstream>

#include "perfgate/error.h"
#include "targets/http/event_loop.h"
#include "targets/http/event_loop_runner.h"
#include "targets/http/http_endpoint.h"

namespace perfgate {
namespace {

// The server to sample, checked to be alive now; 0 when the spec names none.
pid_t resolve_server_pid(const HttpTargetSpec& spec) {
  pid_t pid = spec.server_pid.value_or(0);
  if (!spec.server_pid_file.empty()) {
    std::ifstream file(spec.server_pid_file);
    long long value = 0;
    if (!(file >> value) || value <= 0) {
      throw environment_error("server_pid_file " + spec.server_pid_file + ": cannot read a process id from it");
    }
    pid = pid_t(value);
  }
  struct stat st {};
  if (pid != 0 && stat(("/proc/" + std::to_string(pid)).c_str(), &st) != 0) {
    throw environment_error("server pid " + std::to_string(pid) + ": no such process to sample");
  }
  return pid;
}

class HttpTarget final : public Target {
 public:
  explicit HttpTarget(const HttpTargetSpec& spec) : endpoint_(make_http_endpoint(spec)), server_pid_(resolve_server_pid(spec)) {}
  std::unique_ptr<OperationRunner> make_runner(unsigned slots, unsigned threads) override {
    return std::make_unique<EventLoopRunner>(endpoint_, slots, threads);
  }
  // Without a server pid, perf-run's own figures are reported (the client's cost).
  ResourceScope resource_scope() const override {
    return server_pid_ != 0 ? ResourceScope::kServerProcess : ResourceScope::kUnseenServer;
  }
  pid_t server_pid() const override { return server_pid_; }

 private:
  HttpEndpoint endpoint_;
  pid_t server_pid_;
};

}  // namespace

std::unique_ptr<Target> make_http_target(const HttpTargetSpec& spec) { return std::make_unique<HttpTarget>(spec); }

void check_http_can_start(const HttpTargetSpec& spec) {
  const HttpEndpoint endpoint = make_http_endpoint(spec);
  HttpEventLoop loop(endpoint, 1);
  RunTally tally;
  const auto now = LoadClock::now();
  loop.run_closed(now, now, {}, tally);  // the deadline has passed: exactly one request
  for (const auto& [reason, n] : tally.tally.errors_by_reason) {
    if (reason.rfind("status_", 0) == 0) return;  // it answered
    throw environment_error(spec.url + ": cannot reach the target (" + reason + ")");
  }
}

}  // namespace perfgate
