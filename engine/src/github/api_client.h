#pragma once
// A JSON-over-HTTP client for one REST API base URL (cpp-httplib): authentication,
// timeouts, retries with backoff on 5xx, 429 and secondary rate limits (honouring
// Retry-After), and pagination links. The token never appears in anything it returns.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace perfgate {

struct ApiResponse {
  int status = 0;             // 0: no HTTP response (connection failed, timed out)
  std::string body;
  std::string error;          // for status 0
  std::string where;          // "POST https://HOST/PATH": what every failure line names
  // A POST that failed after it may have reached the server (a timeout, a reset, a 5xx):
  // it was not repeated, as a second one could create a duplicate; look first.
  bool maybe_applied = false;
  std::string next_page;      // path+query of the Link rel="next" page, when any
  std::string next_page_problem;  // a rel="next" link that could not be followed, and why
  bool ok() const { return status >= 200 && status < 300; }
};

struct RetryPolicy {
  int attempts = 4;
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::seconds max_wait{120};
  // Every request, retry and wait ends by then: a hung API cannot stall the job.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

class ApiClient {
 public:
  // `base_url`: scheme://host[:port][/path-prefix]. Throws kInput when malformed.
  ApiClient(const std::string& base_url, std::string token, std::chrono::milliseconds timeout, RetryPolicy retry,
            std::function<void(const std::string&)> log);
  ApiClient(ApiClient&&) noexcept;
  ~ApiClient();

  // `path` is relative to the base URL's prefix ("/repos/o/r/..."), with any query.
  // GET and PATCH are retried on any failure; POST only when it cannot have been received
  // (connection refused, a rate limit): otherwise it comes back with maybe_applied.
  ApiResponse request(const std::string& method, const std::string& path, const std::string& json_body = "");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "scheme://host[:port][/prefix]"; empty when it is not such a URL.
struct BaseUrl {
  std::string scheme_host_port;
  std::string prefix;  // without a trailing '/'
};
std::optional<BaseUrl> parse_base_url(const std::string& url);

// The rel="next" entry of a Link header as a path+query relative to `base`. A link on
// another origin is followed on `base` (the token is only ever sent there), which `note`
// says; one outside base's path prefix, or not a URL, is refused with `problem`.
struct NextPage {
  std::string path;  // empty: no next page
  std::string note, problem;
};
NextPage next_page_from_link(const std::string& link, const BaseUrl& base);

}  // namespace perfgate
