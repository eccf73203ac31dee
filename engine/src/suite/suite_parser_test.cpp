#include <doctest/doctest.h>

#include "error_text.h"
#include "perfgate/suite.h"

using namespace perfgate;

namespace {

// A one-scenario suite whose scenario body is `scenario` (JSON object members).
std::string suite_with(const std::string& scenario, const std::string& extra = "") {
  return R"({"suite": "t", )" + extra + R"("scenarios": [{"name": "s", )" + scenario + "}]}";
}

std::string parse_error(const std::string& text) {
  return error_text([&] { suite_from_text(text, "suite.json"); });
}

const std::string kKv = R"("target": {"type": "builtin", "workload": "kv"})";

}  // namespace

TEST_CASE("a minimal suite gets every default") {
  const SuiteSpec s = suite_from_text(suite_with(kKv), "suite.json");
  REQUIRE(s.scenarios.size() == 1);
  const auto& sc = s.scenarios[0];
  CHECK(s.name == "t");
  CHECK(sc.trials == 5);
  CHECK(sc.duration.count() == 5.0);
  CHECK(sc.warmup.count() == 1.0);
  CHECK(std::get<ClosedLoadSpec>(sc.load).concurrency == 1);
  const auto& kv = std::get<BuiltinTargetSpec>(sc.target);
  CHECK(kv.params.at("keys") == 100000);
  CHECK(kv.params.at("put_ratio") == 0.1);
}

TEST_CASE("suite defaults apply unless a scenario overrides them") {
  const SuiteSpec s = suite_from_text(
      R"({"suite": "t", "defaults": {"trials": 7, "duration": "250ms", "load": {"model": "closed", "concurrency": 3}},
          "scenarios": [{"name": "a", )" + kKv + R"(},
                        {"name": "b", "trials": 2, "load": {"model": "closed", "concurrency": 1}, )" + kKv + "}]}",
      "suite.json");
  CHECK(s.scenarios[0].trials == 7);
  CHECK(s.scenarios[0].duration.count() == doctest::Approx(0.25));
  CHECK(std::get<ClosedLoadSpec>(s.scenarios[0].load).concurrency == 3);
  CHECK(s.scenarios[1].trials == 2);
  CHECK(std::get<ClosedLoadSpec>(s.scenarios[1].load).concurrency == 1);
}

TEST_CASE("profile settings: true, an object, defaults, and the profiling trial's length") {
  const SuiteSpec s = suite_from_text(
      R"({"suite": "t", "defaults": {"profile": true},
          "scenarios": [{"name": "a", )" + kKv + R"(},
                        {"name": "b", "profile": {"rate_hz": 99, "duration": "10s"}, )" + kKv + R"(},
                        {"name": "c", "profile": false, )" + kKv + "}]}",
      "suite.json");
  REQUIRE(s.scenarios[0].profile);
  CHECK(s.scenarios[0].profile->rate_hz == ProfileSpec::kDefaultRateHz);
  CHECK(s.scenarios[0].profile->length(Seconds(1)).count() == 4.0);  // at least 4 s
  CHECK(s.scenarios[0].profile->length(Seconds(5)).count() == 5.0);  // else a trial's length
  CHECK(s.scenarios[1].profile->rate_hz == 99);
  CHECK(s.scenarios[1].profile->length(Seconds(1)).count() == 10.0);
  CHECK_FALSE(s.scenarios[2].profile);
}

TEST_CASE("command targets keep argv, env, cwd and timeout") {
  const SuiteSpec s = suite_from_text(suite_with(
      R"("target": {"type": "command", "argv": ["./bench", "--fast"], "env": {"A": "1"},
                    "inherit_env": false, "cwd": "/tmp", "timeout": "3s"})"), "suite.json");
  const auto& c = std::get<CommandTargetSpec>(s.scenarios[0].target);
  CHECK(c.argv == std::vector<std::string>{"./bench", "--fast"});
  CHECK(c.env.at("A") == "1");
  CHECK_FALSE(c.inherit_env);
  CHECK(c.cwd == "/tmp");
  CHECK(c.timeout.count() == 3.0);
}

TEST_CASE("every validation error names the file and the JSON path") {
  CHECK(parse_error(suite_with(kKv + R"(, "load": {"model": "closed", "concurrency": "four"})")) ==
        "suite.json: /scenarios/0/load/concurrency: expected integer in [1, 100000], got \"four\"");
  CHECK(parse_error(suite_with(kKv + R"(, "load": {"model": "queue"})")) ==
        "suite.json: /scenarios/0/load/model: expected one of: closed, open, got \"queue\"");
  CHECK(parse_error(suite_with(kKv + R"(, "load": {"model": "open"})")) ==
        "suite.json: /scenarios/0/load: missing required field \"rate\"");
  CHECK(parse_error(suite_with(kKv + R"(, "load": {"model": "open", "shape": "spike", "base": 1, "peak": 2, "before": "1s", "spike": "1s"})")) ==
        "suite.json: /scenarios/0/load: missing required field \"after\"");
  CHECK(parse_error(suite_with(kKv + R"(, "duration": "9s", "load": {"model": "open", "shape": "soak", "rate": 5, "duration": "3s"})"))
            .rfind("suite.json: /scenarios/0/duration: the load's stages last 3", 0) == 0);
  CHECK(parse_error(suite_with(kKv + R"(, "trials": 0)")) ==
        "suite.json: /scenarios/0/trials: expected integer in [1, 100000], got 0");
  CHECK(parse_error(suite_with(kKv + R"(, "duration": "soon")")).rfind(
            "suite.json: /scenarios/0/duration: expected a duration", 0) == 0);
  CHECK(parse_error(suite_with(kKv + R"(, "durration": 1)")) ==
        "suite.json: /scenarios/0/durration: unknown field (known: name, description, target, variants, "
        "load, warmup, duration, trials, gate, profile, sweep, sweep_point)");
  CHECK(parse_error(suite_with(kKv + R"(, "profile": {"rate_hz": 0})")) ==
        "suite.json: /scenarios/0/profile/rate_hz: expected a number in [1, 10000], got 0");
  CHECK(parse_error(suite_with(kKv + R"(, "profile": {"hz": 99})")).rfind(
            "suite.json: /scenarios/0/profile/hz: unknown field", 0) == 0);
  CHECK(parse_error(suite_with(R"("target": {"type": "builtin", "workload": "nope"})")) ==
        "suite.json: /scenarios/0/target/workload: expected a built-in workload (noop, kv, "
        "graph_bfs, vector_topk, sort, alloc_churn), got \"nope\"");
  CHECK(parse_error(suite_with(R"("target": {"type": "builtin", "workload": "kv", "params": {"kyes": 1}})")) ==
        "suite.json: /scenarios/0/target/params/kyes: unknown parameter of workload kv (known: keys, put_ratio)");
  CHECK(parse_error(suite_with(R"("target": {"type": "builtin", "workload": "kv", "params": {"put_ratio": 2}})")) ==
        "suite.json: /scenarios/0/target/params/put_ratio: expected a number in [0, 1], got 2");
  CHECK(parse_error(suite_with(R"("target": {"type": "builtin", "workload": "noop", "params": {"x": 1}})")) ==
        "suite.json: /scenarios/0/target/params/x: unknown parameter of workload noop (it takes none)");
  CHECK(parse_error(suite_with(R"("target": {"type": "builtin", "workload": "alloc_churn", "params": {"min_size": 100, "max_size": 10}})")) ==
        "suite.json: /scenarios/0/target/params: min_size exceeds max_size");
  CHECK(parse_error(suite_with(R"("target": {"type": "command", "argv": []})")) ==
        "suite.json: /scenarios/0/target/argv: expected a non-empty array of strings, got []");
  CHECK(parse_error(suite_with(R"("target": {"type": "command", "argv": ["x"], "timeout": 0})")).rfind(
            "suite.json: /scenarios/0/target/timeout: expected a duration", 0) == 0);
  CHECK(parse_error(suite_with(R"("target": {"type": "http"})")) ==
        "suite.json: /scenarios/0/target: missing required field \"url\"");
  CHECK(parse_error(suite_with(R"("target": {"type": "http", "url": "ftp://x"})")) ==
        "suite.json: /scenarios/0/target/url: expected an http:// or https:// URL with a host (expected http:// or "
        "https://), got \"ftp://x\"");
  CHECK(parse_error(suite_with(R"("target": {"type": "http", "url": "http://x/", "expect_status": [700]})")) ==
        "suite.json: /scenarios/0/target/expect_status/0: expected integer in [100, 599], got 700");
  CHECK(parse_error(suite_with(R"("target": {"type": "smtp"})")) ==
        "suite.json: /scenarios/0/target/type: expected one of: builtin, command, http, gbench, got \"smtp\"");
  CHECK(parse_error(suite_with(R"("target": {})")) ==
        "suite.json: /scenarios/0/target: missing required field \"type\"");
}

TEST_CASE("hostile suites: repeated keys, long URLs and ports out of range are located input errors") {
  CHECK(parse_error(R"({"schema": "perfgate.suite/1", "suite": "a", "suite": "b", "scenarios": []})") ==
        "suite.json: /suite: duplicate key (each field may appear once)");
  CHECK(parse_error(suite_with(R"("target": {"type": "builtin", "workload": "noop", "workload": "kv"})")) ==
        "suite.json: /scenarios/0/target/workload: duplicate key (each field may appear once)");
  CHECK(parse_error(R"({"schema": "perfgate.suite/1", "suite": "a", "scenarios": [{"name": "x"}, {"name": "y", )"
                    R"("target": {"type": "builtin", "workload": "noop"}, "gate": {"checks": [], "checks": []}}]})") ==
        "suite.json: /scenarios/1/gate/checks: duplicate key (each field may appear once)");
  CHECK(parse_error(suite_with(R"("target": {"type": "http", "url": "http://127.0.0.1:99999/"})")) ==
        "suite.json: /scenarios/0/target/url: expected an http:// or https:// URL with a host (a port is a number "
        "from 1 to 65535), got \"http://127.0.0.1:99999/\"");
  const std::string long_url = "http://" + std::string(30000, 'a') + "/";
  const auto suite = suite_from_text(suite_with(R"("target": {"type": "http", "url": ")" + long_url + R"("})"), "s.json");
  CHECK(std::get<HttpTargetSpec>(suite.scenarios[0].target).url == long_url);
  CHECK(parse_error(suite_with(R"("target": {"type": "http", "url": "http://a/)" + std::string(30000, 'a') + R"( x"})"))
            .find("no spaces or control characters") != std::string::npos);
}

TEST_CASE("suite-level errors") {
  CHECK(parse_error(R"({"suite": "t", "scenarios": []})") ==
        "suite.json: /scenarios: a suite needs at least one scenario");
  CHECK(parse_error(R"({"scenarios": []})") == "suite.json: /: missing required field \"suite\"");
  CHECK(parse_error(R"([1])") == "suite.json: /: expected an object, got [1]");
  CHECK(parse_error(R"({"schema": "perfgate.suite/2", "suite": "t", "scenarios": []})") ==
        "suite.json: /schema: unsupported suite schema (this perfgate reads perfgate.suite/1)");
  CHECK(parse_error(R"({"suite": "t", "scenarios": [{"name": "a", )" + kKv + R"(}, {"name": "a", )" + kKv + "}]}") ==
        "suite.json: /scenarios/1/name: duplicate scenario name \"a\"");
  CHECK(parse_error(R"({"suite": "t", "scenarios": [{"name": "a\tb", )" + kKv + "}]}") ==
        "suite.json: /scenarios/0/name: expected a name of 1 to 200 printable characters, got \"a\\tb\"");
  CHECK(parse_error("{\"suite\": ").rfind("suite.json: invalid JSON: parse error at line 1, column 11", 0) == 0);
}

TEST_CASE("canonical JSON round-trips to the same suite") {
  const SuiteSpec original = default_suite();
  const SuiteSpec again = suite_from_text(to_json(original).dump(), "again");
  CHECK(to_json(again) == to_json(original));
  REQUIRE(again.scenarios.size() == original.scenarios.size());
  CHECK(again.scenarios[2].name == original.scenarios[2].name);
}

TEST_CASE("the built-in default suite covers every workload briefly") {
  const SuiteSpec s = default_suite();
  CHECK(s.scenarios.size() == 6);
  Seconds planned{0};
  for (const auto& sc : s.scenarios) planned += sc.warmup + sc.duration * double(sc.trials);
  CHECK(planned.count() < 30.0);  // README: "~26 s"
}

TEST_CASE("paired scenarios: variants instead of a target") {
  const SuiteSpec s = suite_from_text(suite_with(
      R"("variants": {"baseline": {"type": "command", "argv": ["./old"]},
                      "candidate": {"type": "command", "argv": ["./new"]}})"), "suite.json");
  const auto& sc = s.scenarios[0];
  REQUIRE(sc.paired_baseline.has_value());
  CHECK(std::get<CommandTargetSpec>(*sc.paired_baseline).argv[0] == "./old");
  CHECK(std::get<CommandTargetSpec>(sc.target).argv[0] == "./new");
  CHECK(to_json(suite_from_text(to_json(s).dump(), "again")) == to_json(s));
  CHECK(parse_error(suite_with(kKv + R"(, "variants": {"baseline": {"type": "builtin", "workload": "noop"},
                                                       "candidate": {"type": "builtin", "workload": "noop"}})")) ==
        "suite.json: /scenarios/0/target: a scenario has either \"target\" or \"variants\", not both");
  CHECK(parse_error(suite_with(R"("variants": {"baseline": {"type": "builtin", "workload": "noop"}})")) ==
        "suite.json: /scenarios/0/variants: missing required field \"candidate\"");
  CHECK(parse_error(suite_with(R"("variants": {"base": {}})")) ==
        "suite.json: /scenarios/0/variants/base: unknown field (known: baseline, candidate)");
}

TEST_CASE("gate rules: defaults, per-scenario overrides, and located errors") {
  const SuiteSpec s = suite_from_text(
      R"({"suite": "t", "defaults": {"gate": {"threshold": "5%", "thresholds": {"p99": "10%"}, "checks": ["error_rate < 1%"]}},
          "scenarios": [{"name": "a", )" + kKv + R"(, "gate": {"threshold": 0.02, "thresholds": {"throughput": "3%"},
                                                             "checks": ["p95 < 200ms"]}},
                        {"name": "b", )" + kKv + "}]}",
      "suite.json");
  const GateSpec& a = s.scenarios[0].gate;
  CHECK(*a.threshold == doctest::Approx(0.02));
  CHECK(a.metric_thresholds.at("latency_p99") == doctest::Approx(0.10));
  CHECK(a.metric_thresholds.at("throughput") == doctest::Approx(0.03));
  CHECK(a.checks == std::vector<std::string>{"error_rate < 1%", "p95 < 200ms"});
  CHECK(*s.scenarios[1].gate.threshold == doctest::Approx(0.05));
  CHECK(s.scenarios[1].gate.checks.size() == 1);
  CHECK(to_json(suite_from_text(to_json(s).dump(), "again")) == to_json(s));

  CHECK(parse_error(suite_with(kKv + R"(, "gate": {"checks": ["p95 < soon"]})")) ==
        "suite.json: /scenarios/0/gate/checks/0: check 'p95 < soon': expected a number after the comparison, got 'soon'");
  CHECK(parse_error(suite_with(kKv + R"(, "gate": {"checks": ["kv/*: p95 < 1ms"]})")) ==
        "suite.json: /scenarios/0/gate/checks/0: a check in a suite applies to its scenario (or, in defaults, to all): "
        "drop the 'PATTERN:' prefix");
  CHECK(parse_error(suite_with(kKv + R"(, "gate": {"threshold": "lots"})")) ==
        "suite.json: /scenarios/0/gate/threshold: expected a relative threshold such as \"5%\" or 0.05, got \"lots\"");
  CHECK(parse_error(suite_with(kKv + R"(, "gate": {"treshold": "5%"})")) ==
        "suite.json: /scenarios/0/gate/treshold: unknown field (known: threshold, thresholds, checks)");
}

TEST_CASE("shape analyses: limits, recovery and drift bounds, kept in the canonical form") {
  const SuiteSpec s = suite_from_text(R"({"suite": "t", "scenarios": [
    {"name": "step", "target": {"type": "http", "url": "http://127.0.0.1:9/"},
     "load": {"model": "open", "shape": "step", "start": 100, "step": 100, "levels": 3, "hold": "2s",
              "limits": {"error_rate": "2%", "p99": "150ms", "achieved": 0.9, "stop": false}}},
    {"name": "spike", "target": {"type": "http", "url": "http://127.0.0.1:9/", "server_pid": 42},
     "load": {"model": "open", "shape": "spike", "base": 10, "peak": 50, "before": "2s", "spike": "1s",
              "after": "5s", "recovery": {"tolerance": "25%", "hold": 2}}},
    {"name": "soak", "target": {"type": "http", "url": "http://127.0.0.1:9/", "server_pid_file": "/run/x.pid"},
     "load": {"model": "open", "shape": "soak", "rate": 10, "duration": "1m",
              "drift": {"rss": "4MiB/h", "p99": "2ms/min", "confidence": 0.99}}}]})",
                                  "suite.json");
  const auto& step = std::get<OpenLoadSpec>(s.scenarios[0].load);
  CHECK(step.limits.max_error_rate == doctest::Approx(0.02));
  CHECK(*step.limits.max_p99_ns == doctest::Approx(150e6));
  CHECK(step.limits.min_achieved_ratio == doctest::Approx(0.9));
  CHECK_FALSE(step.limits.stop_at_break);
  const auto& spike = std::get<OpenLoadSpec>(s.scenarios[1].load);
  CHECK(spike.recovery.tolerance == doctest::Approx(0.25));
  CHECK(spike.recovery.hold_intervals == 2);
  CHECK(std::get<HttpTargetSpec>(s.scenarios[1].target).server_pid == 42);
  const auto& soak = std::get<OpenLoadSpec>(s.scenarios[2].load);
  CHECK(soak.drift.rss.per_second == doctest::Approx(4.0 * 1048576 / 3600));
  CHECK_FALSE(soak.drift.rss.relative);
  CHECK(soak.drift.p99.per_second == doctest::Approx(2e6 / 60));
  CHECK(soak.drift.confidence == doctest::Approx(0.99));
  CHECK(std::get<HttpTargetSpec>(s.scenarios[2].target).server_pid_file == "/run/x.pid");
  CHECK(to_json(suite_from_text(to_json(s).dump(), "again")) == to_json(s));

  const std::string soak_load = R"("target": {"type": "http", "url": "http://127.0.0.1:9/"}, "load": {"model": "open", "shape": "soak", "rate": 1, "duration": "5s", )";
  CHECK(parse_error(suite_with(soak_load + R"("drift": {"rss": "5ms/h"}})")) ==
        "suite.json: /scenarios/0/load/drift/rss: expected a growth rate such as \"4MiB/h\", got \"5ms/h\"");
  CHECK(parse_error(suite_with(soak_load + R"("drift": {"p99": "4MiB/h"}})")) ==
        "suite.json: /scenarios/0/load/drift/p99: expected a growth rate such as \"5ms/h\" or \"10%/h\", got \"4MiB/h\"");
  CHECK(parse_error(suite_with(soak_load + R"("limits": {}})")).rfind("suite.json: /scenarios/0/load/limits: unknown field", 0) == 0);
  CHECK(parse_error(suite_with(R"("target": {"type": "http", "url": "http://127.0.0.1:9/", "server_pid": 1, "server_pid_file": "f"})")) ==
        "suite.json: /scenarios/0/target/server_pid_file: give server_pid or server_pid_file, not both");
}

TEST_CASE("sweeps: one scenario per value, named and marked, validated like any scenario") {
  const SuiteSpec s = suite_from_text(R"({"suite": "t", "scenarios": [
    {"name": "sort", "target": {"type": "builtin", "workload": "sort"},
     "sweep": {"parameter": "items", "values": [1000, 2000]}},
    {"name": "kv", "target": {"type": "builtin", "workload": "kv"}, "load": {"model": "closed", "concurrency": 1},
     "sweep": {"concurrency": [1, 4]}},
    {"name": "cmd", "target": {"type": "command", "argv": ["head", "-c", "{bytes}", "/dev/zero"]},
     "sweep": {"parameter": "bytes", "values": [10, 1e6]}}]})",
                                  "suite.json");
  REQUIRE(s.scenarios.size() == 6);
  CHECK(s.scenarios[0].name == "sort/items=1000");
  CHECK(std::get<BuiltinTargetSpec>(s.scenarios[1].target).params.at("items") == 2000);
  CHECK(s.scenarios[1].sweep->sweep == "sort");
  CHECK(s.scenarios[1].sweep->parameter == "items");
  CHECK(s.scenarios[3].name == "kv/concurrency=4");
  CHECK(std::get<ClosedLoadSpec>(s.scenarios[3].load).concurrency == 4);
  CHECK(std::get<CommandTargetSpec>(s.scenarios[5].target).argv[2] == "1e+06");
  CHECK(to_json(suite_from_text(to_json(s).dump(), "again")) == to_json(s));

  CHECK(parse_error(suite_with(kKv + R"(, "sweep": {"parameter": "nope", "values": [1, 2]})"))
            .rfind("suite.json: /scenarios/0/sweep/values/0/target/params/nope: unknown parameter of workload kv", 0) == 0);
  CHECK(parse_error(suite_with(kKv + R"(, "sweep": {"concurrency": [1, 2]})")) ==
        "suite.json: /scenarios/0/sweep: a concurrency sweep needs the scenario's own closed \"load\"");
  CHECK(parse_error(suite_with(R"("target": {"type": "command", "argv": ["true"]}, "sweep": {"parameter": "n", "values": [1, 2]})")) ==
        "suite.json: /scenarios/0/sweep: the target has no {n} placeholder for the sweep's values");
  CHECK(parse_error(suite_with(kKv + R"(, "sweep": {"parameter": "keys", "values": [1000]})")) ==
        "suite.json: /scenarios/0/sweep/values: expected 2 to 64 values, got [1000]");
}

TEST_CASE("a Google Benchmark target: binary, filter, args, timeout and counter directions; no load") {
  const SuiteSpec s = suite_from_text(
      suite_with(R"("target": {"type": "gbench", "binary": "{build}/bench", "filter": "BM_Parse.*",
                               "args": ["--benchmark_time_unit=us"], "timeout": "30s",
                               "counters": {"hits": "higher_is_better", "misses": "lower_is_better"}})",
                 R"("defaults": {"load": {"model": "open", "rate": 100}}, )"),
      "suite.json");
  const auto& spec = s.scenarios.at(0);
  const auto& b = std::get<GbenchTargetSpec>(spec.target);
  CHECK(b.binary == "{build}/bench");
  CHECK(b.filter == "BM_Parse.*");
  CHECK(b.args == std::vector<std::string>{"--benchmark_time_unit=us"});
  CHECK(b.benchmark.empty());  // perf-run expands it
  CHECK(b.timeout.count() == 30.0);
  CHECK(b.counters.at("hits") == Direction::kHigherIsBetter);
  CHECK(b.counters.at("misses") == Direction::kLowerIsBetter);
  CHECK(std::holds_alternative<ClosedLoadSpec>(spec.load));  // the defaults' open load does not apply
  CHECK(uses_build_placeholder(spec.target));
  CHECK(std::get<GbenchTargetSpec>(with_build(spec.target, "out")).binary == "out/bench");
  CHECK(to_json(suite_from_text(to_json(s).dump(), "again")) == to_json(s));
  CHECK_FALSE(to_json(s)["scenarios"][0].contains("load"));
}

TEST_CASE("a Google Benchmark target refuses what perf-run decides itself, naming the field") {
  CHECK(parse_error(suite_with(R"("target": {"type": "gbench", "binary": "b", "args": ["-x", "--benchmark_filter=BM_A"]})")) ==
        "suite.json: /scenarios/0/target/args/1: perf-run sets --benchmark_filter itself (use \"filter\", the "
        "scenario's duration and trials)");
  CHECK(parse_error(suite_with(R"("target": {"type": "gbench", "binary": "b"}, "load": {"model": "closed"})")) ==
        "suite.json: /scenarios/0/load: a Google Benchmark scenario has no load model (the benchmark sets its "
        "iterations)");
  CHECK(parse_error(suite_with(R"("target": {"type": "gbench", "binary": "b", "counters": {"hits": "up"}})")) ==
        "suite.json: /scenarios/0/target/counters/hits: expected higher_is_better or lower_is_better, got \"up\"");
  CHECK(parse_error(suite_with(R"("variants": {"baseline": {"type": "gbench", "binary": "b"},
                                               "candidate": {"type": "command", "argv": ["b"]}})")) ==
        "suite.json: /scenarios/0/variants: both variants must be Google Benchmark binaries, or neither");
  CHECK(parse_error(suite_with(R"("target": {"type": "gbench", "binary": ""})")) ==
        "suite.json: /scenarios/0/target/binary: expected the path of a Google Benchmark binary, got \"\"");
}
