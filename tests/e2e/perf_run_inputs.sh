#!/usr/bin/env bash
# Bad input gets one clear line naming the file and field, the documented exit code,
# and no output file.
source "$(dirname "$0")/lib.sh"

check_input_error() {  # check_input_error FILE CONTENT EXPECTED_MESSAGE
  printf '%s' "$2" >"$1"
  run "$PERF_RUN" "$1" -o result.json -q
  expect_rc 2 "$1"
  expect_in "$WORK/err" "perf-run: error: $3" "$1 message"
  expect_eq "$(wc -l <"$WORK/err")" "1" "$1: the error is one line"
  expect_no_file result.json "$1 writes nothing"
}

check_input_error malformed.json '{"suite": "x", "scenarios": [' \
  "malformed.json: invalid JSON: parse error at line 1, column 30"
check_input_error wrong-type.json '{"suite":"x","scenarios":[{"name":"a","target":{"type":"builtin","workload":"kv"},"load":{"model":"closed","concurrency":"four"}}]}' \
  'wrong-type.json: /scenarios/0/load/concurrency: expected integer in [1, 100000], got "four"'
check_input_error typo.json '{"suite":"x","scenarios":[{"name":"a","target":{"type":"builtin","workload":"kv","params":{"kyes":1}}}]}' \
  'typo.json: /scenarios/0/target/params/kyes: unknown parameter of workload kv (known: keys, put_ratio)'
check_input_error schema.json '{"schema":"perfgate.suite/7","suite":"x","scenarios":[]}' \
  'schema.json: /schema: unsupported suite schema (this perfgate reads perfgate.suite/1)'
check_input_error empty.json '' 'empty.json: invalid JSON'

run "$PERF_RUN" missing.json
expect_rc 2 "missing suite file"
expect_in "$WORK/err" "perf-run: error: missing.json: cannot open: No such file or directory" "missing file message"

echo '{"suite":"x","scenarios":[{"name":"a","target":{"type":"builtin","workload":"noop"}}]}' |
  { "$PERF_RUN" - --list >"$WORK/out" 2>"$WORK/err"; rc=$?; }
expect_eq "$(cat "$WORK/out")" "a" "suite from stdin"

# Environment failures: exit 3, before any scenario runs.
cat >unstartable.json <<JSON
{"suite":"x","defaults":{"warmup":0,"duration":"50ms","trials":1},"scenarios":[
 {"name":"fine","target":{"type":"builtin","workload":"noop"}},
 {"name":"broken","target":{"type":"command","argv":["perfgate-no-such-program"]}}]}
JSON
run "$PERF_RUN" unstartable.json -o result.json
expect_rc 3 "unstartable command target"
expect_in "$WORK/err" "perf-run: error: scenario 'broken': command target: cannot execute 'perfgate-no-such-program': not found or not executable" "unstartable message"
expect_no_file result.json "unstartable target writes nothing"

run "$PERF_RUN" --scenario noop --duration 10ms --warmup 0 --trials 1 -o no-such-dir/result.json
expect_rc 3 "unwritable output"
expect_in "$WORK/err" "cannot write 'no-such-dir/result.json': directory 'no-such-dir' does not exist" "unwritable output message"
finish
