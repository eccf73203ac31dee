#pragma once
// Sampled stacks, symbolised and folded into a bounded profile.

#include <cstddef>

#include "perfgate/profile.h"
#include "profile/stack_sampler.h"

namespace perfgate {

// A result keeps the most frequent stacks; the rest are counted as "other", so a
// profile stays a few tens of kilobytes whatever the program.
inline constexpr std::size_t kMaxProfileStacks = 400;

// Symbolises and folds; fills samples, lost and the stacks of `profile`.
void fold_samples(const SampledStacks& sampled, Profile& profile, std::size_t max_stacks = kMaxProfileStacks);

// A folded stack's frames, root first.
std::vector<std::string> split_frames(const std::string& folded);

// Keeps the `max_stacks` most frequent of `counts`, the rest in other_samples/other_stacks.
void keep_top_stacks(std::vector<FoldedStack> stacks, Profile& profile, std::size_t max_stacks);

}  // namespace perfgate
