#!/usr/bin/env bash
# perf-run --shard I/N splits a suite deterministically and in balance; perf-report merge
# puts the parts back into one result that perf-compare reads like a whole run.
source "$(dirname "$0")/lib.sh"

cat >suite.json <<'JSON'
{"schema": "perfgate.suite/1", "suite": "sharded",
 "defaults": {"warmup": "0s", "duration": "20ms", "trials": 2},
 "scenarios": [
   {"name": "a", "target": {"type": "builtin", "workload": "noop"}, "duration": "60ms"},
   {"name": "b", "target": {"type": "builtin", "workload": "noop"}},
   {"name": "c", "target": {"type": "builtin", "workload": "noop"}, "duration": "40ms"},
   {"name": "d", "target": {"type": "builtin", "workload": "noop"}},
   {"name": "e", "target": {"type": "builtin", "workload": "noop"}}]}
JSON
for i in 1 2 3; do
  run "$PERF_RUN" suite.json --shard "$i/3" --list
  sort "$WORK/out" >"list$i"
done
expect_eq "$(cat list1 list2 list3 | sort | tr '\n' ' ')" "a b c d e " "every scenario in exactly one shard"
expect_eq "$(cat list1 | tr '\n' ' ')|$(cat list2 | tr '\n' ' ')|$(cat list3 | tr '\n' ' ')" "a |c e |b d " \
  "longest first, each to the lightest shard"
run "$PERF_RUN" suite.json --shard 2/3 --list
expect_eq "$(sort "$WORK/out" | tr '\n' ' ')" "c e " "the same split every time"
for spec in 0/3 4/3 3 a/b 1/0; do
  run "$PERF_RUN" suite.json --shard "$spec" --list
  expect_rc 2 "--shard $spec rejected"
done

for i in 3 1 2; do
  run "$PERF_RUN" suite.json --shard "$i/3" -q -o "part$i.json"
  expect_rc 0 "shard $i/3 runs"
done
expect_valid_result part1.json "a shard result"
expect_eq "$(json_eval part3.json "d['shard']")" "{'index': 3, 'count': 3, 'suite_scenarios': ['a', 'b', 'c', 'd', 'e']}" \
  "a shard result records its part of the run"
run "$PERF_REPORT" merge part3.json part1.json part2.json -o merged.json
expect_rc 0 "merge"
expect_valid_result merged.json "the merged result"
expect_eq "$(json_eval merged.json "[s['name'] for s in d['scenarios']], [s['name'] for s in d['suite']['scenarios']], 'shard' in d")" \
  "['a', 'b', 'c', 'd', 'e'] ['a', 'b', 'c', 'd', 'e'] False" "suite order restored, no shard marker"
run "$PERF_COMPARE" merged.json --check 'throughput > 1/s' -q -o v.json
expect_rc 0 "perf-compare reads the merged result"
expect_eq "$(json_eval v.json "len(d['checks'])")" "5" "every scenario checked"

run "$PERF_REPORT" merge part1.json part2.json -o incomplete.json
expect_rc 2 "a missing shard is an error"
expect_in "$WORK/err" "shard 3/3 is missing" "names the missing shard"
expect_no_file incomplete.json "nothing written"
run "$PERF_REPORT" merge part1.json part1.json part2.json part3.json -o dup.json
expect_rc 2 "a repeated shard is an error"
run "$PERF_RUN" suite.json --scenario a -q -o whole-a.json
run "$PERF_RUN" suite.json --scenario 'b' -q -o whole-b.json
run "$PERF_REPORT" merge whole-a.json whole-b.json -o ab.json
expect_rc 0 "whole results of distinct scenarios merge too"
run "$PERF_REPORT" merge whole-a.json whole-a.json -o aa.json
expect_rc 2 "the same scenario twice is an error"
expect_in "$WORK/err" "scenario 'a' is also in another part" "says which"
finish
