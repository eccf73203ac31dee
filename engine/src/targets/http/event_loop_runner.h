#pragma once
// The HTTP target's runner: `threads` event loops (targets/http/event_loop.h), each with
// its share of the connections. In the open model loop i takes operations i, i + n,
// i + 2n, ... of the timetable, so the loops never contend for the next operation.

#include <memory>
#include <vector>

#include "load/operation_runner.h"
#include "targets/http/event_loop.h"
#include "targets/http/http_endpoint.h"

namespace perfgate {

class EventLoopRunner final : public OperationRunner {
 public:
  // `threads` 0: default_load_threads.
  EventLoopRunner(HttpEndpoint endpoint, unsigned connections, unsigned threads);
  RunTally run_closed(Seconds duration, const std::stop_token& stop, LoadClock::time_point& start) override;
  RunTally run_open(OpenTrial& trial, const std::function<void()>& supervise) override;

 private:
  HttpEndpoint endpoint_;  // the loops refer to it
  std::vector<std::unique_ptr<HttpEventLoop>> loops_;
};

// One loop per core the server does not need, as `wrk -t`: a server on this machine
// (a loopback address) gets half the cores, a remote one none; never more loops than
// connections.
unsigned default_load_threads(const HttpEndpoint& endpoint, unsigned connections, unsigned cores);

}  // namespace perfgate
