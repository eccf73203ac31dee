// perf-baseline: baselines stored as annotated git tags with an audit trail
// (docs/baselines.md). Parsing and printing only; the work is perfgate::BaselineStore.

#include <iostream>

#include "common/baseline_lookup.h"
#include "common/exit_codes.h"
#include "perfgate/baseline.h"
#include "perfgate/file_io.h"
#include "perfgate/history.h"
#include "perfgate/report.h"
#include "perfgate/version.h"

namespace perfgate::tools {
namespace {

struct Options {
  std::string directory = ".";
  std::string prefix;
  bool json = false;
  // save / promote
  std::vector<std::string> results;
  std::string name, reason, commit;
  bool append = false;
  bool allow_dirty = false;
  std::optional<unsigned> expect_latest;
  unsigned retries = 0;
  // list / show / log / delete
  std::string ref;
  std::string output;
  bool yes = false, force = false;
  // resolve
  std::string for_revision = "HEAD";
  std::string merge_base_with;
  bool print_commit = false;
  // checkout
  std::string revision, directory_out;
  // record / runs
  std::size_t keep_runs = kDefaultHistoryRuns;
  std::optional<double> keep_days;
};

BaselineStore open_store(const Options& o) {
  BaselineLookup lookup = baseline_lookup("perf-baseline", o.directory);
  return BaselineStore(o.directory, o.prefix.empty() ? lookup.prefix : o.prefix);
}

void print_json(const Json& j) { std::cout << j.dump(2) << "\n"; }

// A result to save: a file ("-" for stdin) or git:NAME[@V] (every run of that version).
std::vector<std::string> result_texts(const BaselineStore& store, const std::string& result) {
  if (!is_git_baseline(result)) return {read_file(result)};
  return store.run_texts(store.find(BaselineRef::parse(result.substr(4))));
}

int save(const Options& o) {
  BaselineStore store = open_store(o);
  SaveRequest request;
  for (const auto& result : o.results) {
    for (auto& text : result_texts(store, result)) {
      const std::string source = input_name(result);
      if (request.result_source.empty()) {
        request.result_text = std::move(text);
        request.result_source = source;
      } else {
        request.more_run_texts.push_back(std::move(text));
        request.more_run_sources.push_back(source);
      }
    }
  }
  request.append = o.append;
  request.name = o.name;
  request.reason = o.reason;
  if (!o.commit.empty()) request.source_revision = o.commit;
  request.allow_dirty = o.allow_dirty;
  request.expect_latest = o.expect_latest;
  request.retries = o.retries;
  const BaselineVersion saved = store.save(request);
  if (o.json) {
    print_json(to_json(saved));
  } else {
    std::cout << "saved " << saved.label() << " (" << saved.tag << ") measured on " << saved.short_source_commit()
              << (saved.runs > 1 ? ", " + std::to_string(saved.runs) + " runs" : std::string()) << "\n";
  }
  return kPass;
}

int list(const Options& o) {
  const BaselineStore store = open_store(o);
  const std::optional<std::string> name = o.ref.empty() ? std::nullopt : std::optional(o.ref);
  if (name) validate_baseline_name(*name);
  const std::vector<BaselineVersion> versions = store.list(name);
  if (o.json) {
    Json j = Json::array();
    for (const auto& v : versions) j.push_back(to_json(v));
    print_json(j);
  } else {
    std::cout << render_baseline_list(versions, !name);
  }
  return kPass;
}

int show(const Options& o) {
  const BaselineStore store = open_store(o);
  const BaselineVersion version = store.find(BaselineRef::parse(o.ref));
  const std::string text = store.result_text(version);
  std::string out = text;
  if (o.json) {
    Json j = to_json(version);
    j["result"] = Json::parse(text);
    out = j.dump(2) + "\n";
  }
  if (o.output.empty()) {
    std::cout << out << std::flush;
  } else {
    write_file_atomically(o.output, out);
  }
  return kPass;
}

int log(const Options& o) {
  const BaselineStore store = open_store(o);
  const BaselineRef ref = BaselineRef::parse(o.ref);
  if (ref.version) throw input_error("log takes a baseline name, not a version: perf-baseline log " + ref.name);
  std::vector<BaselineLogEntry> entries;
  for (auto& v : store.history(ref.name)) {
    std::vector<MetricChange> changes = store.changes(v);
    entries.push_back({std::move(v), std::move(changes)});
  }
  if (entries.empty()) store.find(ref);  // says there is no such baseline and how to fetch one
  if (o.json) {
    Json j = Json::array();
    for (const auto& e : entries) j.push_back(to_json(e));
    print_json(j);
  } else {
    std::cout << render_baseline_log(entries);
  }
  return kPass;
}

int resolve(const Options& o) {
  const BaselineStore store = open_store(o);
  const std::optional<std::string> name = o.name.empty() ? std::nullopt : std::optional(o.name);
  const std::optional<std::string> merge_base =
      o.merge_base_with.empty() ? std::nullopt : std::optional(o.merge_base_with);
  const ResolvedBaseline resolved = store.resolve(o.for_revision, name, merge_base);
  for (const auto& warning : resolved.warnings) std::cerr << "perf-baseline: warning: " << warning << "\n";
  if (o.print_commit) {
    // The commit to rebuild for a paired run: the baseline's own, else the merge base.
    if (resolved.version) {
      std::cout << resolved.version->source_commit << "\n";
      return kPass;
    }
    if (merge_base) {
      std::cerr << "perf-baseline: no baseline measured on the merge base or its ancestors; the merge base is the "
                   "commit to build\n";
      std::cout << store.commit_of(o.for_revision, merge_base) << "\n";
      return kPass;
    }
  }
  if (!resolved.version) {
    throw input_error("no baseline" + (name ? " named '" + *name + "'" : std::string()) + " was measured on " +
                      o.for_revision + (merge_base ? " (merge base with " + *merge_base + ")" : "") +
                      " or any of its ancestors");
  }
  if (o.json) {
    print_json(to_json(*resolved.version));
  } else {
    std::cout << resolved.version->label() << "\n";
  }
  return kPass;
}

int remove(const Options& o) {
  BaselineStore store = open_store(o);
  const BaselineRef ref = BaselineRef::parse(o.ref);
  if (!ref.version) throw input_error("delete needs an exact version, NAME@N (see perf-baseline list " + ref.name + ")");
  const BaselineVersion version = store.find(ref);
  const BaselineVersion latest = store.find({ref.name, std::nullopt});
  if (!o.yes) throw input_error("refusing to delete " + version.label() + " without --yes");
  if (latest.version == version.version && !o.force) {
    throw input_error(version.label() + " is the latest version: comparisons would fall back to the one before it and "
                      "its number would be reused by the next save; pass --force as well if that is intended");
  }
  store.remove(version);
  std::cout << "deleted " << version.label() << " (" << version.tag
            << "); its content stays in the history of later versions\n";
  return kPass;
}

int checkout(const Options& o) {
  const BaselineStore store = open_store(o);
  const std::string commit = store.checkout(o.revision, o.directory_out);
  std::cout << commit << "\n";
  return kPass;
}

int record(const Options& o) {
  HistoryStore store(o.directory);
  RecordRequest request;
  request.result_text = read_file(o.results.front());
  request.result_source = input_name(o.results.front());
  request.name = o.name;
  if (!o.commit.empty()) request.source_revision = o.commit;
  request.allow_dirty = o.allow_dirty;
  request.retention = {o.keep_runs, o.keep_days};
  const RecordOutcome recorded = store.record(request);
  if (o.json) {
    print_json({{"history", o.name},
                {"reference", HistoryStore::reference(o.name)},
                {"commit", recorded.commit},
                {"key", recorded.run.key},
                {"source_commit", recorded.run.source_commit},
                {"runs", recorded.runs},
                {"pruned", recorded.pruned},
                {"attempts", recorded.attempts},
                {"already_recorded", recorded.already_recorded}});
  } else {
    std::cout << (recorded.already_recorded ? "already recorded " : "recorded ") << recorded.run.short_source_commit()
              << " in history '" << o.name << "' (" << recorded.runs << (recorded.runs == 1 ? " run" : " runs")
              << (recorded.pruned ? ", " + std::to_string(recorded.pruned) + " pruned" : "") << ")\n";
  }
  return kPass;
}

int runs(const Options& o) {
  const HistoryStore store(o.directory);
  if (o.ref.empty()) {
    for (const auto& name : store.names()) std::cout << name << "\n";
    return kPass;
  }
  const std::vector<HistoryRun> history = store.runs(o.ref);
  if (o.json) {
    Json j = Json::array();
    for (const auto& r : history) j.push_back(to_json(r));
    print_json(j);
    return kPass;
  }
  for (const auto& r : history) {
    std::cout << r.key << "  " << r.short_source_commit() << "  " << r.source_branch << "  " << r.recorded_by.name
              << "\n";
  }
  return kPass;
}

void add_repository_option(CLI::App& sub, Options& o) {
  sub.add_option("-C,--repository", o.directory, "Work in the git repository containing this directory")
      ->capture_default_str();
}

void add_common(CLI::App& sub, Options& o) {
  add_repository_option(sub, o);
  sub.add_option("--prefix", o.prefix, "Tag prefix (default: $PERFGATE_TAG_PREFIX, else perfgate/)");
}

}  // namespace
}  // namespace perfgate::tools

int main(int argc, char** argv) {
  using namespace perfgate::tools;
  Options o;
  CLI::App app{
      "Stores, lists, shows and resolves performance baselines as annotated git tags\n"
      "(refs/tags/perfgate/NAME/VERSION), with who re-baselined, when and why.\n"
      "Share them with: git push origin 'refs/tags/perfgate/*'\n"
      "           and: git fetch origin 'refs/tags/perfgate/*:refs/tags/perfgate/*'\n"
      "Histories (record, runs) live in refs/perfgate/history/NAME; share them with\n"
      "  git push origin 'refs/perfgate/history/*' and\n"
      "  git fetch origin '+refs/perfgate/history/*:refs/perfgate/history/*' (docs/history.md).\n\n"
      "Exit codes: 0 ok, 2 usage or input error (no such baseline, bad name, no reason),\n"
      "3 environment failure (not a git repository, repository locked, objects missing,\n"
      "lost a race with a concurrent save).",
      "perf-baseline"};
  app.set_version_flag("--version", std::string("perf-baseline (perfgate) ") + perfgate::kVersion);
  app.require_subcommand(1);
  int (*command)(const Options&) = nullptr;

  for (const char* verb : {"save", "promote"}) {
    CLI::App* sub = app.add_subcommand(
        verb, std::string(verb) == "save" ? "Store RESULT as the next version of baseline NAME"
                                          : "Same as save: make RESULT (a file or git:NAME[@V]) the new baseline NAME");
    sub->add_option("RESULT", o.results,
                    "Result file (- for stdin) or git:NAME[@VERSION]; several: runs of the same commit, kept as "
                    "runs (a multi-run baseline)")
        ->required();
    sub->add_flag("--append", o.append,
                  "Add these runs to the latest version's (same source commit) as a new version");
    sub->add_option("-n,--name", o.name, "Baseline name, e.g. main or release/2.x")->required();
    sub->add_option("-r,--reason", o.reason, "Why (required; recorded in the tag)")->required();
    sub->add_option("--commit", o.commit, "Source commit it was measured on (default: the result's own, else HEAD)");
    sub->add_flag("--allow-dirty", o.allow_dirty, "Accept a result measured on a tree with uncommitted changes");
    sub->add_option("--expect-latest", o.expect_latest,
                    "Save only if the latest version is this one (0: none yet); fail otherwise");
    sub->add_option("--retry", o.retries, "On losing a race with a concurrent save, retry this many times")
        ->expected(0, 1)->default_str("3");
    sub->add_flag("--json", o.json, "Print the saved version as JSON");
    add_common(*sub, o);
    sub->callback([&] { command = save; });
  }
  CLI::App* record_cmd = app.add_subcommand(
      "record", "Append RESULT to history NAME (refs/perfgate/history/NAME): one run per push to main");
  record_cmd->add_option("RESULT", o.results, "Result file (- for stdin)")->required()->expected(1);
  record_cmd->add_option("-n,--name", o.name, "History name, e.g. main")->required();
  record_cmd->add_option("--commit", o.commit, "Source commit it was measured on (default: the result's own, else HEAD)");
  record_cmd->add_flag("--allow-dirty", o.allow_dirty, "Accept a result measured on a tree with uncommitted changes");
  record_cmd->add_option("--keep", o.keep_runs, "Keep the newest N runs")->capture_default_str()->check(CLI::PositiveNumber);
  record_cmd->add_option("--keep-days", o.keep_days,
                         "Also drop runs whose commit is more than DAYS older than the newest run's")
      ->check(CLI::PositiveNumber);
  record_cmd->add_flag("--json", o.json, "Print what was recorded as JSON");
  add_repository_option(*record_cmd, o);
  record_cmd->callback([&] { command = record; });
  CLI::App* runs_cmd = app.add_subcommand("runs", "List the runs of history NAME, oldest first (no NAME: the histories)");
  runs_cmd->add_option("NAME", o.ref, "History name");
  runs_cmd->add_flag("--json", o.json, "Machine-readable output");
  add_repository_option(*runs_cmd, o);
  runs_cmd->callback([&] { command = runs; });
  CLI::App* list_cmd = app.add_subcommand("list", "List baselines (latest of each name), or every version of NAME");
  list_cmd->add_option("NAME", o.ref, "Baseline name");
  CLI::App* show_cmd = app.add_subcommand("show", "Print a stored result byte for byte");
  show_cmd->add_option("REF", o.ref, "NAME or NAME@VERSION (default: latest)")->required();
  show_cmd->add_option("-o,--output", o.output, "Write to this file (atomically) instead of stdout");
  CLI::App* log_cmd = app.add_subcommand("log", "Who re-baselined NAME, when, why, and what changed");
  log_cmd->add_option("NAME", o.ref, "Baseline name")->required();
  CLI::App* resolve_cmd =
      app.add_subcommand("resolve", "The newest baseline measured on REV or one of its ancestors");
  resolve_cmd->add_option("--for", o.for_revision, "Revision to resolve for")->capture_default_str();
  resolve_cmd->add_option("--name", o.name, "Only baselines with this name");
  resolve_cmd->add_option("--merge-base-with", o.merge_base_with,
                          "Resolve for the merge base of --for and this revision (e.g. origin/main)");
  resolve_cmd->add_flag("--commit", o.print_commit,
                        "Print the commit to build for a paired run: the baseline's source commit, or the merge "
                        "base when no baseline was measured on it or its ancestors");
  CLI::App* checkout_cmd = app.add_subcommand(
      "checkout", "Write the tree of REV into DIR (for building the baseline beside the candidate); prints the commit");
  checkout_cmd->add_option("REV", o.revision, "Commit, branch, tag or any revision")->required();
  checkout_cmd->add_option("DIR", o.directory_out, "New, empty, or an earlier checkout")->required();
  CLI::App* delete_cmd = app.add_subcommand("delete", "Delete one version's tag (guarded)");
  delete_cmd->add_option("REF", o.ref, "NAME@VERSION")->required();
  delete_cmd->add_flag("--yes", o.yes, "Confirm the deletion");
  delete_cmd->add_flag("--force", o.force, "Allow deleting the latest version");
  for (CLI::App* sub : {list_cmd, show_cmd, log_cmd, resolve_cmd}) {
    sub->add_flag("--json", o.json, "Machine-readable output");
  }
  for (CLI::App* sub : {list_cmd, show_cmd, log_cmd, resolve_cmd, delete_cmd, checkout_cmd}) add_common(*sub, o);
  checkout_cmd->callback([&] { command = checkout; });
  list_cmd->callback([&] { command = list; });
  show_cmd->callback([&] { command = show; });
  log_cmd->callback([&] { command = log; });
  resolve_cmd->callback([&] { command = resolve; });
  delete_cmd->callback([&] { command = remove; });
  return run_tool("perf-baseline", app, argc, argv, [&] { return command(o); });
}
