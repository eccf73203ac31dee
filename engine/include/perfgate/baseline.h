#pragma once
// Baselines stored in the project's own git repository (docs/baselines.md): every
// version of a named baseline is an annotated tag PREFIX/NAME/VERSION whose commit
// holds the result file byte for byte plus metadata, chained to the previous version.
// The tagger and the tag message (the reason) are the audit trail.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "perfgate/json.h"
#include "perfgate/samples.h"

namespace perfgate {

inline constexpr std::string_view kBaselineSchema = "perfgate.baseline/1";
inline constexpr std::string_view kDefaultTagPrefix = "perfgate/";

// "NAME" or "NAME@VERSION". Names are git-ref-safe segments joined by '/', none of them
// all digits (the version is the last path segment of the tag). Throws kInput.
struct BaselineRef {
  std::string name;
  std::optional<unsigned> version;  // empty: the latest
  static BaselineRef parse(const std::string& text);
  std::string to_string() const;
};
void validate_baseline_name(const std::string& name);

struct Identity {
  std::string name, email;
  std::int64_t time = 0;  // seconds since the epoch
  int offset_minutes = 0;
};

struct BaselineVersion {
  std::string name;
  unsigned version = 0;
  std::string tag;            // refs/tags/PREFIX/NAME/VERSION
  std::string commit;         // the stored commit (result + metadata), chained to the previous version
  std::string previous;       // that previous version's stored commit; empty for the first
  Identity tagger;
  std::string reason;
  std::string source_commit;  // what the result was measured on
  std::string source_branch;
  std::string tool_version;
  std::string result_format;  // "perfgate", "gbench", "hyperfine"
  std::optional<Json> fingerprint;
  bool deleted = false;       // its tag was deleted; the chain still holds it
  unsigned runs = 1;          // separate runs of the source commit stored in this version

  std::string label() const { return name + "@" + std::to_string(version); }
  std::string short_source_commit() const;  // its first 12 hex digits
};
Json to_json(const BaselineVersion& version);

struct SaveRequest {
  std::string result_text;    // stored byte for byte
  std::string result_source;  // file name, for messages
  // Further runs of the same commit (e.g. N CI runs), stored beside the first; their
  // spread is the run-to-run variance an unpaired comparison needs (docs/statistics.md).
  std::vector<std::string> more_run_texts = {};
  std::vector<std::string> more_run_sources = {};
  // Start from the latest version's runs and add these (same source commit required).
  bool append = false;
  std::string name;
  std::string reason;
  std::optional<std::string> source_revision;  // default: the result's own commit, else HEAD
  bool allow_dirty = false;
  // Compare-and-swap: save only when the latest version is this one (0: none yet).
  std::optional<unsigned> expect_latest;
  unsigned retries = 0;  // on losing a race to a concurrent save, try again this often
};

// One version's effect on the key metrics, against the version before it.
struct MetricChange {
  std::string scenario, metric;
  Unit unit = Unit::kNone;
  double before = 0, after = 0;  // medians over trials
  double ratio = 1;              // Hodges-Lehmann estimate of after/before
  std::string verdict;           // as perf-compare would call it
};

struct ResolvedBaseline {
  std::optional<BaselineVersion> version;
  std::vector<std::string> warnings;  // e.g. source commits missing from a shallow clone
};

class GitRepository;

class BaselineStore {
 public:
  // The repository containing `directory`; kEnvironment when there is none.
  explicit BaselineStore(const std::string& directory, std::string prefix = std::string(kDefaultTagPrefix));
  BaselineStore(BaselineStore&&) noexcept;
  BaselineStore& operator=(BaselineStore&&) noexcept;
  ~BaselineStore();

  BaselineVersion save(const SaveRequest& request);
  // Tagged versions, by name then version.
  std::vector<BaselineVersion> list(const std::optional<std::string>& name = std::nullopt) const;
  // Every version of `name` newest first, following the chain from the latest, so
  // versions whose tags were deleted still appear (marked deleted).
  std::vector<BaselineVersion> history(const std::string& name) const;
  BaselineVersion find(const BaselineRef& ref) const;  // kInput when there is no such baseline
  std::string result_text(const BaselineVersion& version) const;  // the first run
  std::vector<std::string> run_texts(const BaselineVersion& version) const;  // every run, in order
  // Changes of the key metrics from the version before (empty for the first).
  std::vector<MetricChange> changes(const BaselineVersion& version) const;
  // The baseline measured closest to `revision`: among versions measured on it or its
  // ancestors, one measured on a later commit wins; on the same or unrelated commits, the
  // one saved later. `merge_base_with`: resolve for the merge base of the two instead.
  ResolvedBaseline resolve(const std::string& revision, const std::optional<std::string>& name,
                           const std::optional<std::string>& merge_base_with = std::nullopt) const;
  void remove(const BaselineVersion& version);

  // The commit `revision` names (any rev-parse expression), or with `merge_base_with`
  // the merge base of the two. Throws kInput when it names nothing.
  std::string commit_of(const std::string& revision, const std::optional<std::string>& merge_base_with = std::nullopt) const;
  // Writes the tree of `revision` into `directory`, which must be missing, empty or an
  // earlier checkout (it holds kCheckoutMarker); the repository's own HEAD, index and
  // work tree are untouched. This is how CI materialises the baseline's commit to build
  // it beside the candidate (perf-baseline checkout). Returns the commit written.
  std::string checkout(const std::string& revision, const std::string& directory) const;
  static constexpr std::string_view kCheckoutMarker = ".perfgate-checkout";

  const std::string& prefix() const { return prefix_; }

 private:
  bool closer(const BaselineVersion& a, const BaselineVersion& b) const;

  std::string prefix_;
  std::unique_ptr<GitRepository> repo_;
};

// A baseline reference as the tools take it: "git:NAME[@VERSION]", "git:auto" (resolve
// for HEAD) or a file path.
bool is_git_baseline(const std::string& spec);
struct BaselineLookup {
  std::string directory = ".";  // where the repository is discovered from
  std::string prefix = std::string(kDefaultTagPrefix);
  std::function<void(const std::string&)> warn = [](const std::string&) {};
};
std::unique_ptr<BaselineSource> make_baseline_source(const std::string& spec, InputFormat format,
                                                     const BaselineLookup& lookup = {});
// The stored (or file) text such a reference names, byte for byte.
std::string read_baseline_text(const std::string& spec, const BaselineLookup& lookup = {});

// Stored baselines for a terminal: with `per_name`, one row per name (its latest
// version and how many there are); otherwise one row per version.
std::string render_baseline_list(const std::vector<BaselineVersion>& versions, bool per_name);

struct BaselineLogEntry {
  BaselineVersion version;
  std::vector<MetricChange> changes;  // against the version before it
};
// Who re-baselined, when, why, from which commit, and what changed; newest first.
std::string render_baseline_log(const std::vector<BaselineLogEntry>& entries);
Json to_json(const BaselineLogEntry& entry);

}  // namespace perfgate
