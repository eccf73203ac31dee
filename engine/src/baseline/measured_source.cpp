#include "baseline/measured_source.h"

#include "common/format.h"
#include "git/git_repository.h"
#include "perfgate/error.h"
#include "perfgate/samples.h"

namespace perfgate {

MeasuredSource inspect_result(const std::string& text, const std::string& source) {
  const SampleSet samples = samples_from_text(text, source, InputFormat::kAuto);
  MeasuredSource m{samples.format, std::nullopt, std::nullopt, {}, {}};
  if (samples.fingerprint) {
    m.fingerprint = to_json(*samples.fingerprint);
    m.git = samples.fingerprint->git;
  }
  return m;
}

MeasuredSource measured_source(const GitRepository& repo, const std::string& text, const std::string& source,
                               const std::optional<std::string>& revision, bool allow_dirty,
                               const std::string& what_is_stored) {
  MeasuredSource m = inspect_result(text, source);
  if (revision) {
    m.commit = repo.resolve_commit(*revision);
  } else if (m.git) {
    m.commit = m.git->commit;
    if (!repo.has_object(m.commit)) {
      throw input_error(source + " was measured on commit " + short_commit(m.commit) +
                        ", which is not in this repository; give --commit REV");
    }
  } else {
    const auto head = repo.head_commit();
    if (!head) throw input_error("HEAD has no commit yet; give --commit REV");
    m.commit = *head;
  }
  const bool dirty = m.git ? m.git->dirty : (!revision && repo.has_uncommitted_changes());
  if (dirty && !allow_dirty) {
    throw input_error(source + " was measured on a working tree with uncommitted changes; " + what_is_stored +
                      " must be reproducible from its commit (commit first, or pass --allow-dirty)");
  }
  m.branch = m.git ? m.git->branch : repo.head_branch();
  return m;
}

}  // namespace perfgate
