#pragma once
// FNV-1a, 64-bit (Fowler, Noll, Vo): a stable hash of text, the same on every compiler
// and run, unlike std::hash.

#include <cstdint>
#include <string_view>

namespace perfgate {

inline constexpr std::uint64_t kFnv1aOffsetBasis = 14695981039346656037ull;

inline std::uint64_t fnv1a(std::string_view text, std::uint64_t basis = kFnv1aOffsetBasis) {
  std::uint64_t h = basis;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace perfgate
