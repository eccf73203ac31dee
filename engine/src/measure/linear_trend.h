#pragma once
// Streaming least-squares slope of y over x in constant memory, so an hour-long
// trial costs the same as a second. Uses Welford-style centred updates, which stay
// accurate when x is a large timestamp and the slope is small.

#include <cstdint>

namespace perfgate {

class LinearTrend {
 public:
  void add(double x, double y) {
    ++n_;
    const double dx = x - mean_x_;
    mean_x_ += dx / double(n_);
    mean_y_ += (y - mean_y_) / double(n_);
    sxx_ += dx * (x - mean_x_);
    sxy_ += dx * (y - mean_y_);
  }
  // Combines two trends as if all points had been added to one (Chan, Golub & LeVeque 1979).
  void merge(const LinearTrend& o) {
    if (o.n_ == 0) return;
    if (n_ == 0) {
      *this = o;
      return;
    }
    const double n = double(n_ + o.n_);
    const double dx = o.mean_x_ - mean_x_, dy = o.mean_y_ - mean_y_;
    const double w = double(n_) * double(o.n_) / n;
    sxx_ += o.sxx_ + dx * dx * w;
    sxy_ += o.sxy_ + dx * dy * w;
    mean_x_ += dx * double(o.n_) / n;
    mean_y_ += dy * double(o.n_) / n;
    n_ += o.n_;
  }
  std::uint64_t count() const { return n_; }
  // 0 with fewer than two distinct x values: no trend can be told.
  double slope() const { return sxx_ > 0.0 ? sxy_ / sxx_ : 0.0; }

 private:
  std::uint64_t n_ = 0;
  double mean_x_ = 0.0, mean_y_ = 0.0, sxx_ = 0.0, sxy_ = 0.0;
};

}  // namespace perfgate
