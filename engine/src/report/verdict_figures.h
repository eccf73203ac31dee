#pragma once
// Figures of a comparison in human units, shared by the verdict renderers.

#include <string>

#include "perfgate/compare.h"

namespace perfgate {

std::string format_in_unit(double value, Unit unit);  // "1.20ms", "2.00M/s", "1.5%"
std::string format_change(const Comparison& c);                    // "+12.3% [+8.1%, +16.0%]"
std::string format_p(double p);                                    // "0.003", "<1e-6"
std::string verdict_symbol(Verdict v);                             // "❌ regression", ...

}  // namespace perfgate
