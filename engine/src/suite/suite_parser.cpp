// Suite JSON → validated SuiteSpec. The format is documented in docs/suite-format.md.

#include <algorithm>
#include <array>
#include <set>

#include "perfgate/file_io.h"
#include "common/http_url.h"
#include "common/json_cursor.h"
#include "perfgate/error.h"
#include "perfgate/gate_rules.h"
#include "perfgate/suite.h"
#include "suite/load_shapes.h"
#include "suite/suite_reader.h"
#include "suite/sweeps.h"
#include "targets/builtin/workload_catalogue.h"

namespace perfgate {
namespace {

constexpr std::string_view kSuiteSchema = "perfgate.suite/1";
constexpr unsigned kMaxTrials = 100000;

// "5%" or a fraction such as 0.05.
double relative_from_json(const JsonCursor& c, const std::string& metric) {
  if (c.value().is_number()) {
    const double v = c.as_number_in(1e-6, 10);
    return v;
  }
  const std::string text = c.as_string();
  try {
    return parse_practical_threshold(metric.empty() ? text : metric + "=" + text).relative;
  } catch (const Error&) {
    c.fail_expected("a relative threshold such as \"5%\" or 0.05");
  }
}

// A suite's gate: its scenario's own values override the defaults' (checks add up).
void apply_gate(const JsonCursor& c, GateSpec& gate) {
  c.expect_object({"threshold", "thresholds", "checks"});
  if (auto t = c.find("threshold")) gate.threshold = relative_from_json(*t, "");
  if (auto per_metric = c.find("thresholds")) {
    for (const auto& member : per_metric->members()) {
      const std::string& metric = member.first;  // no structured binding: captured below (clang < 16)
      const JsonCursor& value = member.second;
      const PracticalThreshold rule = [&] {
        try {
          return parse_practical_threshold(metric + "=1%");
        } catch (const Error& e) {
          value.fail(e.what());
        }
      }();
      gate.metric_thresholds[rule.metric] = relative_from_json(value, "");
    }
  }
  if (auto checks = c.find("checks")) {
    for (const auto& element : checks->elements()) {
      const std::string text = element.as_string();
      try {
        if (parse_absolute_check(text).scenario_glob != "*") {
          element.fail("a check in a suite applies to its scenario (or, in defaults, to all): drop the 'PATTERN:' prefix");
        }
      } catch (const Error& e) {
        if (e.kind() == ErrorKind::kInput && std::string(e.what()).rfind("check '", 0) == 0) element.fail(e.what());
        throw;
      }
      gate.checks.push_back(text);
    }
  }
}

LoadSpec load_from_json(const JsonCursor& c) {
  const std::string model = c.at("model").as_string();
  if (model == "open") return open_load_from_json(c);
  c.expect_object({"model", "concurrency", "threads"});
  if (model != "closed") c.at("model").fail_expected("one of: closed, open");
  ClosedLoadSpec closed;
  if (auto n = c.find("concurrency")) closed.concurrency = static_cast<unsigned>(n->as_uint(1, kMaxConnections));
  if (auto n = c.find("threads")) closed.threads = static_cast<unsigned>(n->as_uint(1, kMaxLoadThreads));
  return closed;
}

BuiltinTargetSpec builtin_target_from_json(const JsonCursor& c) {
  c.expect_object({"type", "workload", "params"});
  const JsonCursor name = c.at("workload");
  const WorkloadInfo* info = find_workload(name.as_string());
  if (info == nullptr) {
    std::string known;
    for (const auto& w : workload_catalogue()) known += (known.empty() ? "" : ", ") + std::string(w.name);
    name.fail_expected("a built-in workload (" + known + ")");
  }
  BuiltinTargetSpec spec{std::string(info->name), {}};
  for (const auto& p : info->params) spec.params[std::string(p.name)] = p.default_value;
  if (auto params = c.find("params")) {
    for (const auto& member : params->members()) {
      const std::string& key = member.first;  // no structured binding: captured below (clang < 16)
      const JsonCursor& value = member.second;
      const auto it = std::find_if(info->params.begin(), info->params.end(),
                                   [&](const ParamInfo& p) { return p.name == key; });
      if (it == info->params.end()) {
        std::string known;
        for (const auto& p : info->params) known += (known.empty() ? "" : ", ") + std::string(p.name);
        value.fail("unknown parameter of workload " + spec.workload +
                   (known.empty() ? " (it takes none)" : " (known: " + known + ")"));
      }
      spec.params[key] = it->integer ? double(value.as_uint(std::uint64_t(it->min), std::uint64_t(it->max)))
                                     : value.as_number_in(it->min, it->max);
    }
    if (const std::string problem = info->check_params(spec.params); !problem.empty()) {
      params->fail(problem);
    }
  }
  return spec;
}

CommandTargetSpec command_target_from_json(const JsonCursor& c) {
  c.expect_object({"type", "argv", "env", "inherit_env", "cwd", "timeout"});
  CommandTargetSpec spec;
  const JsonCursor argv = c.at("argv");
  spec.argv = argv.as_string_array();
  if (spec.argv.empty() || spec.argv[0].empty()) argv.fail_expected("a non-empty array of strings");
  if (auto env = c.find("env")) {
    for (const auto& [key, value] : env->members()) {
      if (key.empty() || key.find('=') != std::string::npos) value.fail("invalid variable name");
      spec.env[key] = value.as_string();
    }
  }
  if (auto inherit = c.find("inherit_env")) spec.inherit_env = inherit->as_bool();
  if (auto cwd = c.find("cwd")) spec.cwd = cwd->as_string();
  if (auto timeout = c.find("timeout")) spec.timeout = timeout->as_duration(Seconds(0.001));
  return spec;
}

HttpTargetSpec http_target_from_json(const JsonCursor& c) {
  c.expect_object({"type", "url", "method", "headers", "body", "timeout", "expect_status", "server_pid",
                   "server_pid_file", "ca_file"});
  HttpTargetSpec spec;
  spec.url = c.at("url").as_string();
  std::string why;
  if (!split_http_url(spec.url, why)) c.at("url").fail_expected("an http:// or https:// URL with a host (" + why + ")");
  if (auto m = c.find("method")) {
    spec.method = m->as_string();
    static const std::set<std::string> kMethods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    if (!kMethods.count(spec.method)) m->fail_expected("one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  }
  if (auto headers = c.find("headers")) {
    for (const auto& [key, value] : headers->members()) {
      const std::string v = value.as_string();
      if (key.empty() || key.find_first_of(":\r\n ") != std::string::npos || v.find_first_of("\r\n") != std::string::npos) {
        value.fail("invalid header");
      }
      spec.headers[key] = v;
    }
  }
  if (auto body = c.find("body")) spec.body = body->as_string();
  if (auto ca = c.find("ca_file")) {
    if (spec.url.rfind("https:", 0) != 0) ca->fail("ca_file is for https:// URLs");
    spec.ca_file = ca->as_string();
    if (spec.ca_file.empty()) ca->fail_expected("a path to PEM certificates");
  }
  if (auto timeout = c.find("timeout")) spec.timeout = timeout->as_duration(Seconds(0.001));
  if (auto expect = c.find("expect_status")) {
    for (const auto& code : expect->elements()) spec.expect_status.push_back(static_cast<int>(code.as_uint(100, 599)));
    if (spec.expect_status.empty()) expect->fail_expected("a non-empty array of status codes");
  }
  if (auto pid = c.find("server_pid")) spec.server_pid = static_cast<int>(pid->as_uint(1, 4194304));
  if (auto file = c.find("server_pid_file")) {
    if (spec.server_pid) file->fail("give server_pid or server_pid_file, not both");
    spec.server_pid_file = file->as_string();
  }
  return spec;
}

// perf-run sets these itself: one benchmark per process, for the scenario's duration,
// its JSON to a file it reads.
constexpr std::array<std::string_view, 7> kOwnBenchmarkFlags = {
    "--benchmark_filter", "--benchmark_min_time", "--benchmark_repetitions", "--benchmark_out",
    "--benchmark_out_format", "--benchmark_list_tests", "--benchmark_enable_random_interleaving"};

GbenchTargetSpec gbench_target_from_json(const JsonCursor& c) {
  c.expect_object({"type", "binary", "filter", "args", "benchmark", "timeout", "counters"});
  GbenchTargetSpec spec;
  spec.binary = c.at("binary").as_string();
  if (spec.binary.empty()) c.at("binary").fail_expected("the path of a Google Benchmark binary");
  if (auto filter = c.find("filter")) spec.filter = filter->as_string();
  if (auto args = c.find("args")) {
    spec.args = args->as_string_array();
    for (const auto& arg : args->elements()) {
      const std::string text = arg.as_string(), flag = text.substr(0, text.find('='));
      if (std::find(kOwnBenchmarkFlags.begin(), kOwnBenchmarkFlags.end(), flag) != kOwnBenchmarkFlags.end()) {
        arg.fail("perf-run sets " + flag + " itself (use \"filter\", the scenario's duration and trials)");
      }
    }
  }
  if (auto benchmark = c.find("benchmark")) spec.benchmark = benchmark->as_string();
  if (auto timeout = c.find("timeout")) spec.timeout = timeout->as_duration(Seconds(0.001));
  if (auto counters = c.find("counters")) {
    for (const auto& [name, direction] : counters->members()) {
      const std::string d = direction.as_string();
      if (d != "higher_is_better" && d != "lower_is_better") direction.fail_expected("higher_is_better or lower_is_better");
      spec.counters[name] = d == "higher_is_better" ? Direction::kHigherIsBetter : Direction::kLowerIsBetter;
    }
  }
  return spec;
}

TargetSpec target_from_json(const JsonCursor& c) {
  const std::string type = c.at("type").as_string();
  if (type == "builtin") return builtin_target_from_json(c);
  if (type == "command") return command_target_from_json(c);
  if (type == "http") return http_target_from_json(c);
  if (type == "gbench") return gbench_target_from_json(c);
  c.at("type").fail_expected("one of: builtin, command, http, gbench");
}

// A Google Benchmark scenario's process decides its own iterations: no load model, and
// both variants must be benchmarks for their trials to be alike.
void check_benchmark_scenario(const JsonCursor& c, ScenarioSpec& s) {
  const bool candidate = std::holds_alternative<GbenchTargetSpec>(s.target);
  const bool baseline = s.paired_baseline && std::holds_alternative<GbenchTargetSpec>(*s.paired_baseline);
  if (s.paired_baseline && candidate != baseline) {
    c.at("variants").fail("both variants must be Google Benchmark binaries, or neither");
  }
  if (!candidate) return;
  if (c.has("load")) c.at("load").fail("a Google Benchmark scenario has no load model (the benchmark sets its iterations)");
  s.load = ClosedLoadSpec{};
}

// "profile": true (the defaults), false, or {"rate_hz": N, "duration": D}.
std::optional<ProfileSpec> profile_from_json(const JsonCursor& c) {
  if (c.value().is_boolean()) return c.as_bool() ? std::optional(ProfileSpec{}) : std::nullopt;
  c.expect_object({"rate_hz", "duration"});
  ProfileSpec p;
  if (auto v = c.find("rate_hz")) p.rate_hz = v->as_number_in(1, ProfileSpec::kMaxRateHz);
  if (auto v = c.find("duration")) p.duration = v->as_duration(Seconds(0.001));
  return p;
}

void apply_settings(const JsonCursor& c, ScenarioSettings& d) {
  if (auto v = c.find("load")) d.load = load_from_json(*v);
  if (auto v = c.find("warmup")) d.warmup = v->as_duration(Seconds(0));
  if (auto v = c.find("duration")) d.duration = v->as_duration(Seconds(0.001));
  if (auto v = c.find("trials")) d.trials = static_cast<unsigned>(v->as_uint(1, kMaxTrials));
  if (auto v = c.find("gate")) apply_gate(*v, d.gate);
  if (auto v = c.find("profile")) d.profile = profile_from_json(*v);
}

void check_name(const JsonCursor& c, const std::string& name) {
  const bool printable = std::all_of(name.begin(), name.end(),
                                     [](char ch) { return static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f; });
  if (name.empty() || name.size() > 200 || !printable) {
    c.fail_expected("a name of 1 to 200 printable characters");
  }
}

// Only HTTP targets multiplex their slots over a few threads; others need one per slot.
void check_slot_threads(const JsonCursor& c, const ScenarioSpec& s) {
  const bool multiplexed = std::holds_alternative<HttpTargetSpec>(s.target) &&
                           (!s.paired_baseline || std::holds_alternative<HttpTargetSpec>(*s.paired_baseline));
  const auto* open = std::get_if<OpenLoadSpec>(&s.load);
  const unsigned slots = open ? open->max_concurrency : std::get<ClosedLoadSpec>(s.load).concurrency;
  if (multiplexed || slots <= kMaxWorkerThreads) return;
  const auto load = c.find("load");
  (load ? *load : c).fail("this target runs a thread per concurrent operation: at most " + std::to_string(kMaxWorkerThreads) +
                          " (only HTTP targets share connections among a few threads)");
}

ScenarioSpec scenario_from_json(const JsonCursor& c, const ScenarioSettings& defaults) {
  c.expect_object({"name", "description", "target", "variants", "load", "warmup", "duration", "trials", "gate",
                   "profile", "sweep", "sweep_point"});
  ScenarioSpec s;
  s.name = c.at("name").as_string();
  check_name(c.at("name"), s.name);
  if (auto d = c.find("description")) d->as_string();
  if (auto variants = c.find("variants")) {
    if (c.has("target")) c.at("target").fail("a scenario has either \"target\" or \"variants\", not both");
    variants->expect_object({"baseline", "candidate"});
    s.paired_baseline = target_from_json(variants->at("baseline"));
    s.target = target_from_json(variants->at("candidate"));
  } else {
    s.target = target_from_json(c.at("target"));
  }
  static_cast<ScenarioSettings&>(s) = defaults;
  apply_settings(c, s);
  check_benchmark_scenario(c, s);
  check_slot_threads(c, s);
  if (auto* open = std::get_if<OpenLoadSpec>(&s.load)) {
    // A constant rate lasts the trial; stages and shapes set the trial's length.
    if (open->shape == "rate") {
      fit_open_load(*open, s.duration);
    } else {
      const Seconds staged = *load_duration(s.load);
      if (c.has("duration") && std::abs((staged - s.duration).count()) > 1e-9) {
        c.at("duration").fail("the load's stages last " + std::to_string(staged.count()) +
                              " s, which sets the trial duration; remove \"duration\"");
      }
      s.duration = staged;
    }
  }
  if (auto point = c.find("sweep_point")) s.sweep = sweep_point_from_json(*point);
  return s;
}

}  // namespace

SuiteSpec suite_from_json(const JsonCursor& root, const std::string& source_name) {
  root.expect_object({"schema", "suite", "description", "defaults", "scenarios"});
  if (auto schema = root.find("schema"); schema && schema->as_string() != kSuiteSchema) {
    schema->fail("unsupported suite schema (this perfgate reads " + std::string(kSuiteSchema) + ")");
  }
  SuiteSpec suite;
  suite.source = source_name;
  suite.name = root.at("suite").as_string();
  check_name(root.at("suite"), suite.name);
  if (auto d = root.find("description")) d->as_string();
  ScenarioSettings defaults;
  if (auto d = root.find("defaults")) {
    d->expect_object({"load", "warmup", "duration", "trials", "gate", "profile"});
    apply_settings(*d, defaults);
  }
  const JsonCursor scenarios = root.at("scenarios");
  std::set<std::string> seen;
  const auto parse = [&](const JsonCursor& c) { return scenario_from_json(c, defaults); };
  for (const auto& element : scenarios.elements()) {
    const auto sweep = element.find("sweep");
    for (auto& s : sweep ? expand_sweep(element, *sweep, parse) : std::vector{parse(element)}) {
      if (!seen.insert(s.name).second) element.at("name").fail("duplicate scenario name \"" + s.name + "\"");
      suite.scenarios.push_back(std::move(s));
    }
  }
  if (suite.scenarios.empty()) scenarios.fail("a suite needs at least one scenario");
  return suite;
}

SuiteSpec suite_from_text(const std::string& text, const std::string& source_name) {
  const Json doc = parse_json_text(text, source_name, DuplicateKeys::kRefuse);
  return suite_from_json(JsonCursor(doc, source_name), source_name);
}

SuiteSpec read_suite(const std::string& path) {
  return suite_from_text(read_file(path), input_name(path));
}

}  // namespace perfgate
