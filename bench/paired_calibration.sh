#!/usr/bin/env bash
# Real-run calibration of paired mode (docs/statistics.md): REPS A/A runs and REPS runs
# with a candidate doing exactly 5 % more work, for a built-in and a command target;
# each run is one `perf-run` of a paired scenario plus `perf-compare --threshold 2%`.
# Prints pass/catch rates and the time per run.
#
# Usage: bench/paired_calibration.sh BUILD_BIN_DIR [REPS=40]
set -u
bin=${1:?build bin dir, e.g. build/dev/bin}
reps=${2:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

suite() {  # suite NAME BASE_TARGET_JSON CAND_TARGET_JSON DURATION
  cat >"$work/suite.json" <<JSON
{"suite": "calibration", "defaults": {"warmup": "500ms", "duration": "$4", "trials": 10},
 "scenarios": [{"name": "$1", "variants": {"baseline": $2, "candidate": $3}}]}
JSON
}

measure() {  # measure LABEL: runs the suite REPS times, prints the share failing the gate
  local failed=0 start=$SECONDS
  for ((i = 0; i < reps; i++)); do
    "$bin/perf-run" "$work/suite.json" -q --seed $((i + 1)) -o "$work/result.json" || { echo "perf-run failed"; return 1; }
    "$bin/perf-compare" "$work/result.json" --threshold 2% -q -o "$work/verdict.json"
    [ $? -eq 1 ] && failed=$((failed + 1))
  done
  printf '%-40s gate failed in %d/%d runs (%.1f%%), %.1f s per run\n' "$1" "$failed" "$reps" \
    "$(echo "100 * $failed / $reps" | bc -l)" "$(echo "($SECONDS - $start) / $reps" | bc -l)"
}

vec() { echo "{\"type\": \"builtin\", \"workload\": \"vector_topk\", \"params\": {\"vectors\": $1}}"; }
suite "vector_topk A/A" "$(vec 20000)" "$(vec 20000)" 500ms
measure "built-in vector_topk A/A"
suite "vector_topk +5%" "$(vec 20000)" "$(vec 21000)" 500ms
measure "built-in vector_topk +5% work"

loop() { echo "{\"type\": \"command\", \"argv\": [\"sh\", \"-c\", \"i=0; while [ \$i -lt $1 ]; do i=\$((i+1)); done\"]}"; }
suite "sh loop A/A" "$(loop 100000)" "$(loop 100000)" 1s
measure "command sh-loop A/A"
suite "sh loop +5%" "$(loop 100000)" "$(loop 105000)" 1s
measure "command sh-loop +5% work"
