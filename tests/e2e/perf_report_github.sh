#!/usr/bin/env bash
# perf-report github against a fake GitHub API on 127.0.0.1: the exact requests sent,
# the sticky comment across >100 existing comments, check run → commit status fallback,
# retries on 502 and on 429 with Retry-After, GHES path prefixes, and that neither the
# token nor a publishing failure leaks into the output or the exit code.
source "$(dirname "$0")/lib.sh"

TOKEN=ghs_perfgateTestToken0123456789
SHA=0123456789abcdef0123456789abcdef01234567
cat >event.json <<JSON
{"action": "synchronize", "number": 7, "pull_request": {"number": 7, "head": {"sha": "$SHA"}}}
JSON
cat >base.json <<'JSON'
{"results": [{"command": "build", "times": [1.00, 1.01, 0.99, 1.02, 1.00, 1.01, 0.99, 1.00, 1.02, 1.01]},
             {"command": "test", "times": [2.00, 2.01, 1.99, 2.02, 2.00, 2.01, 1.99, 2.00, 2.02, 2.01]}]}
JSON
cat >slow.json <<'JSON'
{"results": [{"command": "build", "times": [1.50, 1.51, 1.49, 1.52, 1.50, 1.51, 1.49, 1.50, 1.52, 1.51]},
             {"command": "test", "times": [2.00, 2.02, 1.99, 2.01, 2.00, 2.01, 1.98, 2.00, 2.02, 2.01]}]}
JSON
"$PERF_COMPARE" slow.json --baseline base.json -q -o failing.json
"$PERF_COMPARE" base.json --baseline base.json -q -o passing.json

server_pid=""
start_server() {  # start_server ARGS...: a fresh fake GitHub; sets $API and $LOG
  stop_server
  rm -f port log.jsonl
  "$FAKE_GITHUB" --port-file port --log log.jsonl --idle-exit 60 "$@" &
  server_pid=$!
  for _ in $(seq 1 100); do [ -s port ] && break; sleep 0.05; done
  API="http://127.0.0.1:$(cat port)"
}
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""; fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

publish() {  # publish VERDICT [ARGS...]: perf-report github with a GitHub Actions environment
  local verdict=$1
  shift
  GITHUB_API_URL="${API_URL:-$API}" GITHUB_REPOSITORY=octo/widgets GITHUB_TOKEN=$TOKEN GITHUB_EVENT_PATH=event.json \
    GITHUB_SHA=ffffffffffffffffffffffffffffffffffffffff GITHUB_STEP_SUMMARY=summary.md GITHUB_OUTPUT=outputs.txt \
    run "$PERF_REPORT" github "$verdict" --title "${TITLE:-perfgate: quick suite}" "$@"
}
# requests EXPR: a Python expression over `rows`, the requests the fake server logged.
requests() {
  "$PYTHON" -c 'import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(eval(sys.argv[2]))' "$WORK/log.jsonl" "$1"
}
no_token_in_output() {
  if grep -q "$TOKEN" "$WORK/out" "$WORK/err"; then fail "$1: the token appears in the output"; else pass; fi
}

# --- first run: 150 comments of others on two pages; ours is created ----------------------
start_server --comments 150
publish failing.json
expect_rc 1 "the gate's verdict (failed) is the exit code"
expect_in "$WORK/out" "regression" "headline on stdout"
expect_eq "$(requests "[(r['method'], r['path'], r['query'].get('page', '1')) for r in rows]")" \
  "[('GET', '/repos/octo/widgets/issues/7/comments', '1'), ('GET', '/repos/octo/widgets/issues/7/comments', '2'), ('POST', '/repos/octo/widgets/issues/7/comments', '1'), ('POST', '/repos/octo/widgets/check-runs', '1')]" \
  "lists every page, creates one comment, creates a check run"
expect_eq "$(requests "sorted({r['headers']['Authorization'] for r in rows})")" "['Bearer $TOKEN']" "token sent as a Bearer header"
expect_eq "$(requests "sorted({(r['headers']['Accept'], r['headers']['X-GitHub-Api-Version']) for r in rows})")" \
  "[('application/vnd.github+json', '2022-11-28')]" "API media type and version headers"
expect_eq "$(requests "all(r['headers']['User-Agent'].startswith('perfgate/') for r in rows)")" "True" "User-Agent"
expect_eq "$(requests "[r['query']['per_page'] for r in rows if r['method'] == 'GET']")" "['100', '100']" "100 per page"
expect_eq "$(requests "json.loads(rows[2]['body'])['body'].startswith('<!-- perfgate:sticky:perfgate--quick-suite -->')")" \
  "True" "comment carries the hidden marker"
expect_eq "$(requests "'regression' in json.loads(rows[2]['body'])['body']")" "True" "comment carries the verdict"
expect_eq "$(requests "(lambda b: (b['name'], b['head_sha'], b['status'], b['conclusion'], 'regression' in b['output']['title']))(json.loads(rows[3]['body']))")" \
  "('perfgate: quick suite', '$SHA', 'completed', 'failure', True)" "check run on the PR head sha, failed"
expect_in summary.md "regression" "step summary written"
expect_in outputs.txt "verdict=failed" "step outputs: verdict"
expect_in outputs.txt "regression=1" "step outputs: counts"
no_token_in_output "first run"

# --- second run: the same comment is updated, never a second one ------------------------
: >log.jsonl
publish failing.json
expect_rc 1 "second run"
expect_eq "$(requests "[(r['method'], r['path']) for r in rows if r['method'] != 'GET']")" \
  "[('PATCH', '/repos/octo/widgets/issues/comments/5000'), ('POST', '/repos/octo/widgets/check-runs')]" \
  "second run PATCHes its comment and never POSTs another"
expect_eq "$("$PYTHON" -c "import json,urllib.request; d=json.load(urllib.request.urlopen('$API/__state')); print(len(d['comments']), sum('perfgate:sticky' in c['body'] for c in d['comments']))")" \
  "151 1" "still exactly one perfgate comment among 151"
TITLE="perfgate: nightly" publish failing.json
expect_eq "$(requests "[r['method'] for r in rows if r['path'].endswith('/issues/7/comments')][-1]")" "POST" \
  "another title gets its own comment"

# --- check runs forbidden (PAT): commit status instead ---------------------------------------
start_server --check-runs forbidden
publish passing.json
expect_rc 0 "passing verdict"
expect_eq "$(requests "[(r['method'], r['path']) for r in rows][-2:]")" \
  "[('POST', '/repos/octo/widgets/check-runs'), ('POST', '/repos/octo/widgets/statuses/$SHA')]" "falls back to a commit status"
expect_eq "$(requests "(lambda b: (b['state'], b['context'], len(b['description']) <= 140))(json.loads(rows[-1]['body']))")" \
  "('success', 'perfgate: quick suite', True)" "status: state, context, description within 140 characters"
expect_in "$WORK/err" "setting a commit status instead" "says so"

# --- retries: 502 twice, then fine; 429 with Retry-After honoured ----------------------------
start_server --fail-first 502:2
publish failing.json
expect_rc 1 "verdict unchanged after retried 502s"
expect_eq "$(requests "[(r['method'], r['query'].get('page', '1')) for r in rows][:3]")" \
  "[('GET', '1'), ('GET', '1'), ('GET', '1')]" "the failed request is repeated"
expect_in "$WORK/err" "HTTP 502; retrying" "logs the retry"
expect_eq "$(requests "[r['method'] for r in rows].count('POST')")" "2" "then publishes normally"
start_server --rate-limit-first
publish failing.json
expect_eq "$(requests "rows[1]['t'] - rows[0]['t'] >= 0.95")" "True" "waits the Retry-After second before retrying"
expect_eq "$(requests "rows[1]['path'] == rows[0]['path']")" "True" "retries the same request"

# --- permission problems and dead networks never change the exit code ----------------------
start_server --comment-post forbidden --check-runs forbidden
publish failing.json
expect_rc 1 "a 403 does not change the verdict's exit code"
expect_in "$WORK/err" "Resource not accessible by integration" "GitHub's message"
expect_in "$WORK/err" "workflow_run" "with the fork-safe hint"
no_token_in_output "403"
publish passing.json --strict-publish
expect_rc 3 "--strict-publish: a publishing failure exits 3"
stop_server
API_URL="http://127.0.0.1:9" publish passing.json --retries 1 --timeout 2
expect_rc 0 "unreachable API: the verdict still decides the exit code"
expect_in "$WORK/err" "could not reach the GitHub API" "says why"
no_token_in_output "unreachable"

# --- GitHub Enterprise Server: the API lives under /api/v3 --------------------------------
start_server --prefix /api/v3
API_URL="$API/api/v3" publish passing.json
expect_rc 0 "GHES"
expect_eq "$(requests "[r['path'] for r in rows][-1]")" "/api/v3/repos/octo/widgets/check-runs" "paths under the prefix"

# --- no pull request in the payload, no token ----------------------------------------------
echo '{"ref": "refs/heads/main"}' >push.json
publish passing.json --event push.json
expect_in "$WORK/err" "no pull request in the event payload" "comment skipped on a push event"
GITHUB_REPOSITORY=octo/widgets GITHUB_STEP_SUMMARY=summary2.md GITHUB_OUTPUT=outputs2.txt \
  run env -u GITHUB_TOKEN "$PERF_REPORT" github failing.json
expect_rc 1 "no token: still the verdict's exit code"
expect_in "$WORK/err" "no token" "says there is no token"
expect_in outputs2.txt "verdict=failed" "outputs written without any API access"
run "$PERF_REPORT" github missing.json
expect_rc 2 "missing verdict file"
finish
