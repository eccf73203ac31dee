#pragma once
// One thread's share of an HTTP load: many non-blocking keep-alive connections on one
// epoll instance. A request is written straight from the completion of the previous one
// (closed model) or at its due time (open model); the loop sleeps in epoll_pwait2 with a
// nanosecond timeout and spins only the last few microseconds before a due time
// (load/spin_margin.h), handling I/O as it spins. Per request: one send, one recv, and
// a share of one epoll wait.
//
// Every failure is the connection's own: it is counted by kind and that connection is
// closed or retried, while the others go on. A server that refuses connections puts the
// whole loop in a bounded exponential backoff (reconnect_backoff.h), so a dead server
// costs a few failed connects per second, not a spinning core.

#include <sys/epoll.h>

#include <cstdint>
#include <stop_token>
#include <vector>

#include "common/file_descriptor.h"
#include "load/operation_runner.h"
#include "load/spin_margin.h"
#include "targets/http/busy_poll.h"
#include "targets/http/connection.h"
#include "targets/http/http_endpoint.h"
#include "targets/http/reconnect_backoff.h"

namespace perfgate {

struct OpenTrial;

class HttpEventLoop {
 public:
  // Connections are opened as they are needed and kept across runs (warmup, trials).
  HttpEventLoop(const HttpEndpoint& endpoint, unsigned connections);

  // Closed model: every connection keeps one request in flight until `deadline`; then
  // the loop waits for those in flight to end or time out.
  void run_closed(LoadClock::time_point start, LoadClock::time_point deadline, const std::stop_token& stop,
                  RunTally& out);
  // Open model: operations first, first + stride, ... of the trial's timetable, each on a
  // free connection at its due time (a new one while fewer than `connections` are open).
  void run_open(const OpenTrial& trial, unsigned first, unsigned stride, RunTally& out);

 private:
  enum class Mode { kClosed, kOpen };
  using Clock = LoadClock;

  // Operations.
  void start_operation(std::uint32_t id, Clock::time_point now);
  void connect(Connection& c, Clock::time_point now);
  void send_request(Connection& c, Clock::time_point now);
  void receive(Connection& c, Clock::time_point now);
  void on_event(Connection& c, std::uint32_t events, Clock::time_point now);
  void on_connected(Connection& c, Clock::time_point now);
  void continue_handshake(Connection& c, Clock::time_point now);
  // One read or write, plain or TLS, as what the loop does next.
  struct Io {
    enum Kind { kBytes, kWantRead, kWantWrite, kEof, kReset, kFailed } kind;
    std::size_t bytes = 0;
    const char* failure = nullptr;  // kFailed: the error kind
  };
  Io write_some(Connection& c, const char* data, std::size_t n);
  Io read_some(Connection& c);  // into buffer_
  static Io from_tls(const TlsIo& io);
  // The server dropped a connection that had served requests before any byte of this
  // response: it closed an idle keep-alive connection, so an idempotent request is sent
  // again once on a new one. Otherwise the operation fails with `reason`.
  void retry_or_fail(Connection& c, const char* reason, Clock::time_point now);
  void complete(Connection& c, Clock::time_point now);
  void fail(Connection& c, const char* reason, Clock::time_point now);
  void end_operation(Connection& c, bool ok, Clock::time_point now);
  void start_next_round();
  void close(Connection& c);
  void drop_socket(Connection& c);  // closes the socket (and TLS); the operation, if any, goes on
  void watch(Connection& c, std::uint32_t events);

  // The loop itself.
  void expire(Clock::time_point now);
  void retry_waiting(Clock::time_point now);
  // Sleeps in epoll until `wake` (spinning its last stretch when it is a due time) and
  // handles what arrived.
  void wait_for_events(Clock::time_point wake, bool wake_is_due, Clock::time_point now);
  // Polls without sleeping until `end`, or until something arrives (true): the last
  // stretch before a due time, and a short wait for responses (busy_poll.h).
  bool poll_until(Clock::time_point end);
  void handle_events(int n);  // n from epoll_wait
  bool dispatch_due(Clock::time_point now);
  void run(const std::stop_token& stop);

  const HttpEndpoint& endpoint_;
  FileDescriptor epoll_;
  std::vector<Connection> connections_;
  std::vector<std::uint32_t> idle_;     // open, keep-alive, no request in flight
  std::vector<std::uint32_t> unused_;   // closed: a new connection may be opened on it
  std::vector<std::uint32_t> waiting_;  // closed model: to connect once the backoff ends
  std::vector<std::uint32_t> next_round_, round_;  // closed model: to send their next request
  InFlightList in_flight_;              // ordered by when each operation's timeout ends
  ReconnectBackoff backoff_;
  SpinMargin margin_;
  BusyPoll busy_poll_;
  Clock::time_point polled_until_;  // when the last poll that found something found it
  std::vector<char> buffer_;  // one read buffer for all connections: responses are parsed as they arrive
  std::vector<epoll_event> events_;

  // Of the run in progress.
  Mode mode_ = Mode::kClosed;
  RunTally* out_ = nullptr;
  const OpenTrial* trial_ = nullptr;
  bool stopping_ = false;
  Clock::time_point deadline_;
  std::uint64_t next_ = 0;  // open model: the next operation of this loop's share
  unsigned stride_ = 1;
};

}  // namespace perfgate
