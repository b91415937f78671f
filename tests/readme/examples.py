#!/usr/bin/env python3
"""The README's examples are true.

- every ```yaml block that starts with the editor's schema line is a plan
  that `kehoach validate` accepts;
- every ``` block that starts with "$ kehoach ..." shows exactly what that
  command prints, run in the folder its files are in: the repository for
  plans/, or the golden case whose `cmd` is the same command.

usage: examples.py KEHOACH README
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def run(kehoach, args, cwd):
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
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


def main():
    kehoach, readme = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    repo = os.path.dirname(readme)
    cases = os.path.join(repo, "tests", "cli")
    text = open(readme, encoding="utf-8").read()
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
                print("README plan example is not valid:\n" + proc.stdout.decode())
        elif body.startswith("$ kehoach "):
            first, _, shown = body.partition("\n")
            args = shlex.split(first[len("$ kehoach "):])
            case = case_for(cases, args)
            if case:
                with tempfile.TemporaryDirectory() as work:
                    for name in os.listdir(case):
                        if name not in ("cmd", "stdout", "stderr", "status"):
                            os.link(os.path.join(case, name), os.path.join(work, name))
                    actual = run(kehoach, args, work)
            else:
                actual = run(kehoach, args, repo)
            checked += 1
            if actual != shown:
                failed += 1
                print(f"README shows for 'kehoach {' '.join(args)}':\n{shown}"
                      f"but it prints:\n{actual}")
    print(f"{checked} README examples checked, {failed} wrong")
    return 1 if failed or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
