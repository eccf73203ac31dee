#!/usr/bin/env bash
# Fuzzes every harness in turn for a fixed time, seeded with its checked-in corpus, and
# prints one tally line per harness (executions, corpus growth, findings).
# Usage: bench/fuzz_campaign.sh FUZZ_BIN_DIR [SECONDS_EACH=600] [HARNESS...]
# Environment: OUT=DIR keeps new inputs and findings (default: a temporary directory).
# Runs at nice 19 on one core, so it can share the machine with other work.
set -u
bin=$(cd "${1:?fuzz bin dir, e.g. build/fuzz/bin}" && pwd)
seconds=${2:-600}
shift $(($# >= 2 ? 2 : $#))
here=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$(mktemp -d)}
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then  # every harness that has a corpus
  for corpus in "$here"/tests/fuzz/corpus/*/; do harnesses+=("$(basename "$corpus")"); done
fi
for name in "${harnesses[@]}"; do
  dir="$out/$name"
  mkdir -p "$dir/new" "$dir/findings"
  log="$dir/fuzz.log"
  (cd "$dir/findings" && nice -n 19 "$bin/fuzz_$name" "$dir/new" "$here/tests/fuzz/corpus/$name" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1)
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  findings=$(find "$dir/findings" -type f | wc -l)
  printf '%-14s exit %d  %s s  execs %s  new inputs %s  findings %s\n' "fuzz_$name" "$rc" "$seconds" \
    "${execs:-?}" "$(find "$dir/new" -type f | wc -l)" "$findings"
done
echo "outputs in $out"
