#include "stats/multiple_testing.h"

#include <algorithm>
#include <numeric>

namespace perfgate::stats {
namespace {

std::vector<std::size_t> ascending_order(std::span<const double> p) {
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return p[a] < p[b]; });
  return order;
}

}  // namespace

std::vector<double> holm(std::span<const double> p) {
  const auto order = ascending_order(p);
  const double k = double(p.size());
  std::vector<double> adjusted(p.size());
  double running_max = 0;
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    running_max = std::max(running_max, std::min(1.0, (k - double(rank)) * p[order[rank]]));
    adjusted[order[rank]] = running_max;
  }
  return adjusted;
}

std::vector<double> benjamini_hochberg(std::span<const double> p) {
  const auto order = ascending_order(p);
  const double k = double(p.size());
  std::vector<double> adjusted(p.size());
  double running_min = 1;
  for (std::size_t rank = order.size(); rank-- > 0;) {
    running_min = std::min(running_min, std::min(1.0, k * p[order[rank]] / double(rank + 1)));
    adjusted[order[rank]] = running_min;
  }
  return adjusted;
}

std::vector<double> adjust(std::span<const double> p, Correction correction) {
  switch (correction) {
    case Correction::kHolm:
      return holm(p);
    case Correction::kBenjaminiHochberg:
      return benjamini_hochberg(p);
    case Correction::kNone:
      break;
  }
  return {p.begin(), p.end()};
}

}  // namespace perfgate::stats
