#!/usr/bin/env bash
# Calibration of the gate on this machine, the rows of docs/statistics.md "Run-to-run
# noise": paired suites (--pair) with a CPU-hungry neighbour during part of each run,
# unpaired runs under a neighbour, unpaired runs against a multi-run baseline, and the
# built-in default suite paired with itself (--self-pair). The program under test is
# bench/ci_drift/work.c built twice (the candidate with 5 % more work).
#
# Usage: bench/ci_drift_calibration.sh BUILD_BIN_DIR [REPS=40] [ROWS="1 2 3 4 5"]
# Environment: LOG=FILE (absolute), BUDGET=60s per paired run.
# Each row prints one summary line; every run appends a line to $LOG (default
# ci-drift-calibration.log in the current directory).
set -u
bin=$(cd "${1:?build bin dir, e.g. build/dev/bin}" && pwd)
reps=${2:-40}
rows=${3:-1 2 3 4 5}
log=${LOG:-$(pwd)/ci-drift-calibration.log}
budget=${BUDGET:-60s}   # per paired run (one scenario): the time the gate may take
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
hogs=()
cleanup() { stop_hog; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

# Directory names of one length: argv[0] and the environment sit on the initial stack,
# so a longer path shifts its alignment and can move a tight loop by a few percent
# (Mytkowicz et al. 2009), which an A/A pair would then read as a difference.
for side in a c b; do mkdir -p "$side"; done
cc -O2 -o a/work "$here/ci_drift/work.c"
cc -O2 -o c/work "$here/ci_drift/work.c"
cc -O2 -DWORK=4200000 -o b/work "$here/ci_drift/work.c"   # 5 % more work
cat >suite.json <<'JSON'
{"schema": "perfgate.suite/1", "suite": "ci-drift",
 "defaults": {"warmup": "300ms", "duration": "300ms", "trials": 10},
 "scenarios": [{"name": "work", "target": {"type": "command", "argv": ["{build}/work"]}}]}
JSON

start_hog() {  # start_hog DELAY_S LENGTH_S: one busy loop per core, for part of the run
  for _ in 1 2; do
    (sleep "$1"; timeout "$2" sh -c 'while :; do :; done') &
    hogs+=($!)
  done
}
stop_hog() {
  for p in "${hogs[@]}"; do pkill -P "$p" 2>/dev/null; kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  hogs=()
}

# judge LABEL ARGS...: perf-compare ARGS -o v.json, logs the verdicts, counts gate failures
judge() {
  local label=$1
  shift
  "$bin/perf-compare" "$@" -q -o v.json
  local rc=$?
  [ "$rc" -eq 1 ] && failed=$((failed + 1))
  echo "$label: exit $rc; $(verdicts v.json)" >>"$log"
}

summary() {  # summary LABEL FAILED RUNS EXTRA
  printf '%-58s gate failed %2d/%d  %s\n' "$1" "$2" "$3" "$4" | tee -a "$log"
}

verdicts() { python3 -c "
import json,sys; v=json.load(open(sys.argv[1]))
print(', '.join('%s %s %+.1f%%' % (c['metric'], c['verdict'], (c['ratio'] - 1) * 100) for c in v['comparisons']))" "$1"; }

paired_row() {  # paired_row LABEL CANDIDATE_DIR
  local failed=0 t0=$SECONDS
  for ((i = 1; i <= reps; i++)); do
    start_hog $((RANDOM % 15)) 10
    "$bin/perf-run" suite.json --pair baseline=a --pair candidate="$2" --until-decided --budget "$budget" \
      --threshold 2% --seed "$i" -q -o r.json
    stop_hog
    judge "$1 run $i" r.json --threshold 2%
  done
  summary "$1" "$failed" "$reps" "($(( (SECONDS - t0) / reps )) s a run)"
}

unpaired_hog_row() {
  local failed=0
  for ((i = 1; i <= reps; i++)); do
    "$bin/perf-run" suite.json --build a --seed "$i" -q -o base.json
    start_hog 0 30
    "$bin/perf-run" suite.json --build c --seed "$i" -q -o cand.json
    stop_hog
    judge "unpaired A/A, candidate under a neighbour, run $i" cand.json --baseline base.json
    echo "  probe shift $(python3 -c "import json; print(json.load(open('v.json'))['machine_probe_shift'])")" >>"$log"
  done
  summary "unpaired A/A, candidate under a CPU-hungry neighbour" "$failed" "$reps" ""
}

multi_run_row() {  # reps+3 quiet runs; comparison i: runs i..i+2 as baseline, run i+3 candidate
  for ((i = 1; i <= reps + 3; i++)); do "$bin/perf-run" suite.json --build a --seed "$i" -q -o "run$i.json"; done
  local failed=0
  for ((i = 1; i <= reps; i++)); do
    judge "unpaired A/A, 3-run baseline, comparison $i" "run$((i + 3)).json" --baseline "run$i.json" \
      --baseline "run$((i + 1)).json" --baseline "run$((i + 2)).json"
  done
  summary "unpaired A/A, both quiet, 3-run baseline (sliding window)" "$failed" "$reps" ""
}

self_pair_row() {
  local failed=0 total=0 no_change=0
  for ((i = 1; i <= reps; i++)); do
    "$bin/perf-run" --self-pair --seed "$i" -q -o self.json
    judge "default suite --self-pair run $i" self.json
    read -r n k < <(python3 -c "
import json; v=json.load(open('v.json')); c=v['comparisons']
print(len(c), sum(x['verdict']=='no-change' for x in c))")
    total=$((total + n)); no_change=$((no_change + k))
    echo "  $k/$n no-change" >>"$log"
  done
  summary "paired A/A of the default suite (--self-pair)" "$failed" "$reps" \
    "no-change $no_change/$total ($(( 100 * no_change / total )) %)"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, $reps runs a row" >>"$log"
for row in $rows; do
  case $row in
    1) paired_row "paired A/A, neighbour during part of the run" c ;;
    2) paired_row "paired +5 % work, neighbour during part of the run" b ;;
    3) unpaired_hog_row ;;
    4) multi_run_row ;;
    5) self_pair_row ;;
  esac
done
