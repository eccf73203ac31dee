#!/usr/bin/env bash
# The CI flow of docs/baselines.md "Paired runs against the baseline's own build", driven
# end to end in a temporary git repository: a small C program, a commit that makes it
# 10 % slower, the baseline's commit materialised with perf-baseline checkout and built
# beside the candidate, the suite paired with one flag. The slower commit fails the
# gate; the same commit on both sides passes it. Paired measurement cancels whatever
# else the machine does, so this holds on a busy machine too.
source "$(dirname "$0")/lib.sh"

new_repo repo
cd repo || exit 1
cat >work.c <<'C'
#include <stdio.h>
#include "work.h"
int main(void) {
  unsigned long long h = 1469598103934665603ULL;
  for (long i = 0; i < WORK; ++i) h = (h ^ (unsigned long long)i) * 1099511628211ULL;
  printf("%llu\n", h);
  return 0;
}
C
echo '#define WORK 10000000' >work.h
cat >build.sh <<'SH'
#!/bin/sh
# The project's build command: builds into the directory it runs in.
cc -O1 -o work work.c
SH
cat >suite.json <<'JSON'
{"schema": "perfgate.suite/1", "suite": "rebuild",
 "defaults": {"warmup": "200ms", "duration": "300ms", "trials": 10},
 "scenarios": [{"name": "work", "target": {"type": "command", "argv": ["{build}/work"]}},
               {"name": "noop", "target": {"type": "builtin", "workload": "noop"}, "trials": 2,
                "duration": "20ms", "warmup": 0}]}
JSON
git add work.c work.h build.sh suite.json && git commit -qm "the program under test"
base_commit=$(git rev-parse HEAD)
git checkout -qb slower
echo '#define WORK 11000000' >work.h
git commit -qam "10 % more work"

# What CI runs: the commit to build, its tree beside ours, both built, one paired run.
run "$PERF_BASELINE" resolve --for HEAD --merge-base-with main --commit
expect_rc 0 "resolve --commit without a stored baseline"
expect_eq "$(cat "$WORK/out")" "$base_commit" "the merge base is the commit to build"
expect_in "$WORK/err" "the merge base is the commit to build" "says why it printed the merge base"
run "$PERF_BASELINE" checkout "$base_commit" ../base
expect_rc 0 "checkout of the baseline's commit"
expect_eq "$(grep -c 11000000 ../base/work.h)" "0" "the checkout holds the baseline's tree"
expect_eq "$(git status --porcelain --untracked-files=no)" "" "our own work tree and index are untouched"
(cd ../base && sh build.sh) && sh build.sh
run "$PERF_RUN" suite.json --pair baseline=../base --pair candidate=. --until-decided --budget 40s -q -o slower.json
expect_rc 0 "paired run"
expect_valid_result slower.json "paired result"
expect_eq "$(json_eval slower.json "d['pairing']['baseline']['git']['commit']")" "$base_commit" \
  "the result records the baseline side's commit (from the checkout)"
expect_eq "$(json_eval slower.json "d['pairing']['candidate']['git']['commit'] == '$(git rev-parse HEAD)'")" "True" \
  "the result records the candidate side's commit"
expect_eq "$(json_eval slower.json "d['pairing']['unpaired']")" "['noop']" "a scenario without {build} runs unpaired, marked"
expect_eq "$(json_eval slower.json "[s['name'] for s in d['scenarios'] if 'baseline' in s]")" "['work']" \
  "only the scenario using {build} is paired"
run "$PERF_COMPARE" slower.json -o slower-verdict.json
expect_rc 1 "the 10 % slower commit fails the paired gate"
expect_eq "$(json_eval slower-verdict.json "[c['verdict'] for c in d['comparisons'] if c['scenario'] == 'work'].count('regression') >= 1")" \
  "True" "the work scenario regressed"
expect_eq "$(json_eval slower-verdict.json "d['comparisons'][0]['test'] in ('wilcoxon', 't-paired-log')")" "True" \
  "judged with a paired test"

run "$PERF_BASELINE" checkout HEAD ../head
expect_rc 0 "checkout of HEAD"
run "$PERF_BASELINE" checkout HEAD ../head
expect_rc 0 "an earlier checkout is updated in place"
(cd ../head && sh build.sh)
run "$PERF_RUN" suite.json --pair baseline=../head --pair candidate=. --scenario work --until-decided --budget 30s -q -o same.json
run "$PERF_COMPARE" same.json
expect_rc 0 "the same commit on both sides passes"

# Refusals: a non-empty directory that is not a checkout; an unpaired run of a {build} suite.
mkdir -p ../busy && echo x >../busy/keep
run "$PERF_BASELINE" checkout HEAD ../busy
expect_rc 2 "checkout into a foreign non-empty directory"
expect_in "$WORK/err" "is not an earlier perf-baseline checkout" "checkout refusal names the reason"
run "$PERF_RUN" suite.json -q -o x.json
expect_rc 2 "a {build} suite without --pair or --build"
expect_in "$WORK/err" "scenario 'work' refers to {build}: give --pair baseline=DIR --pair candidate=DIR" "says how to pair"
run "$PERF_RUN" suite.json --pair baseline=../base -q -o x.json
expect_rc 2 "one side only"
expect_in "$WORK/err" "--pair: give both sides" "names the missing side"
run "$PERF_RUN" suite.json --pair baseline=../base --pair candidate=. --self-pair -q -o x.json
expect_rc 2 "--pair with --self-pair"
run "$PERF_RUN" suite.json --list
expect_rc 0 "--list needs no build"
run "$PERF_RUN" --pair baseline=../base --pair candidate=. -q -o x.json
expect_rc 2 "--pair on a suite without {build}"
expect_in "$WORK/err" "--pair: no scenario of the suite refers to {build}" "says nothing would be paired"
finish
