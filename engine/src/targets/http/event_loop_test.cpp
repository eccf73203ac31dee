#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "load/spin_margin.h"
#include "load/timeline_recorder.h"
#include "targets/http/busy_poll.h"
#include "targets/http/connection.h"
#include "targets/http/http_endpoint.h"
#include "targets/http/reconnect_backoff.h"
#include "targets/http/response_parser.h"

using namespace perfgate;
using namespace std::chrono_literals;

namespace {

// Feeds `text` in pieces of `piece` bytes; the progress after the last.
ResponseParser::Progress feed_in_pieces(ResponseParser& p, const std::string& text, std::size_t piece) {
  auto progress = ResponseParser::Progress::kMore;
  for (std::size_t i = 0; i < text.size(); i += piece) {
    progress = p.feed(text.data() + i, std::min(piece, text.size() - i));
    if (progress != ResponseParser::Progress::kMore) return progress;
  }
  return progress;
}

}  // namespace

TEST_CASE("response parser: a response split anywhere is one complete response") {
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello";
  for (std::size_t piece = 1; piece <= response.size(); ++piece) {
    ResponseParser p;
    p.reset(false);
    REQUIRE(feed_in_pieces(p, response, piece) == ResponseParser::Progress::kComplete);
    CHECK(p.status() == 200);
    CHECK(p.keep_alive());
  }
}

TEST_CASE("response parser: chunked bodies, Connection: close, HEAD, EOF-delimited bodies") {
  ResponseParser p;
  p.reset(false);
  const std::string chunked = "HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  CHECK(feed_in_pieces(p, chunked, 7) == ResponseParser::Progress::kComplete);
  CHECK(p.status() == 503);
  CHECK_FALSE(p.keep_alive());

  p.reset(true);  // HEAD: the Content-Length describes a body that is not sent
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n";
  CHECK(p.feed(head.data(), head.size()) == ResponseParser::Progress::kComplete);

  p.reset(false);
  const std::string until_eof = "HTTP/1.0 200 OK\r\n\r\nbody until the server closes";
  CHECK(p.feed(until_eof.data(), until_eof.size()) == ResponseParser::Progress::kMore);
  CHECK(p.finish_at_eof() == ResponseParser::Progress::kComplete);
  CHECK_FALSE(p.keep_alive());
}

TEST_CASE("response parser: a truncated response is not complete at EOF; garbage is an error") {
  ResponseParser p;
  p.reset(false);
  const std::string cut = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf";
  CHECK(p.feed(cut.data(), cut.size()) == ResponseParser::Progress::kMore);
  CHECK(p.finish_at_eof() == ResponseParser::Progress::kMore);

  p.reset(false);
  CHECK(p.feed("SMTP ready\r\n", 12) == ResponseParser::Progress::kError);
  CHECK_FALSE(p.error().empty());

  p.reset(false);  // a second response nobody asked for, in the same read
  const std::string two = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  CHECK(p.feed(two.data(), two.size()) == ResponseParser::Progress::kError);
  CHECK(p.error() == "bytes after the end of the response");

  p.reset(false);  // http-parser alone takes a one-digit status (found by fuzz_http_response)
  const std::string short_status = "HTTP/1.1 2\r\nContent-Length: 0\r\n\r\n";
  CHECK(p.feed(short_status.data(), short_status.size()) == ResponseParser::Progress::kError);
  CHECK(p.error() == "status code 2 is not three digits");
  p.reset(false);  // and the next response on a fresh reset is fine
  const std::string fine = "HTTP/1.1 204 No Content\r\n\r\n";
  CHECK(p.feed(fine.data(), fine.size()) == ResponseParser::Progress::kComplete);
}

TEST_CASE("endpoint: the request on the wire") {
  HttpTargetSpec spec;
  spec.method = "POST";
  spec.url = "http://127.0.0.1:8080/echo?x=1";
  spec.body = "abc";
  spec.headers = {{"X-Test", "1"}};
  const HttpEndpoint e = make_http_endpoint(spec);
  CHECK(e.request.rfind("POST /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: perfgate/", 0) == 0);
  CHECK(e.request.find("X-Test: 1\r\n") != std::string::npos);
  CHECK(e.request.find("Content-Type: application/octet-stream\r\nContent-Length: 3\r\n\r\nabc") != std::string::npos);
  CHECK(e.status_ok(204));
  CHECK_FALSE(e.status_ok(301));

  spec.method = "GET";
  spec.body.clear();
  spec.headers = {{"host", "example.test"}, {"user-agent", "mine"}};
  spec.expect_status = {404};
  const HttpEndpoint g = make_http_endpoint(spec);
  CHECK(g.request.find("Host: 127.0.0.1") == std::string::npos);
  CHECK(g.request.find("perfgate/") == std::string::npos);
  CHECK(g.request.find("Content-Length") == std::string::npos);
  CHECK(g.status_ok(404));
  CHECK_FALSE(g.status_ok(200));
}

TEST_CASE("reconnect backoff: doubles to its bound, one probe at a time, counts the outage") {
  ReconnectBackoff b;
  const auto t0 = LoadClock::time_point(10s);
  CHECK(b.may_connect(t0));
  b.failed(t0);
  CHECK_FALSE(b.may_connect(t0));
  CHECK(b.retry_at() - t0 == ReconnectBackoff::kFirst);
  auto t = t0;
  for (int i = 0; i < 20; ++i) {
    t = b.retry_at();
    CHECK(b.may_connect(t));
    b.connecting();
    CHECK(b.probing());
    b.failed(t);
  }
  CHECK(b.retry_at() - t == ReconnectBackoff::kMax);
  b.succeeded(t + 5ms);
  CHECK_FALSE(b.down());
  CHECK(b.unavailable(t + 1s) == (t + 5ms) - t0);
  b.restart_count(t + 1s);
  CHECK(b.unavailable(t + 2s) == 0ns);
}

TEST_CASE("in-flight list: ordered removal from anywhere") {
  std::vector<Connection> all(4);
  InFlightList list;
  for (std::uint32_t i = 0; i < 4; ++i) list.push_back(all, i);
  list.remove(all, 0);
  CHECK(list.front() == 1);
  list.remove(all, 2);
  list.remove(all, 3);
  CHECK(list.front() == 1);
  CHECK(list.size() == 1);
  list.push_back(all, 0);
  list.remove(all, 1);
  CHECK(list.front() == 0);
  list.remove(all, 0);
  CHECK(list.front() == Connection::kNone);
  CHECK(list.size() == 0);
}

TEST_CASE("spin margin: grows at once to cover a late wake-up, shrinks slowly, stays bounded") {
  SpinMargin m;
  m.observe(100us);
  CHECK(m.margin() == 125us);
  m.observe(10us);
  CHECK(m.margin() < 125us);
  CHECK(m.margin() > 120us);
  m.observe(50ms);  // a preempted thread
  CHECK(m.margin() == SpinMargin::kMax);
  for (int i = 0; i < 2000; ++i) m.observe(0us);
  CHECK(m.margin() == SpinMargin::kMin);
}

TEST_CASE("timeline: a last interval cut short is partial and rated by its real length") {
  TimelineRecorder t(Seconds(1.0), 0);
  for (int i = 0; i < 100; ++i) t.record(std::uint64_t(i) * 10'000'000, 1000, true);  // 100 in [0, 1 s)
  for (int i = 0; i < 19; ++i) t.record(1'000'000'000 + std::uint64_t(i) * 4'000'000, 1000, true);  // 19 in 76 ms
  const auto points = t.finish(std::chrono::milliseconds(1076));
  REQUIRE(points.size() == 2);
  CHECK_FALSE(points[0].interval_s);
  CHECK(points[0].throughput == doctest::Approx(100));
  REQUIRE(points[1].interval_s);
  CHECK(*points[1].interval_s == doctest::Approx(0.076));
  CHECK(points[1].t_s == doctest::Approx(1.076));
  CHECK(points[1].throughput == doctest::Approx(250));

  TimelineRecorder quiet(Seconds(1.0), 0);
  quiet.record(100, 1000, true);
  const auto with_gap = quiet.finish(std::chrono::seconds(3));  // nothing ended after the first second
  REQUIRE(with_gap.size() == 3);
  CHECK(with_gap[2].operations == 0);
  CHECK_FALSE(with_gap[2].interval_s);
}

TEST_CASE("a connection is small: 10 000 of them cost perf-run about a megabyte") {
  CHECK(sizeof(Connection) <= 128);
}

TEST_CASE("busy poll: the window follows the gap between responses, and stops when polls find nothing") {
  BusyPoll p;
  auto now = BusyPoll::Clock::now();
  const auto later = [&] { return now += 1ms; };  // credit enough for any window
  for (int i = 0; i < 100; ++i) p.slept(8us);  // responses 8 us apart
  CHECK(std::chrono::abs(p.window(later()) - 10us) < 50ns);
  for (int i = 0; i < 100; ++i) p.polled(true, 2us);
  CHECK(p.window(later()) == BusyPoll::kMinWindow);
  for (int i = 0; i < 100; ++i) p.slept(1ms);  // one slow connection
  CHECK(p.window(later()) == BusyPoll::kMaxWindow);
  for (int i = 0; i < 8; ++i) p.polled(false, 0us);
  int polls = 0;
  for (int i = 0; i < 64; ++i) polls += p.window(later()).count() > 0;
  CHECK(polls == 4);  // every 16th wait, in case the server got faster
  p.polled(true, 3us);
  CHECK(p.window(later()).count() > 0);
}

TEST_CASE("busy poll: polls wait for at most a quarter of the loop's time") {
  BusyPoll p;
  auto now = BusyPoll::Clock::now();
  for (int i = 0; i < 100; ++i) p.slept(12us);
  BusyPoll::Duration polled{0};
  const auto elapsed = 100ms;
  for (auto t = 0us; t < elapsed; t += 10us) {  // a loop that wakes every 10 us and polls whenever allowed
    const auto window = p.window(now + t);
    p.polled(true, window);
    polled += window;
  }
  CHECK(polled <= elapsed / BusyPoll::kShareDivisor + BusyPoll::kMaxCredit + BusyPoll::kMaxWindow);
  CHECK(polled >= elapsed / BusyPoll::kShareDivisor - BusyPoll::kMaxWindow);
}
