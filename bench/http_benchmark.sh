#!/usr/bin/env bash
# HTTP benchmarks of perf-run, side by side in one run, all on 127.0.0.1:
#   1. requests/s of perf-run (closed model) vs wrk against the same local server, with
#      the same number of connections (wrk with one thread);
#   2. open-model scheduling error: p99 of actual minus scheduled send time at a rate,
#      by worker count, and with the in-process noop target (no server competing for CPU);
#   3. perf-run's own RSS over a constant-load soak;
#   4. breaking point and spike recovery on a server of known capacity (1 slot x 5 ms).
# usage: bench/http_benchmark.sh BIN_DIR [SECONDS] [RATE] [ROUNDS]
set -euo pipefail
bin=$(cd "$1" && pwd)
seconds=${2:-10}
rate=${3:-10000}
rounds=${4:-3}
command -v wrk >/dev/null || { echo "wrk is not installed (ci/install-deps.sh installs it)" >&2; exit 3; }
work=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
"$bin/perfgate_test_http_server" --port-file "$work/port" --idle-exit 60 &
server=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$work/port")/"

suite() {  # suite LOAD_JSON DURATION
  echo "{\"schema\": \"perfgate.suite/1\", \"suite\": \"bench\", \"defaults\": {\"warmup\": \"1s\", \"trials\": 1},
   \"scenarios\": [{\"name\": \"b\", \"target\": {\"type\": \"http\", \"url\": \"$url\"}, \"load\": $1, \"duration\": \"$2\"}]}" >"$work/suite.json"
}
metric() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['scenarios'][0]['trials'][0]['metrics'][sys.argv[2]])" "$work/r.json" "$1"; }

echo "connections  round  wrk req/s  perf-run req/s  ratio"
for c in 1 4; do
  for r in $(seq 1 "$rounds"); do
    w=$(wrk -t1 -c"$c" -d"${seconds}s" "$url" | awk '/Requests\/sec/ {print $2}')
    suite "{\"model\": \"closed\", \"concurrency\": $c}" "${seconds}s"
    "$bin/perf-run" "$work/suite.json" -q -o "$work/r.json"
    p=$(metric throughput)
    printf "%11s  %5s  %9.0f  %14.0f  %5.2f\n" "$c" "$r" "$w" "$p" "$(python3 -c "print($p / $w)")"
  done
done

echo
echo "open model at ${rate}/s, ${seconds}s: send delay (actual - scheduled start)"
for workers in 4 32; do
  for r in $(seq 1 "$rounds"); do
    suite "{\"model\": \"open\", \"rate\": $rate, \"max_concurrency\": $workers}" "${seconds}s"
    "$bin/perf-run" "$work/suite.json" -q -o "$work/r.json"
    printf "HTTP, %2s workers, round %s: p99 %.1f us, achieved %.0f/s, late %s, dropped %s\n" "$workers" "$r" \
      "$(python3 -c "print($(metric send_delay_p99) / 1000)")" "$(metric achieved_rate)" "$(metric late_count)" "$(metric dropped_count)"
  done
done
for r in $(seq 1 "$rounds"); do
  echo "{\"schema\": \"perfgate.suite/1\", \"suite\": \"bench\", \"defaults\": {\"warmup\": \"1s\", \"trials\": 1},
   \"scenarios\": [{\"name\": \"b\", \"target\": {\"type\": \"builtin\", \"workload\": \"noop\"},
   \"load\": {\"model\": \"open\", \"rate\": $rate, \"max_concurrency\": 1}, \"duration\": \"${seconds}s\"}]}" >"$work/suite.json"
  "$bin/perf-run" "$work/suite.json" -q -o "$work/r.json"
  printf "noop,  1 worker,  round %s: p99 %.1f us, late %s\n" "$r" "$(python3 -c "print($(metric send_delay_p99) / 1000)")" "$(metric late_count)"
done

echo
echo "perf-run RSS during a ${seconds}0 s soak at 1000/s (MiB, per 1 s interval):"
suite "{\"model\": \"open\", \"shape\": \"soak\", \"rate\": 1000, \"duration\": \"${seconds}0s\", \"max_concurrency\": 8}" "${seconds}0s"
python3 - "$work/suite.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); del d["scenarios"][0]["duration"]; json.dump(d, open(sys.argv[1], "w"))
PY
"$bin/perf-run" "$work/suite.json" -q -o "$work/r.json"
python3 -c "
import json; t = json.load(open('$work/r.json'))['scenarios'][0]['trials'][0]['timeline']
rss = [p['rss_bytes'] / 2**20 for p in t]
print('first %.2f, second 10 %.2f, last %.2f, max %.2f' % (rss[0], rss[min(9, len(rss) - 1)], rss[-1], max(rss)))"

echo
echo "server of known capacity (1 request at a time, 5 ms each: at most 200/s):"
"$bin/perfgate_test_http_server" --port-file "$work/port2" --idle-exit 60 --slots 1 --service-time 0.005 &
server2=$!
trap 'kill $server $server2 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [ -s "$work/port2" ] && break; sleep 0.05; done
url2="http://127.0.0.1:$(cat "$work/port2")/"
cat >"$work/shapes.json" <<JSON
{"schema": "perfgate.suite/1", "suite": "capacity", "defaults": {"warmup": "0s", "trials": $rounds},
 "scenarios": [
  {"name": "step", "target": {"type": "http", "url": "$url2"},
   "load": {"model": "open", "shape": "step", "start": 50, "step": 25, "levels": 12, "hold": "3s", "limits": {"p99": "100ms"}}},
  {"name": "spike", "target": {"type": "http", "url": "$url2"},
   "load": {"model": "open", "shape": "spike", "base": 100, "peak": 300, "before": "5s", "spike": "2s", "after": "10s",
            "timeline_interval": "250ms"}}]}
JSON
"$bin/perf-run" "$work/shapes.json" -q -o "$work/r.json"
python3 - "$work/r.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for t in d["scenarios"][0]["trials"]:
    b = t["analysis"]["breaking_point"]
    print("step: sustained %s/s, broke at %s/s on %s" % (b["sustained_rate"], b["broken_rate"], ", ".join(b["broken_limits"])))
for t in d["scenarios"][1]["trials"]:
    s = t["analysis"]["spike_recovery"]
    print("spike 100->300->100/s for 2 s: recovered %s s after the spike (pre-spike p99 %.1f ms)" % (s["recovery_s"], s["reference_p99"] / 1e6))
PY
