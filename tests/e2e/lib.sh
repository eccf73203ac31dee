# Assertions for the end-to-end CLI tests. Each test script sources this, runs the
# built tools as a user would, and ends with `finish`, which fails the script if any
# check failed. Environment (set by ctest): PERF_RUN, TEST_CHILD, SCHEMA_DIR,
# VALIDATE_JSON, PYTHON.
set -u
failures=0
checks=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/perfgate-e2e-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# run CMD...: runs it with stdout/stderr captured in $WORK/out and $WORK/err, sets $rc.
run() {
  "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  rc=$?
}

run_in() {  # run_in DIR CMD...: as run, in DIR
  local dir=$1
  shift
  (cd "$dir" && "$@") >"$WORK/out" 2>"$WORK/err" </dev/null
  rc=$?
}

expect_rc() {  # expect_rc CODE DESCRIPTION
  if [ "$rc" -eq "$1" ]; then pass; else
    fail "$2: exit code $rc, expected $1"; sed 's/^/  stderr: /' "$WORK/err" | head -5 >&2
  fi
}

expect_in() {  # expect_in FILE TEXT DESCRIPTION: fixed-string match
  if grep -qF -- "$2" "$1"; then pass; else
    fail "$3: '$2' not in $(basename "$1")"; sed 's/^/  | /' "$1" | head -10 >&2
  fi
}

expect_not_in() {
  if grep -qF -- "$2" "$1"; then fail "$3: '$2' unexpectedly in $(basename "$1")"; else pass; fi
}

expect_file() { if [ -s "$1" ]; then pass; else fail "$2: $1 missing or empty"; fi; }
expect_no_file() { if [ -e "$1" ]; then fail "$2: $1 exists"; else pass; fi; }

expect_valid_result() {  # expect_valid_result FILE DESCRIPTION
  if $VALIDATE_JSON "$SCHEMA_DIR/perfgate.result-1.schema.json" "$1" 2>"$WORK/schema-err"; then pass; else
    fail "$2: $1 violates the result schema"; head -5 "$WORK/schema-err" >&2
  fi
}

# json_eval FILE EXPR: prints a Python expression over the document `d`.
json_eval() { "$PYTHON" -c "import json,math,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

expect_eq() {  # expect_eq ACTUAL EXPECTED DESCRIPTION
  if [ "$1" = "$2" ]; then pass; else fail "$3: got '$1', expected '$2'"; fi
}

finish() {
  echo "$checks passed, $failures failed"
  [ "$failures" -eq 0 ]
}

# new_repo DIR [BRANCH]: a git repository with an identity and one commit (git builds
# fixtures only; perfgate itself reads and writes through libgit2).
new_repo() {
  git init -q -b "${2:-main}" "$1" && git -C "$1" config user.name "Test Maintainer" &&
    git -C "$1" config user.email maintainer@example.invalid &&
    echo one >"$1/file.txt" && git -C "$1" add file.txt && git -C "$1" commit -qm one
}

# quick_result FILE: a small real perf-run result measured in the current directory.
quick_result() {
  "$PERF_RUN" --scenario noop --scenario 'kv/*' --duration 50ms --warmup 0 --trials 3 -q -o "$1"
}

# expect_fsck_clean GIT_DIR DESCRIPTION: git fsck --strict exits 0 and reports nothing
# but unreachable objects (a losing concurrent save may leave its objects dangling).
expect_fsck_clean() {
  if git --git-dir="$1" fsck --strict >"$WORK/fsck" 2>&1 && ! grep -qviE "^(dangling|Checking|notice)" "$WORK/fsck"; then
    pass
  else
    fail "$2: git fsck"; head -5 "$WORK/fsck" >&2
  fi
}
