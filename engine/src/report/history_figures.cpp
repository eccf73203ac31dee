#include "report/history_figures.h"

#include <cstdio>
#include <ctime>

#include "common/format.h"

namespace perfgate {

std::string format_history_change(const HistoryChange& c) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%+.1f%% [%+.1f%%, %+.1f%%]", (c.ratio - 1) * 100, (c.ratio_lower - 1) * 100,
                (c.ratio_upper - 1) * 100);
  return buf;
}

std::string commit_range(const HistoryChange& c) {
  return short_commit(c.last_commit_before) + ".." + short_commit(c.first_commit_after);
}

std::string format_time(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d UTC", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min);
  return buf;
}

}  // namespace perfgate
