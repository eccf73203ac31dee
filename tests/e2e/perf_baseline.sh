#!/usr/bin/env bash
# perf-baseline end to end: git-tagged baselines in real repositories (normal, bare,
# worktree, detached HEAD, clones exchanging tags), and git: baselines in perf-compare
# and perf-run. git builds fixtures and cross-checks (fsck, refs); perfgate uses libgit2.
source "$(dirname "$0")/lib.sh"
export GIT_CONFIG_NOSYSTEM=1 HOME="$WORK"   # no user-level git settings leak in

run "$PERF_BASELINE" --help
expect_rc 0 "--help"
for verb in save promote list show log resolve delete; do expect_in "$WORK/out" "$verb" "--help lists $verb"; done
run "$PERF_BASELINE"
expect_rc 2 "no subcommand"
run "$PERF_BASELINE" list
expect_rc 3 "not a git repository"
expect_in "$WORK/err" "not a git repository" "says why"

new_repo repo && cd repo || exit 1
run quick_result ../r1.json
expect_rc 0 "perf-run inside the repository"

# --- save: reason required, names checked, inputs checked -------------------------------
run "$PERF_BASELINE" save ../r1.json --name main --reason "   "
expect_rc 2 "blank reason"
expect_in "$WORK/err" "reason is required" "says a reason is required"
run "$PERF_BASELINE" save ../r1.json --name 'bad name' --reason x
expect_rc 2 "bad name"
run "$PERF_BASELINE" save ../r1.json --name main/7 --reason x
expect_rc 2 "all-digit name segment (would read as a version)"
echo '{"schema": "perfgate.result/9"}' >../future.json
run "$PERF_BASELINE" save ../future.json --name main --reason x
expect_rc 2 "unknown result schema"
expect_in "$WORK/err" "future.json" "names the file"
run "$PERF_BASELINE" save ../missing.json --name main --reason x
expect_rc 2 "missing result file"
run "$PERF_BASELINE" list
expect_rc 0 "list with nothing saved"
expect_in "$WORK/out" "no baselines" "says so"

# --- save, show (byte-identical), list, log ------------------------------------------------
run "$PERF_BASELINE" save ../r1.json --name main --reason "first baseline on the reference VM"
expect_rc 0 "save"
expect_in "$WORK/out" "saved main@1" "reports the version"
expect_eq "$(git cat-file -t perfgate/main/1)" "tag" "an annotated tag"
expect_eq "$(git for-each-ref --format='%(taggername) %(taggeremail)' refs/tags/perfgate/main/1)" \
  "Test Maintainer <maintainer@example.invalid>" "tagger is the configured identity"
expect_eq "$(git for-each-ref --format='%(contents)' refs/tags/perfgate/main/1)" \
  "first baseline on the reference VM" "tag message is the reason"
run "$PERF_BASELINE" show main
cmp -s "$WORK/out" ../r1.json && pass || fail "show prints the stored result byte for byte"
run "$PERF_BASELINE" show main@1 -o ../shown.json
cmp -s ../shown.json ../r1.json && pass || fail "show -o writes it byte for byte"
run quick_result ../r2.json
GIT_COMMITTER_NAME="Release Bot" GIT_COMMITTER_EMAIL=bot@example.invalid \
  run "$PERF_BASELINE" promote ../r2.json --name main --reason "new allocator" --json
expect_rc 0 "promote"
expect_eq "$(json_eval "$WORK/out" "d['ref'], d['saved_by']['name'], d['source_commit']")" \
  "main@2 Release Bot $(git rev-parse HEAD)" "promote JSON: version, identity from GIT_COMMITTER_*, source commit"
run "$PERF_BASELINE" show main@2
cmp -s "$WORK/out" ../r2.json && pass || fail "version 2 byte for byte"
run "$PERF_BASELINE" show main@1
cmp -s "$WORK/out" ../r1.json && pass || fail "version 1 unchanged by re-baselining"
run "$PERF_BASELINE" show main@3
expect_rc 2 "no such version"
expect_in "$WORK/err" "latest is main@2" "names the latest"
run "$PERF_BASELINE" list main --json
expect_eq "$(json_eval "$WORK/out" "[v['version'] for v in d]")" "[1, 2]" "list NAME --json: every version"
run "$PERF_BASELINE" list
expect_in "$WORK/out" "main@2" "list: latest per name"
run "$PERF_BASELINE" log main --json
expect_eq "$(json_eval "$WORK/out" "[(v['ref'], v['reason'], v['saved_by']['email']) for v in d]")" \
  "[('main@2', 'new allocator', 'bot@example.invalid'), ('main@1', 'first baseline on the reference VM', 'maintainer@example.invalid')]" \
  "log: who and why, newest first"
expect_eq "$(json_eval "$WORK/out" "sorted({(c['scenario'], c['metric']) for c in d[0]['changes']}) == sorted([(s, m) for s in ['noop', 'kv/get-put'] for m in ['throughput', 'latency_p50', 'latency_p99']])")" \
  "True" "log: key metric changes against the previous version"
run "$PERF_BASELINE" log main
expect_in "$WORK/out" "reason   new allocator" "log for people"
# The terminal log lists the five largest changes: which ones depends on the run.
expect_in "$WORK/out" "kv/get-put/" "log lists changes"

# --- perf-compare and perf-run take git: baselines ----------------------------------------
run "$PERF_COMPARE" ../r2.json --baseline git:main@1 -o ../v.json
expect_eq "$(json_eval ../v.json "d['baseline']")" "git:main@1" "perf-compare --baseline git:NAME@V"
run "$PERF_COMPARE" ../r2.json --baseline git:main -o ../v.json
expect_eq "$(json_eval ../v.json "d['baseline']")" "git:main@2" "git:NAME is the latest version"
run "$PERF_COMPARE" ../r2.json --baseline git:auto -o ../v.json
expect_eq "$(json_eval ../v.json "d['baseline']")" "git:main@2" "git:auto resolves for HEAD"
run "$PERF_COMPARE" ../r2.json --baseline git:nope
expect_rc 2 "perf-compare: no such baseline"
expect_in "$WORK/err" "git fetch origin 'refs/tags/perfgate/*:refs/tags/perfgate/*'" "says what to fetch"
run "$PERF_RUN" --scenario noop --duration 20ms --warmup 0 --trials 2 -q -o ../adaptive.json \
  --until-decided --budget 1s --baseline git:auto
expect_rc 0 "perf-run --until-decided --baseline git:auto"

# --- dirty trees --------------------------------------------------------------------------
echo two >file.txt
run quick_result ../dirty.json
run "$PERF_BASELINE" save ../dirty.json --name main --reason "from a dirty tree"
expect_rc 2 "a result from a dirty tree is refused"
expect_in "$WORK/err" "--allow-dirty" "says how to override"
run "$PERF_BASELINE" save ../dirty.json --name scratch --reason "experiment" --allow-dirty
expect_rc 0 "--allow-dirty"
git checkout -q file.txt

# --- compare-and-swap, delete --------------------------------------------------------------
run "$PERF_BASELINE" save ../r1.json --name main --reason x --expect-latest 1
expect_rc 3 "--expect-latest mismatch"
expect_in "$WORK/err" "at version 2, not 1" "says where it is"
run "$PERF_BASELINE" save ../r1.json --name main --reason "third" --expect-latest 2
expect_rc 0 "--expect-latest match"
run "$PERF_BASELINE" delete main
expect_rc 2 "delete needs a version"
run "$PERF_BASELINE" delete main@2
expect_rc 2 "delete needs --yes"
run "$PERF_BASELINE" delete main@3 --yes
expect_rc 2 "deleting the latest needs --force"
run "$PERF_BASELINE" delete main@2 --yes
expect_rc 0 "delete"
expect_eq "$(git tag -l 'perfgate/main/*' | tr '\n' ' ')" "perfgate/main/1 perfgate/main/3 " "tag gone"
run "$PERF_BASELINE" log main --json
expect_eq "$(json_eval "$WORK/out" "[(v['version'], v.get('deleted', False)) for v in d]")" \
  "[(3, False), (2, True), (1, False)]" "the chain keeps the deleted version's audit trail"

# --- ancestry: resolve across branches and merges ---------------------------------------
c1=$(git rev-parse HEAD)
git checkout -qb feature && echo f >f.txt && git add f.txt && git commit -qm feature
run quick_result ../feature.json
run "$PERF_BASELINE" save ../feature.json --name feature --reason "feature branch"
expect_rc 0 "save on a branch"
git checkout -q main && echo m >m.txt && git add m.txt && git commit -qm main2
run "$PERF_BASELINE" resolve
expect_eq "$(cat "$WORK/out")" "main@3" "main's HEAD resolves to main's baseline, not the newer feature one"
git merge -q --no-edit feature
run "$PERF_BASELINE" resolve --json
expect_eq "$(json_eval "$WORK/out" "d['ref']")" "feature@1" "after the merge the newest ancestor baseline wins"
run "$PERF_BASELINE" resolve --name main
expect_eq "$(cat "$WORK/out")" "main@3" "--name restricts"
run "$PERF_BASELINE" resolve --for feature --merge-base-with main~1
expect_eq "$(cat "$WORK/out")" "main@3" "--merge-base-with"
run "$PERF_BASELINE" resolve --for "$(git rev-list --max-parents=0 HEAD)" --name feature
expect_rc 2 "nothing measured on an ancestor"
run "$PERF_BASELINE" resolve --for no-such-rev
expect_rc 2 "unknown revision"

# --- detached HEAD, worktree, bare ------------------------------------------------------------
git checkout -q --detach "$c1"
run "$PERF_COMPARE" ../r1.json --baseline git:auto -o ../v.json
expect_eq "$(json_eval ../v.json "d['baseline']")" "git:main@3" "detached HEAD: git:auto"
git checkout -q main
git worktree add -q ../wt feature
run_in ../wt quick_result ../wt.json
run_in ../wt "$PERF_BASELINE" save ../wt.json --name from-worktree --reason wt
expect_rc 0 "save from a worktree"
run "$PERF_BASELINE" list from-worktree --json
expect_eq "$(json_eval "$WORK/out" "d[0]['source_branch']")" "feature" "visible from the main checkout"
git clone -q --bare . ../bare.git
git push -q ../bare.git 'refs/tags/perfgate/*'
run_in ../bare.git "$PERF_BASELINE" save ../r1.json --name main --reason "in a bare repository"
expect_rc 3 "no identity configured in the bare repository"
expect_in "$WORK/err" "user.name" "says how to set one"
GIT_COMMITTER_NAME=CI GIT_COMMITTER_EMAIL=ci@example.invalid \
  run_in ../bare.git "$PERF_BASELINE" save ../r1.json --name main --reason "in a bare repository"
expect_rc 0 "save in a bare repository"
expect_in "$WORK/out" "saved main@4" "continues the pushed chain"
expect_fsck_clean ../bare.git "bare repository"

# --- sharing between clones with the documented refspecs ---------------------------------------
git clone -q ../bare.git ../clone
cd ../clone || exit 1
run "$PERF_BASELINE" show main@4
cmp -s "$WORK/out" ../r1.json && pass || fail "a clone has the baselines byte for byte"
GIT_COMMITTER_NAME=Dev GIT_COMMITTER_EMAIL=dev@example.invalid \
  run "$PERF_BASELINE" save ../r2.json --name main --reason "from the clone" --commit HEAD
expect_rc 0 "save in the clone"
git push -q origin 'refs/tags/perfgate/*'
expect_eq "$(git --git-dir=../bare.git tag -l 'perfgate/main/5')" "perfgate/main/5" "pushed with refspec refs/tags/perfgate/*"
git -C ../repo fetch -q ../bare.git
expect_eq "$(git -C ../repo tag -l 'perfgate/main/5')" "" "a plain fetch does not follow baseline tags..."
git -C ../repo fetch -q ../bare.git 'refs/tags/perfgate/*:refs/tags/perfgate/*'
expect_eq "$(git -C ../repo tag -l 'perfgate/main/5')" "perfgate/main/5" "...the documented refspec does"
run_in ../repo "$PERF_BASELINE" log main --json
expect_eq "$(json_eval "$WORK/out" "[v['version'] for v in d]")" "[5, 4, 3, 2, 1]" "the original sees the whole chain"
expect_fsck_clean ../repo/.git "after exchanging baselines"

# --- shallow clones say what to fetch --------------------------------------------------------
cd .. && git clone -q --depth 1 "file://$WORK/bare.git" shallow && cd shallow || exit 1
git fetch -q --depth 1 origin 'refs/tags/perfgate/main/3:refs/tags/perfgate/main/3'
run "$PERF_BASELINE" resolve --name main
expect_rc 2 "shallow: nothing resolvable"
expect_in "$WORK/err" "git fetch --unshallow" "shallow: says what to fetch"
finish
