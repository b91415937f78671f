#!/usr/bin/env python3
"""The examples of the README and of docs/ are true.

In each file given (README.md first, then the pages of docs/):

- every ```yaml block that starts with the editor's schema line is a plan
  that `kehoach validate` accepts;
- every ``` block that starts with "$ kehoach ..." shows exactly what that
  command prints in English (the language of these pages), run in the
  golden case whose `cmd` is the same command (laid out as
  tests/cli/run.py lays it out: plans/ copied in, generate.py run); that
  case must be golden in both languages (its `english` mark), so each
  example is also checked as a Vietnamese official sees it.

A page of docs/ that holds an example but is not given is an error too,
so that a page added later is not left unchecked.

usage: examples.py KEHOACH README [DOC...]
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def run(kehoach, args, cwd):
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8", LANGUAGE="en")
    proc = subprocess.run([kehoach] + args, cwd=cwd, env=env, capture_output=True,
                          timeout=120)
    return proc.stdout.decode("utf-8", "replace")


def case_for(cases, args):
    """The golden case folder whose cmd is these arguments, if any."""
    for name in sorted(os.listdir(cases)):
        cmd = os.path.join(cases, name, "cmd")
        if os.path.exists(cmd) and shlex.split(open(cmd, encoding="utf-8").read()) == args:
            return os.path.join(cases, name)
    return None


def prepare(case, work, repo):
    """The case's files in work, as tests/cli/run.py lays them out: the
    repository's plans/ for uses-plans, and what generate.py writes."""
    for entry in os.listdir(case):
        if entry in ("cmd", "stdout", "stderr", "status", "generate.py",
                     "stdout.en", "stderr.en", "english") \
                or entry.startswith("expected."):
            continue
        src = os.path.join(case, entry)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(work, entry), symlinks=True)
        else:
            os.link(src, os.path.join(work, entry))
    if os.path.exists(os.path.join(case, "uses-plans")):
        shutil.copytree(os.path.join(repo, "plans"), os.path.join(work, "plans"))
    if os.path.exists(os.path.join(case, "generate.py")):
        subprocess.run([sys.executable, os.path.join(case, "generate.py")],
                       cwd=work, check=True,
                       env=dict(os.environ,
                                PYTHONPATH=os.path.dirname(os.path.dirname(case)),
                                PYTHONDONTWRITEBYTECODE="1"))


def has_example(path):
    for lang, body in BLOCK.findall(open(path, encoding="utf-8").read()):
        if ((lang == "yaml" and body.startswith("# yaml-language-server:"))
                or body.startswith("$ kehoach ")):
            return True
    return False


def check_file(kehoach, repo, cases, path):
    """(examples checked, examples wrong) in one Markdown file."""
    name = os.path.relpath(path, repo)
    text = open(path, encoding="utf-8").read()
    checked, failed = 0, 0
    for lang, body in BLOCK.findall(text):
        if lang == "yaml" and body.startswith("# yaml-language-server:"):
            with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8",
                                             delete=False) as f:
                f.write(body)
            proc = subprocess.run([kehoach, "validate", f.name], capture_output=True)
            os.unlink(f.name)
            checked += 1
            if proc.returncode != 0:
                failed += 1
                print(f"{name}: plan example is not valid:\n" + proc.stdout.decode())
        elif body.startswith("$ kehoach "):
            first, _, shown = body.partition("\n")
            args = shlex.split(first[len("$ kehoach "):])
            case = case_for(cases, args)
            checked += 1
            if not case or not os.path.exists(os.path.join(case, "english")):
                failed += 1
                print(f"{name}: 'kehoach {' '.join(args)}' has no golden case in "
                      f"tests/cli/ marked 'english' (golden in both languages)")
                continue
            with tempfile.TemporaryDirectory() as work:
                prepare(case, work, repo)
                actual = run(kehoach, args, work)
            if actual != shown:
                failed += 1
                print(f"{name} shows for 'kehoach {' '.join(args)}':\n{shown}"
                      f"but it prints:\n{actual}")
    print(f"{name}: {checked} examples checked, {failed} wrong")
    return checked, failed


def main():
    kehoach = os.path.abspath(sys.argv[1])
    paths = [os.path.abspath(p) for p in sys.argv[2:]]
    repo = os.path.dirname(paths[0])
    cases = os.path.join(repo, "tests", "cli")
    checked, failed = 0, 0
    for path in paths:
        n, bad = check_file(kehoach, repo, cases, path)
        checked, failed = checked + n, failed + bad
    docs = os.path.join(repo, "docs")
    left = sorted(os.path.join("docs", f) for f in os.listdir(docs)
                  if f.endswith(".md") and os.path.join(docs, f) not in paths
                  and has_example(os.path.join(docs, f)))
    for name in left:
        print(f"{name} has examples but is not checked: add it to tests/meson.build")
    print(f"{checked} examples checked in {len(paths)} files, {failed} wrong")
    return 1 if failed or left or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
