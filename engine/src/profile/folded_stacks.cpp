#include "profile/folded_stacks.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "profile/symbolizer.h"

namespace perfgate {

std::vector<std::string> split_frames(const std::string& folded) {
  std::vector<std::string> frames;
  std::size_t start = 0;
  for (;;) {
    const auto end = folded.find(';', start);
    frames.push_back(folded.substr(start, end - start));
    if (end == std::string::npos) return frames;
    start = end + 1;
  }
}

void keep_top_stacks(std::vector<FoldedStack> stacks, Profile& profile, std::size_t max_stacks) {
  std::sort(stacks.begin(), stacks.end(), [](const FoldedStack& a, const FoldedStack& b) {
    return a.samples != b.samples ? a.samples > b.samples : a.frames < b.frames;
  });
  profile.other_samples = profile.other_stacks = 0;
  for (std::size_t i = max_stacks; i < stacks.size(); ++i) {
    profile.other_samples += stacks[i].samples;
    ++profile.other_stacks;
  }
  if (stacks.size() > max_stacks) stacks.resize(max_stacks);
  profile.stacks = std::move(stacks);
}

void fold_samples(const SampledStacks& sampled, Profile& profile, std::size_t max_stacks) {
  Symbolizer symbolizer;
  std::unordered_map<std::string, std::uint64_t> counts;
  std::string folded;
  for (const RawStack& stack : sampled.stacks) {
    folded.clear();
    for (std::size_t i = stack.ips.size(); i-- > 0;) {
      std::string frame = symbolizer.function_at(sampled.maps, stack.pid, stack.ips[i], i > 0);
      std::replace(frame.begin(), frame.end(), ';', ':');  // ';' separates frames
      if (!folded.empty()) folded += ';';
      folded += frame;
    }
    ++counts[folded];
  }
  std::vector<FoldedStack> stacks;
  stacks.reserve(counts.size());
  for (auto& [frames, n] : counts) stacks.push_back({frames, n});
  profile.samples = sampled.stacks.size();
  profile.lost = sampled.lost;
  std::unordered_set<pid_t> pids;
  for (const RawStack& stack : sampled.stacks) pids.insert(stack.pid);
  profile.processes = pids.size();
  keep_top_stacks(std::move(stacks), profile, max_stacks);
}

}  // namespace perfgate
