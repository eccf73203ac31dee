#!/usr/bin/env bash
# perf-run --profile end to end (docs/profiles.md): a small C program with two functions
# of equal cost; the candidate makes one of them 30 % slower. Paired and profiled, the
# gate fails and "where it changed" names that function first, in the verdict JSON, the
# terminal, Markdown and the HTML page (read back from headless Chromium). An A/A run
# flags no function. Then what the issue calls bad input and environment: sampling not
# permitted (a seccomp filter, as containers install), a stripped binary, a target that
# forks, a short-lived child, an HTTP target without a server pid, a damaged profile.
source "$(dirname "$0")/lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then fail "chromium is not installed (ci/install-deps.sh installs it)"; finish; exit; fi

cat >hotspots.c <<'C'
#include <stdint.h>
#include <stdio.h>
#ifndef CHECKSUM_ROUNDS
#define CHECKSUM_ROUNDS 100
#endif
#define UNIT 300000L
__attribute__((noinline)) uint64_t parse_records(uint64_t h) {
  for (long i = 0; i < 100 * UNIT; ++i) h = (h ^ (uint64_t)i) * 1099511628211ULL;
  return h;
}
__attribute__((noinline)) uint64_t checksum_records(uint64_t h) {
  for (long i = 0; i < CHECKSUM_ROUNDS * UNIT; ++i) h = (h + (uint64_t)i) * 6364136223846793005ULL;
  return h;
}
int main(void) {
  printf("%llu\n", (unsigned long long)checksum_records(parse_records(1469598103934665603ULL)));
  return 0;
}
C
cat >forking.c <<'C'
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
__attribute__((noinline)) uint64_t child_work(uint64_t h) {
  for (long i = 0; i < 20000000L; ++i) h = (h ^ (uint64_t)i) * 1099511628211ULL;
  return h;
}
int main(void) {
  pid_t pid = fork();
  if (pid == 0) { printf("%llu\n", (unsigned long long)child_work(7)); _exit(0); }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
C
# What a container's seccomp profile does to perf_event_open: EACCES.
cat >no_perf_events.c <<'C'
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(int argc, char **argv) {
  struct sock_filter filter[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_perf_event_open, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog program = {sizeof filter / sizeof filter[0], filter};
  if (argc < 2 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program)) return 126;
  execvp(argv[1], argv + 1);
  return 127;
}
C
mkdir -p base cand stripped
cc -O2 -fno-omit-frame-pointer -o base/hotspots hotspots.c &&
  cc -O2 -fno-omit-frame-pointer -DCHECKSUM_ROUNDS=130 -o cand/hotspots hotspots.c &&
  cp base/hotspots stripped/hotspots && strip stripped/hotspots &&
  cc -O2 -fno-omit-frame-pointer -o forking forking.c && cc -O2 -o no_perf_events no_perf_events.c ||
  { fail "cannot build the test programs"; finish; exit; }

cat >suite.json <<'JSON'
{"schema": "perfgate.suite/1", "suite": "hotspots",
 "defaults": {"warmup": "200ms", "duration": "500ms", "trials": 4, "profile": {"duration": "4s"}},
 "scenarios": [{"name": "hotspots", "target": {"type": "command", "argv": ["{build}/hotspots"]}}]}
JSON

# --- a function 30 % slower -------------------------------------------------------
run "$PERF_RUN" suite.json --pair baseline=base --pair candidate=cand --no-probe -q -o slower.json
expect_rc 0 "paired profiled run"
expect_valid_result slower.json "profiled result"
expect_eq "$(json_eval slower.json "[s['profile']['scope'] for s in (d['scenarios'][0], d['scenarios'][0]['baseline'])]")" \
  "['children', 'children']" "both variants profiled, in their child processes"
expect_eq "$(json_eval slower.json "len(d['scenarios'][0]['trials'])")" "4" "profiling trials are not measured trials"
# Profiling trials repeat (up to 3) until 2 000 samples: a busy machine gives the work
# less CPU time, so fewer samples per trial.
expect_eq "$(json_eval slower.json "d['scenarios'][0]['profile']['samples'] >= 2000 or d['scenarios'][0]['profile']['duration_s'] > 11")" \
  "True" "enough samples, or three profiling trials"

run "$PERF_COMPARE" slower.json -o verdict.json --markdown verdict.md
expect_rc 1 "the slower candidate fails the gate"
cp "$WORK/out" terminal.txt
if $VALIDATE_JSON "$SCHEMA_DIR/perfgate.verdict-1.schema.json" verdict.json 2>schema.err; then pass; else
  fail "verdict violates its schema"; head -5 schema.err >&2
fi
expect_eq "$(json_eval verdict.json "d['profiles'][0]['functions'][0]['function']")" "checksum_records" \
  "the top changed function is the slower one"
expect_eq "$(json_eval verdict.json "d['profiles'][0]['functions'][0]['self_finding']")" "slower" "and it is a finding"
expect_eq "$(json_eval verdict.json "[f['function'] for f in d['profiles'][0]['functions'] if f['self_finding'] or f['total_finding']]")" \
  "['checksum_records']" "the only finding: its neighbour's share fell, its time did not"
ratio=$(json_eval verdict.json "d['profiles'][0]['functions'][0]['self_ratio'][0]")
expect_eq "$("$PYTHON" -c "print(1.15 <= $ratio <= 1.45)")" "True" "its CPU time per operation grew ~30 % (x$ratio)"
expect_in terminal.txt "where it changed: hotspots" "the terminal shows where it changed"
expect_eq "$(grep -A1 '^function' terminal.txt | tail -1 | awk '{print $1}')" "checksum_records" "terminal: first row"
expect_in verdict.md "#### Where it changed: hotspots" "Markdown section"
expect_eq "$(grep -A4 'Where it changed' verdict.md | tail -1 | cut -d'|' -f2 | tr -d ' \\')" "checksum_records" \
  "Markdown: first row"
expect_in verdict.md "slower (self)" "Markdown: the finding"

run "$PERF_REPORT" render verdict.json --result slower.json --html report.html --junit junit.xml
expect_file report.html "HTML written"
expect_in junit.xml "where it changed: hotspots" "JUnit: a regression's failure says where it changed"
browser() {
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$WORK/chromium" --hide-scrollbars "$@" "file://$WORK/report.html" 2>>"$WORK/browser.log"
}
browser --dump-dom >dom.html
browser --window-size=1200,1800 --screenshot="$WORK/page.png" >/dev/null
read -r _ _ ink <<<"$("$PYTHON" "$(dirname "$0")/../support/png_stats.py" page.png)"
expect_eq "$("$PYTHON" -c "print($ink > 0.02)")" "True" "the page renders ($ink of pixels drawn)"
cat >read_dom.py <<'PY'
import sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.frames, self.sections, self.in_changes = [], {}, [], False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("class") in ("profile-diff", "profile"):
            self.sections.append(a["class"])
        if tag == "table":
            self.in_changes = a.get("class") == "profile-changes"
        if tag == "tr" and self.in_changes and "data-function" in a:
            self.rows.append((a["data-function"], a.get("data-finding", "")))
        if tag == "g" and a.get("class") == "frame":
            self.current = a["data-function"]
        if tag == "rect" and "fill" in a and getattr(self, "current", None):
            self.frames.setdefault(self.current, a["fill"])
            self.current = None

page = Page()
page.feed(open(sys.argv[1]).read())
fill = page.frames.get("checksum_records", "")
red = fill.startswith("rgb(250,")
print(page.rows[0][0] if page.rows else "-", (page.rows[0][1] or "-") if page.rows else "-", red,
      ",".join(sorted(set(page.sections))))
PY
read -r top finding red sections <<<"$("$PYTHON" read_dom.py dom.html)"
expect_eq "$top" "checksum_records" "HTML: the first row of where it changed"
expect_eq "$finding" "slower" "HTML: marked slower"
expect_eq "$red" "True" "HTML: its frame in the differential flame graph is red"
expect_eq "$sections" "profile,profile-diff" "HTML: the differential section and the single run's profile"

# --- A/A: the same binary on both sides --------------------------------------------
run "$PERF_RUN" suite.json --pair baseline=base --pair candidate=base --no-probe -q -o same.json
expect_rc 0 "A/A profiled run"
run "$PERF_COMPARE" same.json -o same-verdict.json -q
expect_rc 0 "A/A passes the gate"
expect_eq "$(json_eval same-verdict.json "[f['function'] for f in d['profiles'][0]['functions'] if f['self_finding'] or f['total_finding']]")" \
  "[]" "A/A: no function flagged"

# --- a built-in workload, a single run: where the time goes --------------------------
run "$PERF_RUN" --scenario 'sort/*' --trials 2 --duration 200ms --warmup 0 --profile=499 --no-probe -q -o sort.json
expect_rc 0 "built-in workload profiled"
expect_eq "$(json_eval sort.json "d['scenarios'][0]['profile']['scope']")" "perf-run" "perf-run's own workers sampled"
expect_eq "$(json_eval sort.json "any(s['frames'].split(';')[-1].startswith('std::__introsort_loop<') for s in d['scenarios'][0]['profile']['stacks'])")" \
  "True" "std::sort's loop is a leaf, by its demangled, shortened name"
run "$PERF_COMPARE" sort.json --check 'p99 < 10s' -q -o sort-verdict.json
run "$PERF_REPORT" render sort-verdict.json --result sort.json --html sort.html
expect_in sort.html "Where the time goes: sort/100k" "a single run's HTML shows the functions' shares"
expect_in sort.html 'class="flame"' "and its flame graph"

# --- environments and targets ---------------------------------------------------------
run ./no_perf_events "$PERF_RUN" suite.json --build base --trials 2 --no-probe -q -o denied.json
expect_rc 0 "sampling not permitted: the run still measures"
expect_eq "$(json_eval denied.json "'not permitted' in d['scenarios'][0]['profile']['unavailable']")" "True" \
  "the profile says why it is missing"
expect_eq "$(json_eval denied.json "len(d['scenarios'][0]['trials'])")" "2" "measured trials untouched"
run "$PERF_COMPARE" denied.json --baseline slower.json -q -o denied-verdict.json
expect_eq "$(json_eval denied-verdict.json "any('no profile comparison: sampling not permitted' in w for w in d['warnings'])")" \
  "True" "perf-compare says why there is no diff"

run "$PERF_RUN" suite.json --build stripped --trials 1 --no-probe -q -o stripped.json
expect_rc 0 "stripped binary"
expect_eq "$(json_eval stripped.json "any('hotspots+0x' in s['frames'] for s in d['scenarios'][0]['profile']['stacks'])")" \
  "True" "a stripped binary's frames are file+offset"

cat >others.json <<JSON
{"schema": "perfgate.suite/1", "suite": "others",
 "defaults": {"warmup": 0, "duration": "300ms", "trials": 1, "profile": {"duration": "1s"}},
 "scenarios": [{"name": "forks", "target": {"type": "command", "argv": ["$WORK/forking"]}},
               {"name": "short", "target": {"type": "command", "argv": ["true"]}}]}
JSON
run timeout 60 "$PERF_RUN" others.json --no-probe -q -o others.json.out
expect_rc 0 "forking and short-lived targets"
expect_eq "$(json_eval others.json.out "any(s['frames'].endswith('child_work') for s in d['scenarios'][0]['profile']['stacks'])")" \
  "True" "a forked child's work is in the profile"
expect_eq "$(json_eval others.json.out "d['scenarios'][1]['profile']['operations'] > 100")" "True" \
  "a profile of many short-lived children"
run "$PERF_COMPARE" others.json.out --baseline others.json.out -q -o others-verdict.json
expect_eq "$(json_eval others-verdict.json "any('short: candidate profile' in w and 'sampled at the same offsets' in w for w in d['warnings'])")" \
  "True" "perf-compare warns that processes shorter than a few sampling periods bias the profile"

"$TEST_HTTP_SERVER" --port-file port.txt >/dev/null 2>&1 &
server=$!
for _ in $(seq 100); do [ -s port.txt ] && break; sleep 0.05; done
cat >http.json <<JSON
{"schema": "perfgate.suite/1", "suite": "http",
 "scenarios": [{"name": "get", "target": {"type": "http", "url": "http://127.0.0.1:$(cat port.txt)/"},
                "warmup": 0, "duration": "200ms", "trials": 1, "profile": {"duration": "1s"}}]}
JSON
run "$PERF_RUN" http.json --no-probe -q -o http-unseen.json
expect_rc 0 "HTTP target without a server pid"
expect_eq "$(json_eval http-unseen.json "'server pid' in d['scenarios'][0]['profile']['unavailable']")" "True" \
  "without a pid, the profile says what to give"
run "$PERF_RUN" http.json --server-pid "$server" --no-probe -q -o http-server.json
expect_rc 0 "HTTP target with --server-pid"
expect_eq "$(json_eval http-server.json "d['scenarios'][0]['profile']['scope']")" "server" "the server is profiled"
expect_eq "$(json_eval http-server.json "d['scenarios'][0]['profile']['samples'] > 0 and d['scenarios'][0]['profile']['processes'] == 1")" \
  "True" "its threads' samples, one process"
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null

# --- a damaged profile is bad input ----------------------------------------------------
"$PYTHON" - slower.json broken.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["scenarios"][0]["profile"]["samples"] += 1
json.dump(d, open(sys.argv[2], "w"))
PY
run "$PERF_COMPARE" broken.json -q
expect_rc 2 "a profile whose counts do not add up"
expect_in "$WORK/err" "/scenarios/0/profile/samples" "the error names the field"
finish
