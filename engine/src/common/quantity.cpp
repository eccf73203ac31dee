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
  Dimension dimension;
};

constexpr UnitInfo kUnits[] = {
    {"", 1, Dimension::kNone},          {"ns", 1, Dimension::kTime},      {"us", 1e3, Dimension::kTime},  {"ms", 1e6, Dimension::kTime},
    {"s", 1e9, Dimension::kTime},   {"%", 0.01, Dimension::kRatio},   {"/s", 1, Dimension::kRate},    {"B", 1, Dimension::kBytes},
    {"KB", 1e3, Dimension::kBytes}, {"MB", 1e6, Dimension::kBytes},   {"GB", 1e9, Dimension::kBytes}, {"KiB", 1024.0, Dimension::kBytes},
    {"MiB", 1048576.0, Dimension::kBytes}, {"GiB", 1073741824.0, Dimension::kBytes}};

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
  if (!amount || !period || *period <= 0 || amount->dimension == Dimension::kRate) return std::nullopt;
  amount->value /= *period;
  return amount;
}

}  // namespace perfgate
