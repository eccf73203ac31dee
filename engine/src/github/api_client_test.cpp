#include "github/api_client.h"

#include <doctest/doctest.h>

using namespace perfgate;

TEST_CASE("base URLs: origin and path prefix, no query") {
  const auto base = parse_base_url("https://ghe.example.com/api/v3/");
  REQUIRE(base);
  CHECK(base->scheme_host_port == "https://ghe.example.com");
  CHECK(base->prefix == "/api/v3");
  CHECK_FALSE(parse_base_url("https://h/api?x=1"));
  CHECK_FALSE(parse_base_url("ftp://h/"));
}

TEST_CASE("pagination links: followed on the base, re-based from elsewhere, refused outside it") {
  const BaseUrl base{"http://127.0.0.1:8080", "/api/v3"};
  const auto same = next_page_from_link(
      R"(<http://127.0.0.1:8080/api/v3/repos/o/r/issues/7/comments?page=2>; rel="next", <http://127.0.0.1:8080/api/v3/x?page=9>; rel="last")",
      base);
  CHECK(same.path == "/repos/o/r/issues/7/comments?page=2");
  CHECK(same.note.empty());
  CHECK(same.problem.empty());
  const auto last_first = next_page_from_link(R"(<http://127.0.0.1:8080/api/v3/a?page=9>; rel="last", <http://127.0.0.1:8080/api/v3/a?page=3>; rel=next)", base);
  CHECK(last_first.path == "/a?page=3");
  const auto elsewhere = next_page_from_link(R"(<https://proxy.internal/api/v3/a?page=2>; rel="next")", base);
  CHECK(elsewhere.path == "/a?page=2");
  CHECK(elsewhere.note.find("https://proxy.internal") != std::string::npos);
  const auto outside = next_page_from_link(R"(<http://127.0.0.1:8080/other/a?page=2>; rel="next")", base);
  CHECK(outside.path.empty());
  CHECK(outside.problem.find("outside the API's path /api/v3") != std::string::npos);
  CHECK(next_page_from_link(R"(<not a url>; rel="next")", base).problem.find("not a URL") != std::string::npos);
  CHECK(next_page_from_link(R"(<http://127.0.0.1:8080/api/v3/a>; rel="prev")", base).path.empty());
  CHECK(next_page_from_link("", base).path.empty());
  CHECK(next_page_from_link(std::string(100000, '<'), base).path.empty());
}
