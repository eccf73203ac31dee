#!/usr/bin/env bash
# perf-run measures real workloads and writes a schema-valid result.
source "$(dirname "$0")/lib.sh"

# The built-in default suite, shortened.
run "$PERF_RUN" --duration 50ms --warmup 10ms --trials 2 -o default.json
expect_rc 0 "default suite"
expect_valid_result default.json "default suite result"
expect_in "$WORK/out" "scenario" "summary table header"
expect_in "$WORK/out" "alloc/churn" "summary table lists every scenario"
expect_in "$WORK/out" "result: default.json" "summary names the file"
expect_eq "$(json_eval default.json "len(d['scenarios'])")" "6" "six scenarios"
expect_eq "$(json_eval default.json "all(len(s['trials']) == 2 for s in d['scenarios'])")" "True" "two trials each"
expect_eq "$(json_eval default.json "all(t['metrics']['throughput'] > 0 for s in d['scenarios'] for t in s['trials'])")" "True" "every trial has throughput"
expect_eq "$(json_eval default.json "d['suite']['scenarios'][0]['duration']")" "0.05" "the result embeds the suite as run"
expect_eq "$(json_eval default.json "d['interrupted']")" "False" "not interrupted"

# A command target with failures of every kind, JSON to stdout, table to stderr.
cat >cmd.json <<JSON
{"suite":"cmd","defaults":{"warmup":0,"duration":"300ms","trials":2},"scenarios":[
 {"name":"ok","target":{"type":"command","argv":["$TEST_CHILD","exit","0"]}},
 {"name":"exit3","target":{"type":"command","argv":["$TEST_CHILD","exit","3"]}},
 {"name":"hang","target":{"type":"command","argv":["$TEST_CHILD","sleep","30"],"timeout":"100ms"}}]}
JSON
run "$PERF_RUN" cmd.json -o -
expect_rc 0 "command suite to stdout"
cp "$WORK/out" cmd-result.json
expect_valid_result cmd-result.json "stdout result"
expect_in "$WORK/err" "exit3" "summary table on stderr when JSON is on stdout"
expect_eq "$(json_eval cmd-result.json "d['scenarios'][0]['trials'][0]['metrics']['error_rate']")" "0.0" "successful child"
expect_eq "$(json_eval cmd-result.json "list(d['scenarios'][1]['trials'][0]['errors'])")" "['exit status 3']" "exit status reason"
expect_eq "$(json_eval cmd-result.json "d['scenarios'][1]['trials'][0]['metrics']['error_rate']")" "1.0" "all failed"
expect_eq "$(json_eval cmd-result.json "'latency_p50' in d['scenarios'][1]['trials'][0]['metrics']")" "False" "no latency without successes"
expect_eq "$(json_eval cmd-result.json "list(d['scenarios'][2]['trials'][0]['errors'])")" "['timeout after 100ms']" "timeout reason"

# Quiet mode prints nothing; the schema check is not vacuous.
run "$PERF_RUN" --scenario noop --duration 20ms --warmup 0 --trials 1 -q -o quiet.json
expect_rc 0 "quiet run"
expect_eq "$(cat "$WORK/out" "$WORK/err")" "" "--quiet prints nothing"
"$PYTHON" -c "import json; d=json.load(open('quiet.json')); d['scenarios'][0]['trials'][0]['metrics']['error_rate']=2; json.dump(d, open('broken.json','w'))"
if $VALIDATE_JSON "$SCHEMA_DIR/perfgate.result-1.schema.json" broken.json 2>/dev/null; then
  fail "the schema accepts an error_rate of 2"
else pass; fi
finish
