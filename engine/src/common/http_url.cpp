#include "common/http_url.h"

#include <algorithm>

namespace perfgate {
namespace {

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool is_space_or_control(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }

}  // namespace

std::string HttpUrl::origin() const {
  return scheme + "://" + host + (port ? ":" + std::to_string(*port) : "");
}

std::optional<HttpUrl> split_http_url(std::string_view url, std::string& why) {
  HttpUrl out;
  for (std::string_view scheme : {"https", "http"}) {
    if (url.substr(0, scheme.size() + 3) == std::string(scheme) + "://") {
      out.scheme = std::string(scheme);
      url.remove_prefix(scheme.size() + 3);
      break;
    }
  }
  if (out.scheme.empty()) return why = "expected http:// or https://", std::nullopt;
  const std::size_t authority_end = std::min(url.find_first_of("/?"), url.size());
  const std::string_view authority = url.substr(0, authority_end);
  const std::size_t colon = authority.find(':');
  const std::string_view host = authority.substr(0, colon);
  if (host.empty()) return why = "no host", std::nullopt;
  if (!std::all_of(host.begin(), host.end(), is_host_char)) {
    return why = "a host is letters, digits, dots and dashes", std::nullopt;
  }
  out.host = std::string(host);
  if (colon != std::string_view::npos) {
    const std::string_view digits = authority.substr(colon + 1);
    unsigned port = 0;
    for (char c : digits) {
      if (c < '0' || c > '9' || port > 65535) return why = "a port is a number from 1 to 65535", std::nullopt;
      port = port * 10 + unsigned(c - '0');
    }
    if (digits.empty() || port < 1 || port > 65535) return why = "a port is a number from 1 to 65535", std::nullopt;
    out.port = port;
  }
  const std::string_view target = url.substr(authority_end);
  if (std::any_of(target.begin(), target.end(), is_space_or_control)) {
    return why = "no spaces or control characters", std::nullopt;
  }
  if (target.find('#') != std::string_view::npos) return why = "no #fragment (it is never sent)", std::nullopt;
  out.target = !target.empty() && target.front() == '?' ? "/" + std::string(target) : std::string(target);
  return out;
}

}  // namespace perfgate
