#include "perfgate/histogram.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "common/json_cursor.h"

namespace perfgate {
namespace {

constexpr std::uint64_t kSubBucketCount = std::uint64_t{1} << LatencyHistogram::kSubBucketBits;
constexpr std::uint64_t kHalfCount = kSubBucketCount / 2;

}  // namespace

std::size_t LatencyHistogram::bucket_index(std::uint64_t value) {
  if (value < kSubBucketCount) return static_cast<std::size_t>(value);
  const int shift = std::bit_width(value) - kSubBucketBits;  // >= 1
  const std::uint64_t mantissa = value >> shift;             // in [kHalfCount, kSubBucketCount)
  return static_cast<std::size_t>(kSubBucketCount + std::uint64_t(shift - 1) * kHalfCount +
                                  (mantissa - kHalfCount));
}

std::uint64_t LatencyHistogram::bucket_lowest(std::size_t index) {
  if (index < kSubBucketCount) return index;
  const std::uint64_t above = index - kSubBucketCount;
  const int shift = static_cast<int>(above / kHalfCount) + 1;
  return (kHalfCount + above % kHalfCount) << shift;
}

std::uint64_t LatencyHistogram::bucket_width(std::size_t index) {
  if (index < kSubBucketCount) return 1;
  return std::uint64_t{1} << ((index - kSubBucketCount) / kHalfCount + 1);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.counts_.empty()) return;
  if (counts_.empty()) counts_.resize(kBucketCount);
  for (std::size_t i = 0; i < kBucketCount; ++i) counts_[i] += other.counts_[i];
  total_count_ += other.total_count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double LatencyHistogram::quantile(double q) const {
  if (total_count_ == 0) return 0.0;
  q = std::clamp(q, 0.0, 1.0);
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total_count_))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < kBucketCount; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      const double mid = double(bucket_lowest(i)) + double(bucket_width(i) - 1) / 2.0;
      return std::clamp(mid, double(min()), double(max_));
    }
  }
  return double(max_);
}

// Encoding: "counts" is a string of comma-separated integers walked from bucket 0
// upwards; a positive n is the count of the next bucket, a negative -k skips k empty
// buckets. Trailing empty buckets are omitted. This is HdrHistogram's zero-run idea
// without its binary/base64 layer: one line in an indented file, still greppable.
Json LatencyHistogram::to_json() const {
  std::string counts;
  std::int64_t zero_run = 0;
  const auto append = [&counts](std::int64_t n) {
    if (!counts.empty()) counts += ',';
    counts += std::to_string(n);
  };
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] == 0) {
      ++zero_run;
      continue;
    }
    if (zero_run > 0) append(-zero_run);
    zero_run = 0;
    append(static_cast<std::int64_t>(counts_[i]));
  }
  return {{"sub_bucket_bits", kSubBucketBits},
          {"count", total_count_},
          {"min_ns", min()},
          {"max_ns", max_},
          {"sum_ns", sum_},
          {"counts", std::move(counts)}};
}

LatencyHistogram LatencyHistogram::from_json(const Json& j, const std::string& source, const std::string& path) {
  const JsonCursor c(j, source, path);
  c.expect_object({"sub_bucket_bits", "count", "min_ns", "max_ns", "sum_ns", "counts"});
  const JsonCursor bits = c.at("sub_bucket_bits");
  if (bits.as_uint(0, 64) != kSubBucketBits) bits.fail_expected(std::to_string(kSubBucketBits));
  LatencyHistogram h;
  std::size_t index = 0;
  const JsonCursor counts = c.at("counts");
  const std::string text = counts.as_string();
  const char* p = text.c_str();
  const char* const end = p + text.size();
  while (p < end) {
    char* next = nullptr;
    errno = 0;
    const long long n = std::strtoll(p, &next, 10);
    if (next == p || errno != 0 || n == 0 || (*next != ',' && *next != '\0')) {
      counts.fail("malformed counts at offset " + std::to_string(p - text.c_str()));
    }
    p = *next == ',' ? next + 1 : next;
    if (n < 0) {
      // A run of empty buckets; negated in unsigned arithmetic, as -LLONG_MIN does not exist.
      const auto skip = 0ULL - static_cast<unsigned long long>(n);
      if (skip > kBucketCount - index) counts.fail("histogram counts run past the last bucket");
      index += static_cast<std::size_t>(skip);
      continue;
    }
    if (index >= kBucketCount) counts.fail("histogram counts run past the last bucket");
    if (h.counts_.empty()) h.counts_.resize(kBucketCount);
    h.counts_[index++] = static_cast<std::uint64_t>(n);
    h.total_count_ += static_cast<std::uint64_t>(n);
  }
  if (h.total_count_ != c.at("count").as_uint(0, UINT64_MAX)) counts.fail("histogram counts do not add up to count");
  h.sum_ = c.at("sum_ns").as_number_in(0, std::numeric_limits<double>::max());
  h.max_ = c.at("max_ns").as_uint(0, UINT64_MAX);
  const std::uint64_t min = c.at("min_ns").as_uint(0, UINT64_MAX);
  h.min_ = h.total_count_ == 0 ? UINT64_MAX : min;
  return h;
}

}  // namespace perfgate
