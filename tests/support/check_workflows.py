"""Checks the GitHub Actions files in workflows/: valid YAML, and every perfgate command
they run uses a tool, subcommand and flags that exist (asked of the built tools' --help).
Also: local actions exist and get only inputs they declare, expressions name declared
inputs and step ids, and the publishing workflow triggers on the measuring one.

usage: check_workflows.py WORKFLOWS_DIR BIN_DIR"""
import pathlib
import re
import shlex
import subprocess
import sys

import yaml

TOOLS = ("perf-run", "perf-compare", "perf-baseline", "perf-report")
TOOLS_WITH_SUBCOMMANDS = {"perf-baseline", "perf-report"}
problems = []
help_cache = {}


def help_text(bin_dir, tool, sub):
    key = (tool, sub)
    if key not in help_cache:
        argv = [str(bin_dir / tool)] + ([sub] if sub else []) + ["--help"]
        help_cache[key] = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return help_cache[key]


def subcommands(bin_dir, tool):
    """The subcommands the tool's --help lists (CLI11: a "Subcommands:" section)."""
    section = help_text(bin_dir, tool, None).split("Subcommands:", 1)[-1]
    return set(re.findall(r"^  (\S+)", section, re.M))


def shell_lines(script):
    """Logical lines of a shell script: continuations joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", script)
    return [l.split(" #")[0] for l in joined.splitlines() if l.strip() and not l.strip().startswith("#")]


def check_command(where, words, bin_dir):
    tool = words[0]
    rest = words[1:]
    sub = None
    if tool in TOOLS_WITH_SUBCOMMANDS:
        sub = next((w for w in rest if not w.startswith("-")), None)
        if sub not in subcommands(bin_dir, tool):
            problems.append(f"{where}: {tool} has no subcommand {sub!r}")
            return
    text = help_text(bin_dir, tool, sub)
    for w in rest:
        if re.fullmatch(r"--?[A-Za-z][\w-]*(=.*)?", w):
            flag = w.split("=")[0]
            if not re.search(r"(^|[\s,])" + re.escape(flag) + r"([\s,=]|$)", text, re.M):
                problems.append(f"{where}: {tool}{' ' + sub if sub else ''} has no flag {flag}")


def check_script(where, script, bin_dir):
    # ${{ ... }} expressions are opaque values to the shell
    script = re.sub(r"\$\{\{.*?\}\}", "X", script)
    for line in shell_lines(script):
        try:
            words = shlex.split(line, comments=True)
        except ValueError as e:
            problems.append(f"{where}: cannot parse shell line {line!r}: {e}")
            continue
        for i, w in enumerate(words):
            if w in TOOLS and (i == 0 or words[i - 1] in ("&&", "||", ";", "|", "then", "do", "e=", "time")):
                end = next((j for j in range(i + 1, len(words)) if words[j] in ("&&", "||", ";", "|")), len(words))
                check_command(where, words[i:end], bin_dir)


def load_yaml(path):
    try:
        return yaml.safe_load(path.read_text())
    except yaml.YAMLError as e:
        problems.append(f"{path.name}: invalid YAML: {e}")
        return None


def local_action(uses, root):
    for prefix, target in (("./.github/actions/", "actions/"), ("./.perfgate/workflows/actions/", "actions/")):
        if uses.startswith(prefix):
            return root / target / uses[len(prefix):] / "action.yml"
    return None


def check_steps(where, steps, bin_dir, root, declared_inputs=None):
    ids = {s.get("id") for s in steps if s.get("id")}
    for n, step in enumerate(steps):
        label = f"{where} step {n + 1} ({step.get('name') or step.get('uses')})"
        if "run" in step:
            check_script(label, step["run"], bin_dir)
        text = yaml.safe_dump(step)
        for ref in re.findall(r"steps\.([\w-]+)\.outputs", text):
            if ref not in ids:
                problems.append(f"{label}: refers to unknown step id {ref!r}")
        if declared_inputs is not None:
            for name in re.findall(r"inputs\.([\w-]+)", text):
                if name not in declared_inputs:
                    problems.append(f"{label}: refers to undeclared input {name!r}")
        uses = step.get("uses", "")
        if uses.startswith("./"):
            action = local_action(uses, root)
            if action is None or not action.exists():
                problems.append(f"{label}: local action {uses} not found in workflows/actions")
                continue
            inputs = (load_yaml(action) or {}).get("inputs", {})
            for key in (step.get("with") or {}):
                if key not in inputs:
                    problems.append(f"{label}: {uses} has no input {key!r}")


def main():
    root, bin_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    names = {}
    triggers = []
    for path in sorted(root.glob("*.yml")):
        doc = load_yaml(path)
        if doc is None:
            continue
        names[doc["name"]] = path.name
        on = doc.get(True) or doc.get("on")  # YAML 1.1 reads the key `on` as true
        if isinstance(on, dict) and "workflow_run" in on:
            triggers += [(path.name, w) for w in on["workflow_run"]["workflows"]]
        for job_name, job in doc["jobs"].items():
            check_steps(f"{path.name} job {job_name}", job.get("steps", []), bin_dir, root)
    for action in sorted(root.glob("actions/*/action.yml")):
        doc = load_yaml(action)
        if doc is None:
            continue
        check_steps(str(action.relative_to(root)), doc["runs"]["steps"], bin_dir, root, set(doc.get("inputs", {})))
    for file, name in triggers:
        if name not in names:
            problems.append(f"{file}: workflow_run names workflow {name!r}, which no file in workflows/ defines")
    checked = sum(1 for k in help_cache)
    for p in problems:
        print("problem:", p)
    print(f"{len(names)} workflows, {checked} tool help texts consulted, {len(problems)} problems")
    return 1 if problems else 0


sys.exit(main())
