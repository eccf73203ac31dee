#!/usr/bin/env bash
# Concurrent saves of one baseline name: every round exactly one process wins, the
# other fails cleanly (or retries with --retry), versions stay a gap-free chain and
# git fsck stays clean.
source "$(dirname "$0")/lib.sh"
export GIT_CONFIG_NOSYSTEM=1 HOME="$WORK" GIT_COMMITTER_NAME=Racer GIT_COMMITTER_EMAIL=racer@example.invalid
ROUNDS=${RACE_ROUNDS:-15}

new_repo repo && cd repo || exit 1
quick_result ../r.json || exit 1

race() {  # race ROUND ARGS...: two saves at once; their exit codes in rc_a rc_b
  local round=$1
  shift
  "$PERF_BASELINE" save ../r.json --name main --reason "a$round" "$@" >"$WORK/a.out" 2>"$WORK/a.err" &
  local a=$!
  "$PERF_BASELINE" save ../r.json --name main --reason "b$round" "$@" >"$WORK/b.out" 2>"$WORK/b.err" &
  local b=$!
  wait $a; rc_a=$?
  wait $b; rc_b=$?
}

# Compare-and-swap: both expect the same latest version, so exactly one can win, however
# the two processes are scheduled.
one_winner=0
for round in $(seq 1 "$ROUNDS"); do
  race "$round" --expect-latest $((round - 1))
  if { [ $rc_a -eq 0 ] && [ $rc_b -eq 3 ]; } || { [ $rc_a -eq 3 ] && [ $rc_b -eq 0 ]; }; then
    one_winner=$((one_winner + 1))
  else
    fail "round $round: exit codes $rc_a and $rc_b"; cat "$WORK/a.err" "$WORK/b.err" >&2
  fi
done
expect_eq "$one_winner" "$ROUNDS" "--expect-latest: exactly one winner every round"
loser_err=$([ $rc_a -eq 3 ] && echo "$WORK/a.err" || echo "$WORK/b.err")
expect_in "$loser_err" "nothing was saved" "the loser says nothing was saved"

# Without a precondition both may win one after the other; when they collide on a
# version, one fails and nothing of it is visible.
wins=0
for round in $(seq 1 "$ROUNDS"); do
  race "free$round"
  for r in $rc_a $rc_b; do
    case $r in 0) wins=$((wins + 1)) ;; 3) ;; *) fail "free round $round: exit code $r" ;; esac
  done
done
echo "free rounds: $wins of $((2 * ROUNDS)) saves landed, the rest lost a collision"
expect_eq "$(git tag -l 'perfgate/main/*' | wc -l)" "$((ROUNDS + wins))" "every success is one version, no loser left one"

# --retry: both succeed every round.
for round in $(seq 1 "$ROUNDS"); do
  race "retry$round" --retry 5
  [ $rc_a -eq 0 ] && [ $rc_b -eq 0 ] && pass || fail "retry round $round: exit codes $rc_a and $rc_b"
done
total=$((ROUNDS + wins + 2 * ROUNDS))
expect_eq "$(git tag -l 'perfgate/main/*' | wc -l)" "$total" "with --retry both saves land"
run "$PERF_BASELINE" log main --json
expect_eq "$(json_eval "$WORK/out" "[v['version'] for v in d] == list(range($total, 0, -1)) and not any(v.get('deleted') for v in d)")" \
  "True" "the versions form one gap-free chain"
expect_fsck_clean .git "after every race"
finish
