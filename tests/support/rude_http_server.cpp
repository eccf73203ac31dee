// An HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, for the tests of perf-run's
// HTTP engine: what real servers and proxies do to a load generator, on cue. A thread per
// connection and blocking sockets: simple enough to be obviously right. It reads a
// request up to its blank line (and a Content-Length body), and writes canned responses.
//
//   rude_http_server --port-file F [--behaviour B] [--every N] [--die-after S] [--idle-exit S]
//
// Behaviours (N defaults to 1; requests are counted per connection, from 1):
//   ok            200 "ok", keep-alive
//   close-after   closes the connection after every N-th response, without saying so
//                 (no "Connection: close"): a keep-alive connection dropped between requests
//   truncate      the N-th response of each connection stops halfway, and the connection closes
//   split         every response is written in pieces (mid-line, mid-body) with pauses
//   reset         the N-th request of each connection is answered by a TCP reset
//   stop-reading  from the N-th request of each connection on, reads nothing and answers nothing
// GET /stats answers {"connections": C, "peak": P, "requests": R} (open now, most at once,
// all served) and is never misbehaved on.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

namespace {

using Clock = std::chrono::steady_clock;

struct Config {
  std::string port_file;
  std::string behaviour = "ok";
  unsigned every = 1;
  double die_after = -1, idle_exit = 30;
};

struct Counters {
  std::atomic<int> open{0}, peak{0};
  std::atomic<long> requests{0};
  std::atomic<Clock::rep> last_activity{Clock::now().time_since_epoch().count()};
  void touch() { last_activity = Clock::now().time_since_epoch().count(); }
};

const std::string kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok";

bool write_all(int fd, const std::string& bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += std::size_t(n);
  }
  return true;
}

// Reads one request into `pending` (which keeps what followed it); false at EOF or error.
bool read_request(int fd, std::string& pending, std::string& head) {
  char buffer[16384];
  for (;;) {
    if (const auto end = pending.find("\r\n\r\n"); end != std::string::npos) {
      head = pending.substr(0, end + 4);
      std::size_t body = 0;
      std::string lower = head;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      if (const auto cl = lower.find("\r\ncontent-length:"); cl != std::string::npos) body = std::stoul(lower.substr(cl + 17));
      while (pending.size() < end + 4 + body) {
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return false;
        pending.append(buffer, std::size_t(n));
      }
      pending.erase(0, end + 4 + body);
      return true;
    }
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    pending.append(buffer, std::size_t(n));
  }
}

void reset(int fd) {
  const linger abort{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
}

void serve(int fd, const Config& config, Counters& counters) {
  const int open = ++counters.open;
  for (int peak = counters.peak; open > peak && !counters.peak.compare_exchange_weak(peak, open);) {
  }
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  std::string pending, head;
  const std::string& b = config.behaviour;
  for (unsigned k = 1;; ++k) {
    if (b == "stop-reading" && k % config.every == 0) {
      char byte;
      while (recv(fd, &byte, 1, MSG_PEEK) > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      break;
    }
    if (!read_request(fd, pending, head)) break;
    counters.touch();
    if (head.rfind("GET /stats ", 0) == 0) {
      const std::string body = "{\"connections\": " + std::to_string(counters.open.load()) +
                               ", \"peak\": " + std::to_string(counters.peak.load()) +
                               ", \"requests\": " + std::to_string(counters.requests.load()) + "}";
      if (!write_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body)) break;
      continue;
    }
    ++counters.requests;
    const bool nth = k % config.every == 0;
    if (b == "reset" && nth) {
      reset(fd);
      break;
    }
    if (b == "truncate" && nth) {
      write_all(fd, kOk.substr(0, kOk.size() / 2));
      break;
    }
    if (b == "split") {
      const std::size_t cuts[] = {7, 30, kOk.size() - 1, kOk.size()};
      std::size_t from = 0;
      bool ok = true;
      for (const std::size_t to : cuts) {
        ok = ok && write_all(fd, kOk.substr(from, to - from));
        from = to;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      if (!ok) break;
      continue;
    }
    if (!write_all(fd, kOk)) break;
    if (b == "close-after" && nth) break;
  }
  close(fd);
  --counters.open;
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  CLI::App app{"rude_http_server: an HTTP server that misbehaves on cue"};
  app.add_option("--port-file", config.port_file)->required();
  app.add_option("--behaviour", config.behaviour)
      ->check(CLI::IsMember({"ok", "close-after", "truncate", "split", "reset", "stop-reading"}));
  app.add_option("--every", config.every)->check(CLI::PositiveNumber);
  app.add_option("--die-after", config.die_after, "exit abruptly this many seconds after start");
  app.add_option("--idle-exit", config.idle_exit, "exit after this many seconds without a request");
  CLI11_PARSE(app, argc, argv);

  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (listener < 0 || bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener, 4096) != 0 || getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::perror("rude_http_server: listen");
    return 1;
  }
  {
    std::ofstream(config.port_file + ".tmp") << ntohs(address.sin_port) << "\n";
    std::rename((config.port_file + ".tmp").c_str(), config.port_file.c_str());
  }
  Counters counters;
  const auto start = Clock::now();
  std::thread watchdog([&] {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      const auto now = Clock::now();
      if (config.die_after >= 0 && now - start > std::chrono::duration<double>(config.die_after)) std::_Exit(0);
      const Clock::time_point last{Clock::duration(counters.last_activity.load())};
      if (now - last > std::chrono::duration<double>(config.idle_exit)) std::_Exit(0);
    }
  });
  watchdog.detach();
  for (;;) {
    const int fd = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    counters.touch();
    std::thread(serve, fd, std::cref(config), std::ref(counters)).detach();
  }
}
