#include "targets/http/http_endpoint.h"

#include <netdb.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "common/http_url.h"
#include "perfgate/error.h"
#include "perfgate/version.h"

namespace perfgate {
namespace {

bool has_header(const std::map<std::string, std::string>& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) {
    return h.first.size() == name.size() &&
           std::equal(name.begin(), name.end(), h.first.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
}

std::string request_bytes(const HttpTargetSpec& spec, const HttpUrl& url) {
  std::string r = spec.method + " " + (url.target.empty() ? "/" : url.target) + " HTTP/1.1\r\n";
  if (!has_header(spec.headers, "Host")) r += "Host: " + url.host + (url.port ? ":" + std::to_string(*url.port) : "") + "\r\n";
  if (!has_header(spec.headers, "User-Agent")) r += std::string("User-Agent: perfgate/") + kVersion + "\r\n";
  for (const auto& [name, value] : spec.headers) r += name + ": " + value + "\r\n";
  if (!spec.body.empty() && !has_header(spec.headers, "Content-Type")) r += "Content-Type: application/octet-stream\r\n";
  if (!spec.body.empty() || spec.method == "POST" || spec.method == "PUT" || spec.method == "PATCH") {
    r += "Content-Length: " + std::to_string(spec.body.size()) + "\r\n";
  }
  return r + "\r\n" + spec.body;
}

}  // namespace

bool HttpEndpoint::status_ok(int status) const {
  if (expect_status.empty()) return status >= 200 && status < 300;
  return std::find(expect_status.begin(), expect_status.end(), status) != expect_status.end();
}

HttpEndpoint make_http_endpoint(const HttpTargetSpec& spec) {
  std::string why;
  const auto url = split_http_url(spec.url, why);
  if (!url) throw input_error("not an http(s) URL (" + why + "): " + spec.url);
  HttpEndpoint e;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(url->port.value_or(url->scheme == "https" ? 443 : 80));
  if (const int rc = getaddrinfo(url->host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    throw environment_error(spec.url + ": cannot resolve " + url->host + " (" + gai_strerror(rc) + ")");
  }
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, &freeaddrinfo);
  std::memcpy(&e.address, found->ai_addr, found->ai_addrlen);
  e.address_length = found->ai_addrlen;
  e.request = request_bytes(spec, *url);
  e.head = spec.method == "HEAD";
  e.idempotent = spec.method == "GET" || spec.method == "HEAD" || spec.method == "PUT" || spec.method == "DELETE" ||
                 spec.method == "OPTIONS" || spec.method == "TRACE";
  e.timeout = std::chrono::duration_cast<Nanoseconds>(spec.timeout);
  e.expect_status = spec.expect_status;
  if (url->scheme == "https") e.tls = std::make_shared<const TlsContext>(url->host, spec.ca_file);
  return e;
}

}  // namespace perfgate
