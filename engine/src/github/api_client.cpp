#include "github/api_client.h"

#include <httplib.h>

#include <ctime>
#include <thread>

#include "common/http_url.h"
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
  std::string why;
  const auto parts = split_http_url(url, why);
  if (!parts || parts->target.find('?') != std::string::npos) return std::nullopt;
  std::string prefix = parts->target;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return BaseUrl{parts->origin(), prefix};
}

namespace {

// The URL of the rel="next" entry of a Link header (RFC 8288: `<URL>; rel="next", ...`).
std::optional<std::string> next_link_url(std::string_view link) {
  for (std::size_t open = link.find('<'); open != std::string_view::npos;) {
    const std::size_t close = link.find('>', open);
    if (close == std::string_view::npos) return std::nullopt;
    const std::size_t next_open = link.find('<', close);
    std::string_view params = link.substr(close + 1, next_open == std::string_view::npos ? link.npos : next_open - close - 1);
    for (std::size_t at = params.find("rel="); at != std::string_view::npos; at = params.find("rel=", at + 4)) {
      std::string_view value = params.substr(at + 4);
      if (!value.empty() && value.front() == '"') value.remove_prefix(1);
      if (value.substr(0, 4) == "next" && (value.size() == 4 || std::string_view(" \";,").find(value[4]) != value.npos)) {
        return std::string(link.substr(open + 1, close - open - 1));
      }
    }
    open = next_open;
  }
  return std::nullopt;
}

}  // namespace

NextPage next_page_from_link(const std::string& link, const BaseUrl& base) {
  const auto url = next_link_url(link);
  if (!url) return {};
  std::string why;
  const auto parts = split_http_url(*url, why);
  const std::string shown = url->size() > 120 ? url->substr(0, 120) + "..." : *url;
  if (!parts) return {"", "", "the next page's link is not a URL (" + why + "): " + shown};
  const std::string& target = parts->target;
  if (!base.prefix.empty() && (target.rfind(base.prefix, 0) != 0 || (target.size() > base.prefix.size() &&
                                                                     target[base.prefix.size()] != '/' &&
                                                                     target[base.prefix.size()] != '?'))) {
    return {"", "", "the next page's link " + shown + " is outside the API's path " + base.prefix +
                        " (check GITHUB_API_URL)"};
  }
  NextPage next{target.substr(base.prefix.size()), "", ""};
  if (parts->origin() != base.scheme_host_port) {
    next.note = "the next page's link points at " + parts->origin() + "; following it on " + base.scheme_host_port +
                " (GITHUB_API_URL), the only place the token is sent";
  }
  return next;
}

struct ApiClient::Impl {
  BaseUrl base;
  httplib::Client client;
  httplib::Headers headers;
  RetryPolicy retry;
  std::function<void(const std::string&)> log;

  std::chrono::milliseconds timeout;  // per request, cut shorter near the deadline

  Impl(BaseUrl b, const std::string& token, std::chrono::milliseconds t, RetryPolicy r,
       std::function<void(const std::string&)> l)
      : base(std::move(b)), client(base.scheme_host_port), retry(r), log(std::move(l)), timeout(t) {
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

namespace {

using SteadyClock = std::chrono::steady_clock;

// Failures in which the request cannot have reached the server: safe to send again.
bool never_sent(httplib::Error error) {
  return error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout ||
         error == httplib::Error::SSLConnection || error == httplib::Error::SSLServerVerification;
}

std::chrono::milliseconds left_until(SteadyClock::time_point deadline) {
  if (deadline == SteadyClock::time_point::max()) return std::chrono::hours(24);
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
}

}  // namespace

ApiResponse ApiClient::request(const std::string& method, const std::string& path, const std::string& json_body) {
  httplib::Request req;
  req.method = method;
  req.path = impl_->base.prefix + path;
  req.headers = impl_->headers;
  if (!json_body.empty()) {
    req.body = json_body;
    req.headers.emplace("Content-Type", "application/json");
  }
  const bool replayable = method != "POST";
  ApiResponse out;
  out.where = method + " " + impl_->base.scheme_host_port + req.path;
  const auto give_up = [&](std::string error, int attempt) {
    out.error = std::move(error) + " (after " + std::to_string(attempt) + (attempt == 1 ? " attempt)" : " attempts)");
    return out;
  };
  auto backoff = impl_->retry.first_backoff;
  for (int attempt = 1;; ++attempt) {
    const auto left = left_until(impl_->retry.deadline);
    if (left <= std::chrono::milliseconds(0)) return give_up("the publishing deadline passed", attempt - 1);
    const auto timeout = std::chrono::duration_cast<std::chrono::microseconds>(std::min(impl_->timeout, left));
    impl_->client.set_connection_timeout(timeout);
    impl_->client.set_read_timeout(timeout);
    impl_->client.set_write_timeout(timeout);
    const httplib::Result result = impl_->client.send(req);
    std::chrono::milliseconds wait = backoff;
    std::string failure;
    if (!result) {
      out.status = 0;  // whatever an earlier attempt answered, this one got nothing
      out.body.clear();
      failure = httplib::to_string(result.error());
      if (!replayable && !never_sent(result.error())) {
        out.maybe_applied = true;
        return give_up(failure + ", and it may have been received", attempt);
      }
    } else {
      const httplib::Response& res = *result;
      if (!is_retryable(res) || (!replayable && !is_rate_limited(res))) {
        out.status = res.status;
        out.body = res.body;
        out.maybe_applied = !replayable && res.status >= 500;
        const NextPage next = next_page_from_link(res.get_header_value("link"), impl_->base);
        out.next_page = next.path;
        out.next_page_problem = next.problem;
        if (!next.note.empty()) impl_->log(next.note);
        return out;
      }
      if (const auto asked = requested_wait(res)) {
        if (*asked > impl_->retry.max_wait) {
          out.status = res.status;
          out.body = res.body;
          return out;
        }
        wait = std::max<std::chrono::milliseconds>(*asked, std::chrono::milliseconds(0));
      }
      failure = "HTTP " + std::to_string(res.status);
      out.status = res.status;
      out.body = res.body;
    }
    if (attempt >= impl_->retry.attempts) return result ? out : give_up(failure, attempt);
    if (wait >= left_until(impl_->retry.deadline)) {
      return result ? out : give_up(failure + "; no time left to retry before the publishing deadline", attempt);
    }
    impl_->log(out.where + ": " + failure + "; retrying in " + seconds_text(wait) + " (attempt " +
               std::to_string(attempt + 1) + " of " + std::to_string(impl_->retry.attempts) + ")");
    std::this_thread::sleep_for(wait);
    backoff *= 2;
  }
}

}  // namespace perfgate
