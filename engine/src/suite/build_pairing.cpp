// Pairing a whole suite with one flag: "{build}" in a target names the build under test.
// Substitution happens on the validated model, so the result's embedded suite shows
// exactly what each side ran (explicit variants), and no file format needs a new field.

#include <algorithm>

#include "perfgate/error.h"
#include "perfgate/suite.h"

namespace perfgate {
namespace {

bool mentions(const std::string& text) { return text.find(kBuildPlaceholder) != std::string::npos; }

std::string replaced(std::string text, const std::string& value) {
  const std::string placeholder(kBuildPlaceholder);
  for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

// Applies `f` to every string of a target (const or not) that may name the build.
template <class Target, class F>
void for_each_build_field(Target& target, F f) {
  if (auto* command = std::get_if<CommandTargetSpec>(&target)) {
    for (auto& arg : command->argv) f(arg);
    for (auto& [_, value] : command->env) f(value);
    f(command->cwd);
  } else if (auto* http = std::get_if<HttpTargetSpec>(&target)) {
    f(http->url);
  } else if (auto* benchmark = std::get_if<GbenchTargetSpec>(&target)) {
    f(benchmark->binary);
    for (auto& arg : benchmark->args) f(arg);
  }
}

}  // namespace

bool uses_build_placeholder(const TargetSpec& target) {
  bool found = false;
  for_each_build_field(target, [&](const std::string& s) { found = found || mentions(s); });
  return found;
}

TargetSpec with_build(const TargetSpec& target, const std::string& value) {
  TargetSpec out = target;
  for_each_build_field(out, [&](std::string& s) { s = replaced(s, value); });
  return out;
}

std::vector<std::string> pair_builds(SuiteSpec& suite, const BuildPairing& pairing) {
  std::vector<std::string> unpaired;
  for (auto& s : suite.scenarios) {
    const bool candidate_uses = uses_build_placeholder(s.target);
    const bool baseline_uses = s.paired_baseline && uses_build_placeholder(*s.paired_baseline);
    if (!candidate_uses && !baseline_uses) {
      if (!s.paired_baseline) unpaired.push_back(s.name);
      continue;
    }
    // Explicit variants keep their own targets; each side's "{build}" is its own value.
    const TargetSpec baseline_target = s.paired_baseline ? *s.paired_baseline : s.target;
    s.paired_baseline = with_build(baseline_target, pairing.baseline);
    s.target = with_build(s.target, pairing.candidate);
  }
  return unpaired;
}

void substitute_build(SuiteSpec& suite, const std::string& value) {
  for (auto& s : suite.scenarios) {
    s.target = with_build(s.target, value);
    if (s.paired_baseline) s.paired_baseline = with_build(*s.paired_baseline, value);
  }
}

void pair_with_itself(SuiteSpec& suite) {
  for (auto& s : suite.scenarios) {
    if (!s.paired_baseline) s.paired_baseline = s.target;
  }
}

void require_builds_substituted(const SuiteSpec& suite) {
  for (const auto& s : suite.scenarios) {
    if (uses_build_placeholder(s.target) || (s.paired_baseline && uses_build_placeholder(*s.paired_baseline))) {
      throw input_error("scenario '" + s.name + "' refers to " + std::string(kBuildPlaceholder) +
                        ": give --pair baseline=DIR --pair candidate=DIR (paired), or --build DIR (one side)");
    }
  }
}

}  // namespace perfgate
