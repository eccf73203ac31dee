#pragma once
// Brute-force top-k by dot product: the exact answer every approximate vector index
// is measured against.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace perfgate {

struct VectorSet {
  std::size_t count = 0, dim = 0;
  std::vector<float> values;  // row-major, count x dim
};

// Uniform values in [-1, 1), deterministic from the seed.
VectorSet make_random_vectors(std::size_t count, std::size_t dim, std::uint64_t seed);

// Indices of the k rows with the highest dot product with `query`, best first.
std::vector<std::size_t> top_k_by_dot_product(const VectorSet& set, const float* query, std::size_t k);

}  // namespace perfgate
