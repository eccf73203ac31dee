#include <doctest/doctest.h>

#include "error_text.h"
#include "perfgate/suite.h"

using namespace perfgate;

TEST_CASE("scenario globs keep matching scenarios in suite order") {
  SuiteSpec s = default_suite();
  select_scenarios(s, {"sort*", "kv/*"});
  REQUIRE(s.scenarios.size() == 2);
  CHECK(s.scenarios[0].name == "kv/get-put");
  CHECK(s.scenarios[1].name == "sort/100k");
}

TEST_CASE("a glob that matches nothing is an error listing the scenarios") {
  SuiteSpec s = default_suite();
  const std::string e = error_text([&] { select_scenarios(s, {"kv/*", "nope"}); });
  CHECK(e.rfind("--scenario 'nope' matches no scenario of suite 'builtin-default' (scenarios: noop, kv/get-put", 0) == 0);
}

TEST_CASE("overrides apply to every scenario") {
  SuiteSpec s = default_suite();
  apply_overrides(s, {3u, Seconds(0.1), Seconds(0), std::nullopt});
  for (const auto& sc : s.scenarios) {
    CHECK(sc.trials == 3);
    CHECK(sc.duration.count() == 0.1);
    CHECK(sc.warmup.count() == 0.0);
  }
}

TEST_CASE("command-line durations") {
  CHECK(parse_duration("2")->count() == 2.0);
  CHECK(parse_duration("500ms")->count() == doctest::Approx(0.5));
  CHECK_FALSE(parse_duration("5x"));
  CHECK_FALSE(parse_duration(""));
}
