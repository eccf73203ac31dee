// Publishing a verdict to GitHub: step summary and outputs (files), then the REST API:
// one sticky comment per pull request and title, and a check run with a commit-status
// fallback. Every failure becomes a one-line problem with a hint; none is thrown.

#include <fstream>

#include "perfgate/error.h"
#include "perfgate/github.h"
#include "perfgate/report.h"
#include "publish/api_client.h"

namespace perfgate {
namespace {

constexpr std::size_t kCheckSummaryLimit = 65535;
constexpr std::size_t kStatusDescriptionLimit = 140;

// Cut at a character boundary of UTF-8 text.
std::string truncate_utf8(const std::string& s, std::size_t limit) {
  if (s.size() <= limit) return s;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

// The hidden marker that finds our own comment again. The title is user text, so it
// is reduced to characters that cannot end the HTML comment.
std::string sticky_marker(const std::string& title) {
  std::string safe;
  for (char c : title) safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '.') ? c : '-';
  return "<!-- perfgate:sticky:" + safe + " -->";
}

std::string api_message(const ApiResponse& r) {
  try {
    const Json j = Json::parse(r.body);
    if (j.is_object() && j.contains("message") && j["message"].is_string()) return j["message"].get<std::string>();
  } catch (const Json::exception&) {
  }
  return "";
}

std::string describe_failure(const std::string& action, const ApiResponse& r) {
  if (r.status == 0) return action + ": could not reach the GitHub API: " + r.error;
  const std::string message = api_message(r);
  std::string text = action + ": HTTP " + std::to_string(r.status) + (message.empty() ? "" : " (" + message + ")");
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

// Finds our earlier comment across every page; empty when there is none. Throws the
// problem text when listing fails, so that a failed lookup never adds a duplicate.
std::optional<long> find_sticky_comment(ApiClient& api, const std::string& issue_path, const std::string& marker) {
  std::string page = issue_path + "/comments?per_page=100";
  while (!page.empty()) {
    const ApiResponse r = api.request("GET", page);
    if (!r.ok()) throw describe_failure("listing the pull request's comments", r);
    const Json comments = Json::parse(r.body, nullptr, false);
    if (!comments.is_array()) throw std::string("listing the pull request's comments: unexpected answer");
    for (const auto& c : comments) {
      if (c.contains("body") && c["body"].is_string() && c["body"].get<std::string>().find(marker) != std::string::npos) {
        return c.at("id").get<long>();
      }
    }
    page = r.next_page;
  }
  return std::nullopt;
}

void publish_comment(ApiClient& api, const GitHubContext& ctx, const std::string& title, const std::string& markdown,
                     PublishOutcome& outcome) {
  if (!ctx.pull_request) {
    outcome.problems.push_back("no pull request in the event payload: comment skipped (pass the pull_request "
                               "event with --event in a workflow_run workflow)");
    return;
  }
  const std::string marker = sticky_marker(title);
  const std::string issue_path = "/repos/" + ctx.repository + "/issues/" + std::to_string(*ctx.pull_request);
  const std::string body = Json{{"body", marker + "\n" + markdown}}.dump();
  try {
    if (const auto id = find_sticky_comment(api, issue_path, marker)) {
      const ApiResponse r = api.request("PATCH", "/repos/" + ctx.repository + "/issues/comments/" + std::to_string(*id), body);
      if (!r.ok()) throw describe_failure("updating the comment", r);
      outcome.done.push_back("updated comment " + std::to_string(*id));
    } else {
      const ApiResponse r = api.request("POST", issue_path + "/comments", body);
      if (!r.ok()) throw describe_failure("creating the comment", r);
      outcome.done.push_back("created a comment on pull request #" + std::to_string(*ctx.pull_request));
    }
  } catch (const std::string& problem) {
    outcome.problems.push_back(problem);
  }
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
  const ApiResponse r = api.request("POST", "/repos/" + ctx.repository + "/check-runs", check.dump());
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
  const ApiResponse s = api.request("POST", "/repos/" + ctx.repository + "/statuses/" + ctx.head_sha, status.dump());
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
  if (!ctx.step_summary_path.empty()) append_file(ctx.step_summary_path, markdown + "\n", outcome, "step summary");
  if (!ctx.output_path.empty()) append_file(ctx.output_path, step_outputs(verdict), outcome, "step outputs");
  if (!options.comment && !options.check) return outcome;
  if (ctx.repository.empty()) {
    outcome.problems.push_back("GITHUB_REPOSITORY is not set: nothing published to the API");
    return outcome;
  }
  if (ctx.token.empty()) {
    outcome.problems.push_back("no token (set GITHUB_TOKEN, or name the variable with --token-env): nothing "
                               "published to the API");
    return outcome;
  }
  ApiClient api(ctx.api_url, ctx.token, options.timeout,
                RetryPolicy{options.attempts, options.first_backoff, options.max_wait}, log);
  if (options.comment) publish_comment(api, ctx, options.title, markdown, outcome);
  if (options.check) publish_check(api, ctx, options.title, verdict, markdown, outcome, log);
  return outcome;
}

}  // namespace perfgate
