#pragma once
// One connection of an event loop and the operation it carries, and the loop's list of
// operations in flight, ordered by when they time out. Small on purpose: a load of
// 10 000 connections holds 10 000 of these (the read buffer is the loop's).

#include <cstdint>
#include <limits>

#include "common/file_descriptor.h"
#include "load/operation_runner.h"
#include "targets/http/response_parser.h"
#include "targets/http/tls_session.h"

namespace perfgate {

struct Connection {
  enum class State : std::uint8_t {
    kUnused,      // no socket
    kWaiting,     // no socket; connects when the loop's backoff ends
    kConnecting,  // connect() in progress
    kHandshaking, // https: TLS handshake in progress
    kSending,     // request partly written
    kReceiving,   // request written, response not complete
    kIdle,        // keep-alive, nothing in flight
  };
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  FileDescriptor socket;
  TlsSession tls;  // https only
  State state = State::kUnused;
  bool served = false;          // a response has come on this socket: the server may have dropped it since
  bool retried = false;         // this operation was already sent again once
  bool response_started = false;
  std::uint32_t watched = 0;    // epoll events registered
  std::uint32_t sent = 0;       // bytes of the request written
  std::uint32_t id = 0;         // index in the loop
  std::uint32_t prev = kNone, next = kNone;  // in the in-flight list
  double due_s = 0;             // open model: when the operation was due, from the trial start
  LoadClock::time_point began;  // closed: when the previous one ended; open: the first write
  LoadClock::time_point expires;
  ResponseParser parser;
};

// Intrusive, by connection index: every operation has the same timeout, so appending
// at start keeps the list ordered by expiry and the first is always the next to expire.
class InFlightList {
 public:
  void push_back(std::vector<Connection>& all, std::uint32_t id) {
    Connection& c = all[id];
    c.prev = tail_;
    c.next = Connection::kNone;
    (tail_ == Connection::kNone ? head_ : all[tail_].next) = id;
    tail_ = id;
    ++size_;
  }
  void remove(std::vector<Connection>& all, std::uint32_t id) {
    Connection& c = all[id];
    (c.prev == Connection::kNone ? head_ : all[c.prev].next) = c.next;
    (c.next == Connection::kNone ? tail_ : all[c.next].prev) = c.prev;
    c.prev = c.next = Connection::kNone;
    --size_;
  }
  std::uint32_t front() const { return head_; }
  std::size_t size() const { return size_; }

 private:
  std::uint32_t head_ = Connection::kNone, tail_ = Connection::kNone;
  std::size_t size_ = 0;
};

}  // namespace perfgate
