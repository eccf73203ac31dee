// Where a GitHub Actions step is: the GITHUB_* variables and the event payload.

#include <cstdlib>

#include "common/json_cursor.h"
#include "perfgate/error.h"
#include "perfgate/github.h"
#include "perfgate/io.h"

namespace perfgate {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// pull_request / pull_request_target: pull_request.number and head.sha; workflow_run of
// a same-repository PR: workflow_run.pull_requests[0]; issue_comment: issue.number.
void read_event(const Json& event, GitHubContext& c) {
  if (!event.is_object()) return;
  if (event.contains("pull_request") && event["pull_request"].is_object()) {
    const Json& pr = event["pull_request"];
    if (pr.contains("number") && pr["number"].is_number_integer()) c.pull_request = pr["number"].get<long>();
    if (pr.contains("head") && pr["head"].is_object() && pr["head"].contains("sha") && pr["head"]["sha"].is_string()) {
      c.head_sha = pr["head"]["sha"].get<std::string>();
    }
  } else if (event.contains("workflow_run") && event["workflow_run"].is_object()) {
    const Json& run = event["workflow_run"];
    if (run.contains("head_sha") && run["head_sha"].is_string()) c.head_sha = run["head_sha"].get<std::string>();
    if (run.contains("pull_requests") && run["pull_requests"].is_array() && !run["pull_requests"].empty() &&
        run["pull_requests"][0].contains("number")) {
      c.pull_request = run["pull_requests"][0]["number"].get<long>();
    }
  } else if (event.contains("issue") && event["issue"].is_object() && event["issue"].contains("pull_request") &&
             event["issue"].contains("number")) {
    c.pull_request = event["issue"]["number"].get<long>();
  }
}

}  // namespace

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
    try {
      read_event(parse_json_text(read_file(path), path), c);
    } catch (const Json::exception& e) {
      throw input_error(path + ": unexpected event payload: " + e.what());
    }
  }
  return c;
}

}  // namespace perfgate
