#!/usr/bin/env bash
# Real-run calibration of paired mode (docs/statistics.md), run the way CI should run
# perfgate: a paired scenario (baseline and candidate interleaved), adaptive trials
# within a time budget, then `perf-compare --threshold 2%`. For a built-in and a command
# target: REPS A/A runs, and REPS runs whose candidate does exactly 5 % more work.
# Prints, per block, how often the gate failed, the pairs used and the time per run;
# per run, one line to the log with the verdicts.
#
# Usage: bench/paired_calibration.sh BUILD_BIN_DIR [REPS=40] [BUDGET=60s] [COMMAND_REPS=REPS]
# Environment: SKIP_BUILTIN=1 runs only the command blocks; LOOP=N iterations of the
# command's shell loop (default 100000; the candidate runs N * 1.05); COMMAND_TRIAL=1s.
set -u
bin=${1:?build bin dir, e.g. build/dev/bin}
reps=${2:-40}
budget=${3:-60s}
command_reps=${4:-$reps}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

suite() {  # suite NAME BASE_TARGET_JSON CAND_TARGET_JSON DURATION
  cat >"$work/suite.json" <<JSON
{"suite": "calibration", "defaults": {"warmup": "500ms", "duration": "$4", "trials": 10},
 "scenarios": [{"name": "$1", "variants": {"baseline": $2, "candidate": $3}}]}
JSON
}

measure() {  # measure LABEL REPS
  local failed=0 pairs=0 start=$SECONDS
  for ((i = 0; i < $2; i++)); do
    "$bin/perf-run" "$work/suite.json" -q --seed $((i + 1)) --until-decided --budget "$budget" \
      --threshold 2% -o "$work/result.json" || { echo "perf-run failed"; return 1; }
    "$bin/perf-compare" "$work/result.json" --threshold 2% -q -o "$work/verdict.json"
    local rc=$?
    [ $rc -eq 1 ] && failed=$((failed + 1))
    local n
    n=$(python3 -c "import json; print(len(json.load(open('$work/result.json'))['scenarios'][0]['trials']))")
    pairs=$((pairs + n))
    python3 -c "
import json; v = json.load(open('$work/verdict.json'))
print('$1 run $((i + 1)): exit $rc, $n pairs:', ', '.join('%s %s %+.1f%%' % (c['metric'], c['verdict'], (c['ratio'] - 1) * 100) for c in v['comparisons']))" >&2
  done
  printf '%-32s gate failed in %2d/%d runs (%5.1f%%); %.1f pairs and %.1f s per run\n' "$1" "$failed" "$2" \
    "$(echo "100 * $failed / $2" | bc -l)" "$(echo "$pairs / $2" | bc -l)" "$(echo "($SECONDS - $start) / $2" | bc -l)"
}

if [ -z "${SKIP_BUILTIN:-}" ]; then
vec() { echo "{\"type\": \"builtin\", \"workload\": \"vector_topk\", \"params\": {\"vectors\": $1}}"; }
suite "vector_topk A/A" "$(vec 20000)" "$(vec 20000)" 500ms
measure "built-in vector_topk A/A" "$reps"
suite "vector_topk +5%" "$(vec 20000)" "$(vec 21000)" 500ms
measure "built-in vector_topk +5% work" "$reps"
fi

loop() { echo "{\"type\": \"command\", \"argv\": [\"sh\", \"-c\", \"i=0; while [ \$i -lt $1 ]; do i=\$((i+1)); done\"]}"; }
n=${LOOP:-100000}
trial=${COMMAND_TRIAL:-1s}
suite "sh loop A/A" "$(loop "$n")" "$(loop "$n")" "$trial"
measure "command sh-loop($n) A/A" "$command_reps"
suite "sh loop +5%" "$(loop "$n")" "$(loop $((n * 105 / 100)))" "$trial"
measure "command sh-loop($n) +5% work" "$command_reps"
