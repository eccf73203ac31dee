#!/usr/bin/env bash
# History end to end: 60 runs of a small suite recorded in a temporary repository, the
# 35th commit 8 % slower; the history names that commit range, renders in a browser,
# exports parse, the gate takes the runs since the change as its baseline, concurrent
# recorders lose nothing, retention prunes, and bad histories fail with one line and the
# right code.
source "$(dirname "$0")/lib.sh"
export GIT_CONFIG_NOSYSTEM=1 HOME="$WORK" GIT_COMMITTER_NAME=Recorder GIT_COMMITTER_EMAIL=ci@example.invalid
RUNS=${HISTORY_RUNS:-60}
SLOW_FROM=35
SCALED_RESULT="$(dirname "$0")/../support/scaled_result.py"

new_repo repo && cd repo || exit 1
cat >suite.json <<'JSON'
{"schema": "perfgate.suite/1", "suite": "history-e2e",
 "defaults": {"warmup": "0", "duration": "150ms", "trials": 5, "load": {"model": "closed", "concurrency": 1}},
 "scenarios": [{"name": "vector/top10", "target": {"type": "builtin", "workload": "vector_topk",
                "params": {"vectors": 2000, "dim": 64, "k": 10}}}]}
JSON
git add suite.json
# One real run is the template; each commit's run is that run made FACTOR slower with
# 1.5 % noise per trial (tests/support/scaled_result.py says why a known truth, not 60
# timings on a shared VM).
"$PERF_RUN" suite.json --no-probe -q -o "$WORK/template.json" || fail "perf-run"
measured_at() {  # measured_at OUT FACTOR SEED: a run at HEAD
  "$PYTHON" "$SCALED_RESULT" "$WORK/template.json" "$1" "$(git rev-parse HEAD)" "$2" "$3" || fail "scaled_result $1"
}
# Commits an hour apart, as pushes to main would be.
commit() { GIT_COMMITTER_DATE="$((1700000000 + $1 * 3600)) +0000" GIT_AUTHOR_DATE="$((1700000000 + $1 * 3600)) +0000" \
  git commit -qam "commit $1" --allow-empty; }
factor=1
for i in $(seq 1 "$RUNS"); do
  [ "$i" -eq "$SLOW_FROM" ] && factor=1.08
  commit "$i"
  git rev-parse HEAD >>"$WORK/commits"
  measured_at "$WORK/run.json" "$factor" "$i"
  "$PERF_BASELINE" record "$WORK/run.json" --name main >/dev/null 2>>"$WORK/record.err" || fail "record $i"
done
expect_eq "$("$PERF_BASELINE" runs main --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
  "$RUNS" "every run recorded"
before=$(sed -n "$((SLOW_FROM - 1))p" "$WORK/commits")
after=$(sed -n "${SLOW_FROM}p" "$WORK/commits")

# A maintainer accepts the slowdown: a re-baseline on the last run's commit, marked in the charts.
"$PERF_BASELINE" save "$WORK/run.json" --name main --reason "accept the 8 % slowdown" >/dev/null || fail "save"

# The change point: the largest change is the slowdown, between commit 34 and commit 35.
run "$PERF_REPORT" history main --json "$WORK/h.json" --html "$WORK/h.html" --markdown "$WORK/h.md" \
  --csv "$WORK/h.csv" --openmetrics "$WORK/h.om"
expect_rc 0 "perf-report history"
expect_eq "$(json_eval "$WORK/h.json" "d['schema']")" "perfgate.history/1" "history JSON schema"
expect_eq "$(json_eval "$WORK/h.json" "[(c['last_commit_before'], c['first_commit_after']) for c in d['changes'] if c['metric'] == 'latency_p50'][:1]")" \
  "[('$before', '$after')]" "latency_p50's largest change is between commits $((SLOW_FROM - 1)) and $SLOW_FROM"
expect_eq "$(json_eval "$WORK/h.json" "[c for c in d['changes'] if c['metric'] == 'latency_p50'][0]['kind']")" \
  "regression" "the slowdown reads as a regression"
expect_eq "$(json_eval "$WORK/h.json" "1.04 < [c for c in d['changes'] if c['metric'] == 'latency_p50'][0]['ratio'] < 1.14")" \
  "True" "its size is about +8 % ($(json_eval "$WORK/h.json" "[c['ratio'] for c in d['changes'] if c['metric'] == 'latency_p50']"))"
expect_in "$WORK/h.md" "${before:0:12}..${after:0:12}" "Markdown names the commit range"
run "$PERF_REPORT" history main
expect_in "$WORK/out" "${before:0:12}..${after:0:12}" "the terminal table names it too"

# Exports parse: CSV (one row per run and series), OpenMetrics text line format.
series=$(json_eval "$WORK/h.json" "len(d['series'])")
expect_eq "$("$PYTHON" -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(len(r), sorted(set(x["metric"] for x in r))[0], float(r[0]["median"]) > 0)' "$WORK/h.csv")" \
  "$((RUNS * series)) latency_p50 True" "CSV: one row per run and series"
"$PYTHON" - "$WORK/h.om" <<'PY' >"$WORK/om.check"
import re, sys
lines = open(sys.argv[1]).read().split("\n")
assert lines[-1] == "" and lines[-2] == "# EOF", "ends with # EOF"
label = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
sample = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*\{' + label + r'(?:,' + label + r')*\} [-+0-9.eE]+|NaN [0-9]+$')
meta = re.compile(r'^# (TYPE [a-z_]+ gauge|HELP [a-z_]+ .+)$')
samples = 0
for line in lines[:-2]:
    if line.startswith("#"):
        assert meta.match(line), line
    else:
        assert sample.match(line), line
        assert 'scenario="vector/top10"' in line and 'metric="' in line and 'commit="' in line, line
        samples += 1
print(samples)
PY
expect_eq "$(cat "$WORK/om.check")" "$((3 * RUNS * series))" "OpenMetrics: a median, min and max sample per run and series"

# The page in a real browser: a chart per series, the change marked, not blank.
CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -n "$CHROMIUM" ]; then
  browser() {
    timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
      --user-data-dir="$WORK/profile" --hide-scrollbars "$@" "file://$WORK/h.html" 2>>"$WORK/browser.log"
  }
  browser --dump-dom >"$WORK/dom.html"
  expect_eq "$(grep -o 'class="trend"' "$WORK/dom.html" | wc -l)" "$series" "one trend chart per series"
  expect_in "$WORK/dom.html" 'class="change-point"' "change points are marked in the charts"
  expect_eq "$(grep -o 'class="rebaseline-mark"' "$WORK/dom.html" | wc -l)" "$series" "the re-baseline is marked in each chart"
  expect_in "$WORK/dom.html" "re-baselined main@1 by" "with who and why on hover"
  expect_in "$WORK/dom.html" "${before:0:12}..${after:0:12}" "the page names the commit range"
  expect_eq "$(grep -o '<circle class="point"' "$WORK/dom.html" | wc -l)" "$((RUNS * series))" "a hover mark per run"
  page="file://$WORK/h.html"
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$WORK/profile" --dump-dom "$page#scenario=nomatch*" >"$WORK/dom-none.html" 2>>"$WORK/browser.log"
  expect_eq "$(grep -o '<section[^>]*hidden' "$WORK/dom-none.html" | wc -l)" "$series" "#scenario=GLOB: other scenarios' charts hidden"
  expect_in "$WORK/dom-none.html" '<span id="shown">0</span>' "and counted out"
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$WORK/profile" --dump-dom "$page#scenario=vector/*" >"$WORK/dom-match.html" 2>>"$WORK/browser.log"
  expect_eq "$(grep -o '<section[^>]*hidden' "$WORK/dom-match.html" | wc -l)" "0" "a matching glob hides nothing"
  browser --window-size=1200,1400 --screenshot="$WORK/history.png" >/dev/null
  read -r w h ink <<<"$("$PYTHON" "$(dirname "$0")/../support/png_stats.py" "$WORK/history.png")"
  expect_eq "$("$PYTHON" -c "print($ink > 0.02)")" "True" "the page is not blank ($ink of pixels drawn)"
else
  fail "chromium is not installed (ci/install-deps.sh --test installs it)"
fi

# Selection on the command line; a glob that matches nothing is an input error.
run "$PERF_REPORT" history main --scenario 'vector/*' --metric latency_p50 --json "$WORK/sel.json"
expect_eq "$(json_eval "$WORK/sel.json" "[(s['scenario'], s['metric']) for s in d['series']]")" "[('vector/top10', 'latency_p50')]" \
  "--scenario and --metric select series"
run "$PERF_REPORT" history main --scenario 'kv/*'
expect_rc 2 "a glob that matches no scenario"
expect_in "$WORK/err" "--scenario 'kv/*' matches no scenario of history 'main'" "says so"

# Readable from a bare repository and from a depth-1 fetch of the reference alone (the
# source commits are not there).
git init -q --bare "$WORK/bare.git" && git push -q "$WORK/bare.git" 'refs/perfgate/history/*:refs/perfgate/history/*'
run "$PERF_REPORT" history main -C "$WORK/bare.git" --json "$WORK/bare.json"
expect_rc 0 "a bare repository"
git init -q "$WORK/shallow" && git -C "$WORK/shallow" fetch -q --depth=1 "file://$PWD" \
  '+refs/perfgate/history/main:refs/perfgate/history/main'
expect_eq "$(git -C "$WORK/shallow" cat-file -t "$after" 2>/dev/null || echo absent)" "absent" "the shallow fetch lacks the source commits"
run "$PERF_REPORT" history main -C "$WORK/shallow" --json "$WORK/shallow.json"
expect_rc 0 "a depth-1 fetch of the history"
expect_eq "$(json_eval "$WORK/shallow.json" "(len(d['runs']), d['changes'][0]['first_commit_after'])")" \
  "$(json_eval "$WORK/h.json" "(len(d['runs']), d['changes'][0]['first_commit_after'])")" "reads the same history"

# In the gate: the runs since the change point are the baseline.
measured_at "$WORK/same.json" 1.08 1000
run "$PERF_COMPARE" "$WORK/same.json" --baseline history:main -o "$WORK/v-same.json"
expect_rc 0 "a candidate like the runs since the change passes"
expect_in "$WORK/v-same.json" '"history:main"' "the verdict names the history as its baseline"
measured_at "$WORK/slow.json" 1.35 1001
run "$PERF_COMPARE" "$WORK/slow.json" --baseline history:main -o "$WORK/v-slow.json"
expect_rc 1 "a candidate 25 % slower than the runs since the change fails"

# Concurrent recorders: two processes, ten distinct runs each, none lost.
for k in $(seq 1 20); do { cat "$WORK/run.json"; printf '%*s' "$k" ''; } >"$WORK/variant-$k.json"; done
( for k in $(seq 1 10); do "$PERF_BASELINE" record "$WORK/variant-$k.json" --name race >/dev/null || echo "a$k" >>"$WORK/race.err"; done ) &
( for k in $(seq 11 20); do "$PERF_BASELINE" record "$WORK/variant-$k.json" --name race >/dev/null || echo "b$k" >>"$WORK/race.err"; done ) &
wait
expect_no_file "$WORK/race.err" "no record failed"
expect_eq "$("$PERF_BASELINE" runs race --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')" "20" \
  "concurrent records: all 20 runs kept"
run "$PERF_BASELINE" record "$WORK/variant-3.json" --name race
expect_in "$WORK/out" "already recorded" "recording the same bytes again is a no-op"
expect_fsck_clean .git "after concurrent records"

# Retention: the newest N runs stay, pruning is a fast-forward.
tip=$(git rev-parse refs/perfgate/history/race)
run "$PERF_BASELINE" record "$WORK/run.json" --name race --keep 5
expect_in "$WORK/out" "(5 runs, 16 pruned)" "--keep 5 prunes to five runs"
expect_eq "$(git rev-parse refs/perfgate/history/race^)" "$tip" "pruning appends a commit (others' fetches fast-forward)"

# Bad inputs: one line, documented exit codes.
run "$PERF_REPORT" history nosuch
expect_rc 2 "no such history"
expect_in "$WORK/err" "no history named 'nosuch'" "says which history is missing"
expect_in "$WORK/err" "git fetch origin 'refs/perfgate/history/nosuch" "and how to fetch it"
"$PERF_BASELINE" record "$WORK/run.json" --name single >/dev/null
run "$PERF_REPORT" history single
expect_rc 2 "a history with one run"
expect_in "$WORK/err" "has 1 run" "says how many runs it has"
sed 's/"history-e2e"/"another-suite"/' "$WORK/run.json" >"$WORK/other.json"
run "$PERF_BASELINE" record "$WORK/other.json" --name main
expect_rc 2 "a result of another suite"
expect_in "$WORK/err" "holds suite 'another-suite', history 'main' holds suite 'history-e2e'" "names both suites"
echo '{}' >"$WORK/empty.json"
run "$PERF_BASELINE" record "$WORK/empty.json" --name main
expect_rc 2 "not a result"
# A damaged history: a run whose record is not JSON, a stray file in runs/, no runs at all.
history_with_runs() {  # history_with_runs NAME RUNS_TREE_LISTING: a hand-made history (mktree input)
  local runs_tree root
  runs_tree=$(printf '%b' "$2" | git mktree)
  root=$(printf '040000 tree %s\truns\n' "$runs_tree" | git mktree)
  git update-ref "refs/perfgate/history/$1" "$(git commit-tree "$root" -m "$1")"
}
blob=$(printf 'not json' | git hash-object -w --stdin)
result_blob=$(git hash-object -w "$WORK/run.json")
dir=$(printf '100644 blob %s\trecord.json\n100644 blob %s\tresult.json\n' "$blob" "$result_blob" | git mktree)
history_with_runs broken "040000 tree $dir\t01700000000-00000001-0123456789ab\n"
run "$PERF_REPORT" history broken
expect_rc 2 "a record that is not JSON"
expect_in "$WORK/err" "refs/perfgate/history/broken:runs/01700000000-00000001-0123456789ab/record.json" "names the stored file"
history_with_runs stray "100644 blob $blob\tstray\n"
run "$PERF_REPORT" history stray
expect_rc 3 "a history whose tree is not runs"
expect_in "$WORK/err" "the history is damaged" "says it is damaged"
history_with_runs empty ""
run "$PERF_REPORT" history empty
expect_rc 2 "an empty history"
expect_in "$WORK/err" "history 'empty' has no runs" "says it has no runs"
run "$PERF_COMPARE" "$WORK/run.json" --baseline history:empty
expect_rc 2 "an empty history as a baseline"
cd "$WORK" && mkdir -p plain && cd plain
run "$PERF_REPORT" history main
expect_rc 3 "not a git repository"
finish
