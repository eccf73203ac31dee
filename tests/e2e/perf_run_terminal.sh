#!/usr/bin/env bash
# On a terminal perf-run draws a progress line; in a pipe it draws none.
source "$(dirname "$0")/lib.sh"

if ! command -v script >/dev/null; then echo "no 'script' (util-linux): cannot make a terminal"; finish; exit; fi
# script(1) runs the command on a pseudo-terminal and records what it wrote.
script -qec "'$PERF_RUN' --scenario noop --scenario 'kv/*' --duration 50ms --warmup 20ms --trials 2 -o tty.json" \
  "$WORK/typescript" >/dev/null </dev/null
expect_in "$WORK/typescript" "[1/2] noop  warmup" "progress shows the warmup"
expect_in "$WORK/typescript" "[2/2] kv/get-put  trial 2/2" "progress shows scenario and trial"
expect_in "$WORK/typescript" "elapsed, ~" "progress shows elapsed and remaining time"
expect_in "$WORK/typescript" "result: tty.json" "summary follows"

run "$PERF_RUN" --scenario noop --duration 50ms --warmup 20ms --trials 2 -o pipe.json
expect_not_in "$WORK/err" "elapsed" "no progress line when stderr is not a terminal"
script -qec "'$PERF_RUN' --scenario noop --duration 50ms --warmup 0 --trials 1 -q -o quiet.json" \
  "$WORK/quiet-typescript" >/dev/null </dev/null
expect_not_in "$WORK/quiet-typescript" "elapsed" "--quiet draws no progress on a terminal"
finish
