#include "stats/e_divisive.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "stats/t_tests.h"

namespace perfgate::stats {
namespace {

// Counts and sums of the values inserted so far, by rank: sum of |x - v| over them in
// O(log n).
class DistanceSums {
 public:
  explicit DistanceSums(std::size_t ranks) : count_(ranks + 1, 0), sum_(ranks + 1, 0) {}
  void clear() {
    std::fill(count_.begin(), count_.end(), 0);
    std::fill(sum_.begin(), sum_.end(), 0);
    total_count_ = 0;
    total_sum_ = 0;
  }
  void insert(std::size_t rank, double value) {
    for (std::size_t i = rank + 1; i < count_.size(); i += i & (~i + 1)) {
      count_[i] += 1;
      sum_[i] += value;
    }
    total_count_ += 1;
    total_sum_ += value;
  }
  // Sum of |value - v| over inserted v.
  double distance(std::size_t rank, double value) const {
    double below_count = 0, below_sum = 0;
    for (std::size_t i = rank + 1; i > 0; i -= i & (~i + 1)) {
      below_count += count_[i];
      below_sum += sum_[i];
    }
    return (value * below_count - below_sum) + ((total_sum_ - below_sum) - value * (total_count_ - below_count));
  }

 private:
  std::vector<double> count_, sum_;
  double total_count_ = 0, total_sum_ = 0;
};

// Values with their ranks (ties share one), so permutations need no re-sorting.
struct Ranked {
  std::vector<double> values;
  std::vector<std::size_t> ranks;
  std::size_t distinct = 0;
};

Ranked ranked(std::span<const double> values) {
  Ranked r{{values.begin(), values.end()}, std::vector<std::size_t>(values.size()), 0};
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (std::size_t i = 0; i < values.size(); ++i) {
    r.ranks[i] = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), values[i]) - sorted.begin());
  }
  r.distinct = sorted.size();
  return r;
}

struct BestSplit {
  std::size_t tau = 0;
  double q = 0;
};

// Scratch space reused across the permutations of one segment.
struct Workspace {
  DistanceSums sums;
  std::vector<double> earlier, later;
  explicit Workspace(std::size_t distinct) : sums(distinct) {}
};

template <class Visit>
void for_each_statistic(const Ranked& r, std::size_t min_segment, Workspace& w, Visit visit) {
  const std::size_t n = r.values.size();
  if (n < 2 * min_segment || min_segment < 2) return;
  w.earlier.assign(n, 0);
  w.later.assign(n, 0);
  w.sums.clear();
  for (std::size_t p = 0; p < n; ++p) {
    w.earlier[p] = w.sums.distance(r.ranks[p], r.values[p]);
    w.sums.insert(r.ranks[p], r.values[p]);
  }
  w.sums.clear();
  for (std::size_t p = n; p-- > 0;) {
    w.later[p] = w.sums.distance(r.ranks[p], r.values[p]);
    w.sums.insert(r.ranks[p], r.values[p]);
  }
  const double total = std::accumulate(w.earlier.begin(), w.earlier.end(), 0.0);
  double within_left = 0;
  double within_right = total;  // pairs both at or after tau; tau = 0: all of them
  for (std::size_t tau = 1; tau < n; ++tau) {
    within_left += w.earlier[tau - 1];
    within_right -= w.later[tau - 1];
    if (tau < min_segment || n - tau < min_segment) continue;
    const double left = static_cast<double>(tau), right = static_cast<double>(n - tau);
    const double across = total - within_left - within_right;
    const double e = 2 * across / (left * right) - 2 * within_left / (left * (left - 1)) -
                     2 * within_right / (right * (right - 1));
    visit(tau, left * right / static_cast<double>(n) * e);
  }
}

BestSplit best_split(const Ranked& r, std::size_t min_segment, Workspace& w) {
  BestSplit best;
  for_each_statistic(r, min_segment, w, [&](std::size_t tau, double q) {
    if (q > best.q) best = {tau, q};
  });
  return best;
}

// Portable and unbiased (std::uniform_int_distribution and std::shuffle differ between
// standard libraries; results must not).
std::size_t below(std::mt19937_64& rng, std::size_t n) {
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  std::uint64_t x;
  do x = rng(); while (x >= limit);
  return static_cast<std::size_t>(x % n);
}

void shuffle(Ranked& r, std::mt19937_64& rng) {
  for (std::size_t i = r.values.size(); i > 1; --i) {
    const std::size_t j = below(rng, i);
    std::swap(r.values[i - 1], r.values[j]);
    std::swap(r.ranks[i - 1], r.ranks[j]);
  }
}

// The permutation p-value of `observed`, stopping as soon as it cannot reach alpha.
double permutation_p_value(Ranked r, double observed, const ChangePointOptions& o, std::mt19937_64& rng,
                           Workspace& w) {
  const double give_up = o.alpha * (o.permutations + 1.0) - 1.0;  // exceedances beyond this: p > alpha
  unsigned exceeded = 0, done = 0;
  for (; done < o.permutations; ++done) {
    shuffle(r, rng);
    if (best_split(r, o.min_segment, w).q >= observed) ++exceeded;
    if (exceeded > give_up) return (exceeded + 1.0) / (done + 2.0);
  }
  return (exceeded + 1.0) / (o.permutations + 1.0);
}

struct Candidate {
  std::size_t begin = 0, end = 0;  // the segment
  BestSplit split;
};

// |log| of the ratio of the medians after and before each change, over the segments
// between its neighbours.
std::vector<double> change_sizes(std::span<const double> series, const std::vector<DetectedChange>& found) {
  std::vector<double> sizes;
  for (std::size_t k = 0; k < found.size(); ++k) {
    const std::size_t begin = k == 0 ? 0 : found[k - 1].index;
    const std::size_t end = k + 1 < found.size() ? found[k + 1].index : series.size();
    const double before = median(series.subspan(begin, found[k].index - begin));
    const double after = median(series.subspan(found[k].index, end - found[k].index));
    sizes.push_back(before > 0 && after > 0 ? std::abs(std::log(after / before)) : INFINITY);
  }
  return sizes;
}

void drop_small_changes(std::span<const double> series, std::vector<DetectedChange>& found, double min_relative) {
  if (min_relative <= 0) return;
  for (;;) {
    const auto sizes = change_sizes(series, found);
    const auto smallest = std::min_element(sizes.begin(), sizes.end());
    if (smallest == sizes.end() || *smallest >= std::log1p(min_relative)) return;
    found.erase(found.begin() + (smallest - sizes.begin()));
  }
}

}  // namespace

std::vector<double> e_divisive_statistics(std::span<const double> values, std::size_t min_segment) {
  const Ranked r = ranked(values);
  Workspace w(r.distinct);
  std::vector<double> q(values.size(), 0.0);
  for_each_statistic(r, min_segment, w, [&](std::size_t tau, double value) { q[tau] = value; });
  return q;
}

std::vector<DetectedChange> detect_change_points(std::span<const double> series, const ChangePointOptions& o) {
  std::mt19937_64 rng(o.seed);
  std::vector<std::size_t> bounds{0, series.size()};
  std::vector<DetectedChange> found;
  auto candidate_in = [&](std::size_t begin, std::size_t end) {
    const Ranked r = ranked(series.subspan(begin, end - begin));
    Workspace w(r.distinct);
    return Candidate{begin, end, best_split(r, o.min_segment, w)};
  };
  std::vector<Candidate> candidates{candidate_in(0, series.size())};
  while (found.size() < o.max_changes) {
    const auto strongest = std::max_element(candidates.begin(), candidates.end(),
                                            [](const auto& a, const auto& b) { return a.split.q < b.split.q; });
    if (strongest == candidates.end() || strongest->split.tau == 0) break;
    const Candidate c = *strongest;
    const Ranked r = ranked(series.subspan(c.begin, c.end - c.begin));
    Workspace w(r.distinct);
    const double p = permutation_p_value(r, c.split.q, o, rng, w);
    if (p > o.alpha) break;
    const std::size_t at = c.begin + c.split.tau;
    found.push_back({at, p, c.split.q});
    candidates.erase(strongest);
    candidates.push_back(candidate_in(c.begin, at));
    candidates.push_back(candidate_in(at, c.end));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  drop_small_changes(series, found, o.min_relative_change);
  return found;
}

}  // namespace perfgate::stats
