#include <algorithm>
#include <filesystem>

#include "baseline/baseline_metadata.h"
#include "baseline/baseline_tags.h"
#include "baseline/measured_source.h"
#include "common/format.h"
#include "git/git_repository.h"
#include "perfgate/baseline.h"
#include "perfgate/error.h"
#include "perfgate/file_io.h"
#include "perfgate/version.h"

namespace perfgate {

std::string BaselineVersion::short_source_commit() const { return short_commit(source_commit); }

namespace {

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}


Identity identity_of(const GitSignature& s) { return {s.name, s.email, s.time, s.offset_minutes}; }
GitSignature signature_of(const Identity& i) { return {i.name, i.email, i.time, i.offset_minutes}; }

}  // namespace

BaselineStore::BaselineStore(const std::string& directory, std::string prefix)
    : prefix_(std::move(prefix)), repo_(std::make_unique<GitRepository>(GitRepository::open(directory))) {
  validate_tag_prefix(prefix_);
}
BaselineStore::BaselineStore(BaselineStore&&) noexcept = default;
BaselineStore& BaselineStore::operator=(BaselineStore&&) noexcept = default;
BaselineStore::~BaselineStore() = default;

std::vector<BaselineVersion> BaselineStore::list(const std::optional<std::string>& name) const {
  std::vector<BaselineVersion> versions;
  const std::string glob = "refs/tags/" + prefix_ + (name ? *name + "/" : "") + "*";
  for (const auto& reference : repo_->reference_names(glob)) {
    const auto tag_name = parse_tag_reference(prefix_, reference);
    if (!tag_name || (name && tag_name->name != *name)) continue;
    const auto target = repo_->reference_target(reference);
    const auto tag = target ? repo_->read_tag(*target) : std::nullopt;
    if (!tag) continue;  // a lightweight tag under our prefix is not ours
    const auto metadata = repo_->read_file(tag->target, kStoredMetadataFile);
    if (!metadata) continue;
    BaselineVersion v = version_from_metadata(*metadata, reference + ":" + kStoredMetadataFile);
    v.tag = reference;
    v.commit = tag->target;
    const GitCommitInfo commit = repo_->read_commit(tag->target);
    v.previous = commit.parents.empty() ? "" : commit.parents.front();
    versions.push_back(std::move(v));
  }
  std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.version) < std::tie(b.name, b.version);
  });
  return versions;
}

BaselineVersion BaselineStore::find(const BaselineRef& ref) const {
  const std::vector<BaselineVersion> versions = list(ref.name);
  if (versions.empty()) {
    throw input_error("no baseline named '" + ref.name + "' (no tags under refs/tags/" + prefix_ + ref.name +
                      "/; fetch them with: git fetch origin 'refs/tags/" + prefix_ + "*:refs/tags/" + prefix_ + "*')");
  }
  if (!ref.version) return versions.back();
  for (const auto& v : versions) {
    if (v.version == *ref.version) return v;
  }
  throw input_error("baseline '" + ref.name + "' has no version " + std::to_string(*ref.version) + " (latest is " +
                    versions.back().label() + ")");
}

namespace {

// Run k (1-based) of a version: result.json, then result-2.json, result-3.json, ...
std::string run_file(unsigned k) { return k == 1 ? std::string(kStoredResultFile) : "result-" + std::to_string(k) + ".json"; }

}  // namespace

std::vector<std::string> BaselineStore::run_texts(const BaselineVersion& version) const {
  std::vector<std::string> texts;
  for (unsigned k = 1; k <= version.runs; ++k) {
    auto text = repo_->read_file(version.commit, run_file(k));
    if (!text) throw environment_error(version.tag + ": stored commit " + version.commit + " has no " + run_file(k));
    texts.push_back(std::move(*text));
  }
  return texts;
}

std::string BaselineStore::result_text(const BaselineVersion& version) const {
  auto text = repo_->read_file(version.commit, kStoredResultFile);
  if (!text) throw environment_error(version.tag + ": stored commit " + version.commit + " has no " + kStoredResultFile);
  return std::move(*text);
}

std::vector<BaselineVersion> BaselineStore::history(const std::string& name) const {
  validate_baseline_name(name);
  const std::vector<BaselineVersion> tagged = list(name);
  if (tagged.empty()) return {};
  std::vector<BaselineVersion> chain;
  for (std::string commit = tagged.back().commit; !commit.empty();) {
    if (!repo_->has_object(commit)) {
      throw environment_error("baseline history of '" + name + "' is missing commit " + commit +
                              "; fetch all baseline tags (git fetch origin 'refs/tags/" + prefix_ + "*:refs/tags/" +
                              prefix_ + "*')");
    }
    const GitCommitInfo info = repo_->read_commit(commit);
    const auto metadata = repo_->read_file(commit, kStoredMetadataFile);
    if (!metadata) break;
    BaselineVersion v = version_from_metadata(*metadata, commit + ":" + kStoredMetadataFile);
    v.commit = commit;
    v.previous = info.parents.empty() ? "" : info.parents.front();
    const auto it = std::find_if(tagged.begin(), tagged.end(), [&](const auto& t) { return t.commit == commit; });
    v.deleted = it == tagged.end();
    v.tag = v.deleted ? "" : it->tag;
    chain.push_back(std::move(v));
    commit = chain.back().previous;
  }
  return chain;
}

BaselineVersion BaselineStore::save(const SaveRequest& request) {
  validate_baseline_name(request.name);
  const std::string reason = trimmed(request.reason);
  if (reason.empty()) throw input_error("a reason is required: say why with --reason \"...\" (it is the audit trail)");
  const MeasuredSource measured = measured_source(*repo_, request.result_text, request.result_source,
                                                  request.source_revision, request.allow_dirty, "a baseline");
  const std::string& source = measured.commit;
  for (std::size_t i = 0; i < request.more_run_texts.size(); ++i) {
    const MeasuredSource run = inspect_result(request.more_run_texts[i], request.more_run_sources[i]);
    if (run.format != measured.format) {
      throw input_error(request.more_run_sources[i] + ": a " + run.format + " file cannot join runs of " +
                        measured.format + " files");
    }
    if (run.git && measured.git && run.git->commit != measured.git->commit) {
      throw input_error(request.more_run_sources[i] + " was measured on commit " + short_commit(run.git->commit) + ", " +
                        request.result_source + " on " + short_commit(measured.git->commit) +
                        ": the runs of one baseline version are runs of one commit");
    }
  }

  BaselineVersion v;
  v.name = request.name;
  v.reason = reason;
  v.tagger = identity_of(repo_->current_identity());
  v.source_commit = source;
  v.source_branch = measured.branch;
  v.tool_version = kVersion;
  v.result_format = measured.format;
  v.fingerprint = measured.fingerprint;
  std::vector<std::string> run_blobs;
  if (request.append) {
    const std::vector<BaselineVersion> existing = list(request.name);
    if (existing.empty()) throw input_error("--append: there is no baseline named '" + request.name + "' yet");
    if (existing.back().source_commit != source) {
      throw input_error("--append: " + existing.back().label() + " holds runs of " + short_commit(existing.back().source_commit) +
                        ", this result is of " + short_commit(source) + " (save a new version without --append)");
    }
    for (const auto& text : run_texts(existing.back())) run_blobs.push_back(repo_->write_blob(text));
  }
  run_blobs.push_back(repo_->write_blob(request.result_text));
  for (const auto& text : request.more_run_texts) run_blobs.push_back(repo_->write_blob(text));
  v.runs = static_cast<unsigned>(run_blobs.size());

  for (unsigned attempt = 0;; ++attempt) {
    const std::vector<BaselineVersion> existing = list(request.name);
    const unsigned latest = existing.empty() ? 0 : existing.back().version;
    if (request.expect_latest && *request.expect_latest != latest) {
      throw environment_error("baseline '" + v.name + "' is at version " + std::to_string(latest) + ", not " +
                              std::to_string(*request.expect_latest) + " as expected; nothing was saved");
    }
    v.version = latest + 1;
    v.previous = existing.empty() ? "" : existing.back().commit;
    v.tag = tag_reference(prefix_, v.name, v.version);
    std::vector<GitTreeFile> files{{kStoredMetadataFile, repo_->write_blob(metadata_text(v))}};
    for (unsigned k = 1; k <= v.runs; ++k) files.push_back({run_file(k), run_blobs[k - 1]});
    const std::string tree = repo_->write_tree(files);
    const GitSignature who = signature_of(v.tagger);
    const std::string title = "perfgate baseline " + v.label();
    v.commit = repo_->write_commit(tree, v.previous.empty() ? std::vector<std::string>{} : std::vector{v.previous}, who,
                                   title + "\n\n" + reason + "\n");
    const std::string tag_object = repo_->write_tag(v.tag.substr(10), v.commit, who, reason + "\n");
    switch (repo_->create_reference(v.tag, tag_object, title)) {
      case ReferenceCreation::kCreated:
        return v;
      case ReferenceCreation::kLocked:
        throw environment_error("repository locked: " + v.tag + ".lock exists; if no other git process is running, "
                                "remove it and try again");
      case ReferenceCreation::kAlreadyExists:
        if (attempt < request.retries) continue;
        throw environment_error("baseline " + v.label() + " was saved concurrently by another process; nothing was "
                                "saved (run again, or pass --retry)");
    }
  }
}

// Of two baselines measured on ancestors of the same commit, the one measured later in
// history is the closer; on the same or unrelated commits, the one saved later.
bool BaselineStore::closer(const BaselineVersion& a, const BaselineVersion& b) const {
  if (a.source_commit != b.source_commit) {
    if (repo_->is_ancestor(b.source_commit, a.source_commit)) return true;
    if (repo_->is_ancestor(a.source_commit, b.source_commit)) return false;
  }
  return std::tie(a.tagger.time, a.version, a.name) > std::tie(b.tagger.time, b.version, b.name);
}

ResolvedBaseline BaselineStore::resolve(const std::string& revision, const std::optional<std::string>& name,
                                        const std::optional<std::string>& merge_base_with) const {
  if (name) validate_baseline_name(*name);
  std::string target = repo_->resolve_commit(revision);
  if (merge_base_with) {
    const auto base = repo_->merge_base(target, repo_->resolve_commit(*merge_base_with));
    if (!base) throw input_error(revision + " and " + *merge_base_with + " have no common ancestor");
    target = *base;
  }
  ResolvedBaseline resolved;
  std::vector<std::string> missing;
  for (auto& v : list(name)) {
    if (!repo_->has_object(v.source_commit)) {
      missing.push_back(v.label() + " (" + short_commit(v.source_commit) + ")");
      continue;
    }
    if (!repo_->is_ancestor(v.source_commit, target)) continue;
    if (!resolved.version || closer(v, *resolved.version)) resolved.version = std::move(v);
  }
  if (!missing.empty()) {
    std::string list_text;
    for (const auto& m : missing) list_text += (list_text.empty() ? "" : ", ") + m;
    resolved.warnings.push_back(std::to_string(missing.size()) + " baseline(s) measured on commits this clone lacks " +
                                "were not considered: " + list_text +
                                (repo_->is_shallow() ? "; this is a shallow clone: git fetch --unshallow (or "
                                                       "actions/checkout with fetch-depth: 0)"
                                                     : "; fetch the branches they were measured on"));
  }
  return resolved;
}

std::string BaselineStore::commit_of(const std::string& revision, const std::optional<std::string>& merge_base_with) const {
  const std::string commit = repo_->resolve_commit(revision);
  if (!merge_base_with) return commit;
  const auto base = repo_->merge_base(commit, repo_->resolve_commit(*merge_base_with));
  if (!base) throw input_error(revision + " and " + *merge_base_with + " have no common ancestor");
  return *base;
}

std::string BaselineStore::checkout(const std::string& revision, const std::string& directory) const {
  namespace fs = std::filesystem;
  const std::string commit = commit_of(revision);
  std::error_code ec;
  const fs::path dir(directory);
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec) && !fs::exists(dir / kCheckoutMarker, ec)) {
    throw input_error(directory + ": exists and is not an earlier perf-baseline checkout (it has no " +
                      std::string(kCheckoutMarker) + "); give a new or empty directory");
  }
  repo_->export_tree(commit, directory);
  write_file_atomically((dir / kCheckoutMarker).string(), commit + "\n");
  return commit;
}

void BaselineStore::remove(const BaselineVersion& version) {
  if (!repo_->delete_reference(version.tag)) throw input_error("baseline " + version.label() + " does not exist");
}

}  // namespace perfgate
