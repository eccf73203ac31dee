#!/usr/bin/env bash
# What a perf-run trial of a Google Benchmark benchmark costs beyond the benchmark's own
# measuring time: the example's BM_Sum, N trials of MIN_TIME through perf-run (a fresh
# process each, iteration count estimated each time) against the same binary run
# directly with --benchmark_repetitions=N (one process, one estimate), in alternating
# rounds. Prints wall time per trial and per repetition, and the difference.
#
# Usage: bench/gbench_overhead.sh BUILD_BIN_DIR [N=20] [MIN_TIME=0.05] [ROUNDS=5]
set -u
bin=$(cd "${1:?build bin dir}" && pwd)
n=${2:-20}
min_time=${3:-0.05}
rounds=${4:-5}
example=$(cd "$(dirname "$0")/../docs/examples/gbench" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$example/build.sh" b || exit 1
for bm in BM_Sum BM_StringFind; do
  cat >suite.json <<JSON
{"suite": "overhead", "defaults": {"warmup": 0, "duration": $min_time, "trials": $n},
 "scenarios": [{"name": "k", "target": {"type": "gbench", "binary": "$work/b/bench_kernels", "filter": "^$bm\$"}}]}
JSON
  for ((r = 1; r <= rounds; r++)); do
    t0=$(date +%s.%N)
    b/bench_kernels --benchmark_filter="^$bm\$" --benchmark_min_time="$min_time" --benchmark_repetitions="$n" >/dev/null 2>&1
    t1=$(date +%s.%N)
    "$bin/perf-run" suite.json --no-probe -q -o r.json
    t2=$(date +%s.%N)
    python3 -c "
direct = ($t1 - $t0) / $n * 1e3; ours = ($t2 - $t1) / $n * 1e3
print('$bm round $r: direct %.1f ms a repetition, perf-run %.1f ms a trial, overhead %.1f ms a trial (%.2fx)' % (direct, ours, ours - direct, ours / direct))"
  done
done
