#!/usr/bin/env bash
# Runs the README's test command (.ci/run) several times in a row and tallies the
# outcome, optionally with a busy loop on every core alongside: the evidence that the
# suite holds on a shared machine.
#
#   bench/test_stability.sh [--busy] [RUNS]      (default RUNS: 3)
#
# The first pass builds everything; later passes rebuild nothing and rerun every test.
# Prints one line per pass and a tally; exits 1 if any pass failed. Logs go to
# $LOG_DIR (default: a fresh directory under /tmp).
set -uo pipefail
cd "$(dirname "$0")/.."

busy=0
if [[ "${1:-}" == "--busy" ]]; then busy=1; shift; fi
runs="${1:-3}"
log_dir="${LOG_DIR:-$(mktemp -d /tmp/perfgate-stability.XXXXXX)}"
mkdir -p "$log_dir"

hogs=()
stop_hogs() { ((${#hogs[@]})) && kill "${hogs[@]}" 2>/dev/null; hogs=(); }
trap stop_hogs EXIT
if ((busy)); then
  for ((c = 0; c < $(nproc); ++c)); do
    sh -c 'while :; do :; done' &
    hogs+=($!)
  done
fi

passed=0
for ((i = 1; i <= runs; ++i)); do
  start=$(date +%s)
  if .ci/run >"$log_dir/run-$i.log" 2>&1; then
    outcome=pass
    ((++passed))
  else
    outcome="FAIL ($(grep -E '^\s+[0-9]+ - ' "$log_dir/run-$i.log" | tr -s ' ' | paste -sd, -))"
  fi
  echo "pass $i/$runs ($([[ $busy == 1 ]] && echo busy || echo idle)): $outcome in $(($(date +%s) - start)) s, log $log_dir/run-$i.log"
done
echo "tally: $passed of $runs passed$([[ $busy == 1 ]] && echo " with a busy loop on each of $(nproc) cores")"
((passed == runs))
