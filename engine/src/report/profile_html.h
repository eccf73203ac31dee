#pragma once
// The HTML report's profile sections: "where it changed" (a table and a differential
// flame graph per regressed scenario) and "where the time goes" (a single run's
// per-function shares and flame graph).

#include <optional>
#include <string>

#include "perfgate/compare.h"

namespace perfgate {

inline constexpr const char* kProfileStyle =
    "svg.flame{display:block;max-width:none}svg.flame text.flame-label{font-size:11px;fill:#1f2328}"
    "svg.flame g.frame:hover rect{stroke:#1f2328;stroke-width:1}"
    ".legend span{display:inline-block;width:14px;height:10px;margin:0 4px 0 10px;vertical-align:middle}";

std::string profile_diff_sections(const VerdictReport& report);
std::string profile_sections(const std::optional<Result>& candidate);

}  // namespace perfgate
