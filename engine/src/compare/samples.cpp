// Result files of perfgate, Google Benchmark (--benchmark_format=json with
// --benchmark_repetitions) and hyperfine (--export-json) → SampleSet.

#include <algorithm>
#include <cmath>

#include "perfgate/file_io.h"
#include "common/json_cursor.h"
#include "perfgate/error.h"
#include "perfgate/result.h"
#include "perfgate/samples.h"
#include "compare/trial_samples.h"
#include "targets/gbench/benchmark_report.h"

namespace perfgate {
namespace {

constexpr std::size_t kMinimumSamples = 2;

}  // namespace

const std::map<std::string, Direction>& declared_counters(const ScenarioSpec& spec) {
  static const std::map<std::string, Direction> kNone;
  const auto* benchmark = std::get_if<GbenchTargetSpec>(&spec.target);
  return benchmark ? benchmark->counters : kNone;
}

namespace {

void count_failures(const std::vector<TrialResult>& trials, ScenarioSamples& scenario) {
  std::map<std::string, std::size_t> reasons;
  for (const auto& trial : trials) {
    if (!trial.measured_nothing()) continue;
    ++scenario.failed_trials;
    const auto top = std::max_element(trial.errors_by_reason.begin(), trial.errors_by_reason.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
    ++reasons[top->first];
  }
  scenario.trials = trials.size();
  if (reasons.empty()) return;
  scenario.failure = std::max_element(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) {
                       return a.second < b.second;
                     })->first;
}

}  // namespace

ScenarioSamples samples_of_trials(const std::string& name, const std::vector<TrialResult>& trials,
                                  const std::map<std::string, Direction>& counters) {
  ScenarioSamples scenario{name, {}};
  count_failures(trials, scenario);
  for (const auto& trial : trials) {
    for (const auto& [metric, _] : trial.metrics) {
      if (is_counter_metric(metric)) {
        const auto declared = counters.find(metric.substr(kCounterMetricPrefix.size()));
        if (declared == counters.end()) continue;
        auto& m = scenario.metrics[metric];
        m.unit = Unit::kNone;
        m.direction = declared->second;
        continue;
      }
      const MetricInfo* info = find_metric(metric);
      auto& m = scenario.metrics[metric];
      m.unit = info->unit;
      m.direction = info->direction;
    }
  }
  for (auto& [metric, m] : scenario.metrics) {
    for (const auto& trial : trials) {
      const auto it = trial.metrics.find(metric);
      m.values.push_back(it == trial.metrics.end() ? std::nan("") : it->second);
    }
  }
  return scenario;
}

namespace {

std::string shape_of(const SuiteSpec& suite, const std::string& scenario) {
  const ScenarioSpec* spec = suite.find(scenario);
  const auto* open = spec ? std::get_if<OpenLoadSpec>(&spec->load) : nullptr;
  return open ? open->shape : "";
}

// One scenario's trials (or its baseline variant's) with the counters its spec declares.
ScenarioSamples scenario_samples(const Result& result, const std::string& name, const std::vector<TrialResult>& trials) {
  static const std::map<std::string, Direction> kNone;
  const ScenarioSpec* spec = result.suite.find(name);
  return samples_of_trials(name, trials, spec ? declared_counters(*spec) : kNone);
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A glob matching exactly `name`, whatever characters it has.
std::string literal_glob(const std::string& name) {
  std::string glob;
  for (char c : name) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') glob += '\\';
    glob += c;
  }
  return glob;
}

}  // namespace

void declare_gate_rules(const SuiteSpec& suite, SampleSet& set) {
  for (const auto& s : suite.scenarios) {
    const std::string glob = literal_glob(s.name);
    if (s.gate.threshold) set.declared_thresholds.push_back({glob, "", *s.gate.threshold});
    for (const auto& [metric, t] : s.gate.metric_thresholds) set.declared_thresholds.push_back({glob, metric, t});
    for (const auto& text : s.gate.checks) {
      AbsoluteCheck check = parse_absolute_check(text);
      check.scenario_glob = glob;
      set.declared_checks.push_back(std::move(check));
    }
  }
}

namespace {

// A paired scenario contributes its candidate variant: what the scenario measures. A
// benchmark only the baseline binary of a paired run has is not the candidate's.
SampleSet samples_from_result(const Result& result, const std::string& source) {
  SampleSet set{source, "perfgate", result.fingerprint, kPerfgateDefaultMetrics, {}};
  set.runs = {RunInfo{source, result.probe ? result.probe->speed() : std::nan("")}};
  for (const auto& s : result.scenarios) {
    if (result.pairing && listed(result.pairing->baseline_only, s.name)) continue;
    set.scenarios.push_back(scenario_samples(result, s.name, s.trials));
    set.scenarios.back().shape = shape_of(result.suite, s.name);
    set.scenarios.back().profile = s.profile;
  }
  declare_gate_rules(result.suite, set);
  return set;
}

// Google Benchmark: one entry per repetition (run_type "iteration"); aggregates
// (mean/median/stddev rows) are summaries of those and are skipped.
SampleSet from_google_benchmark(const Json& doc, const std::string& source) {
  const JsonCursor root(doc, source);
  SampleSet set{source, "gbench", std::nullopt, {"real_time", "cpu_time"}, {}};
  set.runs = {RunInfo{source}};
  for (const auto& entry : root.at("benchmarks").elements()) {
    if (auto type = entry.find("run_type"); type && type->as_string() == "aggregate") continue;
    if (entry.has("error_occurred") && entry.value().at("error_occurred").is_boolean() &&
        entry.value().at("error_occurred").get<bool>()) {
      entry.fail("benchmark reported an error: " + entry.value().value("error_message", std::string("?")));
    }
    const std::string name = entry.has("run_name") ? entry.at("run_name").as_string() : entry.at("name").as_string();
    auto it = std::find_if(set.scenarios.begin(), set.scenarios.end(), [&](const auto& s) { return s.name == name; });
    if (it == set.scenarios.end()) it = set.scenarios.insert(set.scenarios.end(), ScenarioSamples{name, {}});
    const double to_ns = nanoseconds_per_time_unit(entry.at("time_unit"));
    for (const char* metric : {"real_time", "cpu_time"}) {
      auto& m = it->metrics[metric];
      m.unit = Unit::kNanoseconds;
      m.direction = Direction::kLowerIsBetter;
      m.values.push_back(entry.at(metric).as_number() * to_ns);
    }
  }
  for (const auto& s : set.scenarios) {
    if (s.metrics.at("real_time").values.size() < kMinimumSamples) {
      throw input_error(source + ": benchmark '" + s.name +
                        "' has 1 repetition; cannot compare (run with --benchmark_repetitions=10)");
    }
  }
  return set;
}

SampleSet from_hyperfine(const Json& doc, const std::string& source) {
  const JsonCursor root(doc, source);
  SampleSet set{source, "hyperfine", std::nullopt, {"real_time"}, {}};
  set.runs = {RunInfo{source}};
  for (const auto& entry : root.at("results").elements()) {
    ScenarioSamples scenario{entry.at("command").as_string(), {}};
    auto& m = scenario.metrics["real_time"];
    m.unit = Unit::kSeconds;
    m.direction = Direction::kLowerIsBetter;
    for (const auto& t : entry.at("times").elements()) m.values.push_back(t.as_number());
    if (m.values.size() < kMinimumSamples) {
      entry.at("times").fail("command '" + scenario.name + "' has " + std::to_string(m.values.size()) +
                             " run(s); cannot compare (run hyperfine with --runs 10 or more)");
    }
    set.scenarios.push_back(std::move(scenario));
  }
  return set;
}

InputFormat detect(const Json& doc, const std::string& source) {
  if (doc.is_object() && doc.contains("schema")) return InputFormat::kPerfgate;
  if (doc.is_object() && doc.contains("benchmarks")) return InputFormat::kGoogleBenchmark;
  if (doc.is_object() && doc.contains("results")) return InputFormat::kHyperfine;
  throw input_error(source + ": not a perfgate result, Google Benchmark JSON or hyperfine JSON "
                    "(use --format to say which)");
}

}  // namespace

const ScenarioSamples* SampleSet::find(const std::string& scenario) const {
  const auto it = std::find_if(scenarios.begin(), scenarios.end(), [&](const auto& s) { return s.name == scenario; });
  return it == scenarios.end() ? nullptr : &*it;
}

bool parse_input_format(const std::string& name, InputFormat& out) {
  if (name == "auto") out = InputFormat::kAuto;
  else if (name == "perfgate") out = InputFormat::kPerfgate;
  else if (name == "gbench") out = InputFormat::kGoogleBenchmark;
  else if (name == "hyperfine") out = InputFormat::kHyperfine;
  else return false;
  return true;
}

namespace {

SampleSet samples_from_json(const Json& doc, const std::string& source, InputFormat format) {
  if (format == InputFormat::kAuto) format = detect(doc, source);
  switch (format) {
    case InputFormat::kPerfgate:
      return samples_from_result(result_from_json(doc, source, HistogramLoading::kSkip), source);
    case InputFormat::kGoogleBenchmark:
      return from_google_benchmark(doc, source);
    case InputFormat::kHyperfine:
      return from_hyperfine(doc, source);
    case InputFormat::kAuto:
      break;
  }
  throw input_error(source + ": unknown format");
}

}  // namespace

SampleSet samples_from_text(const std::string& text, const std::string& source, InputFormat format) {
  return samples_from_json(parse_json_text(text, source), source, format);
}

SampleSet read_samples(const std::string& path, InputFormat format) {
  return samples_from_text(read_file(path), input_name(path), format);
}

SampleSet combine_runs(std::vector<SampleSet> runs) {
  if (runs.empty()) throw input_error("no runs to combine");
  SampleSet combined = std::move(runs.front());
  for (auto& s : combined.scenarios) {
    for (auto& [_, m] : s.metrics) {
      if (m.runs.empty()) m.runs.assign(m.values.size(), 0);  // a set that is already multi-run keeps its runs
    }
  }
  for (std::size_t r = 1; r < runs.size(); ++r) {
    SampleSet& run = runs[r];
    if (run.format != combined.format) {
      throw input_error(run.source + ": a " + run.format + " file cannot join runs of " + combined.format + " files");
    }
    const std::size_t first = combined.runs.size();
    combined.runs.insert(combined.runs.end(), run.runs.begin(), run.runs.end());
    combined.source += ", " + run.source;
    for (auto& scenario : run.scenarios) {
      auto it = std::find_if(combined.scenarios.begin(), combined.scenarios.end(),
                             [&](const auto& s) { return s.name == scenario.name; });
      if (it == combined.scenarios.end()) {
        it = combined.scenarios.insert(combined.scenarios.end(), ScenarioSamples{scenario.name, {}, scenario.shape});
      }
      if (!it->profile) it->profile = std::move(scenario.profile);  // a multi-run baseline's first profile
      for (auto& [metric, m] : scenario.metrics) {
        auto& into = it->metrics[metric];
        into.unit = m.unit;
        into.direction = m.direction;
        into.values.insert(into.values.end(), m.values.begin(), m.values.end());
        if (m.runs.empty()) {
          into.runs.insert(into.runs.end(), m.values.size(), first);
        } else {
          for (std::size_t k : m.runs) into.runs.push_back(first + k);
        }
      }
    }
  }
  return combined;
}

namespace {

std::optional<PairedSamples> paired_view(const Result& result, const SampleSet& whole) {
  PairedSamples p{{whole.source + " (baseline variant)", "perfgate", result.fingerprint, kPerfgateDefaultMetrics, {}, true},
                  {whole.source + " (candidate variant)", "perfgate", result.fingerprint, kPerfgateDefaultMetrics, {}, true},
                  {}};
  // Benchmarks one side's binary lacked ran on the other side alone: new or missing.
  const auto only = [&](const std::vector<std::string> PairingInfo::*side, const std::string& name) {
    return result.pairing && listed((*result.pairing).*side, name);
  };
  for (const auto& s : result.scenarios) {
    if (only(&PairingInfo::baseline_only, s.name)) {
      p.baseline.scenarios.push_back(scenario_samples(result, s.name, s.trials));
    } else if (only(&PairingInfo::candidate_only, s.name)) {
      p.candidate.scenarios.push_back(scenario_samples(result, s.name, s.trials));
    } else if (!s.baseline) {
      p.unpaired.push_back(s.name);
    } else {
      p.baseline.scenarios.push_back(scenario_samples(result, s.name, s.baseline->trials));
      p.baseline.scenarios.back().profile = s.baseline->profile;
      p.candidate.scenarios.push_back(scenario_samples(result, s.name, s.trials));
      p.candidate.scenarios.back().profile = s.profile;
    }
  }
  if (p.baseline.scenarios.empty()) return std::nullopt;
  p.baseline.runs = p.candidate.runs = whole.runs;
  p.candidate.declared_thresholds = whole.declared_thresholds;
  p.candidate.declared_checks = whole.declared_checks;
  return p;
}

}  // namespace

LoadedInput read_input(const std::string& path, InputFormat format) {
  const std::string source = input_name(path);
  const Json doc = parse_json_text(read_file(path), source);
  if (format == InputFormat::kAuto) format = detect(doc, source);
  if (format != InputFormat::kPerfgate) return {samples_from_json(doc, source, format), std::nullopt};
  const Result result = result_from_json(doc, source, HistogramLoading::kSkip);
  LoadedInput input{samples_from_result(result, source), std::nullopt};
  input.paired = paired_view(result, input.samples);
  return input;
}

}  // namespace perfgate
