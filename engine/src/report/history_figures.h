#pragma once
// Figures of history changes in human units, shared by the history renderings.

#include <string>

#include "perfgate/history.h"

namespace perfgate {

std::string format_history_change(const HistoryChange& c);  // "+8.3% [+6.1%, +10.4%]"
std::string commit_range(const HistoryChange& c);           // "abc123def456..0123456789ab"
std::string format_time(std::int64_t seconds);              // "2026-12-04 03:25 UTC"
// How a change reads: "regression" or "improvement", by the metric's direction.
inline const char* change_kind(const HistoryChange& c) { return c.regression() ? "regression" : "improvement"; }

}  // namespace perfgate
