// Runs one built-in scenario through the installed public API and checks the result.
#include <iostream>

#include "perfgate/compare.h"
#include "perfgate/run.h"
#include "perfgate/version.h"

int main() {
  perfgate::SuiteSpec suite = perfgate::default_suite();
  perfgate::select_scenarios(suite, {"noop"});
  perfgate::apply_overrides(suite, {2u, perfgate::Seconds(0.01), perfgate::Seconds(0)});
  const perfgate::Result result = perfgate::run_suite(suite, {}, {});
  const auto json = perfgate::to_json(result);
  const bool ok = result.scenarios.size() == 1 && result.scenarios[0].trials.size() == 2 &&
                  json.at("schema") == "perfgate.result/1";
  std::cout << "perfgate " << perfgate::kVersion << (ok ? ": ok" : ": unexpected result") << "\n";
  return ok ? 0 : 1;
}
