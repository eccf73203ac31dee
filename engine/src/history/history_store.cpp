#include <algorithm>

#include "baseline/measured_source.h"
#include "common/format.h"
#include "common/json_cursor.h"
#include "git/git_repository.h"
#include "history/history_record.h"
#include "perfgate/error.h"
#include "perfgate/history.h"
#include "perfgate/version.h"

namespace perfgate {

std::string HistoryRun::short_source_commit() const { return short_commit(source_commit); }

namespace {

constexpr unsigned kMaxAttempts = 1000;  // each failed attempt means another recorder succeeded

std::string suite_name_of(const std::string& text, const std::string& source, const std::string& format) {
  if (format != "perfgate") return "";
  const Json doc = parse_json_text(text, source);
  const auto suite = doc.find("suite");
  if (suite == doc.end() || !suite->is_object()) return "";
  const auto name = suite->find("suite");  // the suite file's own name field
  return name != suite->end() && name->is_string() ? name->get<std::string>() : "";
}

std::string fetch_hint(const std::string& name) {
  return "git fetch origin '" + HistoryStore::reference(name) + ":" + HistoryStore::reference(name) + "'";
}

std::string describe_suite(const HistoryRun& run) {
  return run.result_format == "perfgate" ? "suite '" + run.suite + "'" : run.result_format + " results";
}

// Keys of the runs to keep after adding `added` (sorted oldest first).
std::vector<GitTreeFile> retained(std::vector<GitTreeFile> entries, const HistoryRetention& retention) {
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  if (retention.max_age_days && !entries.empty()) {
    const std::int64_t newest = parse_history_key(entries.back().name).commit_time;
    const auto oldest_kept = newest - static_cast<std::int64_t>(*retention.max_age_days * 86400);
    std::erase_if(entries, [&](const auto& e) { return parse_history_key(e.name).commit_time < oldest_kept; });
  }
  if (entries.size() > retention.max_runs) entries.erase(entries.begin(), entries.end() - static_cast<std::ptrdiff_t>(retention.max_runs));
  return entries;
}

}  // namespace

HistoryStore::HistoryStore(const std::string& directory)
    : directory_(directory), repo_(std::make_unique<GitRepository>(GitRepository::open(directory))) {}
HistoryStore::HistoryStore(HistoryStore&&) noexcept = default;
HistoryStore& HistoryStore::operator=(HistoryStore&&) noexcept = default;
HistoryStore::~HistoryStore() = default;

std::string HistoryStore::reference(const std::string& name) {
  validate_baseline_name(name);
  return std::string(kHistoryReferencePrefix) + name;
}

std::vector<std::string> HistoryStore::names() const {
  std::vector<std::string> names;
  for (const auto& ref : repo_->reference_names(std::string(kHistoryReferencePrefix) + "*")) {
    names.push_back(ref.substr(kHistoryReferencePrefix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<BaselineVersion> HistoryStore::baselines(const std::string& tag_prefix) const {
  return BaselineStore(directory_, tag_prefix).list();
}

RecordOutcome HistoryStore::record(const RecordRequest& request) {
  const std::string ref = reference(request.name);
  if (request.retention.max_runs == 0) throw input_error("--keep: a history keeps at least one run");
  const MeasuredSource measured = measured_source(*repo_, request.result_text, request.result_source,
                                                  request.source_revision, request.allow_dirty, "a history run");
  RecordOutcome outcome;
  HistoryRun& run = outcome.run;
  run.source_commit = measured.commit;
  run.source_branch = measured.branch;
  run.commit_time = repo_->read_commit(measured.commit).committer.time;
  run.suite = suite_name_of(request.result_text, request.result_source, measured.format);
  run.result_format = measured.format;
  run.tool_version = kVersion;
  run.recorded_by = [&] {
    const GitSignature who = repo_->current_identity();
    return Identity{who.name, who.email, who.time, who.offset_minutes};
  }();
  const std::string result_blob = repo_->write_blob(request.result_text);
  const GitTreeFile run_directory{"", repo_->write_tree({{kHistoryRecordFile, repo_->write_blob(record_text(run))},
                                                        {kHistoryResultFile, result_blob}}),
                                  true};
  const GitSignature author{run.recorded_by.name, run.recorded_by.email, run.recorded_by.time,
                            run.recorded_by.offset_minutes};

  for (outcome.attempts = 1; outcome.attempts <= kMaxAttempts; ++outcome.attempts) {
    const std::optional<std::string> tip = repo_->reference_target(ref);
    std::vector<GitTreeFile> entries = tip ? repo_->list_directory(*tip, kHistoryRunsDirectory) : std::vector<GitTreeFile>{};
    if (!entries.empty()) {
      const auto newest = std::max_element(entries.begin(), entries.end(),
                                           [](const auto& a, const auto& b) { return a.name < b.name; });
      const std::string where = ref + ":" + kHistoryRunsDirectory + "/" + newest->name + "/" + kHistoryRecordFile;
      const auto text = repo_->read_file(*tip, std::string(kHistoryRunsDirectory) + "/" + newest->name + "/" + kHistoryRecordFile);
      if (!text) throw environment_error(where + " is missing: the history is damaged");
      const HistoryRun last = run_from_record(*text, where);
      if (last.result_format != run.result_format || last.suite != run.suite) {
        throw input_error(request.result_source + " holds " + describe_suite(run) + ", history '" + request.name +
                          "' holds " + describe_suite(last) + "; record it in a history of its own (--name)");
      }
    }
    const std::string blob_suffix = "-" + result_blob.substr(0, 12);
    if (std::any_of(entries.begin(), entries.end(), [&](const auto& e) { return e.name.ends_with(blob_suffix); })) {
      outcome.already_recorded = true;  // the same bytes again (a re-run CI step): recording is idempotent
      outcome.runs = entries.size();
      outcome.commit = *tip;
      return outcome;
    }
    std::uint64_t sequence = 0;
    for (const auto& e : entries) sequence = std::max(sequence, parse_history_key(e.name).sequence);
    run.key = history_key(run.commit_time, sequence + 1, result_blob);
    GitTreeFile added = run_directory;
    added.name = run.key;
    const std::size_t before = entries.size() + 1;
    entries.push_back(std::move(added));
    entries = retained(std::move(entries), request.retention);
    outcome.pruned = before - entries.size();
    outcome.runs = entries.size();
    if (std::none_of(entries.begin(), entries.end(), [&](const auto& e) { return e.name == run.key; })) {
      throw input_error(request.result_source + " (commit " + run.short_source_commit() +
                        ") is older than every run the retention rule keeps; nothing was recorded");
    }
    const std::string tree = repo_->write_tree({{kHistoryRunsDirectory, repo_->write_tree(entries), true}});
    outcome.commit = repo_->write_commit(tree, tip ? std::vector{*tip} : std::vector<std::string>{}, author,
                                         "perfgate history " + request.name + ": " + run.short_source_commit() +
                                             " (" + std::to_string(outcome.runs) + " runs)\n");
    switch (repo_->update_reference(ref, outcome.commit, tip, "perfgate history record")) {
      case ReferenceUpdate::kUpdated:
        return outcome;
      case ReferenceUpdate::kMoved:
        continue;  // another recorder appended first: add this run to theirs
      case ReferenceUpdate::kLocked:
        throw environment_error("repository locked: " + ref + ".lock exists; if no other git process is running, "
                                "remove it and try again");
    }
  }
  throw environment_error(ref + " kept moving under " + std::to_string(kMaxAttempts) + " attempts; nothing was recorded");
}

std::vector<HistoryRun> HistoryStore::runs(const std::string& name) const {
  const std::string ref = reference(name);
  const auto tip = repo_->reference_target(ref);
  if (!tip) {
    throw input_error("no history named '" + name + "' (no " + ref + "; record one with perf-baseline record, or fetch it: " +
                      fetch_hint(name) + ")");
  }
  std::vector<HistoryRun> runs;
  for (const auto& entry : repo_->list_directory(*tip, kHistoryRunsDirectory)) {
    const std::string dir = std::string(kHistoryRunsDirectory) + "/" + entry.name + "/";
    const auto record = repo_->read_file(*tip, dir + kHistoryRecordFile);
    auto result = repo_->read_file(*tip, dir + kHistoryResultFile);
    if (!entry.directory || !record || !result || parse_history_key(entry.name).commit_time < 0) {
      throw environment_error(ref + ":" + dir + " is not a recorded run (not a TIME-SEQUENCE-ID directory holding " +
                              kHistoryRecordFile + " and " + kHistoryResultFile + "): the history is damaged");
    }
    HistoryRun run = run_from_record(*record, ref + ":" + dir + kHistoryRecordFile);
    run.key = entry.name;
    run.result_text = std::move(*result);
    runs.push_back(std::move(run));
  }
  if (runs.empty()) throw input_error("history '" + name + "' has no runs (" + ref + " holds an empty " + kHistoryRunsDirectory + "/)");
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return runs;
}

}  // namespace perfgate
