// Baselines named on the command line: "git:NAME[@VERSION]", "git:auto", or a file.

#include "perfgate/baseline.h"
#include "perfgate/error.h"
#include "perfgate/io.h"

namespace perfgate {
namespace {

constexpr std::string_view kGitScheme = "git:";

class GitBaselineSource final : public BaselineSource {
 public:
  GitBaselineSource(BaselineVersion version, std::string text, InputFormat format)
      : version_(std::move(version)), text_(std::move(text)), format_(format) {}
  SampleSet load() const override { return samples_from_text(text_, describe(), format_); }
  std::string describe() const override { return "git:" + version_.label(); }

 private:
  BaselineVersion version_;
  std::string text_;
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
  std::string text;
};

StoredBaseline read_stored(const std::string& spec, const BaselineLookup& lookup) {
  const std::string ref = spec.substr(kGitScheme.size());
  const BaselineStore store(lookup.directory, lookup.prefix);
  BaselineVersion version = ref == "auto" ? resolve_for_head(store, lookup) : store.find(BaselineRef::parse(ref));
  std::string text = store.result_text(version);
  return {std::move(version), std::move(text)};
}

}  // namespace

std::unique_ptr<BaselineSource> make_baseline_source(const std::string& spec, InputFormat format,
                                                     const BaselineLookup& lookup) {
  if (!is_git_baseline(spec)) return std::make_unique<FileBaselineSource>(spec, format);
  StoredBaseline stored = read_stored(spec, lookup);
  return std::make_unique<GitBaselineSource>(std::move(stored.version), std::move(stored.text), format);
}

std::string read_baseline_text(const std::string& spec, const BaselineLookup& lookup) {
  return is_git_baseline(spec) ? read_stored(spec, lookup).text : read_file(spec);
}

}  // namespace perfgate
