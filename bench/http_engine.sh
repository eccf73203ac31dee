#!/usr/bin/env bash
# The HTTP engine's schedule accuracy, connection scale and memory, on a stock nginx from
# Debian (1 worker, a 2 KiB static file) on 127.0.0.1, and the in-process noop target:
#   delay   open model, p99 of actual - scheduled send time: noop with 1 thread, and
#           HTTP at RATE req/s over 64 connections (ROUNDS each); before each noop round,
#           the same timetable kept by a thread that never sleeps (perfgate-bench-hiccups)
#   conns   10 000 connections held by the closed model: errors, req/s, perf-run's RSS
#   soak    perf-run's RSS over a soak at 5 000 req/s (SOAK_S seconds, default 600)
# usage: bench/http_engine.sh BIN_DIR [delay|conns|soak|all] [ROUNDS] [RATE] [SOAK_S]
set -euo pipefail
bin=$(cd "$1" && pwd)
what=${2:-all}
rounds=${3:-3}
rate=${4:-10000}
soak_s=${5:-600}
source "$(dirname "$0")/nginx_server.sh"  # sets $work and $url

run() {  # run TARGET_JSON LOAD_JSON DURATION_JSON_MEMBER; prints the trial as JSON
  echo "{\"schema\": \"perfgate.suite/1\", \"suite\": \"bench\", \"defaults\": {\"warmup\": \"1s\", \"trials\": 1},
   \"scenarios\": [{\"name\": \"b\", \"target\": $1, \"load\": $2 $3}]}" >"$work/suite.json"
  "$bin/perf-run" "$work/suite.json" --no-probe -q -o "$work/r.json"
  python3 -c "import json; print(json.dumps(json.load(open('$work/r.json'))['scenarios'][0]['trials'][0]))"
}
http="{\"type\": \"http\", \"url\": \"$url\"}"

if [ "$what" = delay ] || [ "$what" = all ]; then
  echo "open model, 5 s trials: p99 of actual - scheduled send time"
  echo "  (host: a thread that never sleeps, on the same timetable just before the noop round:"
  echo "   the lateness this machine adds to any schedule, bench/host_hiccups.cpp)"
  for r in $(seq 1 "$rounds"); do
    echo "  host,             $rate/s, round $r: $("$bin/perfgate-bench-hiccups" 5 "$rate")"
    run '{"type": "builtin", "workload": "noop"}' "{\"model\": \"open\", \"rate\": $rate, \"max_concurrency\": 1}" ', "duration": "5s"' |
      python3 -c "import json,sys; t=json.load(sys.stdin); m=t['metrics']; print(f'  noop, 1 thread,  $rate/s, round $r: p99 {m[\"send_delay_p99\"]/1e3:.1f} us, late {m[\"late_count\"]:.0f}, cpu {m[\"cpu_user\"]+m[\"cpu_sys\"]:.2f} s')"
    run "$http" "{\"model\": \"open\", \"rate\": $rate, \"max_concurrency\": 64}" ', "duration": "5s"' |
      python3 -c "import json,sys; t=json.load(sys.stdin); m=t['metrics']; print(f'  HTTP, 64 conns,  $rate/s, round $r: p99 {m[\"send_delay_p99\"]/1e3:.1f} us, late {m[\"late_count\"]:.0f}, achieved {m[\"achieved_rate\"]:.0f}/s, errors {t[\"errors\"]}, latency p99 {m[\"latency_p99\"]/1e3:.0f} us, cpu {m[\"cpu_user\"]+m[\"cpu_sys\"]:.2f} s')"
  done
fi

if [ "$what" = conns ] || [ "$what" = all ]; then
  echo "10 000 connections, closed model, 10 s"
  for threads in 1 2; do
    run "$http" "{\"model\": \"closed\", \"concurrency\": 10000, \"threads\": $threads}" ', "duration": "10s"' |
      python3 -c "import json,sys; t=json.load(sys.stdin); m=t['metrics']; print(f'  threads $threads: {m[\"throughput\"]:.0f} req/s, errors {t[\"errors\"]}, latency p50 {m[\"latency_p50\"]/1e6:.1f} ms p99 {m[\"latency_p99\"]/1e6:.1f} ms, perf-run RSS peak {m[\"rss_peak\"]/2**20:.1f} MiB')"
  done
  echo "  (for scale, 64 connections:)"
  run "$http" '{"model": "closed", "concurrency": 64, "threads": 1}' ', "duration": "5s"' |
    python3 -c "import json,sys; t=json.load(sys.stdin); m=t['metrics']; print(f'  64 connections: perf-run RSS peak {m[\"rss_peak\"]/2**20:.1f} MiB')"
fi

if [ "$what" = soak ] || [ "$what" = all ]; then
  echo "soak at 5 000 req/s for $soak_s s: perf-run's RSS each 10 s"
  run "$http" "{\"model\": \"open\", \"shape\": \"soak\", \"rate\": 5000, \"duration\": \"${soak_s}s\", \"timeline_interval\": \"10s\"}" '' |
    python3 -c "
import json, sys
t = json.load(sys.stdin); tl = t['timeline']
rss = [p['rss_bytes'] / 2**20 for p in tl]
print('  MiB:', ' '.join(f'{x:.2f}' for x in rss))
print(f'  first {rss[0]:.2f}, last {rss[-1]:.2f}, max {max(rss):.2f}, growth first->max {max(rss) - rss[0]:.2f} MiB; errors {t[\"errors\"]}, achieved {t[\"metrics\"][\"achieved_rate\"]:.0f}/s')"
fi
