#include "load/rate_schedule.h"

#include <algorithm>
#include <cmath>

namespace perfgate {

std::vector<RateStage> first_part(const std::vector<RateStage>& stages, Seconds length) {
  std::vector<RateStage> out;
  Seconds left = length;
  for (const auto& s : stages) {
    if (left.count() <= 0) break;
    if (s.duration <= left) {
      out.push_back(s);
    } else {
      const double reached = s.from + (s.to - s.from) * (left / s.duration);
      out.push_back({left, s.from, reached});
    }
    left -= s.duration;
  }
  return out;
}

RateSchedule::RateSchedule(const std::vector<RateStage>& stages) {
  double time = 0, count = 0;
  for (const auto& s : stages) {
    const double d = s.duration.count();
    const double added = (s.from + s.to) / 2 * d;
    segments_.push_back({time, time + d, count, count + added, s.from, s.to});
    time += d;
    count += added;
  }
}

std::optional<double> RateSchedule::due(std::uint64_t k) const {
  const double n = double(k);
  for (const auto& s : segments_) {
    if (n >= s.end_count) continue;
    const double remaining = n - s.start_count;  // arrivals into this segment
    const double d = s.end_time - s.start_time;
    const double slope = (s.to - s.from) / d;    // rate(x) = from + slope * x
    // from*x + slope/2*x^2 = remaining, in the form that stays exact when slope -> 0
    const double x = 2 * remaining / (s.from + std::sqrt(std::max(0.0, s.from * s.from + 2 * slope * remaining)));
    return s.start_time + std::min(x, d);
  }
  return std::nullopt;
}

std::uint64_t RateSchedule::due_before(double t) const {
  std::uint64_t lo = 0, hi = std::uint64_t(std::ceil(total_operations())) + 1;  // due(hi) is past the end
  while (lo < hi) {  // the first k not due before t; due() never decreases with k
    const std::uint64_t mid = lo + (hi - lo) / 2;
    const auto at = due(mid);
    if (at && *at < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

std::size_t RateSchedule::stage_at(double t) const {
  const auto it = std::upper_bound(segments_.begin(), segments_.end(), t,
                                   [](double x, const Segment& s) { return x < s.end_time; });
  return it == segments_.end() ? segments_.size() - 1 : std::size_t(it - segments_.begin());
}

}  // namespace perfgate
