// Publishing a verdict to GitHub: step summary and outputs (files), then the REST API:
// one sticky comment per pull request and title, and a check run with a commit-status
// fallback. Every failure becomes a one-line problem with a hint; none is thrown.

#include <httplib.h>

#include <fstream>

#include "common/format.h"
#include "common/json_cursor.h"
#include "perfgate/error.h"
#include "perfgate/github.h"
#include "perfgate/report.h"
#include "github/api_client.h"

namespace perfgate {
namespace {

constexpr std::size_t kCheckSummaryLimit = 65535;
constexpr std::size_t kStatusDescriptionLimit = 140;

std::string truncate_utf8(const std::string& s, std::size_t limit) { return std::string(utf8_prefix(s, limit)); }

// The hidden marker that finds our own comment again. The title is user text, so it
// is reduced to characters that cannot end the HTML comment.
std::string sticky_marker(const std::string& title) {
  std::string safe;
  for (char c : title) safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '.') ? c : '-';
  return "<!-- perfgate:sticky:" + safe + " -->";
}

// GitHub's answers as JSON: a parse that fails is an answer we cannot use, not a crash.
std::optional<Json> answer_json(const ApiResponse& r) {
  try {
    return parse_json_text(r.body, r.where);
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::string api_message(const ApiResponse& r) {
  const auto j = answer_json(r);
  if (j && j->is_object() && j->contains("message") && (*j)["message"].is_string()) {
    return (*j)["message"].get<std::string>();
  }
  return "";
}

std::string describe_failure(const std::string& action, const ApiResponse& r) {
  if (r.status == 0) {
    return action + ": " + r.where + ": " + r.error + "; check that GITHUB_API_URL is right and reachable from the runner";
  }
  const std::string message = api_message(r);
  std::string text = action + ": " + r.where + ": HTTP " + std::to_string(r.status) +
                     (message.empty() ? "" : " (" + message + ")");
  if (message.find("Resource not accessible by integration") != std::string::npos) {
    text += "; the token lacks permission: pull requests from forks get a read-only GITHUB_TOKEN, so publish "
            "from a workflow_run workflow (workflows/perfgate-publish.yml), or grant pull-requests: write and "
            "checks: write";
  } else if (r.status == 401) {
    text += "; the token was rejected: check the secret passed as the token";
  } else if (r.status == 404) {
    text += "; check GITHUB_REPOSITORY and that the token can see the repository";
  }
  return text;
}

void append_file(const std::string& path, const std::string& text, PublishOutcome& outcome, const char* what) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << text;
  out.flush();
  if (out) {
    outcome.done.push_back(std::string("wrote the ") + what);
  } else {
    outcome.problems.push_back(std::string("cannot append the ") + what + " to " + path);
  }
}

std::string step_outputs(const VerdictReport& v) {
  std::string out = "verdict=" + std::string(v.gate_failed ? "failed" : "passed") + "\n";
  for (Verdict k : {Verdict::kRegression, Verdict::kImprovement, Verdict::kNoChange, Verdict::kInconclusive}) {
    std::string name(to_string(k));
    for (auto& c : name) c = c == '-' ? '_' : c;
    out += name + "=" + std::to_string(v.count(k)) + "\n";
  }
  return out + "breached=" + std::to_string(v.breached()) + "\nheadline=" + verdict_headline(v) + "\n";
}

Error publishing_problem(const std::string& text) { return environment_error(text); }

// The login this token posts as, so that only our own comment is ever taken as the sticky
// one: someone else's comment carrying the marker is left alone. An installation token
// (the workflow's GITHUB_TOKEN) cannot read /user and posts as github-actions[bot].
std::string token_login(ApiClient& api, const PublishOptions& options, const std::function<void(const std::string&)>& log) {
  if (!options.comment_author.empty()) return options.comment_author;
  const ApiResponse r = api.request("GET", "/user");
  if (r.status == 403 || r.status == 404) {
    log("the token cannot read /user (an app installation token such as GITHUB_TOKEN): taking comments by "
        "github-actions[bot] as ours (--comment-author names another app's bot)");
    return "github-actions[bot]";
  }
  if (!r.ok()) throw publishing_problem(describe_failure("finding who the token is", r));
  const auto user = answer_json(r);
  if (!user || !user->is_object() || !user->contains("login") || !(*user)["login"].is_string()) {
    throw publishing_problem("finding who the token is: " + r.where + ": no login in the answer");
  }
  return (*user)["login"].get<std::string>();
}

bool is_our_comment(const Json& c, const std::string& marker, const std::string& login) {
  if (!c.is_object() || !c.contains("id") || !c["id"].is_number_unsigned()) return false;
  const Json* user = c.contains("user") ? &c["user"] : nullptr;
  const bool ours = user && user->is_object() && user->contains("login") && (*user)["login"] == login;
  return ours && c.contains("body") && c["body"].is_string() &&
         c["body"].get<std::string>().find(marker) != std::string::npos;
}

// Finds our earlier comment across every page; empty when there is none. Throws the
// problem when listing fails, so that a failed lookup never adds a duplicate.
std::optional<long> find_sticky_comment(ApiClient& api, const std::string& issue_path, const std::string& marker,
                                        const std::string& login) {
  std::string page = issue_path + "/comments?per_page=100";
  while (!page.empty()) {
    const ApiResponse r = api.request("GET", page);
    if (!r.ok()) throw publishing_problem(describe_failure("listing the pull request's comments", r));
    const auto comments = answer_json(r);
    if (!comments || !comments->is_array()) {
      throw publishing_problem("listing the pull request's comments: " + r.where + ": not a list of comments");
    }
    for (const auto& c : *comments) {
      if (is_our_comment(c, marker, login)) return c["id"].get<long>();
    }
    if (!r.next_page_problem.empty()) {
      throw publishing_problem("listing the pull request's comments: " + r.next_page_problem +
                               "; not commenting, as our comment may be on a page not read");
    }
    page = r.next_page;
  }
  return std::nullopt;
}

// A POST that may have reached GitHub is looked for before it is sent again.
ApiResponse post_once(ApiClient& api, const std::string& path, const std::string& body, const std::string& action,
                      const std::function<bool()>& already_there, const std::function<void(const std::string&)>& log) {
  ApiResponse r = api.request("POST", path, body);
  if (r.ok() || !r.maybe_applied) return r;
  log(describe_failure(action, r) + "; looking for it before trying again");
  if (already_there()) {
    r.status = 200;  // done, by the request that seemed to fail
    r.maybe_applied = false;
    return r;
  }
  return api.request("POST", path, body);
}

void publish_comment(ApiClient& api, const GitHubContext& ctx, const PublishOptions& options,
                     const std::string& markdown, PublishOutcome& outcome,
                     const std::function<void(const std::string&)>& log) {
  if (!ctx.pull_request) {
    outcome.problems.push_back("no pull request in the event payload: comment skipped (pass the pull_request "
                               "event with --event in a workflow_run workflow)");
    return;
  }
  const std::string marker = sticky_marker(options.title);
  const std::string issue_path = "/repos/" + ctx.repository + "/issues/" + std::to_string(*ctx.pull_request);
  const std::string body = Json{{"body", marker + "\n" + markdown}}.dump();
  try {
    const std::string login = token_login(api, options, log);
    if (const auto id = find_sticky_comment(api, issue_path, marker, login)) {
      const ApiResponse r = api.request("PATCH", "/repos/" + ctx.repository + "/issues/comments/" + std::to_string(*id), body);
      if (!r.ok()) throw publishing_problem(describe_failure("updating the comment", r));
      outcome.done.push_back("updated comment " + std::to_string(*id));
      return;
    }
    const ApiResponse r = post_once(api, issue_path + "/comments", body, "creating the comment",
                                    [&] { return find_sticky_comment(api, issue_path, marker, login).has_value(); }, log);
    if (!r.ok()) throw publishing_problem(describe_failure("creating the comment", r));
    outcome.done.push_back("created a comment on pull request #" + std::to_string(*ctx.pull_request));
  } catch (const Error& problem) {
    outcome.problems.push_back(problem.what());
  }
}

// Whether a check run exactly like `check` is on the commit already (looked for after a
// POST that may have created it).
bool check_run_exists(ApiClient& api, const GitHubContext& ctx, const Json& check) {
  const std::string name = check["name"].get<std::string>();
  const ApiResponse r = api.request("GET", "/repos/" + ctx.repository + "/commits/" + ctx.head_sha +
                                               "/check-runs?per_page=100&check_name=" +
                                               httplib::detail::encode_query_param(name));
  const auto answer = r.ok() ? answer_json(r) : std::nullopt;
  if (!answer || !answer->is_object() || !answer->contains("check_runs") || !(*answer)["check_runs"].is_array()) {
    return false;
  }
  for (const auto& run : (*answer)["check_runs"]) {
    if (run.is_object() && run.value("name", Json()) == check["name"] &&
        run.value("conclusion", Json()) == check["conclusion"] && run.contains("output") &&
        run["output"].is_object() && run["output"].value("title", Json()) == check["output"]["title"]) {
      return true;
    }
  }
  return false;
}

void publish_check(ApiClient& api, const GitHubContext& ctx, const std::string& title, const VerdictReport& verdict,
                   const std::string& markdown, PublishOutcome& outcome, const std::function<void(const std::string&)>& log) {
  if (ctx.head_sha.empty()) {
    outcome.problems.push_back("no commit sha (GITHUB_SHA or the event's head sha): check skipped");
    return;
  }
  const std::string headline = verdict_headline(verdict);
  Json check = {{"name", title},
                {"head_sha", ctx.head_sha},
                {"status", "completed"},
                {"conclusion", verdict.gate_failed ? "failure" : "success"},
                {"output", {{"title", headline}, {"summary", truncate_utf8(markdown, kCheckSummaryLimit)}}}};
  if (!ctx.run_url.empty()) check["details_url"] = ctx.run_url;
  const ApiResponse r = post_once(api, "/repos/" + ctx.repository + "/check-runs", check.dump(),
                                  "creating the check run", [&] { return check_run_exists(api, ctx, check); }, log);
  if (r.ok()) {
    outcome.done.push_back("created check run '" + title + "'");
    return;
  }
  if (r.status != 403 && r.status != 404) {
    outcome.problems.push_back(describe_failure("creating the check run", r));
    return;
  }
  log("check runs are not permitted for this token (HTTP " + std::to_string(r.status) + "); setting a commit status instead");
  Json status = {{"state", verdict.gate_failed ? "failure" : "success"},
                 {"context", title},
                 {"description", truncate_utf8(headline, kStatusDescriptionLimit)}};
  if (!ctx.run_url.empty()) status["target_url"] = ctx.run_url;
  // Setting the same state again is harmless (the latest status of a context counts).
  const std::string status_path = "/repos/" + ctx.repository + "/statuses/" + ctx.head_sha;
  const ApiResponse s = post_once(api, status_path, status.dump(), "setting the commit status", [] { return false; }, log);
  if (s.ok()) {
    outcome.done.push_back("set commit status '" + title + "'");
  } else {
    outcome.problems.push_back(describe_failure("setting the commit status", s));
  }
}

}  // namespace

PublishOutcome publish_to_github(const GitHubContext& ctx, const VerdictReport& verdict, const std::string& markdown,
                                 const PublishOptions& options, const std::function<void(const std::string&)>& log) {
  PublishOutcome outcome;
  const bool use_api = options.comment || options.check;
  // A malformed GITHUB_API_URL is refused (kInput) before anything is written.
  std::optional<ApiClient> api;
  if (use_api) {
    api.emplace(ctx.api_url, ctx.token, options.timeout,
                RetryPolicy{options.attempts, options.first_backoff, options.max_wait,
                            std::chrono::steady_clock::now() + options.deadline},
                log);
  }
  if (!ctx.step_summary_path.empty()) append_file(ctx.step_summary_path, markdown + "\n", outcome, "step summary");
  if (!ctx.output_path.empty()) append_file(ctx.output_path, step_outputs(verdict), outcome, "step outputs");
  if (!use_api) return outcome;
  if (ctx.repository.empty()) {
    outcome.problems.push_back("GITHUB_REPOSITORY is not set: nothing published to the API");
    return outcome;
  }
  if (ctx.token.empty()) {
    outcome.problems.push_back("no token (set GITHUB_TOKEN, or name the variable with --token-env): nothing "
                               "published to the API");
    return outcome;
  }
  if (options.comment) publish_comment(*api, ctx, options, markdown, outcome, log);
  if (options.check) publish_check(*api, ctx, options.title, verdict, markdown, outcome, log);
  return outcome;
}

}  // namespace perfgate
