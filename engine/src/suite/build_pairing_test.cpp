#include <doctest/doctest.h>

#include "error_text.h"
#include "perfgate/suite.h"

using namespace perfgate;

namespace {

SuiteSpec suite_of(std::vector<ScenarioSpec> scenarios) { return SuiteSpec{"s", "suite.json", std::move(scenarios)}; }

ScenarioSpec command(const std::string& name, std::vector<std::string> argv) {
  ScenarioSpec s;
  s.name = name;
  CommandTargetSpec c;
  c.argv = std::move(argv);
  s.target = c;
  return s;
}

}  // namespace

TEST_CASE("--pair pairs the scenarios that name {build}, in argv, cwd, env and URLs, and no others") {
  ScenarioSpec cmd = command("cmd", {"{build}/tool", "--in", "data"});
  std::get<CommandTargetSpec>(cmd.target).cwd = "{build}";
  std::get<CommandTargetSpec>(cmd.target).env = {{"LD_LIBRARY_PATH", "{build}/lib"}};
  ScenarioSpec http;
  http.name = "http";
  HttpTargetSpec h;
  h.url = "{build}/api";
  http.target = h;
  ScenarioSpec builtin;
  builtin.name = "builtin";
  builtin.target = BuiltinTargetSpec{"noop", {}};
  ScenarioSpec plain = command("plain", {"/bin/true"});
  SuiteSpec suite = suite_of({cmd, http, builtin, plain});

  const auto unpaired = pair_builds(suite, {"../base", "./build"});
  CHECK(unpaired == std::vector<std::string>{"builtin", "plain"});
  const auto& c = suite.scenarios[0];
  REQUIRE(c.paired_baseline.has_value());
  CHECK(std::get<CommandTargetSpec>(c.target).argv[0] == "./build/tool");
  CHECK(std::get<CommandTargetSpec>(*c.paired_baseline).argv[0] == "../base/tool");
  CHECK(std::get<CommandTargetSpec>(*c.paired_baseline).cwd == "../base");
  CHECK(std::get<CommandTargetSpec>(*c.paired_baseline).env.at("LD_LIBRARY_PATH") == "../base/lib");
  CHECK(std::get<CommandTargetSpec>(c.target).argv[1] == "--in");  // other arguments untouched
  CHECK(std::get<HttpTargetSpec>(suite.scenarios[1].target).url == "./build/api");
  CHECK(std::get<HttpTargetSpec>(*suite.scenarios[1].paired_baseline).url == "../base/api");
  CHECK_FALSE(suite.scenarios[2].paired_baseline.has_value());
  CHECK_FALSE(suite.scenarios[3].paired_baseline.has_value());
  CHECK_NOTHROW(require_builds_substituted(suite));
}

TEST_CASE("explicit variants keep their own targets, each with its side's {build}") {
  ScenarioSpec s = command("v", {"{build}/new"});
  CommandTargetSpec old;
  old.argv = {"{build}/old"};
  s.paired_baseline = old;
  SuiteSpec suite = suite_of({s});
  CHECK(pair_builds(suite, {"B", "C"}).empty());
  CHECK(std::get<CommandTargetSpec>(suite.scenarios[0].target).argv[0] == "C/new");
  CHECK(std::get<CommandTargetSpec>(*suite.scenarios[0].paired_baseline).argv[0] == "B/old");
}

TEST_CASE("--build substitutes one side; a suite still naming {build} is refused with the remedy") {
  SuiteSpec suite = suite_of({command("a", {"{build}/x"})});
  CHECK(error_text([&] { require_builds_substituted(suite); }) ==
        "scenario 'a' refers to {build}: give --pair baseline=DIR --pair candidate=DIR (paired), or --build DIR (one side)");
  substitute_build(suite, "out");
  CHECK(std::get<CommandTargetSpec>(suite.scenarios[0].target).argv[0] == "out/x");
  CHECK_FALSE(suite.scenarios[0].paired_baseline.has_value());
}

TEST_CASE("--self-pair pairs every scenario with an identical copy") {
  SuiteSpec suite = suite_of({command("a", {"/bin/true"})});
  suite.scenarios.push_back(suite.scenarios[0]);
  suite.scenarios[1].name = "b";
  suite.scenarios[1].target = BuiltinTargetSpec{"noop", {}};
  pair_with_itself(suite);
  for (const auto& s : suite.scenarios) {
    REQUIRE(s.paired_baseline.has_value());
    CHECK(s.paired_baseline->index() == s.target.index());
  }
}
