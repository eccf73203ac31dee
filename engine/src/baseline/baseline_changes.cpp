// What a re-baseline changed: the key metrics of a version against the version before
// it, judged as perf-compare would (so `perf-baseline log` and a verdict agree).

#include "git/git_repository.h"
#include "baseline/baseline_metadata.h"
#include "perfgate/baseline.h"
#include "perfgate/compare.h"
#include "perfgate/error.h"

namespace perfgate {

std::vector<MetricChange> BaselineStore::changes(const BaselineVersion& version) const {
  if (version.previous.empty()) return {};
  const auto before_text = repo_->read_file(version.previous, kStoredResultFile);
  const auto after_text = repo_->read_file(version.commit, kStoredResultFile);
  if (!before_text || !after_text) return {};
  std::vector<MetricChange> changes;
  try {
    const SampleSet before = samples_from_text(*before_text, version.name + " previous", InputFormat::kAuto);
    const SampleSet after = samples_from_text(*after_text, version.label(), InputFormat::kAuto);
    for (const auto& c : compare(before, after, CompareOptions{}).comparisons) {
      if (c.verdict == Verdict::kNew || c.verdict == Verdict::kMissing || c.verdict == Verdict::kError) continue;
      changes.push_back({c.scenario, c.metric, c.unit, c.baseline_median, c.candidate_median, c.ratio,
                         std::string(to_string(c.verdict))});
    }
  } catch (const Error&) {
    return {};  // versions in different formats or metrics have nothing comparable
  }
  return changes;
}

}  // namespace perfgate
