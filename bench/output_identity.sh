#!/usr/bin/env bash
# Checks that a refactoring left perfgate's file outputs byte for byte unchanged: runs
# the same deterministic inputs (the fuzz corpus seeds: results, Google Benchmark and
# hyperfine files, a verdict) through perf-compare and perf-report (render, and merge,
# which reads and rewrites a result) of two builds, and diffs every output.
#
#   bench/output_identity.sh OLD_BIN_DIR NEW_BIN_DIR
#
# Prints one line per output and exits 1 if any differs.
set -uo pipefail
cd "$(dirname "$0")/.."
old="$1" new="$2"
corpus=tests/fuzz/corpus
work=$(mktemp -d /tmp/perfgate-identity.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A candidate 50 % slower than the Google Benchmark seed: a regression to word and render.
python3 -c "
import json, sys; d = json.load(open('$corpus/gbench/repetitions.json'))
for b in d['benchmarks']: b['real_time'] *= 1.5; b['cpu_time'] *= 1.5
json.dump(d, open('$work/gbench-slow.json', 'w'))"

# name | tool arguments; OUT is replaced by the output directory of each build.
cases=(
  "result-unpaired|perf-compare $corpus/result/tiny.json -b $corpus/result/tiny.json -o OUT/v.json --markdown OUT/v.md -q --check 'p99 < 1ms' --check 'error_rate < 1%'"
  "result-paired|perf-compare $corpus/result/self-pair.json -o OUT/v.json --markdown OUT/v.md -q"
  "gbench|perf-compare $work/gbench-slow.json -b $corpus/gbench/repetitions.json -o OUT/v.json --markdown OUT/v.md -q --check 'real_time < 120ns'"
  "gbench-render|perf-report render OUT/../gbench/v.json --markdown OUT/r.md --html OUT/r.html --junit OUT/r.xml --json OUT/r.json"
  "merge|perf-report merge $corpus/result/tiny.json -o OUT/merged.json"
  "merge-paired|perf-report merge $corpus/result/self-pair.json -o OUT/merged.json"
  "hyperfine|perf-compare $corpus/hyperfine/two.json -b $corpus/hyperfine/two.json -o OUT/v.json --markdown OUT/v.md -q"
  "render|perf-report render $corpus/verdict/aa.json --result $corpus/result/tiny.json --markdown OUT/r.md --html OUT/r.html --junit OUT/r.xml --json OUT/r.json"
)

differ=0
for c in "${cases[@]}"; do
  name=${c%%|*} args=${c#*|}
  for side in old new; do
    bin=${!side}
    mkdir -p "$work/$side/$name"
    (eval "$bin/${args//OUT/$work/$side/$name}") >"$work/$side/$name/stdout" 2>"$work/$side/$name/stderr"
    echo $? >"$work/$side/$name/exit"
    sed -i "s|$work/$side/$name|OUT|g" "$work/$side/$name/stdout" "$work/$side/$name/stderr"  # paths differ by side
  done
  for f in "$work/old/$name"/*; do
    base=$(basename "$f")
    if cmp -s "$f" "$work/new/$name/$base"; then
      echo "same      $name/$base"
    else
      echo "DIFFERENT $name/$base"; differ=1
      diff "$f" "$work/new/$name/$base" | head -5
    fi
  done
done
exit $differ
