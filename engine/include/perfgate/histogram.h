#pragma once
// Log-linear latency histogram in the manner of HdrHistogram (Gil Tene): values below
// 2^11 ns get exact buckets; above, each power of two is split into 1024 linear
// sub-buckets, so any recorded value is known to within 1/1024 (about 3 significant
// digits). Memory is fixed (kBucketCount counters) whatever the run length, recording
// is O(1) with no allocation, and histograms merge by adding counters.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "perfgate/json.h"

namespace perfgate {

class LatencyHistogram {
 public:
  static constexpr int kSubBucketBits = 11;
  static constexpr int kMaxValueBits = 40;  // 2^40 ns is about 18 minutes; larger clamps
  static constexpr std::uint64_t kMaxTrackable = (std::uint64_t{1} << kMaxValueBits) - 1;
  static constexpr std::size_t kBucketCount =
      (std::size_t{1} << kSubBucketBits) +
      std::size_t(kMaxValueBits - kSubBucketBits) * (std::size_t{1} << (kSubBucketBits - 1));

  void record(std::uint64_t value_ns) {
    const std::uint64_t clamped = value_ns > kMaxTrackable ? kMaxTrackable : value_ns;
    if (counts_.empty()) [[unlikely]] counts_.resize(kBucketCount);
    ++counts_[bucket_index(clamped)];
    ++total_count_;
    sum_ += static_cast<double>(value_ns);
    if (value_ns < min_) min_ = value_ns;
    if (value_ns > max_) max_ = value_ns;
  }

  // Allocates the counters now rather than at the first record: for a histogram that
  // may start filling mid-run, so that memory does not step up then.
  void reserve() {
    if (counts_.empty()) counts_.resize(kBucketCount);
  }

  void merge(const LatencyHistogram& other);
  // Empties it but keeps its storage: for histograms refilled every interval, so that a
  // long run does not allocate and free 250 KiB each time (and fragment the heap).
  void clear() {
    std::fill(counts_.begin(), counts_.end(), 0);
    total_count_ = 0;
    sum_ = 0.0;
    min_ = UINT64_MAX;
    max_ = 0;
  }

  std::uint64_t count() const { return total_count_; }
  std::uint64_t min() const { return total_count_ == 0 ? 0 : min_; }
  std::uint64_t max() const { return max_; }
  double mean() const { return total_count_ == 0 ? 0.0 : sum_ / double(total_count_); }

  // The value at quantile q in [0, 1]: the midpoint of the bucket holding the
  // ceil(q * count)-th smallest recorded value, clamped to [min, max]. 0 when empty.
  double quantile(double q) const;

  // Compact form: zero runs collapsed (see docs/result-schema.md, "histogram").
  Json to_json() const;
  // Throws Error (kInput) naming `source` and the JSON Pointer `path` of the bad field.
  static LatencyHistogram from_json(const Json& j, const std::string& source, const std::string& path = "");

  static std::size_t bucket_index(std::uint64_t value);
  static std::uint64_t bucket_lowest(std::size_t index);
  static std::uint64_t bucket_width(std::size_t index);

 private:
  // kBucketCount counters (250 KiB) once anything is recorded; empty until then, so
  // that the many histograms that are only moved around or never filled cost nothing.
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_count_ = 0;
  double sum_ = 0.0;
  std::uint64_t min_ = UINT64_MAX;
  std::uint64_t max_ = 0;
};

}  // namespace perfgate
