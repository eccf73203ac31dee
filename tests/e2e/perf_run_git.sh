#!/usr/bin/env bash
# Results record the git state of the working directory (read with libgit2; the git
# command here only builds the fixture and cross-checks).
source "$(dirname "$0")/lib.sh"

run "$PERF_RUN" --scenario noop --duration 10ms --warmup 0 --trials 1 -q -o outside.json
expect_eq "$(json_eval outside.json "'git' in d['fingerprint']")" "False" "no git state outside a repository"

if ! command -v git >/dev/null; then echo "git not installed: skipping the cross-check"; finish; exit; fi
mkdir repo && cd repo || exit 1
git init -q -b feature/x . && git config user.email t@example.invalid && git config user.name t
echo one >file.txt && git add file.txt && git commit -qm one
run "$PERF_RUN" --scenario noop --duration 10ms --warmup 0 --trials 1 -q -o ../clean.json
expect_eq "$(json_eval ../clean.json "d['fingerprint']['git']['commit']")" "$(git rev-parse HEAD)" "commit recorded"
expect_eq "$(json_eval ../clean.json "d['fingerprint']['git']['branch']")" "feature/x" "branch recorded"
expect_eq "$(json_eval ../clean.json "d['fingerprint']['git']['dirty']")" "False" "clean tree"
echo two >file.txt
mkdir -p sub && cd sub || exit 1
run "$PERF_RUN" --scenario noop --duration 10ms --warmup 0 --trials 1 -q -o ../../dirty.json
expect_eq "$(json_eval ../../dirty.json "d['fingerprint']['git']['dirty']")" "True" "dirty tree, found from a subdirectory"
finish
