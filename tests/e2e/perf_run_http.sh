#!/usr/bin/env bash
# perf-run against real HTTP servers on 127.0.0.1 (tests/support/test_http_server.cpp):
# closed and open models, stages, status and connection errors, a stalling server
# (coordinated omission), a dying server, an impossible rate, flat memory.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/http_lib.sh"

# --- closed and open models, statuses, bytes ------------------------------------------------
start_server ok
URL="http://127.0.0.1:$PORT"
suite basic.json \
  "{\"name\": \"closed\", \"target\": {\"type\": \"http\", \"url\": \"$URL/\"}, \"load\": {\"model\": \"closed\", \"concurrency\": 2}, \"duration\": \"500ms\"}" \
  "{\"name\": \"open\", \"target\": {\"type\": \"http\", \"url\": \"$URL/\"}, \"load\": {\"model\": \"open\", \"rate\": 200, \"max_concurrency\": 16}, \"duration\": \"2s\"}" \
  "{\"name\": \"503\", \"target\": {\"type\": \"http\", \"url\": \"$URL/status/503\"}, \"duration\": \"300ms\"}" \
  "{\"name\": \"503-expected\", \"target\": {\"type\": \"http\", \"url\": \"$URL/status/503\", \"expect_status\": [503]}, \"duration\": \"300ms\"}" \
  "{\"name\": \"post\", \"target\": {\"type\": \"http\", \"method\": \"POST\", \"url\": \"$URL/echo\", \"body\": \"$(printf 'x%.0s' $(seq 1 1000))\", \"headers\": {\"X-Test\": \"1\"}}, \"duration\": \"300ms\"}"
run "$PERF_RUN" basic.json --no-probe -q -o basic.json.out
expect_rc 0 "HTTP suite runs"
expect_valid_result basic.json.out "HTTP result"
expect_eq "$(py "$(metric basic.json.out 0 throughput) > 100")" "True" "closed model: requests flow"
expect_eq "$(trial basic.json.out 0 "['errors']")" "{}" "closed model: no errors"
expect_eq "$(py "abs($(metric basic.json.out 1 achieved_rate) - 200) < 200 * 0.05")" "True" "open model keeps the rate"
expect_eq "$(metric basic.json.out 1 target_rate)" "200.0" "target rate recorded"
# Whether sends ran late depends on this machine's load (another process may hold the
# CPUs); what the result guarantees is that the flag says what the counts say: more than
# 5 % of the 400 due operations late or dropped.
expect_eq "$(json_eval basic.json.out "(lambda t: t.get('rate_not_reached', False) == (t['metrics']['late_count'] + t['metrics']['dropped_count'] > 0.05 * t['metrics']['target_rate'] * 2.0))(d['scenarios'][1]['trials'][0])")" "True" \
  "rate_not_reached agrees with the late and dropped counts"
expect_eq "$(trial basic.json.out 1 "['timeline'].__len__()")" "2" "a timeline point per second"
expect_eq "$(json_eval basic.json.out "sum(p['operations'] for p in d['scenarios'][1]['trials'][0]['timeline']) == d['scenarios'][1]['trials'][0]['operations']")" \
  "True" "the timeline accounts for every operation"
expect_eq "$(trial basic.json.out 2 "['errors']")" "{'status_503': $(trial basic.json.out 2 "['operations']")}" \
  "unexpected statuses are errors, by status"
expect_eq "$(trial basic.json.out 3 "['errors']")" "{}" "expect_status accepts them"
expect_eq "$(py "$(metric basic.json.out 4 sent_bytes_per_s) > 1000 * $(metric basic.json.out 4 throughput)")" "True" \
  "bytes sent include the body"
expect_eq "$(py "$(metric basic.json.out 4 received_bytes_per_s) > 1000 * $(metric basic.json.out 4 throughput)")" "True" \
  "bytes received include the echoed body"

# --- stages: a ramp, seen in the timeline ------------------------------------------------------------
suite ramp.json "{\"name\": \"ramp\", \"target\": {\"type\": \"http\", \"url\": \"$URL/\"}, \"load\": {\"model\": \"open\", \"shape\": \"ramp\", \"from\": 50, \"to\": 350, \"duration\": \"3s\"}}"
run "$PERF_RUN" ramp.json --no-probe -q -o ramp.out
# The timetable fixes 100 and 300 due operations; an interval counts those that ended in
# it, so on a busy machine one due near a boundary can land in the next: allow 2 %.
expect_eq "$(json_eval ramp.out "[abs(t['timeline'][0]['operations'] - 100) <= 2, abs(t['timeline'][2]['operations'] - 300) <= 6] if (t := d['scenarios'][0]['trials'][0]) else 0")" "[True, True]" \
  "ramp 50→350/s over 3 s: 100 then 300 operations (± 2 %) in the first and last second ($(trial ramp.out 0 "['timeline'][0]['operations'], d['scenarios'][0]['trials'][0]['timeline'][2]['operations']"))"
expect_eq "$(json_eval ramp.out "d['suite']['scenarios'][0]['duration']")" "3.0" "the stages set the trial duration"

# --- a server that stalls 1 s: corrected latency shows it, service time does not ------------
start_server stall --stall-at 1.0 --stall-for 1.0
suite stall.json "{\"name\": \"stall\", \"target\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:$PORT/\"}, \"load\": {\"model\": \"open\", \"rate\": 200, \"max_concurrency\": 1}, \"duration\": \"3s\"}"
run "$PERF_RUN" stall.json --no-probe -q -o stall.out
expect_eq "$(py "$(metric stall.out 0 latency_p99) >= 0.9e9")" "True" "corrected p99 covers the 1 s stall ($(metric stall.out 0 latency_p99) ns)"
expect_eq "$(py "$(metric stall.out 0 service_p99) < 0.2e9")" "True" "uncorrected service p99 hides it ($(metric stall.out 0 service_p99) ns)"
expect_eq "$(trial stall.out 0 "['rate_not_reached']")" "True" "the delayed sends flag the trial"

# --- a server that dies mid-run: the run ends on time, errors counted -----------------------
start_server dying --die-after 1.0
suite dying.json "{\"name\": \"dying\", \"target\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:$PORT/\", \"timeout\": \"500ms\"}, \"load\": {\"model\": \"open\", \"rate\": 100, \"max_concurrency\": 4}, \"duration\": \"3s\"}"
run "$PERF_RUN" dying.json --no-probe -q -o dying.out
expect_rc 0 "a dying server is data, not a failure of perf-run"
expect_eq "$(py "$(trial dying.out 0 "['duration_s']") < 3.0 + 1.0")" "True" "the trial ends on time"
expect_eq "$(trial dying.out 0 "['errors'].get('connect_failed', 0) > 50")" "True" "connection failures counted by kind"
expect_eq "$(py "0.3 < $(metric dying.out 0 error_rate) < 0.8")" "True" "error rate reflects the 2 s without a server ($(metric dying.out 0 error_rate))"
expect_eq "$(py "abs($(metric dying.out 0 error_rate) - $(trial dying.out 0 "['unavailable_s']") / 3.0) < 0.15")" "True" \
  "it is the share of the trial without a server ($(trial dying.out 0 "['unavailable_s']") s of 3)"

# --- an impossible rate ------------------------------------------------------------------------------
start_server slow --threads 2 --service-time 0.01
suite slow.json "{\"name\": \"slow\", \"target\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:$PORT/\"}, \"load\": {\"model\": \"open\", \"rate\": 1000, \"max_concurrency\": 2}, \"duration\": \"2s\"}"
run "$PERF_RUN" slow.json --no-probe -q -o slow.out
expect_eq "$(trial slow.out 0 "['rate_not_reached']")" "True" "1000/s against a 200/s server: rate_not_reached"
expect_eq "$(py "$(metric slow.out 0 achieved_rate) < 300")" "True" "achieved rate recorded ($(metric slow.out 0 achieved_rate)/s)"
expect_eq "$(py "$(metric slow.out 0 dropped_count) > 1000")" "True" "dropped operations counted"

# --- memory stays flat at constant load (not under ASan, whose quarantine keeps freed memory) ---
if [ -z "${PERFGATE_SANITIZED:-}" ]; then
suite soak.json "{\"name\": \"soak\", \"target\": {\"type\": \"http\", \"url\": \"$URL/\"}, \"load\": {\"model\": \"open\", \"shape\": \"soak\", \"rate\": 1000, \"duration\": \"6s\", \"max_concurrency\": 8}}"
run "$PERF_RUN" soak.json --no-probe -q -o soak.out
expect_eq "$(trial soak.out 0 "['timeline'][5]['rss_bytes'] - d['scenarios'][0]['trials'][0]['timeline'][1]['rss_bytes'] < 1024 * 1024")" \
  "True" "perf-run's RSS grows < 1 MiB from second 2 to second 6 at 1000 req/s"
fi

# --- input and environment errors -------------------------------------------------------------
suite refused.json '{"name": "refused", "target": {"type": "http", "url": "http://127.0.0.1:9/"}}'
run "$PERF_RUN" refused.json --no-probe -q -o refused.out
expect_rc 3 "an unreachable target fails before anything runs"
expect_in "$WORK/err" "cannot reach the target (connect_failed)" "says why"
expect_no_file refused.out "nothing written"
suite badurl.json '{"name": "bad", "target": {"type": "http", "url": "ftp://x/"}}'
run "$PERF_RUN" badurl.json --no-probe --list
expect_rc 2 "a bad URL"
expect_in "$WORK/err" "/scenarios/0/target/url" "names the field"
suite badstage.json "{\"name\": \"s\", \"target\": {\"type\": \"http\", \"url\": \"$URL/\"}, \"load\": {\"model\": \"open\", \"shape\": \"zigzag\"}}"
run "$PERF_RUN" badstage.json --no-probe --list
expect_rc 2 "an unknown shape"
expect_in "$WORK/err" "one of: ramp, step, spike, soak" "lists the shapes"
finish
