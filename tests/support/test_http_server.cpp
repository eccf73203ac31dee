// A small HTTP server on 127.0.0.1 for perf-run's HTTP tests, with behaviours to
// measure: a fixed service time and thread count (a known capacity), a stall window,
// sudden death, error statuses. Exits when idle so tests never leave it behind.
//
//   test_http_server --port-file F [--threads N] [--service-time S] [--slots N]
//                    [--stall-at S --stall-for S] [--die-after S] [--leak-per-request B]
//                    [--pid-file F] [--idle-exit S] [--tls-cert PEM --tls-key PEM]
//
// --slots N serves at most N requests at a time (the rest queue): with --service-time S
// the capacity is exactly N / S requests per second, whatever the thread count.
//   GET /            200 "ok"
//   GET /status/N    status N
//   POST /echo       the request body

#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

namespace {

using Clock = std::chrono::steady_clock;

struct Config {
  std::string port_file;
  unsigned threads = 64;  // httplib serves a keep-alive connection per thread
  unsigned slots = 0;  // 0: no limit
  std::size_t leak_per_request = 0;
  std::string pid_file;
  double service_time = 0, stall_at = -1, stall_for = 0, die_after = -1, idle_exit = 30;
  std::string tls_cert, tls_key;  // both: serve HTTPS
};

// At most `n` holders at once; a counting semaphore whose size is a runtime value.
class Slots {
 public:
  explicit Slots(unsigned n) : free_(n) {}
  void acquire() {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return free_ > 0; });
    --free_;
  }
  void release() {
    {
      const std::lock_guard lock(mutex_);
      ++free_;
    }
    freed_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  unsigned free_;
};

// Memory that is touched (so it is resident) and never given back: a leak to detect.
class Leak {
 public:
  void add(std::size_t bytes) {
    if (bytes == 0) return;
    auto block = std::make_unique<char[]>(bytes);
    std::memset(block.get(), 1, bytes);
    const std::lock_guard lock(mutex_);
    blocks_.push_back(std::move(block));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<char[]>> blocks_;
};

}  // namespace

int main(int argc, char** argv) {
  Config c;
  CLI::App app{"HTTP server for perf-run tests (127.0.0.1 only)"};
  app.add_option("--port-file", c.port_file)->required();
  app.add_option("--threads", c.threads);
  app.add_option("--service-time", c.service_time, "seconds each request takes");
  app.add_option("--stall-at", c.stall_at, "seconds after the first request when every request stalls...");
  app.add_option("--stall-for", c.stall_for, "...for this long");
  app.add_option("--die-after", c.die_after, "exit abruptly this many seconds after the first request");
  app.add_option("--slots", c.slots, "requests served at once (capacity = slots / service time)");
  app.add_option("--leak-per-request", c.leak_per_request, "bytes kept forever per request");
  app.add_option("--pid-file", c.pid_file, "write the server's pid here once listening");
  app.add_option("--idle-exit", c.idle_exit);
  app.add_option("--tls-cert", c.tls_cert, "serve HTTPS with this certificate (PEM)...");
  app.add_option("--tls-key", c.tls_key, "...and this key");
  CLI11_PARSE(app, argc, argv);

  const std::unique_ptr<httplib::Server> owned =
      c.tls_cert.empty() ? std::make_unique<httplib::Server>()
                         : std::make_unique<httplib::SSLServer>(c.tls_cert.c_str(), c.tls_key.c_str());
  if (!owned->is_valid()) return 1;
  httplib::Server& server = *owned;
  server.set_tcp_nodelay(true);
  // httplib owns the queue it is given; this is its documented way to size the pool.
  server.new_task_queue = [threads = c.threads] { return new httplib::ThreadPool(threads); };
  const auto start = Clock::now();
  std::atomic<Clock::rep> last_request = start.time_since_epoch().count();
  // --stall-at and --die-after count from the first request (perf-run's start check, just
  // before its trials), not from start-up: under ASan on a busy machine perf-run took
  // so long to start that a server dying "1 s after start" served too little of the trial
  // for the error rate the test expects.
  std::atomic<Clock::rep> first_request{0};
  const auto at = [&](double s) {
    return Clock::time_point(Clock::duration(first_request.load())) +
           std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  };
  Slots slots(c.slots);
  Leak leak;
  const auto behave = [&] {
    last_request = Clock::now().time_since_epoch().count();
    Clock::rep not_yet = 0;
    first_request.compare_exchange_strong(not_yet, last_request.load());
    leak.add(c.leak_per_request);
    if (c.slots > 0) slots.acquire();
    const auto now = Clock::now();
    if (c.stall_at >= 0 && now >= at(c.stall_at) && now < at(c.stall_at + c.stall_for)) {
      std::this_thread::sleep_until(at(c.stall_at + c.stall_for));
    }
    if (c.service_time > 0) std::this_thread::sleep_for(std::chrono::duration<double>(c.service_time));
    if (c.slots > 0) slots.release();
  };
  server.Get("/", [&](const httplib::Request&, httplib::Response& res) {
    behave();
    res.set_content("ok", "text/plain");
  });
  server.Get(R"(/status/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
    behave();
    res.status = std::stoi(req.matches[1]);
    res.set_content("status", "text/plain");
  });
  server.Post("/echo", [&](const httplib::Request& req, httplib::Response& res) {
    behave();
    res.set_content(req.body, "application/octet-stream");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) return 1;
  if (!c.pid_file.empty()) std::ofstream(c.pid_file) << getpid() << "\n";
  std::ofstream(c.port_file) << port << "\n";
  std::jthread watchdog([&](std::stop_token stop) {
    while (!stop.stop_requested()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (c.die_after >= 0 && first_request.load() != 0 && Clock::now() >= at(c.die_after)) {
        _exit(0);  // no goodbye to clients
      }
      const auto idle = Clock::now() - Clock::time_point(Clock::duration(last_request.load()));
      if (std::chrono::duration<double>(idle).count() > c.idle_exit) server.stop();
    }
  });
  server.listen_after_bind();
  watchdog.request_stop();
  return 0;
}
