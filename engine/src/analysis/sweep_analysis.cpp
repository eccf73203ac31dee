#include <algorithm>
#include <cmath>
#include <map>

#include "perfgate/result.h"
#include "stats/linear_fit.h"
#include "stats/t_tests.h"

namespace perfgate {
namespace {

constexpr double kExponentConfidence = 0.95;

double median_metric(const ScenarioResult& s, const char* metric) {
  std::vector<double> v;
  for (const auto& t : s.trials) {
    if (auto it = t.metrics.find(metric); it != t.metrics.end()) v.push_back(it->second);
  }
  return stats::median(v);
}

void add_efficiency(SweepResult& sweep) {
  const SweepPointResult& first = sweep.points.front();
  if (!(first.throughput > 0)) return;
  const double per_worker = first.throughput / first.value;
  for (auto& p : sweep.points) p.efficiency = p.throughput / p.value / per_worker;
}

// log(time) = log(c) + exponent * log(value), fitted over every trial, not the medians,
// so that the interval reflects trial-to-trial noise.
void add_exponent(SweepResult& sweep, const std::vector<const ScenarioResult*>& scenarios) {
  std::vector<double> x, y;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    for (const auto& t : scenarios[i]->trials) {
      const auto it = t.metrics.find("latency_mean");
      if (it == t.metrics.end() || !(it->second > 0)) continue;
      x.push_back(std::log(sweep.points[i].value));
      y.push_back(std::log(it->second));
    }
  }
  if (const auto fit = stats::fit_line(x, y, kExponentConfidence)) {
    sweep.exponent = GrowthExponent{fit->slope, fit->slope_low, fit->slope_high, kExponentConfidence};
  }
}

}  // namespace

std::vector<SweepResult> analyse_sweeps(const Result& result) {
  std::vector<SweepResult> sweeps;
  std::map<std::string, std::vector<std::pair<const SweepPoint*, const ScenarioResult*>>> groups;
  std::vector<std::string> order;
  for (const auto& s : result.scenarios) {
    const auto spec = std::find_if(result.suite.scenarios.begin(), result.suite.scenarios.end(),
                                   [&](const ScenarioSpec& x) { return x.name == s.name; });
    if (spec == result.suite.scenarios.end() || !spec->sweep) continue;
    auto& members = groups[spec->sweep->sweep];
    if (members.empty()) order.push_back(spec->sweep->sweep);
    members.emplace_back(&*spec->sweep, &s);
  }
  for (const auto& name : order) {
    auto members = groups[name];
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first->value < b.first->value; });
    SweepResult sweep{name, members.front().first->parameter, {}, std::nullopt};
    std::vector<const ScenarioResult*> scenarios;
    for (const auto& [point, scenario] : members) {
      sweep.points.push_back({point->value, scenario->name, median_metric(*scenario, "throughput"),
                              median_metric(*scenario, "latency_mean"), std::nullopt});
      scenarios.push_back(scenario);
    }
    if (sweep.parameter == "concurrency") add_efficiency(sweep);
    else add_exponent(sweep, scenarios);
    sweeps.push_back(std::move(sweep));
  }
  return sweeps;
}

}  // namespace perfgate
