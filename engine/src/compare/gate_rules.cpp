// The gate's expressions. Absolute thresholds in the style of k6: "p95 < 200ms",
// "error_rate < 1%", "throughput > 1000/s", "rss_peak < 512MB", optionally scoped:
// "kv/*: p99 < 1ms". Practical thresholds: "5%", "latency_p99=10%", "kv/*:throughput=2%".

#include <cctype>
#include <cmath>

#include "common/quantity.h"
#include "perfgate/compare.h"
#include "common/format.h"
#include "perfgate/error.h"

namespace perfgate {
namespace {

// Short names users write, to the catalogue's names.
std::string canonical_metric(const std::string& name) {
  static const std::pair<const char*, const char*> kAliases[] = {
      {"p50", "latency_p50"},   {"p90", "latency_p90"},     {"p95", "latency_p95"},
      {"p99", "latency_p99"},   {"p99.9", "latency_p999"},  {"p999", "latency_p999"},
      {"p99.99", "latency_p9999"}, {"p9999", "latency_p9999"}, {"mean", "latency_mean"},
      {"max", "latency_max"},   {"median", "latency_p50"},  {"errors", "error_count"},
      {"rss", "rss_peak"},      {"rps", "throughput"}};
  for (const auto& [alias, full] : kAliases) {
    if (name == alias) return full;
  }
  return name;
}

// Splits an optional "GLOB:" scope off the front; metric names never contain ':'.
std::string take_scope(std::string& rest, const std::string& text, const char* what) {
  const auto colon = rest.find(':');
  if (colon == std::string::npos) return "*";
  std::string glob = trim(rest.substr(0, colon));
  rest = rest.substr(colon + 1);
  if (glob.empty()) throw input_error(std::string(what) + " " + quote_input(text) + ": empty scenario pattern before ':'");
  return glob;
}

}  // namespace

PracticalThreshold parse_practical_threshold(const std::string& text) {
  PracticalThreshold t;
  std::string rest = text;
  t.scenario_glob = take_scope(rest, text, "threshold");
  if (const auto eq = rest.find('='); eq != std::string::npos) {
    t.metric = canonical_metric(trim(rest.substr(0, eq)));
    rest = rest.substr(eq + 1);
  }
  rest = trim(rest);
  std::size_t used = 0;
  double number = -1;
  try {
    number = std::stod(rest, &used);
  } catch (const std::exception&) {
  }
  const std::string unit = trim(rest.substr(std::min(used, rest.size())));
  if (unit == "%") number /= 100;
  else if (!unit.empty()) number = -1;
  if (!(number > 0 && number < 10)) {
    throw input_error("threshold " + quote_input(text) + ": expected [GLOB:][METRIC=]PERCENT, e.g. '5%', 'latency_p99=10%' or 'kv/*:throughput=2%'");
  }
  t.relative = number;
  return t;
}

AbsoluteCheck parse_absolute_check(const std::string& text) {
  AbsoluteCheck check;
  check.text = text;
  std::string rest = text;
  check.scenario_glob = take_scope(rest, text, "check");
  const auto op = rest.find_first_of("<>");
  if (op == std::string::npos) {
    throw input_error("check " + quote_input(text) + ": expected METRIC < VALUE or METRIC > VALUE, e.g. 'p95 < 200ms'");
  }
  check.less_than = rest[op] == '<';
  check.inclusive = op + 1 < rest.size() && rest[op + 1] == '=';
  check.metric = canonical_metric(trim(rest.substr(0, op)));
  if (check.metric.empty()) throw input_error("check " + quote_input(text) + ": missing metric name");
  const std::string value = trim(rest.substr(op + (check.inclusive ? 2 : 1)));
  const auto limit = parse_quantity(value);
  if (!limit) {
    const auto split = split_number_and_unit(value);
    if (!split) throw input_error("check " + quote_input(text) + ": expected a number after the comparison, got " + quote_input(value));
    throw input_error("check " + quote_input(text) + ": unknown unit " + quote_input(split->unit) + " (use " + kQuantityUnits + ")");
  }
  check.limit = limit->value;
  check.dimension = limit->dimension;
  return check;
}

}  // namespace perfgate
