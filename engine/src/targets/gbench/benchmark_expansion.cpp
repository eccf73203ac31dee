// Suite scenarios naming a Google Benchmark binary → one scenario per benchmark.

#include <algorithm>
#include <set>

#include "perfgate/error.h"
#include "perfgate/run.h"
#include "targets/gbench/benchmark_binary.h"

namespace perfgate {
namespace {

std::vector<std::string> benchmarks_of(const ScenarioSpec& s, const TargetSpec& target, const std::stop_token& stop) {
  try {
    return BenchmarkBinary(std::get<GbenchTargetSpec>(target), stop).list();
  } catch (const Error& e) {
    throw Error(e.kind(), "scenario '" + s.name + "': " + e.what());
  }
}

ScenarioSpec benchmark_scenario(const ScenarioSpec& as_written, const std::string& benchmark) {
  ScenarioSpec s = as_written;
  s.name = as_written.name + "/" + benchmark;
  for (TargetSpec* t : {&s.target, s.paired_baseline ? &*s.paired_baseline : nullptr}) {
    if (t) std::get<GbenchTargetSpec>(*t).benchmark = benchmark;
  }
  return s;
}

// Candidate's order first, then what only the baseline has, each tagged with its sides.
void expand_paired(const ScenarioSpec& s, const std::stop_token& stop, std::vector<ScenarioSpec>& out,
                   BenchmarkExpansion& expansion) {
  const auto candidate = benchmarks_of(s, s.target, stop);
  const auto baseline = benchmarks_of(s, *s.paired_baseline, stop);
  const auto has = [](const std::vector<std::string>& names, const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  for (const auto& name : candidate) {
    ScenarioSpec one = benchmark_scenario(s, name);
    if (!has(baseline, name)) {
      one.paired_baseline.reset();
      expansion.candidate_only.push_back(one.name);
    }
    out.push_back(std::move(one));
  }
  for (const auto& name : baseline) {
    if (has(candidate, name)) continue;
    ScenarioSpec one = benchmark_scenario(s, name);
    one.target = *one.paired_baseline;
    one.paired_baseline.reset();
    expansion.baseline_only.push_back(one.name);
    out.push_back(std::move(one));
  }
}

bool needs_expansion(const ScenarioSpec& s) {
  const auto* benchmark = std::get_if<GbenchTargetSpec>(&s.target);
  return benchmark && benchmark->benchmark.empty() && !uses_build_placeholder(s.target) &&
         !(s.paired_baseline && uses_build_placeholder(*s.paired_baseline));
}

}  // namespace

BenchmarkExpansion expand_benchmarks(SuiteSpec& suite, std::stop_token stop) {
  BenchmarkExpansion expansion;
  std::vector<ScenarioSpec> expanded;
  for (auto& s : suite.scenarios) {
    if (!needs_expansion(s)) {
      expanded.push_back(std::move(s));
    } else if (s.paired_baseline) {
      expand_paired(s, stop, expanded, expansion);
    } else {
      for (const auto& name : benchmarks_of(s, s.target, stop)) expanded.push_back(benchmark_scenario(s, name));
    }
  }
  std::set<std::string> names;
  for (const auto& s : expanded) {
    if (!names.insert(s.name).second) {
      throw input_error(suite.source + ": two scenarios are named '" + s.name +
                        "' once the Google Benchmark binaries are expanded (rename one)");
    }
  }
  suite.scenarios = std::move(expanded);
  return expansion;
}

}  // namespace perfgate
