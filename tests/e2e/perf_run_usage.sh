#!/usr/bin/env bash
# perf-run's command line: help, version, flag errors, listing.
source "$(dirname "$0")/lib.sh"

run "$PERF_RUN" --help
expect_rc 0 "--help"
expect_in "$WORK/out" "Exit codes: 0 measured, 2 usage or input error, 3 environment failure" "--help documents exit codes"
for flag in --output --scenario --trials --duration --warmup --seed --quiet --keep-partial --list \
    --until-decided --budget --baseline --threshold; do
  expect_in "$WORK/out" "$flag" "--help lists $flag"
done

run "$PERF_RUN" --version
expect_rc 0 "--version"
expect_in "$WORK/out" "perf-run (perfgate) " "--version names the tool"

run "$PERF_RUN" --no-such-flag
expect_rc 2 "unknown flag"
expect_in "$WORK/err" "perf-run: error: The following argument was not expected: --no-such-flag" "unknown flag message"

run "$PERF_RUN" --trials 0
expect_rc 2 "--trials 0"
run "$PERF_RUN" --duration soon
expect_rc 2 "bad --duration"
expect_in "$WORK/err" "--duration: expected a duration such as 500ms, 2s or 1m, got 'soon'" "bad --duration message"

run "$PERF_RUN" --list
expect_rc 0 "--list"
expect_eq "$(tr '\n' ' ' <"$WORK/out")" "noop kv/get-put graph/2-hop vector/top10 sort/100k alloc/churn " "--list shows the default suite"
run "$PERF_RUN" --list --scenario 'kv/*' --scenario noop
expect_eq "$(tr '\n' ' ' <"$WORK/out")" "noop kv/get-put " "--scenario globs select"
run "$PERF_RUN" --list --scenario 'zzz*'
expect_rc 2 "--scenario matching nothing"
expect_in "$WORK/err" "--scenario 'zzz*' matches no scenario of suite 'builtin-default'" "glob error names the glob"
run "$PERF_RUN" --baseline x.json --list
expect_rc 2 "--baseline without --until-decided"
expect_in "$WORK/err" "--baseline and --threshold go with --until-decided" "adaptive flag message"
run "$PERF_RUN" --until-decided --budget soon --list
expect_rc 2 "bad --budget"

# The documented example suite is valid and runs.
example="$SCHEMA_DIR/../examples/command-suite.json"
run "$PERF_RUN" "$example" --list
expect_eq "$(tr '\n' ' ' <"$WORK/out")" "spawn/true shell/loop " "example suite parses"
run "$PERF_RUN" "$example" --duration 50ms --warmup 0 --trials 1 -q -o example.json
expect_rc 0 "example suite runs"
expect_eq "$(json_eval example.json "sum(t['metrics']['error_count'] for s in d['scenarios'] for t in s['trials'])")" "0.0" "example suite has no errors"
finish
