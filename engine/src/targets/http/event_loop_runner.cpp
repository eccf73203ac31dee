#include "targets/http/event_loop_runner.h"

#include <netinet/in.h>
#include <sys/resource.h>

#include <algorithm>
#include <thread>

#include "load/open_trial.h"
#include "load/released_threads.h"
#include "perfgate/error.h"

namespace perfgate {
namespace {

bool is_loopback(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(address);
    return (ntohl(in.sin_addr.s_addr) >> 24) == 127;
  }
  if (address.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address);
    return IN6_IS_ADDR_LOOPBACK(&in6.sin6_addr);
  }
  return false;
}

// Every connection is a file descriptor. Raises the soft limit towards the hard one when
// the load needs more (the usual soft limit, 1 024, is below many loads); a load that
// cannot have them is refused before it starts rather than failing request by request.
void ensure_descriptors(unsigned connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t wanted = rlim_t(connections) + 256;  // perf-run's own files, pipes and epoll sets
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = std::min(wanted, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted) {
    throw environment_error(std::to_string(connections) + " connections need " + std::to_string(wanted) +
                            " file descriptors, and this process may open " + std::to_string(limit.rlim_max) +
                            " (raise the hard limit: ulimit -Hn, or the service's LimitNOFILE)");
  }
}

}  // namespace

unsigned default_load_threads(const HttpEndpoint& endpoint, unsigned connections, unsigned cores) {
  const unsigned wanted = is_loopback(endpoint.address) ? cores / 2 : cores;
  return std::clamp(wanted, 1u, std::max(connections, 1u));
}

EventLoopRunner::EventLoopRunner(HttpEndpoint endpoint, unsigned connections, unsigned threads)
    : endpoint_(std::move(endpoint)) {
  ensure_descriptors(connections);
  const unsigned n = std::min(
      threads != 0 ? threads : default_load_threads(endpoint_, connections, std::thread::hardware_concurrency()),
      std::max(connections, 1u));
  for (unsigned i = 0; i < n; ++i) {
    loops_.push_back(std::make_unique<HttpEventLoop>(endpoint_, connections / n + (i < connections % n ? 1 : 0)));
  }
}

RunTally EventLoopRunner::run_closed(Seconds duration, const std::stop_token& stop, LoadClock::time_point& start) {
  return run_closed_together(loops_.size(), duration, start, [&](std::size_t i, RunTally& out, auto begin, auto end) {
    loops_[i]->run_closed(begin, end, stop, out);
  });
}

RunTally EventLoopRunner::run_open(OpenTrial& trial, const std::function<void()>& supervise) {
  const auto n = unsigned(loops_.size());
  return run_released_together(
      n, [&] { trial.begin(); }, [&](std::size_t i, RunTally& out) { loops_[i]->run_open(trial, unsigned(i), n, out); },
      supervise);
}

}  // namespace perfgate
