// A stand-in for the GitHub REST API on 127.0.0.1, for perf-report's tests: the few
// endpoints perf-report uses, pagination, injectable faults, and a JSON-lines log of
// every request so tests can assert exactly what was sent. Exits when idle.
//
//   fake_github --port-file F --log F [--prefix /api/v3] [--comments N]
//               [--check-runs ok|forbidden] [--comment-post ok|forbidden]
//               [--fail-first STATUS:COUNT] [--rate-limit-first] [--idle-exit SECONDS]
//               [--user-login LOGIN] [--spoofed-comment BODY] [--slow-post SECONDS] [--hang SECONDS]
//               [--link-origin ORIGIN]   (pagination links name ORIGIN, e.g. a proxy's)
//
// /user answers 403 as it does for the workflow's GITHUB_TOKEN unless --user-login names
// the token's user, who then authors the comments it posts (else github-actions[bot]).
// --spoofed-comment: another user's comment, present from the start. --slow-post: the
// first POST takes effect at once but is answered only SECONDS later (a client timing out
// there must not post twice). --hang: every request waits SECONDS before being handled.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace {

using Json = nlohmann::ordered_json;
constexpr const char* kRepo = "/repos/octo/widgets";
constexpr std::size_t kPerPageMax = 100;

struct Config {
  std::string port_file, log_file, prefix;
  int comments = 0;
  std::string check_runs = "ok", comment_post = "ok";
  std::string fail_first;
  bool rate_limit_first = false;
  double idle_exit = 30;
  std::string user_login, spoofed_comment, link_origin;
  double slow_post = 0, hang = 0;
};

class FakeGitHub {
 public:
  explicit FakeGitHub(Config c) : config_(std::move(c)), log_(config_.log_file, std::ios::app) {
    for (int i = 1; i <= config_.comments; ++i) {
      comments_.push_back({{"id", 1000 + i}, {"user", {{"login", "someone"}}}, {"body", "comment " + std::to_string(i)}});
    }
    if (!config_.spoofed_comment.empty()) {
      comments_.push_back({{"id", 999}, {"user", {{"login", "mallory"}}}, {"body", config_.spoofed_comment}});
    }
    if (const auto colon = config_.fail_first.find(':'); colon != std::string::npos) {
      fail_status_ = std::stoi(config_.fail_first.substr(0, colon));
      fail_remaining_ = std::stoi(config_.fail_first.substr(colon + 1));
    }
    routes();
  }

  int serve() {
    const int port = server_.bind_to_any_port("127.0.0.1");
    if (port <= 0) return 1;
    std::ofstream(config_.port_file) << port << "\n";
    port_ = port;
    std::thread idle([this] {
      while (server_.is_running() || !started_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const double idle_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - last_request_.load()).count();
        if (idle_s > config_.idle_exit) server_.stop();
      }
    });
    started_ = true;
    server_.listen_after_bind();
    idle.join();
    return 0;
  }

 private:
  // Faults apply before any route, to every request, in arrival order.
  bool inject_fault(httplib::Response& res) {
    if (fail_remaining_ > 0) {
      --fail_remaining_;
      res.status = fail_status_;
      res.set_content(R"({"message":"injected failure"})", "application/json");
      return true;
    }
    if (config_.rate_limit_first && !rate_limited_) {
      rate_limited_ = true;
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content(R"({"message":"You have exceeded a secondary rate limit"})", "application/json");
      return true;
    }
    return false;
  }

  void record(const httplib::Request& req) {
    Json headers = Json::object();
    for (const char* h : {"Authorization", "Accept", "X-GitHub-Api-Version", "User-Agent", "Content-Type"}) {
      if (req.has_header(h)) headers[h] = req.get_header_value(h);
    }
    Json query = Json::object();
    for (const auto& [k, v] : req.params) query[k] = v;
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    log_ << Json{{"t", t}, {"method", req.method}, {"path", req.path}, {"query", query}, {"headers", headers},
                 {"body", req.body}}.dump()
         << "\n"
         << std::flush;
  }

  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  Handler guarded(Handler h) {
    return [this, h](const httplib::Request& req, httplib::Response& res) {
      last_request_ = std::chrono::steady_clock::now();
      if (config_.hang > 0) std::this_thread::sleep_for(std::chrono::duration<double>(config_.hang));
      bool slow = false;
      {
        const std::lock_guard lock(mutex_);
        record(req);
        if (!inject_fault(res)) h(req, res);
        slow = req.method == "POST" && config_.slow_post > 0 && !slowed_;
        slowed_ = slowed_ || slow;
      }
      if (slow) std::this_thread::sleep_for(std::chrono::duration<double>(config_.slow_post));  // applied, not yet answered
    };
  }

  void list_comments(const httplib::Request& req, httplib::Response& res) {
    const std::size_t per_page = req.has_param("per_page") ? std::min<std::size_t>(std::stoul(req.get_param_value("per_page")), kPerPageMax) : 30;
    const std::size_t page = req.has_param("page") ? std::stoul(req.get_param_value("page")) : 1;
    Json out = Json::array();
    for (std::size_t i = (page - 1) * per_page; i < std::min(comments_.size(), page * per_page); ++i) out.push_back(comments_[i]);
    if (page * per_page < comments_.size()) {
      const std::string origin =
          config_.link_origin.empty() ? "http://127.0.0.1:" + std::to_string(port_) : config_.link_origin;
      res.set_header("Link", "<" + origin + config_.prefix + kRepo +
                                 "/issues/7/comments?per_page=" + std::to_string(per_page) + "&page=" +
                                 std::to_string(page + 1) + ">; rel=\"next\"");
    }
    res.set_content(out.dump(), "application/json");
  }

  void routes() {
    const std::string base = config_.prefix + kRepo;
    server_.Get(base + "/issues/7/comments", guarded([this](const auto& req, auto& res) { list_comments(req, res); }));
    server_.Post(base + "/issues/7/comments", guarded([this](const auto& req, auto& res) {
      if (config_.comment_post == "forbidden") return forbid(res);
      const Json body = Json::parse(req.body);
      const std::string author = config_.user_login.empty() ? "github-actions[bot]" : config_.user_login;
      comments_.push_back({{"id", next_id_}, {"user", {{"login", author}}}, {"body", body.at("body")}});
      res.status = 201;
      res.set_content(Json{{"id", next_id_++}}.dump(), "application/json");
    }));
    server_.Patch(base + R"(/issues/comments/(\d+))", guarded([this](const auto& req, auto& res) {
      const long id = std::stol(req.matches[1]);
      for (auto& c : comments_) {
        if (c["id"] == id) {
          c["body"] = Json::parse(req.body).at("body");
          return res.set_content(Json{{"id", id}}.dump(), "application/json");
        }
      }
      res.status = 404;
    }));
    server_.Post(base + "/check-runs", guarded([this](const auto& req, auto& res) {
      if (config_.check_runs == "forbidden") return forbid(res);
      Json run = Json::parse(req.body);
      run["id"] = 9 + check_runs_.size();
      check_runs_.push_back(run);
      res.status = 201;
      res.set_content(Json{{"id", run["id"]}}.dump(), "application/json");
    }));
    server_.Get(base + R"(/commits/([0-9a-f]+)/check-runs)", guarded([this](const auto& req, auto& res) {
      Json runs = Json::array();
      for (const auto& run : check_runs_) {
        if (run["head_sha"] == req.matches[1] && run["name"] == req.get_param_value("check_name")) runs.push_back(run);
      }
      res.set_content(Json{{"total_count", runs.size()}, {"check_runs", runs}}.dump(), "application/json");
    }));
    server_.Get(config_.prefix + "/user", guarded([this](const auto&, auto& res) {
      if (config_.user_login.empty()) return forbid(res);
      res.set_content(Json{{"login", config_.user_login}, {"id", 1}}.dump(), "application/json");
    }));
    server_.Post(base + R"(/statuses/([0-9a-f]+))", guarded([](const auto&, auto& res) {
      res.status = 201;
      res.set_content(R"({"id": 5})", "application/json");
    }));
    server_.Get("/__state", [this](const auto&, auto& res) {
      const std::lock_guard lock(mutex_);
      res.set_content(Json{{"comments", comments_}, {"check_runs", check_runs_}}.dump(), "application/json");
    });
    server_.Post("/__shutdown", [this](const auto&, auto&) { server_.stop(); });
  }

  static void forbid(httplib::Response& res) {
    res.status = 403;
    res.set_content(R"({"message":"Resource not accessible by integration"})", "application/json");
  }

  Config config_;
  std::ofstream log_;
  httplib::Server server_;
  std::mutex mutex_;
  std::vector<Json> comments_, check_runs_;
  bool slowed_ = false;
  long next_id_ = 5000;
  int fail_status_ = 0, fail_remaining_ = 0;
  bool rate_limited_ = false;
  int port_ = 0;
  std::atomic<bool> started_ = false;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::atomic<std::chrono::steady_clock::time_point> last_request_ = std::chrono::steady_clock::now();
};

}  // namespace

int main(int argc, char** argv) {
  Config c;
  CLI::App app{"Fake GitHub REST API on 127.0.0.1 for perf-report tests"};
  app.add_option("--port-file", c.port_file)->required();
  app.add_option("--log", c.log_file)->required();
  app.add_option("--prefix", c.prefix);
  app.add_option("--comments", c.comments);
  app.add_option("--check-runs", c.check_runs);
  app.add_option("--comment-post", c.comment_post);
  app.add_option("--fail-first", c.fail_first);
  app.add_flag("--rate-limit-first", c.rate_limit_first);
  app.add_option("--idle-exit", c.idle_exit);
  app.add_option("--user-login", c.user_login);
  app.add_option("--spoofed-comment", c.spoofed_comment);
  app.add_option("--slow-post", c.slow_post);
  app.add_option("--hang", c.hang);
  app.add_option("--link-origin", c.link_origin);
  CLI11_PARSE(app, argc, argv);
  return FakeGitHub(c).serve();
}
