#!/usr/bin/env bash
# perf-run's HTTP engine against wrk, side by side in one run, on a stock nginx from
# Debian (1 worker, a 2 KiB static file, access log off) on 127.0.0.1: requests/s and
# client CPU per request at each connection count, the same thread count for both, in
# alternating rounds (wrk, perf-run, wrk, perf-run, ...).
#
# usage: bench/http_vs_wrk.sh BIN_DIR [SECONDS] [ROUNDS] [THREADS] [CONNECTIONS...]
#   defaults: 5 s, 3 rounds, 1 thread, connections 1 4 64 256
# Client CPU: wrk's from its rusage (GNU time), perf-run's from its result (cpu_user +
# cpu_sys of the trial: the HTTP target without a server pid measures perf-run itself).
set -euo pipefail
bin=$(cd "$1" && pwd)
seconds=${2:-5}
rounds=${3:-3}
threads=${4:-1}
shift $(( $# < 4 ? $# : 4 ))
conns=("$@")
[ ${#conns[@]} -gt 0 ] || conns=(1 4 64 256)
source "$(dirname "$0")/nginx_server.sh"  # sets $work and $url

run_wrk() {  # prints req/s and CPU us per request
  /usr/bin/time -f "%U %S" -o "$work/time" wrk -t"$threads" -c"$1" -d"${seconds}s" "$url" >"$work/wrk.out"
  python3 - "$work/wrk.out" "$work/time" <<'PY'
import re, sys
out = open(sys.argv[1]).read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
n = int(re.search(r"(\d+) requests in", out).group(1))
user, sys_ = map(float, open(sys.argv[2]).read().split()[-2:])
print(f"{rate:.0f} {(user + sys_) / n * 1e6:.2f}")
PY
}
run_perf_run() {
  cat >"$work/suite.json" <<JSON
{"schema": "perfgate.suite/1", "suite": "bench", "defaults": {"warmup": "1s", "trials": 1},
 "scenarios": [{"name": "nginx", "target": {"type": "http", "url": "$url"},
                "load": {"model": "closed", "concurrency": $1, "threads": $threads}, "duration": "${seconds}s"}]}
JSON
  "$bin/perf-run" "$work/suite.json" --no-probe -q -o "$work/r.json"
  python3 - "$work/r.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["scenarios"][0]["trials"][0]
m = t["metrics"]
errors = sum(t["errors"].values())
print(f"{m['throughput']:.0f} {(m['cpu_user'] + m['cpu_sys']) / t['operations'] * 1e6:.2f}" + (f" errors={t['errors']}".replace(" ", "") if errors else ""))
PY
}

echo "nginx $(nginx -v 2>&1 | sed 's/.*\///'), wrk -t$threads, perf-run threads $threads, ${seconds} s per run, $rounds rounds"
printf "%6s %5s %10s %10s %7s %10s %10s %7s\n" conns round "wrk req/s" "pg req/s" ratio "wrk us/req" "pg us/req" "cpu"
# The host can change speed between two runs of a round (wrk alone has moved between 30k
# and 52k req/s from one round to the next here), so each row ends with the median of
# its rounds' ratios, which one such round does not move.
median() { python3 -c "import statistics, sys; print(f'{statistics.median(map(float, sys.argv[1:])):.3f}')" "$@"; }
for c in "${conns[@]}"; do
  rate_ratios=() cpu_ratios=()
  for r in $(seq 1 "$rounds"); do
    read -r wrate wcpu < <(run_wrk "$c")
    read -r prate pcpu rest < <(run_perf_run "$c")
    rate_ratios+=("$(python3 -c "print($prate / $wrate)")")
    cpu_ratios+=("$(python3 -c "print($pcpu / $wcpu)")")
    printf "%6s %5s %10s %10s %7.3f %10s %10s %7.3f %s\n" "$c" "$r" "$wrate" "$prate" \
      "${rate_ratios[-1]}" "$wcpu" "$pcpu" "${cpu_ratios[-1]}" "${rest:-}"
  done
  printf "%6s %5s %10s %10s %7s %10s %10s %7s\n" "$c" median "" "" "$(median "${rate_ratios[@]}")" "" "" "$(median "${cpu_ratios[@]}")"
done
