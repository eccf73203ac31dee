#include "targets/http/http_target.h"

#include <httplib.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "common/http_url.h"
#include "perfgate/error.h"
#include "perfgate/version.h"
#include "targets/http/event_loop_runner.h"
#include "targets/http/http_endpoint.h"

namespace perfgate {
namespace {

struct Endpoint {
  std::string scheme_host_port;
  std::string path;  // with query
};

Endpoint split_url(const std::string& url) {
  std::string why;
  const auto parts = split_http_url(url, why);
  if (!parts) throw input_error("not an http(s) URL (" + why + "): " + url);
  return {parts->origin(), parts->target.empty() ? "/" : parts->target};
}

// Transport failures by what a user can act on.
std::string failure_kind(httplib::Error error, bool timed_out) {
  if (timed_out) return "timeout";
  switch (error) {
    case httplib::Error::Connection: return "connect_failed";
    case httplib::Error::ConnectionTimeout: return "connect_timeout";
    case httplib::Error::Read: return "connection_reset";
    case httplib::Error::Write: return "write_failed";
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification: return "tls_failed";
    default: return "request_failed";
  }
}

std::uint64_t header_bytes(const httplib::Headers& headers) {
  std::uint64_t n = 0;
  for (const auto& [k, v] : headers) n += k.size() + v.size() + 4;  // "k: v\r\n"
  return n;
}

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

struct Shared {
  HttpTargetSpec spec;
  Endpoint endpoint;
  httplib::Headers headers;
  std::string content_type;
};

class HttpWorker final : public Worker {
 public:
  explicit HttpWorker(const Shared& shared) : shared_(shared), client_(shared.endpoint.scheme_host_port) {
    using std::chrono::duration_cast;
    using std::chrono::microseconds;
    const auto timeout = duration_cast<microseconds>(shared.spec.timeout);
    client_.set_keep_alive(true);
    client_.set_tcp_nodelay(true);  // or small writes wait out delayed ACKs (~40 ms)
    client_.set_connection_timeout(timeout);
    client_.set_read_timeout(timeout);
    client_.set_write_timeout(timeout);
    request_.method = shared.spec.method;
    request_.path = shared.endpoint.path;
    request_.headers = shared.headers;
    request_.body = shared.spec.body;
    request_bytes_ = request_.method.size() + request_.path.size() + 11 + header_bytes(request_.headers) + 2 +
                     request_.body.size();
  }

  bool run_once(WorkerTally& tally) override {
    const auto start = std::chrono::steady_clock::now();
    const httplib::Result result = client_.send(request_);
    tally.bytes_sent += request_bytes_;
    if (!result) {
      const bool timed_out = std::chrono::steady_clock::now() - start >= shared_.spec.timeout;
      tally.add_error(failure_kind(result.error(), timed_out));
      return false;
    }
    const httplib::Response& res = *result;
    tally.bytes_received += 17 + res.reason.size() + header_bytes(res.headers) + 2 + res.body.size();
    const auto& expected = shared_.spec.expect_status;
    const bool ok = expected.empty() ? res.status >= 200 && res.status < 300
                                     : std::find(expected.begin(), expected.end(), res.status) != expected.end();
    if (!ok) tally.add_error("status_" + std::to_string(res.status));
    return ok;
  }

 private:
  const Shared& shared_;
  httplib::Client client_;
  httplib::Request request_;
  std::uint64_t request_bytes_ = 0;
};

class HttpTarget final : public Target {
 public:
  explicit HttpTarget(const HttpTargetSpec& spec)
      : shared_{spec, split_url(spec.url), {}, {}}, server_pid_(resolve_server_pid(spec)) {
    for (const auto& [k, v] : spec.headers) shared_.headers.emplace(k, v);
    if (!shared_.headers.count("User-Agent")) shared_.headers.emplace("User-Agent", std::string("perfgate/") + kVersion);
    if (!spec.body.empty() && !shared_.headers.count("Content-Type")) {
      shared_.headers.emplace("Content-Type", "application/octet-stream");
    }
  }
  std::unique_ptr<Worker> make_worker(unsigned) override { return std::make_unique<HttpWorker>(shared_); }
  // Plain HTTP runs on event loops; HTTPS keeps a thread and a cpp-httplib client per
  // connection (docs/http-engine.md, "HTTPS").
  std::unique_ptr<OperationRunner> make_event_runner(unsigned slots, unsigned threads) override {
    if (shared_.endpoint.scheme_host_port.rfind("https:", 0) == 0) return nullptr;
    return std::make_unique<EventLoopRunner>(make_http_endpoint(shared_.spec), slots, threads);
  }
  // Without a server pid, perf-run's own figures are reported (the client's cost).
  ResourceScope resource_scope() const override {
    return server_pid_ != 0 ? ResourceScope::kServerProcess : ResourceScope::kUnseenServer;
  }
  pid_t server_pid() const override { return server_pid_; }

 private:
  Shared shared_;
  pid_t server_pid_;
};

}  // namespace

std::unique_ptr<Target> make_http_target(const HttpTargetSpec& spec) { return std::make_unique<HttpTarget>(spec); }

void check_http_can_start(const HttpTargetSpec& spec) {
  HttpTarget target(spec);
  auto worker = target.make_worker(0);
  WorkerTally tally;
  if (worker->run_once(tally)) return;
  for (const auto& [reason, n] : tally.errors_by_reason) {
    if (reason.rfind("status_", 0) == 0) return;  // it answered
    throw environment_error(spec.url + ": cannot reach the target (" + reason + ")");
  }
}

}  // namespace perfgate
