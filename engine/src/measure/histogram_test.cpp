#include "perfgate/histogram.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "perfgate/error.h"

using perfgate::Error;
using perfgate::ErrorKind;
using perfgate::Json;
using perfgate::LatencyHistogram;

TEST_CASE("histogram buckets tile the value range with relative width <= 1/1024") {
  for (std::uint64_t v : std::initializer_list<std::uint64_t>{0, 1, 2047, 2048, 2049, 4095, 4096, 123456789,
                          LatencyHistogram::kMaxTrackable}) {
    const auto i = LatencyHistogram::bucket_index(v);
    CHECK(i < LatencyHistogram::kBucketCount);
    CHECK(LatencyHistogram::bucket_lowest(i) <= v);
    CHECK(v < LatencyHistogram::bucket_lowest(i) + LatencyHistogram::bucket_width(i));
    if (v >= 2048) CHECK(double(LatencyHistogram::bucket_width(i)) / double(v) <= 1.0 / 1024);
  }
  // Consecutive buckets are contiguous.
  for (std::size_t i = 0; i + 1 < LatencyHistogram::kBucketCount; ++i) {
    REQUIRE(LatencyHistogram::bucket_lowest(i) + LatencyHistogram::bucket_width(i) ==
            LatencyHistogram::bucket_lowest(i + 1));
  }
  CHECK(LatencyHistogram::bucket_index(LatencyHistogram::kMaxTrackable) ==
        LatencyHistogram::kBucketCount - 1);
}

TEST_CASE("histogram quantiles match exact order statistics within 0.1%") {
  std::mt19937_64 gen(42);
  std::lognormal_distribution<double> latency(std::log(200000.0), 1.2);  // ~200us, long tail
  std::vector<std::uint64_t> values(200000);
  LatencyHistogram h;
  for (auto& v : values) {
    v = static_cast<std::uint64_t>(latency(gen)) + 1;
    h.record(v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0}) {
    const auto rank = std::max<std::size_t>(1, std::size_t(std::ceil(q * double(values.size()))));
    const double exact = double(values[rank - 1]);
    CAPTURE(q);
    CHECK(std::fabs(h.quantile(q) - exact) / exact <= 0.001);
  }
  CHECK(h.count() == values.size());
  CHECK(h.min() == values.front());
  CHECK(h.max() == values.back());
  double sum = 0;
  for (auto v : values) sum += double(v);
  CHECK(h.mean() == doctest::Approx(sum / double(values.size())).epsilon(1e-12));
}

TEST_CASE("histogram small values are exact") {
  LatencyHistogram h;
  for (std::uint64_t v = 1; v <= 100; ++v) h.record(v);
  CHECK(h.quantile(0.5) == 50.0);
  CHECK(h.quantile(0.99) == 99.0);
  CHECK(h.quantile(1.0) == 100.0);
}

TEST_CASE("empty histogram reports zeros") {
  const LatencyHistogram h;
  CHECK(h.count() == 0);
  CHECK(h.quantile(0.99) == 0.0);
  CHECK(h.mean() == 0.0);
  CHECK(h.min() == 0);
}

TEST_CASE("values beyond the trackable range clamp but keep the exact maximum") {
  LatencyHistogram h;
  const std::uint64_t huge = LatencyHistogram::kMaxTrackable * 4;
  h.record(huge);
  CHECK(h.count() == 1);
  CHECK(h.max() == huge);
  CHECK(h.quantile(1.0) == double(huge));
}

TEST_CASE("merging equals recording everything into one histogram") {
  LatencyHistogram a, b, all;
  for (std::uint64_t v = 1; v < 100000; v += 7) {
    (v % 3 ? a : b).record(v * 13);
    all.record(v * 13);
  }
  a.merge(b);
  CHECK(a.count() == all.count());
  CHECK(a.min() == all.min());
  CHECK(a.max() == all.max());
  for (double q : {0.1, 0.5, 0.99}) CHECK(a.quantile(q) == all.quantile(q));
  CHECK(a.to_json() == all.to_json());
}

TEST_CASE("histogram JSON round trip is exact and compact") {
  LatencyHistogram h;
  for (std::uint64_t v = 1000; v < 5000000; v = v * 11 / 10) h.record(v);
  const auto j = h.to_json();
  const auto back = LatencyHistogram::from_json(j, "h.json");
  CHECK(back.to_json() == j);
  CHECK(back.quantile(0.9) == h.quantile(0.9));
  // Zero runs collapse: far fewer entries than buckets.
  CHECK(j.at("counts").get<std::string>().size() < 2000);
}

TEST_CASE("histogram JSON rejects inconsistent input, naming the field") {
  LatencyHistogram h;
  h.record(5);
  const auto error_of = [](const Json& j) {
    try {
      LatencyHistogram::from_json(j, "r.json", "/h");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::kInput);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  auto j = h.to_json();
  j["count"] = 2;
  CHECK(error_of(j) == "r.json: /h/counts: histogram counts do not add up to count");
  j = h.to_json();
  j["counts"] = "1,x";
  CHECK(error_of(j) == "r.json: /h/counts: malformed counts at offset 2");
  j["counts"] = "-40000,1";
  CHECK(error_of(j) == "r.json: /h/counts: histogram counts run past the last bucket");
  j = h.to_json();
  j["sub_bucket_bits"] = 7;
  CHECK(error_of(j) == "r.json: /h/sub_bucket_bits: expected 11, got 7");
  j = h.to_json();
  j["max_ns"] = 1e300;
  CHECK(error_of(j).rfind("r.json: /h/max_ns: expected integer", 0) == 0);
}
