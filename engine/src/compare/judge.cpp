// What a candidate is compared with, decided once for perf-compare and for perf-run's
// adaptive trials.

#include "perfgate/compare.h"

namespace perfgate {

VerdictReport judge(const LoadedInput& candidate, const std::optional<SampleSet>& baseline,
                    const CompareOptions& options) {
  if (!baseline && candidate.paired) {
    VerdictReport report = compare(candidate.paired->baseline, candidate.paired->candidate, options);
    for (const auto& name : candidate.paired->unpaired) {
      report.warnings.push_back("scenario '" + name +
                                "' has no baseline variant and was not compared (give --baseline FILE)");
    }
    return report;
  }
  return compare(baseline, candidate.samples, options);
}

}  // namespace perfgate
