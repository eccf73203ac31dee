#!/usr/bin/env bash
# Ctrl-C stops cleanly: nothing partial unless --keep-partial, which marks the file.
source "$(dirname "$0")/lib.sh"

# Starts CMD, sends SIGINT after SECONDS, waits for it; the delays only need to be
# long enough for the run to have started (and, for --keep-partial, finished a trial).
interrupt_after() {  # interrupt_after SECONDS CMD...
  local delay=$1; shift
  "$@" >"$WORK/out" 2>"$WORK/err" </dev/null &
  local pid=$!
  sleep "$delay"
  kill -INT "$pid"
  wait "$pid"
  rc=$?
}

interrupt_after 1 "$PERF_RUN" --scenario noop --duration 30s --warmup 0 -o stopped.json
expect_rc 130 "interrupted run"
expect_no_file stopped.json "interrupted run writes nothing"
expect_in "$WORK/err" "perf-run: interrupted; no result written" "interrupt message"
expect_eq "$(ls -A | grep -c tmp)" "0" "no temp files left behind"

interrupt_after 2 "$PERF_RUN" --scenario noop --duration 300ms --trials 1000 --warmup 0 --keep-partial -o partial.json
expect_rc 130 "interrupted run with --keep-partial"
expect_file partial.json "--keep-partial writes the completed trials"
expect_valid_result partial.json "partial result"
expect_eq "$(json_eval partial.json "d['interrupted']")" "True" "partial result is marked"
expect_eq "$(json_eval partial.json "0 < len(d['scenarios'][0]['trials']) < 1000")" "True" "only completed trials"

# A command target's child is stopped too (it would otherwise run for 30 s).
cat >hang.json <<JSON
{"suite":"h","defaults":{"warmup":0,"duration":"30s","trials":1},"scenarios":[
 {"name":"hang","target":{"type":"command","argv":["$TEST_CHILD","sleep","30"],"timeout":"60s"}}]}
JSON
start=$(date +%s)
interrupt_after 1 "$PERF_RUN" hang.json -o hang-result.json
expect_rc 130 "interrupted command run"
[ $(( $(date +%s) - start )) -lt 20 ] && pass || fail "interrupting a hung child took too long"
finish
