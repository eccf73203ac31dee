#pragma once
// Publishing a verdict to GitHub (docs/github.md): a sticky pull-request comment, a check
// run (or a commit status where check runs are not permitted), the step summary and
// step outputs. Publishing never decides the gate: failures come back as problems.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "perfgate/compare.h"

namespace perfgate {

struct GitHubContext {
  std::string api_url = "https://api.github.com";  // GITHUB_API_URL (GHES: https://HOST/api/v3)
  std::string repository;                           // owner/name (GITHUB_REPOSITORY)
  std::string token;                                // never printed
  std::optional<long> pull_request;                 // from the event payload
  std::string head_sha;                             // the PR head, else GITHUB_SHA
  std::string step_summary_path;                    // GITHUB_STEP_SUMMARY, when set
  std::string output_path;                          // GITHUB_OUTPUT, when set
  std::string run_url;                              // link to the workflow run, when known
};

// Reads the GITHUB_* variables and the event payload (`event_path` overrides
// GITHUB_EVENT_PATH: the fork-safe workflow passes the pull_request event it
// downloaded). Throws kInput for an unreadable or malformed payload.
GitHubContext github_context_from_environment(const std::string& token_variable,
                                              const std::optional<std::string>& event_path);

// What the event payload says about the pull request and its head commit (empty where it
// says nothing). Throws kInput naming the field for a payload of the wrong shape.
struct GitHubEvent {
  std::optional<long> pull_request;
  std::string head_sha;
};
GitHubEvent github_event_from_text(const std::string& text, const std::string& source);

struct PublishOptions {
  std::string title = "perfgate";  // one sticky comment and one check per title
  bool comment = true;
  bool check = true;
  std::chrono::milliseconds timeout{30000};  // per request
  int attempts = 4;                          // per request, with backoff on 5xx/429/rate limits
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::seconds max_wait{120};        // longest Retry-After honoured
  std::chrono::seconds deadline{60};         // for all of publishing, retries and waits included
  // The login whose comment carrying the marker is ours; empty: the token's own identity
  // (GET /user), or github-actions[bot] for an installation token that cannot read it.
  std::string comment_author;
};

struct PublishOutcome {
  std::vector<std::string> done;      // "updated comment 123", "created check run 9", ...
  std::vector<std::string> problems;  // each a one-line explanation with a hint
};

PublishOutcome publish_to_github(const GitHubContext& context, const VerdictReport& verdict,
                                 const std::string& markdown, const PublishOptions& options,
                                 const std::function<void(const std::string&)>& log);

}  // namespace perfgate
