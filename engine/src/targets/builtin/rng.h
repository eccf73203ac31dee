#pragma once
// Small, fast, portable PRNG (SplitMix64, Steele/Lea/Flood 2014) so that the built-in
// workloads generate identical data and operation sequences from a seed on every
// standard library, unlike std:: distributions whose algorithms are unspecified.

#include <cstdint>

namespace perfgate {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound) by Lemire's multiply-shift (bias below 2^-32 for our bounds).
  std::uint64_t below(std::uint64_t bound) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * bound) >> 64);
  }
  double unit() { return double(next() >> 11) * 0x1.0p-53; }  // uniform in [0, 1)

 private:
  std::uint64_t state_;
};

}  // namespace perfgate
