#!/usr/bin/env bash
# Calibration of Google Benchmark targets (docs/gbench.md): the example suite of
# docs/examples/gbench (10 benchmarks) run paired the way its CI snippet runs it
# (perf-run --pair ... --until-decided, then perf-compare with the suite's 3 % gate).
# REPS A/A runs (two builds of the same source) and REPS runs whose candidate's BM_Hash
# does 5 % more work. Prints how often the gate failed, how often the 5 % change was
# caught on BM_Hash, any other benchmark flagged, and the time per run; one line per
# run goes to stderr.
#
# Usage: bench/gbench_calibration.sh BUILD_BIN_DIR [REPS=40] [BUDGET=90s]
set -u
bin=$(cd "${1:?build bin dir, e.g. build/dev/bin}" && pwd)
reps=${2:-40}
budget=${3:-90s}
example=$(cd "$(dirname "$0")/../docs/examples/gbench" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$example/build.sh" base && "$example/build.sh" base-again && "$example/build.sh" slower -DSLOWER_HASH_PERCENT=5 || exit 1

measure() {  # measure LABEL CANDIDATE_DIR
  local failed=0 caught=0 others=0 pairs=0 start=$SECONDS
  for ((i = 0; i < reps; i++)); do
    "$bin/perf-run" "$example/suite.json" --pair baseline=base --pair candidate="$2" --seed $((i + 1)) \
      --until-decided --budget "$budget" -q -o result.json || { echo "perf-run failed"; return 1; }
    "$bin/perf-compare" result.json -q -o verdict.json
    local rc=$?
    [ $rc -eq 1 ] && failed=$((failed + 1))
    read -r hash other n flagged < <(python3 - <<PY
import json
v = json.load(open('verdict.json')); r = json.load(open('result.json'))
reg = [(c['scenario'], c['metric']) for c in v['comparisons'] if c['verdict'] in ('regression', 'error')]
hash_caught = int(('kernels/BM_Hash', 'real_time') in reg)
other = len({s for s, m in reg if s != 'kernels/BM_Hash'})
flagged = ['%s %s %s %+.1f%%' % (c['scenario'], c['metric'], c['verdict'], (c['ratio'] - 1) * 100)
           for c in v['comparisons'] if c['verdict'] in ('regression', 'improvement', 'error')]
print(hash_caught, other, sum(len(s['trials']) for s in r['scenarios']), '; '.join(flagged))
PY
)
    caught=$((caught + hash)) others=$((others + (other > 0 ? 1 : 0))) pairs=$((pairs + n))
    echo "$1 run $((i + 1)): exit $rc, BM_Hash caught $hash, other benchmarks flagged $other, $n pairs; flagged: ${flagged:-none}" >&2
  done
  echo "$1: gate failed $failed/$reps; BM_Hash real_time regression $caught/$reps; runs flagging another benchmark $others/$reps; $((pairs / reps)) pairs a run (10 benchmarks); $(((SECONDS - start) / reps)) s a run"
}

measure "A/A" base-again
measure "BM_Hash +5%" slower
