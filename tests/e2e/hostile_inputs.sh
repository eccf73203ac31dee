#!/usr/bin/env bash
# Hostile input against the four tools, as issue #12 found it: every case exits 2 with
# one line on stderr naming the file or flag, never a crash, an internal error or a
# file left behind. (The readers themselves are fuzzed: tests/fuzz, docs/fuzzing.md.)
source "$(dirname "$0")/lib.sh"

# refused FILE_OR_FLAG DESCRIPTION CMD...: exit 2, one stderr line naming it, no output file
refused() {
  local names=$1 what=$2
  shift 2
  rm -f out.json
  run "$@"
  expect_rc 2 "$what"
  expect_eq "$(wc -l <"$WORK/err")" "1" "$what: one line"
  expect_in "$WORK/err" "$names" "$what: names $names"
  expect_no_file out.json "$what: no output"
}

suite_with() {  # suite_with FILE TARGET_JSON [SCENARIO_EXTRA]
  printf '{"schema": "perfgate.suite/1", "suite": "h", "scenarios": [{"name": "a", "target": %s%s}]}' "$2" "${3:-}" >"$1"
}

"$PYTHON" -c "print('{\"suite\": ' + '['*100000 + ']'*100000 + '}')" >deep.json
refused deep.json "100 000-deep nesting in a suite" "$PERF_RUN" deep.json -o out.json
refused deep.json "... in a result" "$PERF_COMPARE" deep.json --baseline deep.json -o out.json
refused deep.json "... in a verdict" "$PERF_REPORT" render deep.json --json out.json
suite_with long-url.json "{\"type\": \"http\", \"url\": \"http://$(head -c 30000 /dev/zero | tr '\0' a)/ x\"}"
refused long-url.json "a 30 kB URL" "$PERF_RUN" long-url.json -o out.json
suite_with port.json '{"type": "http", "url": "http://127.0.0.1:70000/"}'
refused "/scenarios/0/target/url" "a port out of range" "$PERF_RUN" port.json -o out.json
expect_in "$WORK/err" "1 to 65535" "says the range"
suite_with huge.json '{"type": "builtin", "workload": "noop"}' ', "trials": 1e999'
refused huge.json "1e999" "$PERF_RUN" huge.json -o out.json
suite_with count.json '{"type": "builtin", "workload": "noop"}' ', "trials": 18446744073709551616'
refused "/scenarios/0/trials" "a count of 2^64" "$PERF_RUN" count.json -o out.json
suite_with dur.json '{"type": "builtin", "workload": "noop"}' ', "duration": 1e300'
refused "/scenarios/0/duration" "a duration of 1e300 s" "$PERF_RUN" dur.json -o out.json
suite_with dup.json '{"type": "builtin", "workload": "noop", "workload": "kv"}'
refused "/scenarios/0/target/workload: duplicate key" "a key given twice" "$PERF_RUN" dup.json -o out.json
suite_with sweep.json '{"type": "builtin", "workload": "sort"}' ', "sweep": {"parameter": "items", "values": [[1], 2]}'
refused "/scenarios/0/sweep/values/0" "a sweep value of the wrong type" "$PERF_RUN" sweep.json -o out.json
for flag in "--duration nan" "--duration inf" "--warmup nan" "--duration 1e300"; do
  refused "${flag%% *}" "perf-run $flag" "$PERF_RUN" $flag -o out.json
done

"$PERF_RUN" --scenario noop --trials 3 --duration 20ms --warmup 0 --no-probe -q -o r.json || fail "a small result"
"$PYTHON" -c "import json; d=json.load(open('r.json')); d['scenarios'].append(d['scenarios'][0]); json.dump(d, open('twice.json','w'))"
refused "/scenarios/1/name" "a result with one scenario twice" "$PERF_COMPARE" twice.json --baseline r.json -o out.json
"$PYTHON" -c "import json; d=json.load(open('r.json')); d['scenarios'][0]['latency_histogram']['count']=1e300; json.dump(d, open('hist.json','w'))"
refused "/scenarios/0/latency_histogram/count" "a histogram count of 1e300" "$PERF_REPORT" merge hist.json -o out.json
for flag in "--alpha nan" "--confidence nan"; do
  refused "${flag%% *}" "perf-compare $flag" "$PERF_COMPARE" r.json --baseline r.json $flag -o out.json
done
refused "--timeout" "perf-report github --timeout nan" "$PERF_REPORT" github v.json --timeout nan

# Terminal escapes from input are shown escaped; huge echoed input is cut.
printf '{"schema": "perfgate.suite/1", "suite": "h", "scenarios": [{"name": "\\u001b[31mred", "target": {"type": "builtin", "workload": "nope"}}]}' >ansi.json
refused ansi.json "an ANSI escape in a name" "$PERF_RUN" ansi.json -o out.json
expect_eq "$(grep -c $'\x1b' "$WORK/err")" "0" "no raw escape character reaches the terminal"
big=$(head -c 100000 /dev/zero | tr '\0' x)  # near the kernel's limit for one argument
refused "check 'xxx" "a 100 kB --check expression" "$PERF_COMPARE" r.json --baseline r.json --check "$big < 1ms" -o out.json
expect_eq "$(( $(wc -c <"$WORK/err") < 2000 ))" "1" "its error line stays short ($(wc -c <"$WORK/err") bytes)"
finish
