#pragma once
// http(s) URLs as every reader takes them (suite targets, --pair values, GITHUB_API_URL,
// pagination links): split in one linear pass, never by std::regex, whose recursion
// grows with the input (a 30 kB URL overflowed the stack).

#include <optional>
#include <string>
#include <string_view>

namespace perfgate {

struct HttpUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // letters, digits, dots and dashes
  std::optional<unsigned> port;
  std::string target;  // the path from its '/', with any query; empty when the URL has none
  std::string origin() const;  // scheme://host[:port], as written
};

// `http[s]://HOST[:PORT][/PATH][?QUERY]`; empty, with `why` saying what is wrong, for
// anything else (user info, a fragment, whitespace, a port outside 1-65535).
std::optional<HttpUrl> split_http_url(std::string_view url, std::string& why);

}  // namespace perfgate
