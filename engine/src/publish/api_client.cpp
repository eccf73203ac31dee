#include "publish/api_client.h"

#include <httplib.h>

#include <ctime>
#include <regex>
#include <thread>

#include "perfgate/error.h"
#include "perfgate/version.h"

namespace perfgate {
namespace {

bool is_rate_limited(const httplib::Response& res) {
  if (res.status == 429) return true;
  if (res.status != 403) return false;
  return res.get_header_value("x-ratelimit-remaining") == "0" ||
         res.body.find("secondary rate limit") != std::string::npos;
}

bool is_retryable(const httplib::Response& res) { return res.status >= 500 || is_rate_limited(res); }

// How long the server asked us to wait, if it said.
std::optional<std::chrono::seconds> requested_wait(const httplib::Response& res) {
  const std::string retry_after = res.get_header_value("retry-after");
  if (!retry_after.empty() && retry_after.find_first_not_of("0123456789") == std::string::npos) {
    return std::chrono::seconds(std::stol(retry_after));
  }
  const std::string reset = res.get_header_value("x-ratelimit-reset");
  if (is_rate_limited(res) && !reset.empty() && reset.find_first_not_of("0123456789") == std::string::npos) {
    return std::chrono::seconds(std::max(0L, std::stol(reset) - static_cast<long>(std::time(nullptr))));
  }
  return std::nullopt;
}

std::string seconds_text(std::chrono::milliseconds d) {
  return std::to_string(d.count() / 1000) + (d.count() % 1000 ? "." + std::to_string(d.count() % 1000 / 100) : "") + "s";
}

}  // namespace

std::optional<BaseUrl> parse_base_url(const std::string& url) {
  static const std::regex kUrl(R"(^(https?://[^/?#\s]+)(/[^?#\s]*)?$)");
  std::smatch m;
  if (!std::regex_match(url, m, kUrl)) return std::nullopt;
  std::string prefix = m[2].str();
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return BaseUrl{m[1].str(), prefix};
}

std::string next_page_from_link(const std::string& link, const BaseUrl& base) {
  static const std::regex kNext(R"(<([^>]*)>\s*;\s*rel="?next"?)");
  std::smatch m;
  if (!std::regex_search(link, m, kNext)) return "";
  const std::string url = m[1].str();
  const std::string head = base.scheme_host_port + base.prefix;
  if (url.rfind(head, 0) != 0 || (url.size() > head.size() && url[head.size()] != '/')) return "";
  return url.substr(head.size());
}

struct ApiClient::Impl {
  BaseUrl base;
  httplib::Client client;
  httplib::Headers headers;
  RetryPolicy retry;
  std::function<void(const std::string&)> log;

  Impl(BaseUrl b, const std::string& token, std::chrono::milliseconds timeout, RetryPolicy r,
       std::function<void(const std::string&)> l)
      : base(std::move(b)), client(base.scheme_host_port), retry(r), log(std::move(l)) {
    client.set_connection_timeout(std::chrono::duration_cast<std::chrono::microseconds>(timeout));
    client.set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(timeout));
    client.set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(timeout));
    headers = {{"Accept", "application/vnd.github+json"},
               {"X-GitHub-Api-Version", "2022-11-28"},
               {"User-Agent", std::string("perfgate/") + kVersion}};
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  }
};

ApiClient::ApiClient(const std::string& base_url, std::string token, std::chrono::milliseconds timeout,
                     RetryPolicy retry, std::function<void(const std::string&)> log) {
  auto base = parse_base_url(base_url);
  if (!base) throw input_error("API URL '" + base_url + "' is not http(s)://host[:port][/path]");
  impl_ = std::make_unique<Impl>(std::move(*base), token, timeout, retry, std::move(log));
}
ApiClient::ApiClient(ApiClient&&) noexcept = default;
ApiClient::~ApiClient() = default;

ApiResponse ApiClient::request(const std::string& method, const std::string& path, const std::string& json_body) {
  httplib::Request req;
  req.method = method;
  req.path = impl_->base.prefix + path;
  req.headers = impl_->headers;
  if (!json_body.empty()) {
    req.body = json_body;
    req.headers.emplace("Content-Type", "application/json");
  }
  auto backoff = impl_->retry.first_backoff;
  for (int attempt = 1;; ++attempt) {
    const httplib::Result result = impl_->client.send(req);
    const bool last = attempt >= impl_->retry.attempts;
    std::chrono::milliseconds wait = backoff;
    if (!result) {
      const std::string error = httplib::to_string(result.error());
      if (last) return {0, "", error + " (after " + std::to_string(attempt) + " attempts)", ""};
      impl_->log(method + " " + path + ": " + error + "; retrying in " + seconds_text(wait));
    } else {
      const httplib::Response& res = *result;
      if (!is_retryable(res) || last) {
        return {res.status, res.body, "", next_page_from_link(res.get_header_value("link"), impl_->base)};
      }
      if (const auto asked = requested_wait(res)) {
        if (*asked > impl_->retry.max_wait) {
          return {res.status, res.body, "", ""};
        }
        wait = std::max<std::chrono::milliseconds>(*asked, std::chrono::milliseconds(0));
      }
      impl_->log(method + " " + path + ": HTTP " + std::to_string(res.status) + "; retrying in " + seconds_text(wait) +
                 " (attempt " + std::to_string(attempt + 1) + " of " + std::to_string(impl_->retry.attempts) + ")");
    }
    std::this_thread::sleep_for(wait);
    backoff *= 2;
  }
}

}  // namespace perfgate
