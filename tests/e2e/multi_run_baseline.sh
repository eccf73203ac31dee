#!/usr/bin/env bash
# Unpaired verdicts that know run-to-run noise: the machine-speed probe in every result,
# a candidate run on a slower machine judged inconclusive (not a regression), multi-run
# baselines from files and from git (save of several runs, --append), the run as the unit
# of the test. Measured values are replaced with fixed ones so verdicts do not depend on
# this machine's speed.
source "$(dirname "$0")/lib.sh"

run "$PERF_RUN" --scenario 'sort*' --scenario noop --duration 30ms --warmup 0 --trials 6 -q -o measured.json
expect_rc 0 "a real run"
expect_eq "$(json_eval measured.json "len(d['machine_probe']['before']) == 3 and len(d['machine_probe']['after']) == 3 and min(d['machine_probe']['before'] + d['machine_probe']['after']) > 0")" \
  "True" "the probe is measured before and after the suite"
run "$PERF_RUN" --scenario noop --duration 10ms --warmup 0 --trials 2 --no-probe -q -o noprobe.json
expect_eq "$(json_eval noprobe.json "'machine_probe' in d")" "False" "--no-probe skips it"

# run K at level L with machine probe P: every trial value of every metric = L * (1 + small spread)
"$PYTHON" - <<'PY'
import json
d = json.load(open("measured.json"))
def make(name, level, probe, spread=0.002):
    r = json.loads(json.dumps(d))
    r["machine_probe"]["before"] = [probe] * 3
    r["machine_probe"]["after"] = [probe] * 3
    for s in r["scenarios"]:
        for i, t in enumerate(s["trials"]):
            f = level * (1 + spread * (i % 3 - 1))
            t["metrics"]["latency_p50"] = 1000.0 * f
            t["metrics"]["latency_p99"] = 2000.0 * f
            t["metrics"]["throughput"] = 1e6 / f
    json.dump(r, open(name, "w"))
make("base.json", 1.00, 1000)
make("slow-machine.json", 1.30, 770)   # everything 30 % slower, and so was the probe
make("slow-code.json", 1.30, 1000)     # 30 % slower on an unchanged machine
make("run1.json", 1.00, 1000); make("run2.json", 1.02, 1000); make("run3.json", 0.99, 1000)
make("cand-same.json", 1.01, 1000); make("cand-slow.json", 1.25, 1000)
PY

run "$PERF_COMPARE" slow-machine.json --baseline base.json -o v1.json
expect_rc 0 "a slower machine is not a regression"
expect_eq "$(json_eval v1.json "d['summary']['regression']")" "0" "no regression claimed"
expect_eq "$(json_eval v1.json "round(d['machine_probe_shift'], 2)")" "-0.23" "the probe shift is reported"
expect_in v1.json "the machine itself (probe -23.0% speed) can explain a change of this size" "the reason names the probe"
expect_in v1.json "paired run (perf-run --pair) would decide" "and says what would decide"
run "$PERF_COMPARE" slow-machine.json --baseline base.json
expect_in "$WORK/out" "note: Machine-speed probe: the candidate's machine ran 23.0% slower" "the table says it too"
run "$PERF_COMPARE" slow-code.json --baseline base.json -o v2.json
expect_rc 1 "30 % slower code on an unchanged machine is a regression"
expect_eq "$(json_eval v2.json "d['comparisons'][0]['test']")" "welch-log+run-noise" "single runs allow for run-to-run noise"
expect_eq "$(json_eval v2.json "d['comparisons'][0]['runs']['noise']")" "0.02" "the assumed noise is recorded"
run "$PERF_COMPARE" slow-code.json --baseline base.json --run-noise 30% -o v3.json
expect_rc 0 "with 30 % run-to-run noise assumed, 30 % is within the noise"
run "$PERF_COMPARE" slow-code.json --baseline base.json --run-noise lots
expect_rc 2 "a bad --run-noise"
expect_in "$WORK/err" "--run-noise: expected a relative spread" "names the flag"

# Multi-run baselines from files: the run is the unit, degrees of freedom from the runs.
run "$PERF_COMPARE" cand-same.json --baseline run1.json --baseline run2.json --baseline run3.json -o v4.json
expect_rc 0 "A/A against a 3-run baseline passes"
expect_eq "$(json_eval v4.json "{c['test'] for c in d['comparisons']}")" "{'t-runs-log'}" "tested between runs"
expect_eq "$(json_eval v4.json "{(c['runs']['baseline'], c['runs']['candidate']) for c in d['comparisons']}")" "{(3, 1)}" \
  "runs per side recorded"
expect_eq "$(json_eval v4.json "d['comparisons'][0]['baseline']['n']")" "18" "every trial of every run counted"
run "$PERF_COMPARE" cand-slow.json --baseline run1.json --baseline run2.json --baseline run3.json -o v5.json
expect_rc 1 "25 % slower against a quiet 3-run baseline is caught"
run "$PERF_COMPARE" cand-same.json --baseline run1.json --baseline noprobe.json
expect_rc 0 "runs with different scenarios combine (unmatched ones are new/missing)"

# Multi-run baselines in git: several runs in one version; --append adds more.
new_repo repo
for f in run1 run2 run3 cand-same; do
  "$PYTHON" -c "
import json,sys; d=json.load(open('$f.json')); d['fingerprint'].pop('git', None); json.dump(d, open('repo/$f.json','w'))"
done
cd repo || exit 1
run "$PERF_BASELINE" save run1.json run2.json --name main --reason "two CI runs of main"
expect_rc 0 "save of two runs"
expect_in "$WORK/out" "2 runs" "save says how many runs"
expect_eq "$(git show perfgate/main/1:result-2.json | head -c 1)" "{" "the second run is stored beside the first"
run "$PERF_BASELINE" save run3.json --name main --append --reason "a third run"
expect_rc 0 "--append"
expect_eq "$("$PERF_BASELINE" list main --json | "$PYTHON" -c "import json,sys; print([v['runs'] for v in json.load(sys.stdin)])")" \
  "[2, 3]" "version 2 holds the earlier runs and the new one"
run "$PERF_COMPARE" cand-same.json --baseline git:main -o v6.json
expect_rc 0 "compare against a git multi-run baseline"
expect_eq "$(json_eval v6.json "d['comparisons'][0]['runs']['baseline']")" "3" "every stored run is used"
git commit -q --allow-empty -m two
run "$PERF_BASELINE" save run1.json --name main --append --commit HEAD --reason "another commit"
expect_rc 2 "--append of another commit's run"
expect_in "$WORK/err" "--append: main@2 holds runs of" "says whose runs the version holds"
finish
