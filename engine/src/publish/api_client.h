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
  std::string next_page;      // path+query of the Link rel="next" page, when any
  bool ok() const { return status >= 200 && status < 300; }
};

struct RetryPolicy {
  int attempts = 4;
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::seconds max_wait{120};
};

class ApiClient {
 public:
  // `base_url`: scheme://host[:port][/path-prefix]. Throws kInput when malformed.
  ApiClient(const std::string& base_url, std::string token, std::chrono::milliseconds timeout, RetryPolicy retry,
            std::function<void(const std::string&)> log);
  ApiClient(ApiClient&&) noexcept;
  ~ApiClient();

  // `path` is relative to the base URL's prefix ("/repos/o/r/..."), with any query.
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
// The path+query of the rel="next" entry of a Link header, relative to `base`;
// empty when there is none or it points elsewhere.
std::string next_page_from_link(const std::string& link, const BaseUrl& base);

}  // namespace perfgate
