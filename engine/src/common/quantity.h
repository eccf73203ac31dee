#pragma once
// Numbers with units as users write them in checks and limits: "200ms", "1%", "500/s",
// "64MiB", and growth rates such as "4MiB/h" or "2ms/min".

#include <optional>
#include <string>

#include "perfgate/metrics.h"

namespace perfgate {

struct Quantity {
  double value = 0;  // in the base unit of `dimension`: ns, ratio, /s, bytes
  Dimension dimension = Dimension::kNone;  // kNone for a bare number
};

// "250 ms" → {250, "ms"}: a leading number and the (trimmed) rest; empty without a number.
struct NumberAndUnit {
  double number;
  std::string unit;
};
std::optional<NumberAndUnit> split_number_and_unit(const std::string& text);

// Empty when `text` is not a finite number followed by a known unit.
std::optional<Quantity> parse_quantity(const std::string& text);
inline constexpr const char* kQuantityUnits = "ns, us, ms, s, %, /s, B, KB, MB, GB, KiB, MiB, GiB";

// A quantity per unit of time, "4MiB/h": the value per second. Empty when malformed.
std::optional<Quantity> parse_growth_rate(const std::string& text);

}  // namespace perfgate
