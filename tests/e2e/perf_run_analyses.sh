#!/usr/bin/env bash
# The shape analyses end to end, against servers of known behaviour on 127.0.0.1:
# a breaking point and a spike recovery on a server with a known capacity, leak and drift
# detection by sampling the server's own process, and sweeps. Figures are judged with
# margins derived from the capacity, never against wall-clock speed of this machine.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/http_lib.sh"

analysis() { json_eval "$1" "d['scenarios'][$2]['trials'][0]['analysis']$3"; }

# --- a server with a known capacity: one request at a time, 5 ms each -> at most 200/s ------------
# (sleep overshoot makes it ~180-195/s). Below 150/s it keeps up with no queue (the
# open model's arrivals are evenly spaced); above 200/s the queue grows without bound.
# The step load would go to 300/s, but stops after the first level that breaks.
start_server capacity --slots 1 --service-time 0.005
URL="http://127.0.0.1:$PORT/"
suite capacity.json \
  "{\"name\": \"step\", \"target\": {\"type\": \"http\", \"url\": \"$URL\"}, \"load\": {\"model\": \"open\", \"shape\": \"step\", \"start\": 50, \"step\": 50, \"levels\": 6, \"hold\": \"2s\", \"limits\": {\"p99\": \"100ms\"}}}" \
  "{\"name\": \"spike\", \"target\": {\"type\": \"http\", \"url\": \"$URL\"}, \"load\": {\"model\": \"open\", \"shape\": \"spike\", \"base\": 50, \"peak\": 300, \"before\": \"3s\", \"spike\": \"2s\", \"after\": \"7s\", \"timeline_interval\": \"500ms\"}}"
run "$PERF_RUN" capacity.json --no-probe -o capacity.out
expect_rc 0 "step and spike loads run"
expect_valid_result capacity.out "shape analyses"
sustained=$(analysis capacity.out 0 "['breaking_point']['sustained_rate']")
broken=$(analysis capacity.out 0 "['breaking_point']['broken_rate']")
expect_eq "$(py "$sustained in (100.0, 150.0, 200.0)")" "True" "breaking point at the known capacity (sustained $sustained/s)"
expect_eq "$(py "$broken == $sustained + 50")" "True" "the next level up is the one that broke ($broken/s)"
expect_eq "$(py "len($(analysis capacity.out 0 "['breaking_point']['broken_limits']")) > 0")" "True" "which limit broke is named"
expect_eq "$(metric capacity.out 0 breaking_point)" "$sustained" "breaking_point metric for gates"
expect_eq "$(analysis capacity.out 0 "['breaking_point']['stopped_at_break']")" "True" "the step load stopped at the break"
expect_eq "$(py "$(trial capacity.out 0 "['stages'].__len__()") == $broken / 50")" "True" "one stage summary per level run, none after the break"
expect_eq "$(trial capacity.out 0 "['stages'][0]['operations']")" "100" "a level's operations are those scheduled in it"
expect_in out "step trial 1: breaking point: sustained" "the breaking point is printed"
expect_in out "(the trial stopped there)" "and that the trial stopped there"

reference=$(analysis capacity.out 1 "['spike_recovery']['reference_p99']")
recovery=$(analysis capacity.out 1 "['spike_recovery']['recovery_s']")
# Backlog (300 - C) * 2 s drains at C - 50 per second: about 1.5-2 s for C in [180, 200].
expect_eq "$(py "0.5 <= $recovery <= 5")" "True" "spike recovery within the 5 s goal (${recovery} s)"
expect_eq "$(py "4e6 < $reference < 50e6")" "True" "pre-spike p99 is the service time ($reference ns)"
expect_eq "$(json_eval capacity.out "max(p['latency_p99'] for p in d['scenarios'][1]['trials'][0]['timeline']) > 10 * $reference")" \
  "True" "the spike did hurt: it queued requests"
expect_in out "spike trial 1: p99 before the spike" "the recovery is printed"
run "$PERF_COMPARE" capacity.out --check "spike_recovery < 5s" --check "breaking_point > 50/s"
expect_rc 0 "checks on shape metrics pass, each on its own shape"
run "$PERF_COMPARE" capacity.out --check "spike_recovery < 10ms" -o verdict.json
expect_rc 1 "a too-slow recovery fails the gate"
expect_in out "spike     spike_recovery < 10ms" "the breached check names the spike scenario"
expect_not_in out "step      spike_recovery" "a spike check does not apply to a step load"
run "$PERF_REPORT" render verdict.json --html report.html --result capacity.out
expect_rc 1 "HTML report of the shaped run (exit 1: it passes on the failed gate)"
expect_in report.html "<h2>Analyses</h2>" "the report has the analyses"
expect_in report.html "step trial 1: breaking point: sustained" "with the breaking point"

# --- soak: a leaking server found by sampling its process; a healthy one passes -----------------------
start_server leaky --leak-per-request 20000 --pid-file leaky.pid
LEAKY="http://127.0.0.1:$PORT/"
start_server healthy --pid-file healthy.pid
HEALTHY="http://127.0.0.1:$PORT/"
suite soak.json \
  "{\"name\": \"leaky\", \"target\": {\"type\": \"http\", \"url\": \"$LEAKY\", \"server_pid_file\": \"$WORK/leaky.pid\"}, \"load\": {\"model\": \"open\", \"shape\": \"soak\", \"rate\": 200, \"duration\": \"6s\", \"timeline_interval\": \"500ms\", \"drift\": {\"rss\": \"100MiB/h\"}}}" \
  "{\"name\": \"healthy\", \"target\": {\"type\": \"http\", \"url\": \"$HEALTHY\"}, \"load\": {\"model\": \"open\", \"shape\": \"soak\", \"rate\": 200, \"duration\": \"6s\", \"timeline_interval\": \"500ms\", \"drift\": {\"rss\": \"1GiB/h\", \"p99\": \"1s/min\"}}}"
run "$PERF_RUN" soak.json --no-probe --server-pid "$(cat healthy.pid)" -o soak.out
expect_rc 0 "soak runs with server sampling"
expect_valid_result soak.out "soak analyses"
leak_slope=$(analysis soak.out 0 "['drift']['rss']['slope']")
# ASan's allocator pads every block and quarantines freed memory, so a sanitized server's
# resident memory grows with traffic whether it leaks or not: exact slopes only without it.
sanitized=${PERFGATE_SANITIZED:-}
# 20 kB per request at 200 requests/s: 4 MB/s of resident memory.
[ -n "$sanitized" ] || expect_eq "$(py "3.0e6 < $leak_slope < 5.0e6")" "True" "the server's leak rate is measured (${leak_slope} B/s)"
expect_eq "$(analysis soak.out 0 "['drift']['rss']['exceeded']")" "True" "the leak is flagged"
expect_eq "$(metric soak.out 0 drift_exceeded)" "1.0" "drift_exceeded counts it"
expect_eq "$(py "$(metric soak.out 0 rss_peak) > 30e6")" "True" "rss_peak is the server's (it grew by ~24 MB)"
expect_eq "$(py "$(metric soak.out 0 cpu_user) + $(metric soak.out 0 cpu_sys) > 0")" "True" "the server's CPU time is sampled"
[ -n "$sanitized" ] || expect_eq "$(analysis soak.out 1 "['drift']['rss']['exceeded']")" "False" "no leak, no flag (--server-pid; bound 1 GiB/h: a 13th of the leak, far above start-up growth)"
expect_eq "$(analysis soak.out 1 "['drift']['p99']['exceeded']")" "False" "a steady p99 is not drift (bound: 1 s/min, far above noise over 6 s)"
expect_eq "$(json_eval soak.out "d['suite']['scenarios'][1]['target']['server_pid']")" "$(cat healthy.pid)" \
  "the result records which process was sampled"
expect_in out "leaky trial 1: rss drift" "drift is printed"
expect_in out "EXCEEDED" "an exceeded bound stands out"
run "$PERF_COMPARE" soak.out --check "drift_exceeded < 1"
expect_rc 1 "a leak fails a drift gate"

# A server pid that is not there is an environment failure, named, before any load runs.
suite nopid.json "{\"name\": \"x\", \"target\": {\"type\": \"http\", \"url\": \"$HEALTHY\", \"server_pid_file\": \"$WORK/missing.pid\"}, \"duration\": \"200ms\"}"
run "$PERF_RUN" nopid.json --no-probe -q -o nopid.out
expect_rc 3 "missing pid file: exit 3"
expect_in err "server_pid_file $WORK/missing.pid: cannot read a process id" "names the pid file"
expect_no_file nopid.out "no result for a run that could not start"
run "$PERF_RUN" soak.json --no-probe --server-pid 4194000 -q -o nopid.out --scenario healthy
expect_rc 3 "a pid with no process: exit 3"
expect_in err "server pid 4194000: no such process to sample" "names the pid"

# --- sweeps --------------------------------------------------------------------------------------------
cat >sweep.json <<'JSON'
{"suite": "sweeps", "defaults": {"warmup": "50ms", "duration": "200ms", "trials": 3},
 "scenarios": [
  {"name": "sort", "target": {"type": "builtin", "workload": "sort"},
   "sweep": {"parameter": "items", "values": [20000, 80000, 320000]}},
  {"name": "noop", "target": {"type": "builtin", "workload": "noop"}, "load": {"model": "closed", "concurrency": 1},
   "sweep": {"concurrency": [1, 2]}}]}
JSON
run "$PERF_RUN" sweep.json --no-probe -o sweep.out
expect_rc 0 "sweeps run"
expect_valid_result sweep.out "sweep result"
expect_eq "$(json_eval sweep.out "[s['name'] for s in d['scenarios']]")" \
  "['sort/items=20000', 'sort/items=80000', 'sort/items=320000', 'noop/concurrency=1', 'noop/concurrency=2']" \
  "one scenario per value"
# The exponent is the least-squares slope of log(mean latency) on log(items) over every
# trial (what the machine's speed does to the figure itself is a benchmark's business:
# a neighbour slowing one sweep point moved it from 1.1 to 1.8).
expect_eq "$(json_eval sweep.out "(lambda xy: abs(d['sweeps'][0]['exponent']['estimate'] - (lambda n, mx, my: sum((x - mx) * (y - my) for x, y in xy) / sum((x - mx) ** 2 for x, _ in xy))(len(xy), sum(x for x, _ in xy) / len(xy), sum(y for _, y in xy) / len(xy))) < 1e-9)([(math.log(int(s['name'].split('=')[1])), math.log(t['metrics']['latency_mean'])) for s in d['scenarios'] if s['name'].startswith('sort/') for t in s['trials']])")" \
  "True" "the sort exponent is the log-log fit of its trials"
expect_eq "$(json_eval sweep.out "d['sweeps'][0]['exponent']['low'] <= d['sweeps'][0]['exponent']['estimate'] <= d['sweeps'][0]['exponent']['high']")" \
  "True" "the exponent's interval holds its estimate"
expect_eq "$(json_eval sweep.out "d['sweeps'][1]['points'][0]['efficiency']")" "1.0" "efficiency is relative to 1 worker"
expect_eq "$(json_eval sweep.out "d['sweeps'][1]['parameter']")" "concurrency" "concurrency sweep recorded"
expect_in out "sort sweep of items: time per operation grows as items^" "the exponent is printed"
expect_in out "noop sweep of concurrency: parallel efficiency 1→1.00" "efficiency is printed"

finish
