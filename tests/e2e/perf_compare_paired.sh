#!/usr/bin/env bash
# Paired mode: perf-run interleaves two variants; perf-compare compares them pair by pair.
source "$(dirname "$0")/lib.sh"

cat >paired.json <<'JSON'
{"suite": "paired", "defaults": {"warmup": "10ms", "duration": "30ms", "trials": 6}, "scenarios": [
  {"name": "noop/pair", "variants": {"baseline": {"type": "builtin", "workload": "noop"},
                                     "candidate": {"type": "builtin", "workload": "noop"}}},
  {"name": "single", "target": {"type": "builtin", "workload": "noop"}, "trials": 2}]}
JSON
run "$PERF_RUN" paired.json -q -o run.json
expect_rc 0 "paired run"
expect_valid_result run.json "paired result"
expect_eq "$(json_eval run.json "len(d['scenarios'][0]['baseline']['trials'])")" "6" "baseline variant has every trial"
expect_eq "$(json_eval run.json "len(d['scenarios'][0]['trials'])")" "6" "candidate variant has every trial"
expect_eq "$(json_eval run.json "(lambda f: all(f[i] != f[i+1] for i in range(5)))(d['scenarios'][0]['baseline']['baseline_first'])")" "True" "order alternates"
expect_eq "$(json_eval run.json "'variants' in d['suite']['scenarios'][0]")" "True" "suite records the variants"

# Derived files with certain answers: identical variants, and a candidate 25 % slower.
"$PYTHON" - <<'PY'
import copy, json
d = json.load(open("run.json"))
s = d["scenarios"][0]
s["trials"] = copy.deepcopy(s["baseline"]["trials"])
json.dump(d, open("same.json", "w"))
for i, t in enumerate(s["trials"]):
    t["metrics"]["latency_p50"] *= 1.25 + 0.001 * i
    t["metrics"]["latency_p99"] *= 1.25 + 0.001 * i
    t["metrics"]["throughput"] /= 1.25 + 0.001 * i
json.dump(d, open("slow.json", "w"))
PY
run "$PERF_COMPARE" same.json -o same-verdict.json
expect_rc 0 "identical variants pass"
expect_in "$WORK/out" "warning: scenario 'single' has no baseline variant and was not compared" "unpaired scenario warned"
expect_eq "$(json_eval same-verdict.json "d['summary']['regression']")" "0" "no regression"
run "$PERF_COMPARE" slow.json -o slow-verdict.json
expect_rc 1 "a 25% slower candidate variant fails the gate"
expect_eq "$(json_eval slow-verdict.json "d['summary']['regression']")" "3" "three regressed metrics"
expect_eq "$(json_eval slow-verdict.json "sorted(set(c['test'] for c in d['comparisons']))")" "['t-paired-log']" "paired test used"
expect_eq "$(json_eval slow-verdict.json "d['baseline']")" "slow.json (baseline variant)" "baseline named"
if $VALIDATE_JSON "$SCHEMA_DIR/perfgate.verdict-1.schema.json" slow-verdict.json; then pass; else fail "paired verdict schema"; fi

# A result without paired scenarios and nothing else to do is a usage error.
run "$PERF_RUN" --scenario noop --duration 10ms --warmup 0 --trials 2 -q -o plain.json
run "$PERF_COMPARE" plain.json
expect_rc 2 "nothing to compare"
expect_in "$WORK/err" "plain.json: nothing to compare: give --baseline FILE, run a suite with paired \"variants\", or add --check EXPR" "message"
finish
