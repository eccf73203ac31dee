#!/usr/bin/env bash
# The GitHub Actions files in workflows/ are valid YAML and call only tools,
# subcommands, flags and inputs that exist; the checker itself catches each kind of slip.
source "$(dirname "$0")/lib.sh"
SRC="$(cd "$(dirname "$0")/../../workflows" && pwd)"
BIN="$(dirname "$PERF_RUN")"
CHECK="$(dirname "$0")/../support/check_workflows.py"

run "$PYTHON" "$CHECK" "$SRC" "$BIN"
expect_rc 0 "workflows/ is consistent with the built tools"
expect_in "$WORK/out" "4 workflows" "every workflow file read"
expect_in "$WORK/out" "0 problems" "no problems"

mutate() {  # mutate SED_EXPR DESCRIPTION EXPECTED_PROBLEM
  rm -rf copy && cp -r "$SRC" copy
  sed -i "$1" copy/*.yml copy/actions/*/action.yml
  run "$PYTHON" "$CHECK" copy "$BIN"
  expect_rc 1 "$2 is caught"
  expect_in "$WORK/out" "$3" "$2: reported"
}
mutate 's/--markdown perfgate-report/--markdwn perfgate-report/' "a misspelt flag" "has no flag --markdwn"
mutate 's/perf-report merge/perf-report combine/' "an unknown subcommand" "has no subcommand 'combine'"
mutate 's/workflows: \[perfgate\]/workflows: [perfgate-measure]/' "a workflow_run naming no workflow" "names workflow 'perfgate-measure'"
mutate 's/          source: .perfgate/          sources: .perfgate/' "an undeclared action input" "has no input 'sources'"
mutate 's/steps.compare.outputs.exit_code/steps.comparison.outputs.exit_code/' "an unknown step id" "unknown step id 'comparison'"
mutate 's/^name: perfgate-publish$/name: perfgate-publish: broken/' "invalid YAML" "invalid YAML"
finish
