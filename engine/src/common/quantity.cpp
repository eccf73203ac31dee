#include "common/quantity.h"

#include <cctype>
#include <cmath>

#include "common/format.h"
#include "common/json_cursor.h"

namespace perfgate {
namespace {

struct UnitInfo {
  const char* name;
  double factor;
  const char* dimension;
};

constexpr UnitInfo kUnits[] = {
    {"", 1, ""},          {"ns", 1, "time"},      {"us", 1e3, "time"},  {"ms", 1e6, "time"},
    {"s", 1e9, "time"},   {"%", 0.01, "ratio"},   {"/s", 1, "rate"},    {"B", 1, "bytes"},
    {"KB", 1e3, "bytes"}, {"MB", 1e6, "bytes"},   {"GB", 1e9, "bytes"}, {"KiB", 1024.0, "bytes"},
    {"MiB", 1048576.0, "bytes"}, {"GiB", 1073741824.0, "bytes"}};

}  // namespace

std::optional<NumberAndUnit> split_number_and_unit(const std::string& text) {
  const std::string t = trim(text);
  std::size_t used = 0;
  try {
    const double number = std::stod(t, &used);
    return NumberAndUnit{number, trim(t.substr(used))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<Quantity> parse_quantity(const std::string& text) {
  const auto split = split_number_and_unit(text);
  if (!split) return std::nullopt;
  for (const auto& u : kUnits) {
    if (split->unit == u.name) {
      const double value = split->number * u.factor;
      if (!std::isfinite(value)) return std::nullopt;
      return Quantity{value, u.dimension};
    }
  }
  return std::nullopt;
}

std::optional<Quantity> parse_growth_rate(const std::string& text) {
  const auto slash = text.rfind('/');
  if (slash == std::string::npos) return std::nullopt;
  auto amount = parse_quantity(text.substr(0, slash));
  const std::string per = trim(text.substr(slash + 1));
  const auto period = parse_duration_seconds(per.empty() || std::isdigit(static_cast<unsigned char>(per[0])) ? per : "1" + per);
  if (!amount || !period || *period <= 0 || amount->dimension == "rate") return std::nullopt;
  amount->value /= *period;
  return amount;
}

}  // namespace perfgate
