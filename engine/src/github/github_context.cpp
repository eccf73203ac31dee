// Where a GitHub Actions step is: the GITHUB_* variables and the event payload.

#include <cstdlib>
#include <limits>

#include "common/json_cursor.h"
#include "perfgate/error.h"
#include "perfgate/github.h"
#include "perfgate/file_io.h"

namespace perfgate {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// A PR number or a commit id where the payload has one; anything else in it is GitHub's
// business, so unknown fields are not refused as they are in perfgate's own files.
std::optional<long> pr_number(const std::optional<JsonCursor>& holder) {
  if (!holder) return std::nullopt;
  const auto number = holder->find("number");
  if (!number) return std::nullopt;
  return long(number->as_uint(1, std::uint64_t(std::numeric_limits<long>::max())));
}

std::string commit_id(const std::optional<JsonCursor>& holder, std::string_view key) {
  if (!holder) return "";
  const auto sha = holder->find(key);
  return sha ? sha->as_string() : "";
}

std::optional<JsonCursor> object_at(const JsonCursor& c, std::string_view key) {
  auto member = c.find(key);
  if (member && !member->value().is_object()) return std::nullopt;
  return member;
}

}  // namespace

// pull_request / pull_request_target: pull_request.number and head.sha; workflow_run of
// a same-repository PR: workflow_run.pull_requests[0]; issue_comment: issue.number.
GitHubEvent github_event_from_text(const std::string& text, const std::string& source) {
  GitHubEvent e;
  const Json doc = parse_json_text(text, source);
  const JsonCursor event(doc, source);
  if (!doc.is_object()) event.fail_expected("an event payload (object)");
  if (const auto pr = object_at(event, "pull_request")) {
    e.pull_request = pr_number(pr);
    e.head_sha = commit_id(object_at(*pr, "head"), "sha");
  } else if (const auto run = object_at(event, "workflow_run")) {
    e.head_sha = commit_id(run, "head_sha");
    if (const auto prs = run->find("pull_requests"); prs && prs->value().is_array() && !prs->value().empty()) {
      const auto first = prs->elements().front();
      if (first.value().is_object()) e.pull_request = pr_number(first);
    }
  } else if (const auto issue = object_at(event, "issue"); issue && issue->has("pull_request")) {
    e.pull_request = pr_number(issue);
  }
  return e;
}


GitHubContext github_context_from_environment(const std::string& token_variable,
                                              const std::optional<std::string>& event_path) {
  GitHubContext c;
  if (const std::string api = env("GITHUB_API_URL"); !api.empty()) c.api_url = api;
  c.repository = env("GITHUB_REPOSITORY");
  c.token = env(token_variable.c_str());
  c.head_sha = env("GITHUB_SHA");
  c.step_summary_path = env("GITHUB_STEP_SUMMARY");
  c.output_path = env("GITHUB_OUTPUT");
  if (const std::string server = env("GITHUB_SERVER_URL"), run = env("GITHUB_RUN_ID");
      !server.empty() && !run.empty() && !c.repository.empty()) {
    c.run_url = server + "/" + c.repository + "/actions/runs/" + run;
  }
  const std::string path = event_path ? *event_path : env("GITHUB_EVENT_PATH");
  if (!path.empty()) {
    const GitHubEvent event = github_event_from_text(read_file(path), path);
    if (event.pull_request) c.pull_request = event.pull_request;
    if (!event.head_sha.empty()) c.head_sha = event.head_sha;
  }
  return c;
}

}  // namespace perfgate
