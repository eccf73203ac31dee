// Command-line shaping of a suite: scenario globs and timing overrides.

#include <fnmatch.h>

#include <algorithm>

#include "common/json_cursor.h"
#include "perfgate/error.h"
#include "perfgate/suite.h"
#include "suite/load_shapes.h"

namespace perfgate {

std::optional<Seconds> parse_duration(const std::string& text) {
  if (auto s = parse_duration_seconds(text)) return Seconds(*s);
  return std::nullopt;
}

const ScenarioSpec* SuiteSpec::find(const std::string& scenario) const {
  const auto it = std::find_if(scenarios.begin(), scenarios.end(), [&](const ScenarioSpec& s) { return s.name == scenario; });
  return it == scenarios.end() ? nullptr : &*it;
}

void select_scenarios(SuiteSpec& suite, const std::vector<std::string>& globs) {
  if (globs.empty()) return;
  const auto matches = [](const std::string& glob, const ScenarioSpec& s) {
    return fnmatch(glob.c_str(), s.name.c_str(), 0) == 0;
  };
  for (const auto& glob : globs) {
    if (std::none_of(suite.scenarios.begin(), suite.scenarios.end(),
                     [&](const ScenarioSpec& s) { return matches(glob, s); })) {
      std::string names;
      for (const auto& s : suite.scenarios) names += (names.empty() ? "" : ", ") + s.name;
      throw input_error("--scenario '" + glob + "' matches no scenario of suite '" + suite.name +
                        "' (scenarios: " + names + ")");
    }
  }
  std::erase_if(suite.scenarios, [&](const ScenarioSpec& s) {
    return std::none_of(globs.begin(), globs.end(), [&](const std::string& g) { return matches(g, s); });
  });
}

void apply_overrides(SuiteSpec& suite, const SuiteOverrides& o) {
  for (auto& s : suite.scenarios) {
    if (o.trials) s.trials = *o.trials;
    if (o.duration) s.duration = *o.duration;
    if (o.warmup) s.warmup = *o.warmup;
    if (o.profile) s.profile = o.profile;
    // Staged loads keep their own length; a constant open rate lasts the new duration.
    if (const auto staged = load_duration(s.load)) s.duration = *staged;
    if (auto* open = std::get_if<OpenLoadSpec>(&s.load)) fit_open_load(*open, s.duration);
    for (TargetSpec* t : {&s.target, s.paired_baseline ? &*s.paired_baseline : nullptr}) {
      auto* http = t ? std::get_if<HttpTargetSpec>(t) : nullptr;
      if (http && o.server_pid && !http->server_pid && http->server_pid_file.empty()) http->server_pid = o.server_pid;
    }
  }
}

}  // namespace perfgate
