#!/usr/bin/env bash
# The open model's shape analyses on a server of known capacity (the test server, one
# request at a time, 5 ms each: at most 200 req/s), on 127.0.0.1: the breaking point a
# step load finds, and how long p99 takes to recover after a spike. ROUNDS trials each.
# (Request rates and schedule accuracy against wrk and nginx: bench/http_vs_wrk.sh and
# bench/http_engine.sh.)
# usage: bench/http_shapes.sh BIN_DIR [ROUNDS]
set -euo pipefail
bin=$(cd "$1" && pwd)
rounds=${2:-3}
work=$(mktemp -d)
echo "server of known capacity (1 request at a time, 5 ms each: at most 200/s):"
"$bin/perfgate_test_http_server" --port-file "$work/port" --idle-exit 60 --slots 1 --service-time 0.005 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
url2="http://127.0.0.1:$(cat "$work/port")/"
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
