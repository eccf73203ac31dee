#!/usr/bin/env bash
# Google Benchmark binaries as paired targets (docs/gbench.md): the worked example of
# docs/examples/gbench built in several versions against Debian's libbenchmark-dev, run
# paired through perf-run and judged by perf-compare. A candidate whose BM_Hash does
# 10 % more work fails the gate on BM_Hash alone; an A/A pair passes; a benchmark that
# calls SkipWithError is an error verdict that names its message; benchmarks one side
# lacks are new or missing; broken binaries stop perf-run with a clear error and no file.
source "$(dirname "$0")/lib.sh"
EXAMPLE=$(cd "$(dirname "$0")/../../docs/examples/gbench" && pwd)

build() {  # build DIR [FLAGS...]
  "$EXAMPLE/build.sh" "$@" 2>"$WORK/build-err" || { fail "building $1"; cat "$WORK/build-err" >&2; }
}
build base
build base-again
build slower -DSLOWER_HASH_PERCENT=10
build failing -DWITH_FAILING
build changed -DWITH_NEW -DWITHOUT_COPY
cat >crash.cpp <<'CPP'
#include <benchmark/benchmark.h>
#include <csignal>
#include <thread>
static void BM_Fine(benchmark::State& s) { for (auto _ : s) benchmark::DoNotOptimize(s.iterations()); }
BENCHMARK(BM_Fine);
static void BM_Crash(benchmark::State& s) { for (auto _ : s) std::raise(SIGSEGV); }
BENCHMARK(BM_Crash);
static void BM_Hang(benchmark::State& s) { for (auto _ : s) std::this_thread::sleep_for(std::chrono::hours(1)); }
BENCHMARK(BM_Hang);
BENCHMARK_MAIN();
CPP
c++ -std=c++17 -O1 -o crash crash.cpp -lbenchmark -lpthread || fail "building the crashing benchmark"

# The example's suite, on a subset of its benchmarks: the changed one and three others.
suite() {  # suite FILTER [TRIALS]
  cat <<JSON
{"schema": "perfgate.suite/1", "suite": "kernels",
 "defaults": {"warmup": 0, "duration": "30ms", "trials": ${2:-12}},
 "scenarios": [{"name": "kernels",
                "target": {"type": "gbench", "binary": "{build}/bench_kernels", "filter": "$1",
                           "counters": {"steps_per_iteration": "lower_is_better"}}}]}
JSON
}
suite '^BM_(Hash|Sum|StringFind|Counters)$' >suite.json

run "$PERF_RUN" suite.json --list --pair baseline=base --pair candidate=slower
expect_rc 0 "--list of a paired Google Benchmark suite"
expect_eq "$(tr '\n' ' ' <"$WORK/out")" "kernels/BM_Hash kernels/BM_Sum kernels/BM_StringFind kernels/BM_Counters " \
  "--list shows one scenario per benchmark the filter matches, in the binary's order"

run "$PERF_RUN" suite.json --pair baseline=base --pair candidate=slower --until-decided --budget 30s -q -o slower.json
expect_rc 0 "paired run of two builds"
expect_valid_result slower.json "paired Google Benchmark result"
expect_eq "$(json_eval slower.json "[s['name'] for s in d['scenarios'] if 'baseline' in s]")" \
  "['kernels/BM_Hash', 'kernels/BM_Sum', 'kernels/BM_StringFind', 'kernels/BM_Counters']" "every benchmark is paired"
expect_eq "$(json_eval slower.json "d['suite']['scenarios'][0]['variants']['candidate']['benchmark']")" "BM_Hash" \
  "the expansion is recorded: each scenario names its benchmark"
expect_eq "$(json_eval slower.json "sorted(d['scenarios'][3]['trials'][0]['metrics'])")" \
  "['counter/steps_per_iteration', 'cpu_sys', 'cpu_time', 'cpu_user', 'neighbour_load', 'real_time']" \
  "a trial records time per iteration, user counters, CPU and neighbour load"
expect_eq "$(json_eval slower.json "'items_per_second' in d['scenarios'][0]['trials'][0]['metrics']")" "True" \
  "SetItemsProcessed becomes items_per_second"
run "$PERF_COMPARE" slower.json -o slower-verdict.json --markdown slower.md
expect_rc 1 "perf-compare: the slower build fails the gate"
# CPU time per iteration catches it even when busy neighbours make wall time too noisy to.
expect_eq "$(json_eval slower-verdict.json "sorted({c['scenario'] for c in d['comparisons'] if c['verdict'] == 'regression'})")" \
  "['kernels/BM_Hash']" "BM_Hash is the regression, and nothing else is"
expect_eq "$(json_eval slower-verdict.json "[c['verdict'] for c in d['comparisons'] if (c['scenario'], c['metric']) == ('kernels/BM_Hash', 'cpu_time')]")" \
  "['regression']" "on CPU time per iteration"
expect_eq "$(json_eval slower-verdict.json "sorted({c['metric'] for c in d['comparisons'] if c['scenario'] == 'kernels/BM_Counters'})")" \
  "['counter/steps_per_iteration', 'cpu_time', 'real_time']" "a declared counter is compared too"
expect_in slower.md "kernels/BM\_Hash" "the Markdown verdict names the benchmark"

run "$PERF_RUN" suite.json --pair baseline=base --pair candidate=base-again --until-decided --budget 30s -q -o same.json
expect_rc 0 "A/A paired run"
# At the default family-wise alpha of 5 %, an A/A pair may fail by chance in up to 1 run
# in 20, and CI's shared machines do fail it (wall time of BM_Counters, with a busy loop
# on each core). The test checks the gate's promise at 1 %: a failure here is a bug, not
# luck, to 1 in 100. With 12 or more pairs a real difference can still be significant.
run "$PERF_COMPARE" same.json --alpha 0.01 -o same-verdict.json
expect_rc 0 "perf-compare: two builds of the same source pass the gate"
expect_eq "$(json_eval same-verdict.json "[c['scenario'] for c in d['comparisons'] if c['verdict'] in ('regression', 'error')]")" "[]" \
  "no regression in an A/A pair"

suite '^BM_(Sum|Fails)$' 3 >failing.json
run "$PERF_RUN" failing.json --pair baseline=failing --pair candidate=failing -q -o failing-result.json
expect_rc 0 "a benchmark that reports an error is measured, not a broken run"
expect_valid_result failing-result.json "result with an erroring benchmark"
run "$PERF_COMPARE" failing-result.json --markdown failing.md
expect_rc 1 "perf-compare: an erroring benchmark fails the gate"
expect_in "$WORK/out" "error: kernels/BM_Fails error_count: candidate: 3 of 3 trials measured nothing (benchmark error: fixture could not open its input)" \
  "the error verdict names the benchmark's message"
expect_in failing.md "fixture could not open its input" "so does the Markdown"
expect_in "$WORK/out" "kernels/BM_Sum" "the other benchmark is still compared"

suite '^BM_(Sum|Copy|New)$' 3 >changed.json
run "$PERF_RUN" changed.json --pair baseline=base --pair candidate=changed -q -o changed-result.json
expect_rc 0 "paired run of binaries with different benchmarks"
expect_eq "$(json_eval changed-result.json "(d['pairing']['baseline_only'], d['pairing']['candidate_only'])")" \
  "(['kernels/BM_Copy'], ['kernels/BM_New'])" "the result records which side had which extra benchmark"
run "$PERF_COMPARE" changed-result.json -o changed-verdict.json
expect_rc 0 "new and missing benchmarks do not fail the gate by default"
expect_eq "$(json_eval changed-verdict.json "sorted({(c['scenario'], c['verdict']) for c in d['comparisons'] if c['scenario'] != 'kernels/BM_Sum'})")" \
  "[('kernels/BM_Copy', 'missing'), ('kernels/BM_New', 'new')]" "extra benchmarks are new or missing"
run "$PERF_COMPARE" changed-result.json --fail-on missing
expect_rc 1 "--fail-on missing fails on a benchmark the candidate dropped"

run "$PERF_RUN" suite.json --pair baseline=base --pair candidate=base --scenario 'kernels/BM_S*' --trials 2 -q -o selected.json
expect_rc 0 "--scenario selects among the expanded benchmarks"
expect_eq "$(json_eval selected.json "[s['name'] for s in d['scenarios']]")" "['kernels/BM_Sum', 'kernels/BM_StringFind']" \
  "--scenario GLOB keeps the matching benchmarks"

# An unpaired run of one build, and the same gate against it as a separate baseline.
run "$PERF_RUN" suite.json --build base --trials 3 -q -o unpaired.json
expect_rc 0 "--build: an unpaired run of one binary"
expect_eq "$(json_eval unpaired.json "len(d['scenarios'][0]['trials'])")" "3" "three trials, one process each"

# Broken binaries and inputs: one line naming what is wrong, exit 2 or 3, no file.
bad() {  # bad NAME TARGET-JSON EXPECTED-RC EXPECTED-TEXT
  printf '{"suite": "bad", "defaults": {"warmup": 0, "duration": "20ms", "trials": 2}, "scenarios": [{"name": "b", "target": %s}]}' \
    "$2" >"$1.json"
  run "$PERF_RUN" "$1.json" -q -o "$1-result.json"
  expect_rc "$3" "$1"
  expect_in "$WORK/err" "$4" "$1: the message says what is wrong"
  expect_eq "$(wc -l <"$WORK/err")" "1" "$1: one line"
  expect_no_file "$1-result.json" "$1: no result file"
}
bad not_gbench '{"type": "gbench", "binary": "/bin/true"}' 3 "'/bin/true' is not a Google Benchmark binary"
bad missing_binary '{"type": "gbench", "binary": "./no-such-binary"}' 3 "cannot execute './no-such-binary'"
bad no_match '{"type": "gbench", "binary": "base/bench_kernels", "filter": "^BM_Nothing"}' 2 \
  "filter '^BM_Nothing' matches no benchmark (it has: BM_Hash, BM_Sum"
bad crash '{"type": "gbench", "binary": "./crash", "filter": "BM_Crash"}' 3 \
  "scenario 'b/BM_Crash': benchmark 'BM_Crash' of ./crash: killed by signal SIGSEGV"
bad hang '{"type": "gbench", "binary": "./crash", "filter": "BM_Hang", "timeout": "1s"}' 3 \
  "benchmark 'BM_Hang' of ./crash: timeout after 1s"
bad own_flag '{"type": "gbench", "binary": "./crash", "args": ["--benchmark_repetitions=5"]}' 2 \
  "/scenarios/0/target/args/0: perf-run sets --benchmark_repetitions itself"
printf '{"suite": "fine", "defaults": {"warmup": 0, "duration": "20ms", "trials": 2}, "scenarios": [{"name": "b", "target": {"type": "gbench", "binary": "./crash"}}]}' >fine.json
run "$PERF_RUN" fine.json -q -o fine-result.json --scenario 'b/BM_Fine'
expect_rc 0 "--scenario leaves the crashing and hanging benchmarks out"

finish
