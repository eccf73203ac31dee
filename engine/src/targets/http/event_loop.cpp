#include "targets/http/event_loop.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "load/open_trial.h"
#include "perfgate/error.h"

namespace perfgate {
namespace {

constexpr std::size_t kReadBufferBytes = 64 * 1024;
constexpr int kMaxEvents = 256;
// Waits are cut into slices so that a stop (Ctrl-C) or a deadline moved earlier (a step
// load that broke) is noticed promptly.
constexpr auto kSlice = std::chrono::milliseconds(50);

const char* connect_failure(int err) {
  switch (err) {
    case EMFILE:
    case ENFILE: return "too_many_open_files";
    case EADDRNOTAVAIL: return "no_local_port";
    case ETIMEDOUT: return "connect_timeout";
    default: return "connect_failed";
  }
}

timespec to_timespec(std::chrono::nanoseconds d) {
  if (d.count() < 0) d = d.zero();
  return {static_cast<time_t>(d.count() / 1'000'000'000), static_cast<long>(d.count() % 1'000'000'000)};
}

}  // namespace

HttpEventLoop::HttpEventLoop(const HttpEndpoint& endpoint, unsigned connections)
    : endpoint_(endpoint),
      epoll_(epoll_create1(EPOLL_CLOEXEC)),
      connections_(connections),
      buffer_(kReadBufferBytes),
      events_(kMaxEvents) {
  if (!epoll_.is_open()) throw environment_error(std::string("epoll_create1: ") + std::strerror(errno));
  for (std::uint32_t i = 0; i < connections; ++i) connections_[i].id = i;
  for (auto* list : {&idle_, &unused_, &waiting_, &next_round_, &round_}) list->reserve(connections);
}

// --- one operation ----------------------------------------------------------------------

void HttpEventLoop::start_operation(std::uint32_t id, Clock::time_point now) {
  Connection& c = connections_[id];
  c.retried = c.response_started = false;
  c.sent = 0;
  c.parser.reset(endpoint_.head);
  c.began = now;
  if (mode_ == Mode::kOpen) trial_->started(c.due_s, now);
  if (!c.socket.is_open() && (!backoff_.may_connect(now) || backoff_.probing())) {
    if (mode_ == Mode::kClosed) {  // waits its turn, as no operation yet
      c.state = Connection::State::kWaiting;
      waiting_.push_back(id);
      return;
    }
    c.expires = now;
    in_flight_.push_back(connections_, id);
    fail(c, "connect_failed", now);  // open model: due now, and no server to take it
    return;
  }
  c.expires = now + endpoint_.timeout;
  in_flight_.push_back(connections_, id);
  if (c.socket.is_open()) {
    send_request(c, now);
  } else {
    connect(c, now);
  }
}

void HttpEventLoop::connect(Connection& c, Clock::time_point now) {
  const int fd = socket(endpoint_.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    fail(c, connect_failure(errno), now);
    return;
  }
  drop_socket(c);
  c.socket.reset(fd);
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // or small writes wait out delayed ACKs
  backoff_.connecting();
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&endpoint_.address), endpoint_.address_length) == 0) {
    on_connected(c, now);
  } else if (errno == EINPROGRESS) {
    c.state = Connection::State::kConnecting;
    watch(c, EPOLLOUT);
  } else {
    const int err = errno;
    backoff_.failed(now);
    fail(c, connect_failure(err), now);
  }
}

void HttpEventLoop::on_connected(Connection& c, Clock::time_point now) {
  backoff_.succeeded(now);
  if (endpoint_.tls) {
    c.tls = endpoint_.tls->start(c.socket.get());
    c.state = Connection::State::kHandshaking;
    continue_handshake(c, now);
    return;
  }
  watch(c, EPOLLIN);
  send_request(c, now);
}

void HttpEventLoop::continue_handshake(Connection& c, Clock::time_point now) {
  switch (tls_handshake(c.tls.get())) {
    case TlsStep::kDone:
      watch(c, EPOLLIN);
      send_request(c, now);
      return;
    case TlsStep::kWantRead: watch(c, EPOLLIN); return;
    case TlsStep::kWantWrite: watch(c, EPOLLIN | EPOLLOUT); return;
    case TlsStep::kClosed:
    case TlsStep::kFailed: fail(c, "tls_failed", now); return;
  }
}

HttpEventLoop::Io HttpEventLoop::write_some(Connection& c, const char* data, std::size_t n) {
  if (c.tls) return from_tls(tls_write(c.tls.get(), data, n));
  const ssize_t sent = ::send(c.socket.get(), data, n, MSG_NOSIGNAL | MSG_DONTWAIT);
  if (sent >= 0) return {Io::kBytes, std::size_t(sent)};
  if (errno == EAGAIN || errno == EINTR) return {Io::kWantWrite};
  if (errno == EPIPE || errno == ECONNRESET) return {Io::kReset};
  return {Io::kFailed, 0, "write_failed"};
}

HttpEventLoop::Io HttpEventLoop::read_some(Connection& c) {
  if (c.tls) return from_tls(tls_read(c.tls.get(), buffer_.data(), buffer_.size()));
  const ssize_t n = ::recv(c.socket.get(), buffer_.data(), buffer_.size(), 0);
  if (n > 0) return {Io::kBytes, std::size_t(n)};
  if (n == 0) return {Io::kEof};
  if (errno == EAGAIN || errno == EINTR) return {Io::kWantRead};
  if (errno == ECONNRESET) return {Io::kReset};
  return {Io::kFailed, 0, "read_failed"};
}

HttpEventLoop::Io HttpEventLoop::from_tls(const TlsIo& io) {
  switch (io.step) {
    case TlsStep::kDone: return {io.bytes > 0 ? Io::kBytes : Io::kEof, io.bytes};
    case TlsStep::kWantRead: return {Io::kWantRead};
    case TlsStep::kWantWrite: return {Io::kWantWrite};
    case TlsStep::kClosed: return {Io::kEof};
    case TlsStep::kFailed: break;
  }
  return {Io::kFailed, 0, "tls_failed"};
}

void HttpEventLoop::send_request(Connection& c, Clock::time_point now) {
  c.state = Connection::State::kSending;
  const std::string& request = endpoint_.request;
  const Io io = write_some(c, request.data() + c.sent, request.size() - c.sent);
  switch (io.kind) {
    case Io::kBytes:
      c.sent += std::uint32_t(io.bytes);
      if (c.sent == request.size()) {
        out_->tally.bytes_sent += request.size();
        c.state = Connection::State::kReceiving;
        if (c.watched != EPOLLIN) watch(c, EPOLLIN);
        return;
      }
      [[fallthrough]];
    case Io::kWantWrite: watch(c, EPOLLIN | EPOLLOUT); return;  // the server is not reading as fast as we write
    case Io::kWantRead: watch(c, EPOLLIN); return;
    case Io::kEof:
    case Io::kReset: retry_or_fail(c, "connection_reset", now); return;
    case Io::kFailed: retry_or_fail(c, io.failure, now); return;
  }
}

void HttpEventLoop::receive(Connection& c, Clock::time_point now) {
  for (;;) {
    const Io io = read_some(c);
    if (io.kind == Io::kWantRead) return;
    if (io.kind == Io::kWantWrite) {  // TLS must write before it can read on
      watch(c, EPOLLIN | EPOLLOUT);
      return;
    }
    if (io.kind == Io::kBytes) out_->tally.bytes_received += io.bytes;
    if (c.state == Connection::State::kIdle) {  // the server closed (or wrote to) a connection at rest
      close(c);
      return;
    }
    switch (io.kind) {
      case Io::kBytes:
        c.response_started = true;
        switch (c.parser.feed(buffer_.data(), io.bytes)) {
          case ResponseParser::Progress::kComplete: complete(c, now); return;
          case ResponseParser::Progress::kError: fail(c, "bad_response", now); return;
          case ResponseParser::Progress::kMore: break;
        }
        // TLS may hold decrypted bytes that epoll cannot see: read them now.
        if (c.tls && SSL_pending(c.tls.get()) > 0) continue;
        return;
      case Io::kEof:
        if (c.parser.finish_at_eof() == ResponseParser::Progress::kComplete) {
          complete(c, now);
        } else {
          retry_or_fail(c, "connection_closed", now);
        }
        return;
      case Io::kReset: retry_or_fail(c, "connection_reset", now); return;
      case Io::kFailed: retry_or_fail(c, io.failure, now); return;
      case Io::kWantRead:
      case Io::kWantWrite: return;
    }
  }
}

void HttpEventLoop::retry_or_fail(Connection& c, const char* reason, Clock::time_point now) {
  if (!c.served || c.response_started || c.retried || !endpoint_.idempotent || !backoff_.may_connect(now)) {
    fail(c, reason, now);
    return;
  }
  c.retried = true;
  c.sent = 0;
  c.parser.reset(endpoint_.head);
  drop_socket(c);
  connect(c, now);
}

void HttpEventLoop::complete(Connection& c, Clock::time_point now) {
  const int status = c.parser.status();
  const bool ok = endpoint_.status_ok(status);
  if (!ok) out_->tally.add_error("status_" + std::to_string(status));
  c.served = true;
  if (!c.parser.keep_alive()) close(c);
  end_operation(c, ok, now);
}

void HttpEventLoop::fail(Connection& c, const char* reason, Clock::time_point now) {
  out_->tally.add_error(reason);
  close(c);  // whatever it was doing, its state is unknown now
  end_operation(c, false, now);
}

void HttpEventLoop::end_operation(Connection& c, bool ok, Clock::time_point now) {
  in_flight_.remove(connections_, c.id);
  if (mode_ == Mode::kOpen) {
    trial_->ended(*out_, c.due_s, c.began, now, ok);
  } else {
    if (ok) {
      out_->latency.record(std::uint64_t((now - c.began).count()));
    } else {
      ++out_->failures;
    }
    ++out_->operations;
    out_->finished = std::max(out_->finished, now);
  }
  if (c.socket.is_open()) {
    c.state = Connection::State::kIdle;
    if (mode_ == Mode::kOpen) idle_.push_back(c.id);
  } else {
    c.state = Connection::State::kUnused;
    if (mode_ == Mode::kOpen) unused_.push_back(c.id);
  }
  if (mode_ == Mode::kClosed && !stopping_ && now < deadline_) {
    c.began = now;  // the next operation's latency runs from here, through the loop's own turnaround
    next_round_.push_back(c.id);
  }
}

// Closed model: the connections whose operation ended in this round of events send
// their next request together, after the round. Sending each at once would wake the
// server once per request; as a batch, it takes them in one wake-up, which is how
// wrk's event loop (write interest set after the reads) loads it too.
void HttpEventLoop::start_next_round() {
  while (!next_round_.empty()) {
    round_.swap(next_round_);
    const bool over = stopping_ || Clock::now() >= deadline_;  // they stay idle, kept for the next run
    for (const std::uint32_t id : round_) {
      if (!over) start_operation(id, connections_[id].began);
    }
    round_.clear();
  }
}

void HttpEventLoop::close(Connection& c) {
  drop_socket(c);
  c.state = Connection::State::kUnused;
}

void HttpEventLoop::drop_socket(Connection& c) {
  c.tls.reset();
  c.socket.reset();  // leaves the epoll set with it
  c.watched = 0;
  c.served = false;
}

void HttpEventLoop::watch(Connection& c, std::uint32_t events) {
  epoll_event e{};
  e.events = events;
  e.data.u32 = c.id;
  if (epoll_ctl(epoll_.get(), c.watched == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, c.socket.get(), &e) != 0) {
    throw environment_error(std::string("epoll_ctl: ") + std::strerror(errno));
  }
  c.watched = events;
}

void HttpEventLoop::on_event(Connection& c, std::uint32_t events, Clock::time_point now) {
  switch (c.state) {
    case Connection::State::kConnecting: {
      int err = 0;
      socklen_t length = sizeof err;
      getsockopt(c.socket.get(), SOL_SOCKET, SO_ERROR, &err, &length);
      if (err == 0) {
        on_connected(c, now);
      } else {
        backoff_.failed(now);
        fail(c, connect_failure(err), now);
      }
      return;
    }
    case Connection::State::kSending:
      // A response (an early error status) or a reset can come before the whole request
      // is written; what it says is read first.
      if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
        receive(c, now);
      } else {
        send_request(c, now);
      }
      return;
    case Connection::State::kHandshaking: continue_handshake(c, now); return;
    case Connection::State::kReceiving:
    case Connection::State::kIdle: receive(c, now); return;
    case Connection::State::kUnused:
    case Connection::State::kWaiting: return;
  }
}

// --- the loop -------------------------------------------------------------------------

void HttpEventLoop::expire(Clock::time_point now) {
  while (in_flight_.front() != Connection::kNone) {
    Connection& c = connections_[in_flight_.front()];
    if (c.expires > now) return;
    if (c.state == Connection::State::kConnecting) {
      backoff_.failed(now);
      fail(c, "connect_timeout", now);
    } else {
      fail(c, "timeout", now);
    }
  }
}

// Closed model: after a backoff, one waiting connection probes the server; once one has
// connected, the rest follow.
void HttpEventLoop::retry_waiting(Clock::time_point now) {
  if (waiting_.empty() || !backoff_.may_connect(now) || backoff_.probing()) return;
  if (stopping_) {
    for (const std::uint32_t id : waiting_) connections_[id].state = Connection::State::kUnused;
    waiting_.clear();
    return;
  }
  if (backoff_.down()) {
    const std::uint32_t id = waiting_.back();
    waiting_.pop_back();
    start_operation(id, now);
    return;
  }
  std::vector<std::uint32_t> ready;
  ready.swap(waiting_);
  for (const std::uint32_t id : ready) start_operation(id, now);
}

// Open model: starts every operation now due on a free connection. True when one is due
// but every connection is busy (it starts, late, when one frees).
bool HttpEventLoop::dispatch_due(Clock::time_point now) {
  while (!stopping_) {
    const auto due_s = trial_->schedule.due(next_);
    if (!due_s) return false;
    const auto due = trial_->due_at(*due_s);
    if (due > now || due >= trial_->deadline()) return false;
    std::uint32_t id;
    if (!idle_.empty()) {
      id = idle_.back();
      idle_.pop_back();
    } else if (!unused_.empty()) {
      id = unused_.back();
      unused_.pop_back();
    } else {
      return true;
    }
    if (connections_[id].state != Connection::State::kIdle && connections_[id].state != Connection::State::kUnused) {
      continue;  // a stale entry: an idle connection the server closed was reused since
    }
    connections_[id].due_s = *due_s;
    next_ += stride_;
    start_operation(id, now);
    now = Clock::now();
  }
  return false;
}

void HttpEventLoop::wait_for_events(Clock::time_point wake, bool wake_is_due, Clock::time_point now) {
  if (wake_is_due && wake - now <= margin_.margin()) {
    margin_.spun_without_sleeping();
    poll_until(wake);
    return;
  }
  const auto sleep_until = wake_is_due ? wake - margin_.margin() : wake;
  if (in_flight_.size() > 0) {  // a response is coming: poll for it a little first (busy_poll.h)
    const auto polled_from = Clock::now();
    if (const auto window = busy_poll_.window(polled_from); window.count() > 0) {
      const bool found = poll_until(std::min(polled_from + window, sleep_until));
      busy_poll_.polled(found, (found ? polled_until_ : Clock::now()) - polled_from);
      if (found) return;
    }
  }
  const auto slept_from = Clock::now();
  const timespec timeout = to_timespec(sleep_until - slept_from);
  const int n = epoll_pwait2(epoll_.get(), events_.data(), int(events_.size()), &timeout, nullptr);
  if (n == 0 && wake_is_due) margin_.observe(Clock::now() - sleep_until);
  if (n > 0 && in_flight_.size() > 0) busy_poll_.slept(Clock::now() - slept_from);
  handle_events(n);
}

bool HttpEventLoop::poll_until(Clock::time_point end) {
  for (;;) {
    const int n = epoll_wait(epoll_.get(), events_.data(), int(events_.size()), 0);
    if (n != 0) {
      polled_until_ = Clock::now();
      handle_events(n);
      return true;
    }
    if (Clock::now() >= end) return false;
  }
}

void HttpEventLoop::handle_events(int n) {
  if (n < 0) {
    if (errno == EINTR) return;
    throw environment_error(std::string("epoll_wait: ") + std::strerror(errno));
  }
  for (int i = 0; i < n; ++i) on_event(connections_[events_[i].data.u32], events_[i].events, Clock::now());
  start_next_round();
}

void HttpEventLoop::run(const std::stop_token& stop) {
  // Default timer slack (50 us) would make every timed wait end up to 50 us late.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  stopping_ = false;
  for (;;) {
    const auto now = Clock::now();
    const auto deadline = mode_ == Mode::kOpen ? trial_->deadline() : deadline_;
    if (!stopping_ && (now >= deadline || stop.stop_requested())) stopping_ = true;
    const bool blocked = mode_ == Mode::kOpen && dispatch_due(now);
    expire(now);
    retry_waiting(now);
    start_next_round();
    if (stopping_ && in_flight_.size() == 0 && waiting_.empty()) break;
    auto wake = now + kSlice;
    if (!stopping_) wake = std::min(wake, deadline);
    if (in_flight_.front() != Connection::kNone) wake = std::min(wake, connections_[in_flight_.front()].expires);
    if (!waiting_.empty()) wake = std::min(wake, backoff_.retry_at());
    bool wake_is_due = false;
    if (mode_ == Mode::kOpen && !stopping_ && !blocked) {
      if (const auto due_s = trial_->schedule.due(next_); due_s && trial_->due_at(*due_s) <= wake) {
        wake = trial_->due_at(*due_s);
        wake_is_due = true;
      }
    }
    wait_for_events(wake, wake_is_due, Clock::now());
  }
  out_->tally.unavailable = backoff_.unavailable(Clock::now());
}

void HttpEventLoop::run_closed(Clock::time_point start, Clock::time_point deadline, const std::stop_token& stop,
                               RunTally& out) {
  mode_ = Mode::kClosed;
  out_ = &out;
  deadline_ = deadline;
  out.finished = start;
  backoff_.restart_count(start);
  stopping_ = false;
  for (std::uint32_t id = 0; id < connections_.size(); ++id) start_operation(id, start);
  start_next_round();
  run(stop);
}

void HttpEventLoop::run_open(const OpenTrial& trial, unsigned first, unsigned stride, RunTally& out) {
  mode_ = Mode::kOpen;
  out_ = &out;
  trial_ = &trial;
  next_ = first;
  stride_ = stride;
  out.finished = trial.start;
  backoff_.restart_count(trial.start);
  idle_.clear();
  unused_.clear();
  for (auto it = connections_.rbegin(); it != connections_.rend(); ++it) {  // the first ones first
    (it->socket.is_open() ? idle_ : unused_).push_back(it->id);
  }
  run(trial.stop);
}

}  // namespace perfgate
