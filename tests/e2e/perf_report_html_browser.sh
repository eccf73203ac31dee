#!/usr/bin/env bash
# The HTML report in a real browser (Debian's chromium, headless): it renders to a
# non-blank screenshot, its charts are in the DOM, and it loads nothing from anywhere.
source "$(dirname "$0")/lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then fail "chromium is not installed (ci/install-deps.sh installs it)"; finish; exit; fi

"$PERF_RUN" --scenario noop --scenario 'kv/*' --scenario 'sort/*' --trials 3 --duration 50ms --warmup 0 -q -o base.json
"$PERF_RUN" --scenario noop --scenario 'kv/*' --scenario 'sort/*' --trials 3 --duration 50ms --warmup 0 -q -o cand.json
"$PERF_COMPARE" cand.json --baseline base.json -q -o v.json
run "$PERF_REPORT" render v.json --html report.html --result cand.json --baseline-result base.json --title "nightly"
expect_file report.html "HTML written"

browser() {  # headless, sandbox off (CI runs as root), no network beyond the file itself
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$WORK/profile" --hide-scrollbars "$@" "file://$WORK/report.html" 2>>"$WORK/browser.log"
}
browser --window-size=1200,1600 --screenshot="$WORK/wide.png" >/dev/null
expect_file wide.png "screenshot at 1200 px"
read -r w h ink <<<"$("$PYTHON" "$(dirname "$0")/../support/png_stats.py" wide.png)"
expect_eq "$w x $h" "1200 x 1600" "screenshot size"
expect_eq "$("$PYTHON" -c "print($ink > 0.02)")" "True" "the page is not blank ($ink of pixels drawn)"
browser --window-size=390,1200 --screenshot="$WORK/phone.png" >/dev/null
read -r w h ink <<<"$("$PYTHON" "$(dirname "$0")/../support/png_stats.py" phone.png)"
expect_eq "$("$PYTHON" -c "print($ink > 0.02)")" "True" "renders at phone width too ($ink)"

browser --dump-dom >dom.html
expect_in dom.html 'id="chart-changes"' "the change chart is in the DOM"
expect_eq "$(grep -o '<g class="row">' dom.html | wc -l)" "$(json_eval v.json "sum(1 for c in d['comparisons'] if c['test'])")" \
  "one chart row per tested comparison"
expect_eq "$(grep -o 'class="chart spectrum"' dom.html | wc -l)" "3" "a latency spectrum per scenario"
expect_in dom.html "<polyline" "spectrum lines drawn"
expect_in dom.html "All comparisons" "the full table"
finish
