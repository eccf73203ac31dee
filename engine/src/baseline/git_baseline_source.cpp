// Baselines named on the command line: "git:NAME[@VERSION]", "git:auto", or a file.

#include "perfgate/baseline.h"
#include "perfgate/error.h"
#include "perfgate/file_io.h"
#include "perfgate/history.h"

namespace perfgate {
namespace {

constexpr std::string_view kGitScheme = "git:";

class GitBaselineSource final : public BaselineSource {
 public:
  GitBaselineSource(BaselineVersion version, std::vector<std::string> runs, InputFormat format)
      : version_(std::move(version)), runs_(std::move(runs)), format_(format) {}
  // A version with several runs is a multi-run baseline: its values remember their run.
  SampleSet load() const override {
    std::vector<SampleSet> sets;
    for (std::size_t k = 0; k < runs_.size(); ++k) {
      sets.push_back(samples_from_text(runs_[k], k == 0 ? describe() : describe() + " run " + std::to_string(k + 1), format_));
    }
    SampleSet combined = combine_runs(std::move(sets));
    combined.source = describe();
    return combined;
  }
  std::string describe() const override { return "git:" + version_.label(); }

 private:
  BaselineVersion version_;
  std::vector<std::string> runs_;
  InputFormat format_;
};

BaselineVersion resolve_for_head(const BaselineStore& store, const BaselineLookup& lookup) {
  ResolvedBaseline resolved = store.resolve("HEAD", std::nullopt);
  for (const auto& warning : resolved.warnings) lookup.warn(warning);
  if (!resolved.version) {
    throw input_error("git:auto: no baseline was measured on HEAD or any of its ancestors (save one with "
                      "perf-baseline save RESULT --name main --reason \"...\")");
  }
  return *resolved.version;
}

}  // namespace

bool is_git_baseline(const std::string& spec) { return spec.rfind(kGitScheme, 0) == 0; }

namespace {

struct StoredBaseline {
  BaselineVersion version;
  std::vector<std::string> runs;
};

StoredBaseline read_stored(const std::string& spec, const BaselineLookup& lookup) {
  const std::string ref = spec.substr(kGitScheme.size());
  const BaselineStore store(lookup.directory, lookup.prefix);
  BaselineVersion version = ref == "auto" ? resolve_for_head(store, lookup) : store.find(BaselineRef::parse(ref));
  std::vector<std::string> runs = store.run_texts(version);
  return {std::move(version), std::move(runs)};
}

}  // namespace

std::unique_ptr<BaselineSource> make_baseline_source(const std::string& spec, InputFormat format,
                                                     const BaselineLookup& lookup) {
  if (is_history_baseline(spec)) return make_history_baseline_source(spec, lookup);
  if (!is_git_baseline(spec)) return std::make_unique<FileBaselineSource>(spec, format);
  StoredBaseline stored = read_stored(spec, lookup);
  return std::make_unique<GitBaselineSource>(std::move(stored.version), std::move(stored.runs), format);
}

std::string read_baseline_text(const std::string& spec, const BaselineLookup& lookup) {
  if (is_history_baseline(spec)) return latest_history_result(spec, lookup);
  return is_git_baseline(spec) ? read_stored(spec, lookup).runs.front() : read_file(spec);
}

}  // namespace perfgate
