#!/usr/bin/env bash
# perf-report render: golden Markdown and JUnit for a fixed verdict whose scenario names
# are hostile (markup, mentions, quotes, XML breakers), escaping in every format, the
# report JSON, and input errors. UPDATE_GOLDEN=1 rewrites the golden files.
source "$(dirname "$0")/lib.sh"
GOLDEN="$(dirname "$0")/../golden"

# hyperfine inputs: deterministic trial values, names a reviewer could be attacked with
cat >base.json <<'JSON'
{"results": [
 {"command": "<script>alert('x')</script>", "times": [1.00, 1.01, 0.99, 1.02, 1.00, 1.01, 0.99, 1.00, 1.02, 1.01]},
 {"command": "@octocat **bold** | [link](http://evil) #1", "times": [2.00, 2.01, 1.99, 2.02, 2.00, 2.01, 1.99, 2.00, 2.02, 2.01]},
 {"command": "\"quoted\" & ]]><!-- done", "times": [0.50, 0.51, 0.49, 0.50, 0.52, 0.50, 0.51, 0.49, 0.50, 0.51]}]}
JSON
cat >cand.json <<'JSON'
{"results": [
 {"command": "<script>alert('x')</script>", "times": [1.30, 1.31, 1.29, 1.32, 1.30, 1.31, 1.29, 1.30, 1.32, 1.31]},
 {"command": "@octocat **bold** | [link](http://evil) #1", "times": [2.00, 2.02, 1.99, 2.01, 2.00, 2.01, 1.98, 2.00, 2.02, 2.01]},
 {"command": "\"quoted\" & ]]><!-- done", "times": [0.40, 0.41, 0.39, 0.40, 0.42, 0.40, 0.41, 0.39, 0.40, 0.41]}]}
JSON
"$PERF_COMPARE" cand.json --baseline git:main --check 'real_time < 1.2s' -q -o v.json 2>/dev/null
"$PERF_COMPARE" cand.json --baseline base.json --check 'real_time < 1.2s' --run-noise 1% -q -o v.json
run "$PERF_REPORT" render v.json --markdown report.md --junit report.xml --json report.json --html report.html \
  --title "perf <b>gate</b>"
expect_rc 1 "render passes the gate's verdict on"

for f in report.md report.xml; do
  if [ -n "${UPDATE_GOLDEN:-}" ]; then cp "$f" "$GOLDEN/$f"; fi
  if diff -u "$GOLDEN/$f" "$f" >"$WORK/diff"; then pass; else fail "$f differs from tests/golden/$f"; head -30 "$WORK/diff" >&2; fi
done

# Markdown: nothing a scenario name says becomes markup or a mention
expect_not_in report.md "<script>" "no raw HTML in Markdown"
expect_not_in report.md "@octocat" "no @mention in Markdown"
expect_in report.md "@​octocat" "the name is still readable (zero-width space after @)"
expect_not_in report.md "perf-baseline" "no re-baseline hint for a file baseline"
expect_not_in report.md "http://" "no autolink from a name"
# JUnit: well-formed, one case per comparison and check, failures for the regression and breach
expect_eq "$("$PYTHON" -c "
import xml.etree.ElementTree as ET
s = ET.parse('report.xml').getroot().find('testsuite')
print(s.get('tests'), s.get('failures'), len(s.findall('testcase')), len(s.findall('testcase/failure')))")" \
  "6 3 6 3" "JUnit parses; 3 comparisons + 3 checks, 1 regression + 2 breaches fail"
expect_eq "$("$PYTHON" -c "
import xml.etree.ElementTree as ET
print(sorted({c.get('classname') for c in ET.parse('report.xml').iter('testcase')})[0])")" \
  "\"quoted\" & ]]><!-- done" "names survive XML escaping intact"
# HTML: escaped everywhere, no script, no external resource
expect_not_in report.html "<script>" "no script element"
expect_in report.html "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" "the name is shown as text"
expect_in report.html "perf &lt;b&gt;gate&lt;/b&gt;" "the title too"
expect_not_in report.html "http://evil\"" "no link made from a name"
if grep -qE '(src|href)=' report.html; then fail "HTML references an external resource"; else pass; fi
# JSON: the verdict with its headline and counts
expect_eq "$(json_eval report.json "d['schema'], d['gate'], d['counts']['regression'], d['counts']['improvement'], d['verdict']['schema']")" \
  "perfgate.report/1 failed 1 1 perfgate.verdict/1" "report JSON"

# the re-baseline hint names the exact command when the baseline came from git
sed 's#"baseline": "base.json"#"baseline": "git:release/2.x@4"#' v.json >v-git.json
run "$PERF_REPORT" render v-git.json
expect_in "$WORK/out" "perf-baseline promote cand.json --name release/2.x --reason" "re-baseline command"

# stdout by default; input errors
run "$PERF_REPORT" render v.json
expect_in "$WORK/out" "regression" "Markdown on stdout without output flags"
echo '{"schema": "perfgate.verdict/9"}' >future.json
run "$PERF_REPORT" render future.json
expect_rc 2 "unknown verdict schema"
expect_in "$WORK/err" "future.json: /schema: unknown verdict schema" "names the file and field"
echo '{"schema": "perfgate.verdict/1", "baseline": null' >broken.json
run "$PERF_REPORT" render broken.json
expect_rc 2 "malformed JSON"
run "$PERF_REPORT" render cand.json
expect_rc 2 "not a verdict"
run "$PERF_REPORT" render v.json --html /nonexistent-dir/x.html
expect_rc 3 "unwritable output"
expect_no_file report.html.tmp "no partial file"
run "$PERF_REPORT" render v.json --html r2.html --result cand.json
expect_rc 2 "a hyperfine file is not a perfgate result for the charts"
expect_no_file r2.html "nothing written on error"
run "$PERF_REPORT" render v.json --markdown m2.md --junit j2.xml --json r2.json --html r3.html --result missing.json
expect_rc 2 "a missing chart result"
for f in m2.md j2.xml r2.json r3.html; do expect_no_file "$f" "no $f written when a later input is bad"; done
echo "old" >kept.md
run "$PERF_REPORT" render v.json --markdown kept.md --html r3.html --result missing.json
expect_eq "$(cat kept.md)" "old" "an existing output is left unchanged on error"
finish
