#include "common/http_url.h"

#include <doctest/doctest.h>

using namespace perfgate;

TEST_CASE("http URLs split into origin and target, in one pass") {
  std::string why;
  const auto u = split_http_url("https://api.example.com:8443/api/v3?x=1", why);
  REQUIRE(u);
  CHECK(u->origin() == "https://api.example.com:8443");
  CHECK(u->target == "/api/v3?x=1");
  CHECK(split_http_url("http://h", why)->target.empty());
  CHECK(split_http_url("http://h?q", why)->target == "/?q");
  CHECK(split_http_url("http://h:65535/", why)->port == 65535u);
}

TEST_CASE("what is not an http URL says why") {
  const auto why_not = [](std::string_view url) {
    std::string why;
    CHECK_FALSE(split_http_url(url, why));
    return why;
  };
  CHECK(why_not("ftp://h/") == "expected http:// or https://");
  CHECK(why_not("http:///x") == "no host");
  CHECK(why_not("http://user@h/") == "a host is letters, digits, dots and dashes");
  CHECK(why_not("http://h:0/") == "a port is a number from 1 to 65535");
  CHECK(why_not("http://h:99999999999999999999/") == "a port is a number from 1 to 65535");
  CHECK(why_not("http://h:/") == "a port is a number from 1 to 65535");
  CHECK(why_not("http://h/a b") == "no spaces or control characters");
  CHECK(why_not("http://h/a#frag") == "no #fragment (it is never sent)");
  const std::string long_host = "http://" + std::string(100000, 'a') + "/";
  std::string why;
  CHECK(split_http_url(long_host, why));  // long, but linear: no recursion
}
