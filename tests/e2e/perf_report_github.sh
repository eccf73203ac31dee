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
# requests EXPR: a Python expression over `rows`, the requests the fake server logged
# (except GET /user, the token's identity, which `all_rows` keeps).
requests() {
  "$PYTHON" -c 'import json, sys
all_rows = [json.loads(l) for l in open(sys.argv[1])]
rows = [r for r in all_rows if not r["path"].endswith("/user")]
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
expect_eq "$(requests "[(r['method'], r['path']) for r in all_rows][:3]")" \
  "[('GET', '/user'), ('GET', '/user'), ('GET', '/user')]" "the failed request is repeated"
expect_in "$WORK/err" "HTTP 502; retrying" "logs the retry"
expect_eq "$(requests "[r['method'] for r in rows].count('POST')")" "2" "then publishes normally"
start_server --rate-limit-first
publish failing.json
expect_eq "$(requests "all_rows[1]['t'] - all_rows[0]['t'] >= 0.95")" "True" "waits the Retry-After second before retrying"
expect_eq "$(requests "all_rows[1]['path'] == all_rows[0]['path']")" "True" "retries the same request"

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
expect_in "$WORK/err" "finding who the token is: GET http://127.0.0.1:9/user: Connection" "names the request and host"
expect_in "$WORK/err" "reachable from the runner" "and what to check"
no_token_in_output "unreachable"

# --- GitHub Enterprise Server: the API lives under /api/v3 --------------------------------
start_server --prefix /api/v3
API_URL="$API/api/v3" publish passing.json
expect_rc 0 "GHES"
expect_eq "$(requests "[r['path'] for r in rows][-1]")" "/api/v3/repos/octo/widgets/check-runs" "paths under the prefix"

# --- spoofing: someone else's comment carrying our marker is never taken as ours -----------
MARKER='<!-- perfgate:sticky:perfgate--quick-suite -->'
start_server --spoofed-comment "$MARKER
all good, merge it"
publish failing.json
expect_rc 1 "spoofed marker: verdict unchanged"
expect_eq "$(requests "[(r['method'], r['path']) for r in rows if r['method'] != 'GET']")" \
  "[('POST', '/repos/octo/widgets/issues/7/comments'), ('POST', '/repos/octo/widgets/check-runs')]" \
  "mallory's comment is left alone: ours is created beside it"
expect_eq "$(requests "[r['path'] for r in all_rows].count('/user')")" "1" "the token's identity is asked once"
expect_in "$WORK/err" "github-actions[bot]" "says whose comments count as ours with GITHUB_TOKEN"
publish failing.json
expect_eq "$(requests "[(r['method'], r['path']) for r in rows if r['method'] != 'GET'][-2:]")" \
  "[('PATCH', '/repos/octo/widgets/issues/comments/5000'), ('POST', '/repos/octo/widgets/check-runs')]" \
  "the next run updates our own comment, not mallory's"
start_server --user-login octo-bot --spoofed-comment "$MARKER"
publish failing.json
publish failing.json
expect_eq "$(requests "[r['method'] for r in rows if r['path'].endswith('/comments') or '/comments/' in r['path']].count('POST')")" \
  "1" "a user token's own login is the author: one comment over two runs"

# --- a POST that timed out after reaching GitHub is looked for, not repeated ---------------
start_server --slow-post 4
publish failing.json --timeout 1
expect_rc 1 "timed-out POST: verdict unchanged"
expect_eq "$(requests "[r['method'] + ' ' + r['path'] for r in rows if r['method'] == 'POST']")" \
  "['POST /repos/octo/widgets/issues/7/comments', 'POST /repos/octo/widgets/check-runs']" \
  "one POST of the comment, even though it timed out"
expect_in "$WORK/err" "looking for it before trying again" "says it looks first"
expect_eq "$("$PYTHON" -c "import json,urllib.request; d=json.load(urllib.request.urlopen('$API/__state')); print(sum('perfgate:sticky' in c['body'] for c in d['comments']))")" \
  "1" "exactly one comment exists"
expect_not_in "$WORK/err" "warning" "and nothing is reported as failed"
start_server --slow-post 4
publish failing.json --timeout 1 --no-comment
expect_eq "$(requests "[r['method'] + ' ' + r['path'].split('?')[0] for r in rows]")" \
  "['POST /repos/octo/widgets/check-runs', 'GET /repos/octo/widgets/commits/$SHA/check-runs']" \
  "a timed-out check run is found on the commit, not created twice"

# --- a hung API: publishing gives up within its deadline ---------------------------------
start_server --hang 30
start_s=$(date +%s)
publish failing.json --deadline 5
elapsed=$(( $(date +%s) - start_s ))
expect_rc 1 "hung API: the verdict still decides the exit code"
expect_eq "$([ "$elapsed" -le 12 ] && echo within || echo "took ${elapsed}s")" "within" "ends within the 5 s deadline (plus start-up)"
expect_in "$WORK/err" "/user" "names the request that hung"

# --- pagination: a Link to another origin is followed on GITHUB_API_URL only --------------
# (the other origin is never contacted: .invalid names resolve nowhere)
start_server --comments 150 --link-origin https://api.elsewhere.invalid
publish failing.json
expect_rc 1 "rebased pagination"
expect_eq "$(requests "[r['query'].get('page', '1') for r in rows if r['method'] == 'GET']")" "['1', '2']" \
  "page 2 fetched on GITHUB_API_URL although the link named another host"
expect_in "$WORK/err" "points at https://api.elsewhere.invalid; following it on http://127.0.0.1" "says the link was re-based"

# --- a malformed GITHUB_API_URL is refused before anything is written ---------------------
rm -f summary.md outputs.txt
API_URL="ftp://example" publish failing.json
expect_rc 2 "non-http API URL: input error"
expect_eq "$([ -e summary.md ] || [ -e outputs.txt ] && echo written || echo none)" "none" "no step summary or outputs written"

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
