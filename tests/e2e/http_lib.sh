# Helpers for the HTTP end-to-end tests: test servers on 127.0.0.1 that are killed when
# the script exits, one-file suites, and reading figures out of a result.
# Needs lib.sh sourced first; TEST_HTTP_SERVER and RUDE_HTTP_SERVER come from ctest.

servers=()
start_server() {  # start_server NAME ARGS...: tests/support/test_http_server; sets $PORT
  start_server_binary "$TEST_HTTP_SERVER" "$@"
}
start_rude_server() {  # start_rude_server NAME ARGS...: tests/support/rude_http_server; sets $PORT
  start_server_binary "$RUDE_HTTP_SERVER" "$@"
}
start_server_binary() {  # start_server_binary BINARY NAME ARGS...
  local binary=$1 name=$2
  shift 2
  rm -f "$name.port"
  "$binary" --port-file "$name.port" --idle-exit 30 "$@" &
  servers+=($!)
  for _ in $(seq 1 100); do [ -s "$name.port" ] && break; sleep 0.05; done
  PORT=$(cat "$name.port")
}
trap 'kill "${servers[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

suite() {  # suite FILE SCENARIO_JSON...
  local file=$1
  shift
  local IFS=,
  echo "{\"schema\": \"perfgate.suite/1\", \"suite\": \"http\", \"defaults\": {\"warmup\": \"0s\", \"trials\": 1}, \"scenarios\": [$*]}" >"$file"
}
metric() { json_eval "$1" "d['scenarios'][$2]['trials'][0]['metrics'].get('$3', -1)"; }
trial() { json_eval "$1" "d['scenarios'][$2]['trials'][0]$3"; }
py() { "$PYTHON" -c "print($1)"; }
