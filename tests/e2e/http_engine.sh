#!/usr/bin/env bash
# perf-run's HTTP engine against servers that misbehave on cue (tests/support/
# rude_http_server.cpp): keep-alive connections dropped between requests, responses cut
# short or split across writes, resets, a server that stops reading, one that dies, and
# 1 000 connections at once. Every failure is counted by kind, and every trial ends on
# time. Counts are checked against what the server's behaviour fixes, not against speed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/http_lib.sh"

scenario() {  # scenario NAME URL LOAD_JSON DURATION [TARGET_EXTRA_JSON]
  echo "{\"name\": \"$1\", \"target\": {\"type\": \"http\", \"url\": \"$2\"${5:+, $5}}, \"load\": $3, \"duration\": \"$4\"}"
}
errors() { trial "$1" "$2" "['errors']"; }
ops() { trial "$1" "$2" "['operations']"; }

# --- keep-alive connections the server drops between requests: sent again, not errors ---------
start_rude_server dropping --behaviour close-after --every 3
URL="http://127.0.0.1:$PORT/"
suite dropping.json "$(scenario closed "$URL" '{"model": "closed", "concurrency": 4}' 1s)" \
  "$(scenario open "$URL" '{"model": "open", "rate": 300, "max_concurrency": 4}' 1s)"
run "$PERF_RUN" dropping.json --no-probe -q -o dropping.out
expect_rc 0 "a server dropping keep-alive connections"
expect_valid_result dropping.out "its result"
expect_eq "$(errors dropping.out 0)" "{}" "closed model: a request on a dropped connection is sent again on a new one"
expect_eq "$(errors dropping.out 1)" "{}" "open model: likewise"
expect_eq "$(py "$(ops dropping.out 0) > 30")" "True" "requests flowed ($(ops dropping.out 0))"

# --- a response cut short: connection_closed, exactly one per five requests of a connection ----
start_rude_server truncating --behaviour truncate --every 5
suite truncate.json "$(scenario truncate "http://127.0.0.1:$PORT/" '{"model": "closed", "concurrency": 4}' 1s)"
run "$PERF_RUN" truncate.json --no-probe -q -o truncate.out
expect_eq "$(trial truncate.out 0 "['errors'].keys().__str__()")" "dict_keys(['connection_closed'])" "a truncated response is connection_closed"
failed=$(trial truncate.out 0 "['errors']['connection_closed']")
total=$(ops truncate.out 0)
expect_eq "$(py "abs(5 * $failed - $total) <= 5 * 4 + 5")" "True" \
  "every 5th request of a connection fails, no more ($failed of $total)"

# --- responses split across writes with pauses: parsed whole, no errors -----------------------
start_rude_server splitting --behaviour split
suite split.json "$(scenario split "http://127.0.0.1:$PORT/" '{"model": "closed", "concurrency": 2}' 1s)"
run "$PERF_RUN" split.json --no-probe -q -o split.out
expect_eq "$(errors split.out 0)" "{}" "a response in four pieces is one response"
expect_eq "$(py "$(metric split.out 0 latency_p50) >= 6e6")" "True" \
  "its latency covers the pauses between pieces ($(metric split.out 0 latency_p50) ns)"

# --- resets: a GET is sent again on a new connection; a POST is not, and counts -----------------
start_rude_server resetting --behaviour reset --every 2
URL="http://127.0.0.1:$PORT/"
suite reset.json "$(scenario get "$URL" '{"model": "closed", "concurrency": 2}' 1s)" \
  "$(scenario post "$URL" '{"model": "closed", "concurrency": 2}' 1s '"method": "POST", "body": "x"')"
run "$PERF_RUN" reset.json --no-probe -q -o reset.out
expect_eq "$(errors reset.out 0)" "{}" "GET reset on a reused connection: sent again, succeeds"
expect_eq "$(trial reset.out 1 "['errors'].keys().__str__()")" "dict_keys(['connection_reset'])" "POST: connection_reset"
failed=$(trial reset.out 1 "['errors']['connection_reset']")
total=$(ops reset.out 1)
expect_eq "$(py "abs(2 * $failed - $total) <= 2 * 2 + 2")" "True" "every 2nd POST of a connection is reset ($failed of $total)"

# --- a server that stops reading after a connection's first request: the next 1 MiB body ---
# --- cannot be written; it times out, and the trial ends on time ------------------------------
start_rude_server deaf --behaviour stop-reading --every 2
body=$("$PYTHON" -c "print('x' * (1 << 20))")
suite deaf.json "$(scenario deaf "http://127.0.0.1:$PORT/" '{"model": "closed", "concurrency": 2}' 1s \
  "\"method\": \"POST\", \"body\": \"$body\", \"timeout\": \"300ms\"")"
run "$PERF_RUN" deaf.json --no-probe -q -o deaf.out
expect_rc 0 "a server that stops reading is data"
expect_eq "$(trial deaf.out 0 "['errors'].keys().__str__()")" "dict_keys(['timeout'])" "its requests time out"
failed=$(trial deaf.out 0 "['errors']['timeout']")
total=$(ops deaf.out 0)
expect_eq "$(py "$failed >= 2 and abs(2 * $failed - $total) <= 2 * 2 + 2")" "True" \
  "every 2nd request of a connection times out ($failed of $total)"
expect_eq "$(py "$(trial deaf.out 0 "['duration_s']") < 1.0 + 0.3 + 0.5")" "True" \
  "the trial ends on time: its length plus one timeout ($(trial deaf.out 0 "['duration_s']") s)"

# --- a server that dies: a few probes in a bounded backoff, the outage timed ---------------------
start_rude_server dying --die-after 1.0
suite dying.json "$(scenario dying "http://127.0.0.1:$PORT/" '{"model": "closed", "concurrency": 4}' 3s '"timeout": "500ms"')"
run "$PERF_RUN" dying.json --no-probe -o dying.out
expect_rc 0 "a dying server is data, not a failure of perf-run"
cat "$WORK/out" "$WORK/err" >dying.txt
expect_in dying.txt "dying trial 1: target unreachable for" "the summary says how long the target was unreachable"
refused=$(trial dying.out 0 "['errors'].get('connect_failed', 0)")
expect_eq "$(py "1 <= $refused <= 100")" "True" "without a server the closed model probes, it does not spin ($refused connect_failed in 2 s)"
expect_eq "$(py "1.2 < $(trial dying.out 0 "['unavailable_s']") < 2.9")" "True" \
  "unavailable_s is the time without a server ($(trial dying.out 0 "['unavailable_s']") s)"
expect_eq "$(py "$(trial dying.out 0 "['duration_s']") < 3.0 + 0.6")" "True" "the trial ends on time"
expect_eq "$(trial dropping.out 0 "['unavailable_s']" 2>/dev/null || echo absent)" "absent" "no unavailable_s while the server is up"

# --- 1 000 connections at once, over two event loops ------------------------------------------------
start_rude_server many
URL="http://127.0.0.1:$PORT/"
suite many.json "$(scenario many "$URL" '{"model": "closed", "concurrency": 1000, "threads": 2}' 2s)"
run "$PERF_RUN" many.json --no-probe -q -o many.out
expect_rc 0 "1000 connections"
expect_eq "$(errors many.out 0)" "{}" "no errors"
expect_eq "$(py "$(ops many.out 0) >= 1000")" "True" "every connection sent ($(ops many.out 0) requests)"
peak=$(curl -s "${URL}stats" | "$PYTHON" -c "import json,sys; print(json.load(sys.stdin)['peak'])")
expect_eq "$(py "$peak >= 1000")" "True" "the server saw 1000 connections at once ($peak)"
expect_eq "$(json_eval many.out "d['suite']['scenarios'][0]['load']['threads']")" "2" "the result keeps the thread count"

# --- more connections than the process may have descriptors: refused before it starts ---------
run bash -c "ulimit -n 600 && exec \"$PERF_RUN\" many.json --no-probe -q -o toomany.out"
expect_rc 3 "1000 connections with 600 file descriptors"
expect_in "$WORK/err" "1000 connections need 1256 file descriptors, and this process may open 600" "says what to raise"
expect_no_file toomany.out "nothing written"

# --- HTTPS on the same loops: verified against the given CA, refused without it --------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext "subjectAltName=IP:127.0.0.1" \
  -keyout key.pem -out cert.pem 2>/dev/null
start_server tls --tls-cert cert.pem --tls-key key.pem
TLS_URL="https://127.0.0.1:$PORT/"
suite tls.json "$(scenario closed "$TLS_URL" '{"model": "closed", "concurrency": 4}' 1s "\"ca_file\": \"$WORK/cert.pem\"")" \
  "$(scenario open "$TLS_URL" '{"model": "open", "rate": 200, "max_concurrency": 8}' 1s "\"ca_file\": \"$WORK/cert.pem\"")" \
  "$(scenario post "${TLS_URL}echo" '{"model": "closed", "concurrency": 2}' 1s "\"method\": \"POST\", \"body\": \"$(printf 'y%.0s' $(seq 1 3000))\", \"ca_file\": \"$WORK/cert.pem\"")"
run "$PERF_RUN" tls.json --no-probe -q -o tls.out
expect_rc 0 "HTTPS with the server's certificate as ca_file"
expect_valid_result tls.out "the HTTPS result"
expect_eq "$(errors tls.out 0) $(errors tls.out 1) $(errors tls.out 2)" "{} {} {}" "no errors: closed, open, POST with a body"
expect_eq "$(py "$(ops tls.out 0) > 50 and abs($(metric tls.out 1 achieved_rate) - 200) < 200 * 0.05")" "True" \
  "requests flow over TLS ($(ops tls.out 0) closed; open at $(metric tls.out 1 achieved_rate)/s)"
expect_eq "$(py "$(metric tls.out 2 received_bytes_per_s) > 3000 * $(metric tls.out 2 throughput)")" "True" \
  "the echoed 3 kB body comes back whole"
suite untrusted.json "$(scenario closed "$TLS_URL" '{"model": "closed", "concurrency": 1}' 1s)"
run "$PERF_RUN" untrusted.json --no-probe -q -o untrusted.out
expect_rc 3 "a self-signed server without ca_file"
expect_in "$WORK/err" "cannot reach the target (tls_failed)" "the certificate is not trusted"
suite badca.json "$(scenario closed "$TLS_URL" '{"model": "closed", "concurrency": 1}' 1s '"ca_file": "/nonexistent.pem"')"
run "$PERF_RUN" badca.json --no-probe -q -o badca.out
expect_rc 2 "a ca_file that cannot be read"
expect_in "$WORK/err" "ca_file /nonexistent.pem: cannot load certificates" "names it"

# --- the open model's last interval, cut short by the trial's end, is labelled ------------------------
suite partial.json "$(scenario partial "$URL" '{"model": "open", "rate": 200, "max_concurrency": 4}' 1.5s)"
run "$PERF_RUN" partial.json --no-probe -q -o partial.out
expect_valid_result partial.out "a result with a partial interval"
expect_eq "$(trial partial.out 0 "['timeline'].__len__()")" "2" "two intervals in 1.5 s"
expect_eq "$(trial partial.out 0 "['timeline'][1]['partial'], round(d['scenarios'][0]['trials'][0]['timeline'][1]['interval_s'], 1)")" \
  "True 0.5" "the second is partial, 0.5 s long"
expect_eq "$(trial partial.out 0 "['timeline'][0].get('partial', False)")" "False" "the first is whole"
expect_eq "$(py "abs($(trial partial.out 0 "['timeline'][1]['throughput']") - 200) <= 20")" "True" \
  "and rated by its real length: 200/s, not 100/s ($(trial partial.out 0 "['timeline'][1]['throughput']"))"
finish
