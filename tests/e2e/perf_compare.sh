#!/usr/bin/env bash
# perf-compare on real perf-run output and on derived files with known changes.
source "$(dirname "$0")/lib.sh"

expect_valid_verdict() {
  if $VALIDATE_JSON "$SCHEMA_DIR/perfgate.verdict-1.schema.json" "$1" 2>"$WORK/schema-err"; then pass; else
    fail "$2: $1 violates the verdict schema"; head -5 "$WORK/schema-err" >&2
  fi
}

run "$PERF_COMPARE" --help
expect_rc 0 "--help"
expect_in "$WORK/out" "Exit codes: 0 pass, 1 gate failed" "--help documents exit codes"

# One real run gives a valid file; its measured values are then replaced with fixed ones
# (0.1 % apart), so the verdicts below do not depend on how noisy this machine is.
run "$PERF_RUN" --scenario noop --scenario 'sort*' --duration 40ms --warmup 10ms --trials 6 -q -o measured.json
expect_rc 0 "baseline run"
"$PYTHON" - <<'PY'
import json
d = json.load(open("measured.json"))
for s in d["scenarios"]:
    for i, t in enumerate(s["trials"]):
        for k in ("throughput", "latency_p50", "latency_p99"):
            t["metrics"][k] = 1000.0 * (1 + 0.001 * i)
json.dump(d, open("base.json", "w"))
json.dump(d, open("same.json", "w"))
for s in d["scenarios"]:
    if s["name"].startswith("sort"):
        for t in s["trials"]:
            for k in ("latency_p50", "latency_p99"):
                t["metrics"][k] *= 1.3
            t["metrics"]["throughput"] /= 1.3
json.dump(d, open("slow.json", "w"))
PY

run "$PERF_COMPARE" same.json --baseline base.json -o same-verdict.json
expect_rc 0 "identical results pass"
expect_valid_verdict same-verdict.json "A/A verdict"
expect_eq "$(json_eval same-verdict.json "d['summary']['regression'] + d['summary']['improvement'] + d['summary']['error']")" "0" "identical results: no change found"
expect_eq "$(json_eval same-verdict.json "all(c['ratio'] == 1 for c in d['comparisons'])")" "True" "identical results: ratio 1"
expect_in "$WORK/out" "gate: passed" "table says passed"

run "$PERF_COMPARE" slow.json --baseline base.json -o slow-verdict.json --markdown slow.md
expect_rc 1 "a 30% slowdown fails the gate"
expect_valid_verdict slow-verdict.json "regression verdict"
expect_eq "$(json_eval slow-verdict.json "d['summary']['regression']")" "3" "three regressed metrics"
expect_eq "$(json_eval slow-verdict.json "[c['scenario'] for c in d['comparisons'][:3]]")" "['sort/100k', 'sort/100k', 'sort/100k']" "regressions first"
expect_eq "$(json_eval slow-verdict.json "round(d['comparisons'][0]['ratio'], 2) in (0.77, 1.3)")" "True" "ratio is the injected change"
expect_in slow.md "### perfgate: ❌ 3 regressions" "Markdown headline"
expect_in slow.md "#### Regressions" "Markdown regressions section"
expect_in "$WORK/out" "gate: FAILED (3 regressions)" "table gate line"

# A threshold is a factor either way: x1.3 latency and /1.3 throughput are within 30 %.
run "$PERF_COMPARE" slow.json --baseline base.json --threshold 31% --run-noise 0 -o within.json
expect_rc 0 "a 30% slowdown is within a 31% threshold, throughput too"
expect_eq "$(json_eval within.json "d['summary']['no-change']")" "6" "every comparison no-change"
run "$PERF_COMPARE" slow.json --baseline base.json --threshold 200% -q
expect_rc 0 "200% on throughput is /3, not unreachable"

# Absolute checks, with and without a baseline.
run "$PERF_COMPARE" base.json --check 'error_rate < 1%' --check 'noop: p99 < 1s' -q
expect_rc 0 "checks that hold"
run "$PERF_COMPARE" base.json --check 'sort*: p50 < 1ns' -o check-verdict.json
expect_rc 1 "a breached check fails the gate"
expect_valid_verdict check-verdict.json "check verdict"
expect_in "$WORK/out" "BREACHED" "breach shown"
expect_eq "$(json_eval check-verdict.json "d['baseline']")" "None" "no baseline recorded"

# Rules declared in the suite's "gate" travel in the result and apply without flags.
cat >gated.json <<'JSON'
{"suite": "gated", "defaults": {"warmup": 0, "duration": "20ms", "trials": 2,
  "gate": {"checks": ["p50 < 1ns"]}},
 "scenarios": [{"name": "noop", "target": {"type": "builtin", "workload": "noop"}}]}
JSON
run "$PERF_RUN" gated.json -q -o gated-result.json
run "$PERF_COMPARE" gated-result.json -o gated-verdict.json
expect_rc 1 "a check declared in the suite fails the gate"
expect_eq "$(json_eval gated-verdict.json "d['checks'][0]['check']")" "p50 < 1ns" "declared check reported"

# Foreign formats.
cat >gb-base.json <<'JSON'
{"benchmarks": [
 {"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "real_time": 100, "cpu_time": 99, "time_unit": "ns"},
 {"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "real_time": 101, "cpu_time": 100, "time_unit": "ns"},
 {"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "real_time": 102, "cpu_time": 101, "time_unit": "ns"},
 {"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "real_time": 100.5, "cpu_time": 99.5, "time_unit": "ns"},
 {"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "real_time": 101.5, "cpu_time": 100.5, "time_unit": "ns"},
 {"name": "BM_A_mean", "run_name": "BM_A", "run_type": "aggregate", "real_time": 101, "cpu_time": 100, "time_unit": "ns"}]}
JSON
"$PYTHON" -c "
import json; d=json.load(open('gb-base.json'))
for b in d['benchmarks']: b['real_time']*=1.5; b['cpu_time']*=1.5
json.dump(d, open('gb-slow.json','w'))"
run "$PERF_COMPARE" gb-slow.json --baseline gb-base.json
expect_rc 1 "Google Benchmark regression"
expect_in "$WORK/out" "BM_A      real_time" "gbench rows"
cat >hf.json <<'JSON'
{"results": [{"command": "./tool --fast", "times": [0.101, 0.102, 0.100, 0.103, 0.101]}]}
JSON
run "$PERF_COMPARE" hf.json --baseline hf.json
expect_rc 0 "hyperfine A/A"
run "$PERF_COMPARE" hf.json --baseline base.json
expect_rc 2 "unrelated inputs: a gate that compared nothing does not pass"
expect_in "$WORK/err" "nothing compared: no scenario and metric of hf.json is in base.json" "nothing-compared message"
expect_in "$WORK/err" "--command-name" "hyperfine hint"
cat >hf-renamed.json <<'JSON'
{"results": [{"command": "./tool --fast", "times": [0.101, 0.102, 0.100, 0.103, 0.101]},
             {"command": "./tool --slow", "times": [0.201, 0.202, 0.200, 0.203, 0.201]}]}
JSON
run "$PERF_COMPARE" hf-renamed.json --baseline hf.json
expect_rc 0 "a partial match keeps new/missing"
expect_in "$WORK/out" "  -      201ms" "absent side shown as -"
expect_in "$WORK/out" "new" "unmatched candidate scenario is new"

# Input and environment errors.
run "$PERF_COMPARE" slow.json --baseline nope.json
expect_rc 2 "missing baseline"
expect_in "$WORK/err" "perf-compare: error: nope.json: cannot open: No such file or directory" "missing baseline message"
echo '{"schema": "perfgate.result/2"}' >future.json
run "$PERF_COMPARE" future.json --baseline base.json
expect_rc 2 "unknown schema version"
expect_in "$WORK/err" "future.json: /schema: unsupported result schema \"perfgate.result/2\"" "schema message"
run "$PERF_COMPARE" base.json
expect_rc 2 "nothing to do"
run "$PERF_COMPARE" base.json --check 'p95 < soon'
expect_rc 2 "bad check"
run "$PERF_COMPARE" base.json --baseline base.json --metric bogus
expect_rc 2 "unknown metric"
run "$PERF_COMPARE" base.json --baseline base.json --correction bonferroni
expect_rc 2 "unknown correction"
run "$PERF_COMPARE" base.json --baseline base.json -o - --markdown -
expect_rc 2 "two outputs on stdout"
run "$PERF_COMPARE" base.json --baseline base.json --markdown -
expect_rc 0 "Markdown to stdout"
expect_in "$WORK/out" "### perfgate: ✅" "Markdown on stdout"
expect_in "$WORK/err" "gate: passed" "table moves to stderr"
run "$PERF_COMPARE" base.json --baseline base.json -o no-dir/v.json
expect_rc 3 "unwritable verdict"
finish
