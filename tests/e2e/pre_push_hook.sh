#!/usr/bin/env bash
# The pre-push hook (ci/pre-push) on real pushes to a local bare remote: a regressed
# commit is blocked with the Markdown verdict on the terminal, clean ones, deletions and
# tag pushes go through, --no-verify bypasses, and a new branch is compared with the
# baseline of its merge base.
source "$(dirname "$0")/lib.sh"
export GIT_CONFIG_NOSYSTEM=1 HOME="$WORK"

# measured_project DIR SCRIPT_PATH TRIALS: a repository whose quick suite runs SCRIPT_PATH
# (sleep 0.01) with sh, committed, with a bare remote DIR-remote.git as origin.
measured_project() {
  cd "$WORK" && new_repo "$1" && cd "$1" || exit 1
  mkdir perfgate
  cat >perfgate/quick.json <<JSON
{"schema": "perfgate.suite/1", "suite": "quick",
 "defaults": {"warmup": "0s", "duration": "300ms", "trials": $3},
 "scenarios": [{"name": "work", "target": {"type": "command", "argv": ["sh", "$2"]}}]}
JSON
  echo 'sleep 0.01' >work.sh
  git add . && git commit -qm "measured project"
  git init -q --bare "../$1-remote.git" && git remote add origin "../$1-remote.git"
}

measured_project project work.sh 5
"$PERF_RUN" perfgate/quick.json -q -o ../base.json || fail "baseline run"
"$PERF_BASELINE" save ../base.json --name main --reason "initial baseline" >/dev/null || fail "baseline saved"

run "$PERFGATE_CI_DIR/install-pre-push-hook.sh"
expect_rc 0 "hook installs with one command"
expect_file .git/hooks/pre-push "hook in place"
git config perfgate.bin "$(dirname "$PERF_RUN")"
git config perfgate.budget 20s   # room for enough trials on a busy machine; a decided run stops early
git config perfgate.threshold 200%   # timing noise of a busy CI machine must pass, a 10x slowdown must not

remote_main() { git --git-dir=../project-remote.git rev-parse -q --verify refs/heads/main; }

run git push origin main
expect_rc 0 "first push of a new branch (no remote sha) with unchanged code"
expect_in "$WORK/err" "against baseline main@1" "compared with the baseline"
expect_in "$WORK/err" "no regression" "and found none"
expect_eq "$(remote_main)" "$(git rev-parse HEAD)" "pushed"

echo "docs" >README && git add README && git commit -qm "docs only"
run git push origin main
expect_rc 0 "a clean commit is pushed"
expect_eq "$(remote_main)" "$(git rev-parse HEAD)" "remote updated"

# 100x: an unpaired verdict widens its interval by the machine-probe shift, which on a
# busy machine is tens of percent; a 10x slowdown was sometimes left inconclusive there.
echo 'sleep 1' >work.sh && git commit -qam "accidentally 100x slower"
run git push origin main
expect_rc 1 "a regressed commit is blocked"
expect_in "$WORK/err" "push blocked" "says it blocked"
expect_in "$WORK/err" "regression" "shows the verdict"
expect_in "$WORK/err" "| work |" "the Markdown table names the scenario"
expect_eq "$(remote_main)" "$(git rev-parse HEAD~1)" "remote unchanged"
[ -n "${SHOW_HOOK_OUTPUT:-}" ] && cat "$WORK/err" >&2
kept="$(git rev-parse --absolute-git-dir)/perfgate/last-push"
expect_in "$WORK/err" "perf-baseline promote $kept/result.json" "the re-baseline hint names the kept result"
expect_file "$kept/result.json" "which still exists after the hook"
expect_in "$WORK/err" "kept in $kept" "says where it is kept"
run git push origin HEAD:main
expect_rc 1 "HEAD:main is measured and blocked too"
expect_in "$WORK/err" "measuring HEAD:main" "naming the push form"
run git push origin "$(git rev-parse HEAD):refs/heads/main"
expect_rc 1 "SHA:refs/heads/main too"

run git push --no-verify origin main
expect_rc 0 "--no-verify bypasses the hook"
expect_eq "$(remote_main)" "$(git rev-parse HEAD)" "remote updated"

run git push origin HEAD:refs/heads/scratch --no-verify
run git push origin --delete scratch
expect_rc 0 "deleting a remote branch is not measured"
expect_not_in "$WORK/err" "measuring" "nothing measured for a deletion"
run git push origin 'refs/tags/perfgate/*'
expect_rc 0 "pushing baseline tags is not measured"
expect_not_in "$WORK/err" "measuring" "nothing measured for tags"

# The slowdown was intended after all: re-baseline, then a new branch from main is
# compared with the new baseline (its merge base's), and passes.
"$PERF_RUN" perfgate/quick.json -q -o ../slow.json || fail "re-baseline run"
"$PERF_BASELINE" promote ../slow.json --name main --reason "10x slower on purpose: new safety checks" >/dev/null ||
  fail "re-baselined"
git fetch -q origin
git checkout -qb feature && echo more >>README && git commit -qam "feature work"
run git push origin feature
expect_rc 0 "a new branch is compared with its merge base's baseline"
expect_in "$WORK/err" "against baseline main@2" "the re-baselined version"

PERFGATE_SKIP=1 run git push origin main
expect_rc 0 "PERFGATE_SKIP=1 skips"
expect_in "$WORK/err" "skipped" "says so"

# Paired: a suite that names the build under test as {build} is measured interleaved
# against the commit the push replaces, written and built beside the work tree; no
# stored baseline is needed.
measured_project paired "{build}/work.sh" 4
"$PERFGATE_CI_DIR/install-pre-push-hook.sh" >/dev/null
git config perfgate.bin "$(dirname "$PERF_RUN")"
git config perfgate.budget 6s
git config perfgate.threshold 200%
git config perfgate.build "echo built >build.log"
run git push origin main
expect_rc 0 "paired: a first push with nothing to compare goes through"
expect_in "$WORK/err" "nothing to compare" "says there was nothing to pair with"
echo 'sleep 0.2' >work.sh && git commit -qam "accidentally 10x slower"
run git push origin main
expect_rc 1 "paired: the regressed commit is blocked"
expect_in "$WORK/err" "paired with $(git rev-parse --short=12 HEAD~1)" "measured against the replaced commit"
expect_in "$WORK/err" "| work |" "the verdict names the scenario"
expect_file "$(git rev-parse --absolute-git-dir)/perfgate/baseline-tree/work.sh" "the replaced commit is written under .git/perfgate"
expect_file "$(git rev-parse --absolute-git-dir)/perfgate/baseline-tree/build.log" "and built there with perfgate.build"
expect_eq "$(git status --porcelain --untracked-files=no)" "" "the work tree and index are untouched"
git reset -q --hard HEAD~1 && echo "docs" >README && git add README && git commit -qm "docs only"
run git push origin main
expect_rc 0 "paired: a clean commit is pushed"
expect_in "$WORK/err" "no regression" "and found none"
finish
