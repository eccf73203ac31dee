#include "common/json_cursor.h"

#include <doctest/doctest.h>


#include "error_text.h"
#include "perfgate/error.h"

using namespace perfgate;

TEST_CASE("cursor errors carry source, JSON pointer and what was found") {
  const Json doc = Json::parse(R"({"a": {"b/c": [1, "two"]}})");
  const JsonCursor root(doc, "f.json");
  const auto second = root.at("a").at("b/c").elements()[1];
  CHECK(error_text([&] { second.as_uint(1, 10); }) ==
        "f.json: /a/b~1c/1: expected integer in [1, 10], got \"two\"");
  CHECK(error_text([&] { root.at("zz"); }) == "f.json: /: missing required field \"zz\"");
  CHECK(error_text([&] { root.expect_object({"b"}); }) == "f.json: /a: unknown field (known: b)");
}

TEST_CASE("durations accept numbers and unit strings") {
  const Json doc = Json::parse(R"([2, "250ms", "1.5m", "1h", "100us", "2 s", "-1s", "fast"])");
  const auto e = JsonCursor(doc, "d").elements();
  CHECK(e[0].as_duration(Seconds(0)).count() == 2.0);
  CHECK(e[1].as_duration(Seconds(0)).count() == doctest::Approx(0.25));
  CHECK(e[2].as_duration(Seconds(0)).count() == doctest::Approx(90));
  CHECK(e[3].as_duration(Seconds(0)).count() == doctest::Approx(3600));
  CHECK(e[4].as_duration(Seconds(0)).count() == doctest::Approx(1e-4));
  CHECK_THROWS_AS(e[5].as_duration(Seconds(0)), Error);
  CHECK_THROWS_AS(e[6].as_duration(Seconds(0)), Error);
  CHECK_THROWS_AS(e[7].as_duration(Seconds(0)), Error);
}

TEST_CASE("integers reject fractions, negatives and strings") {
  const Json doc = Json::parse(R"([3, 3.0, 3.5, -1, "3"])");
  const auto e = JsonCursor(doc, "i").elements();
  CHECK(e[0].as_uint(0, 10) == 3);
  CHECK(e[1].as_uint(0, 10) == 3);
  CHECK_THROWS_AS(e[2].as_uint(0, 10), Error);
  CHECK_THROWS_AS(e[3].as_uint(0, 10), Error);
  CHECK_THROWS_AS(e[4].as_uint(0, 10), Error);
}

TEST_CASE("JSON syntax errors name the file and position") {
  CHECK(error_text([] { parse_json_text("{\"a\": ", "s.json"); }).rfind("s.json: invalid JSON: parse error at line 1", 0) == 0);
}

TEST_CASE("hostile JSON: deep nesting and overflowing numbers are input errors, not crashes") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(error_text([&] { parse_json_text(deep, "deep.json"); }) ==
        "deep.json: invalid JSON: nested deeper than 256 levels at line 1, column 257");
  const std::string ok = std::string(256, '[') + std::string(256, ']');
  CHECK_NOTHROW(parse_json_text(ok, "ok.json"));
  // brackets inside strings do not count, escaped quotes do not end a string
  CHECK_NOTHROW(parse_json_text("{\"a\": \"" + std::string(1000, '[') + "\\\"\"}", "s.json"));
  CHECK(error_text([&] { parse_json_text("{\"x\": 1e999}", "big.json"); }).rfind("big.json: invalid JSON: ", 0) == 0);
}
