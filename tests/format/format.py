#!/usr/bin/env python3
"""The C of engine/ and tests/ is laid out as .clang-format says.

Runs clang-format --dry-run on every .c and .h file and fails on any file
it would change, naming the first lines. Layouts differ between
clang-format releases, so the check runs with release 14 (Debian 12's,
with which the tree was formatted) and skips (77) with any other or
without one. To lay out a file: clang-format -i FILE (docs/development.md).

usage: format.py SOURCE_ROOT
"""
import glob
import os
import re
import shutil
import subprocess
import sys

RELEASE = 14


def main():
    root = sys.argv[1]
    tool = shutil.which("clang-format")
    if not tool:
        print("skipped: clang-format is not installed")
        return 77
    version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"version (\d+)\.", version)
    if not m or int(m.group(1)) != RELEASE:
        print(f"skipped: clang-format {RELEASE} lays the code out; this is "
              f"{version.strip() or 'an unknown release'}")
        return 77
    files = sorted(p for pattern in ("engine/**/*.[ch]", "tests/**/*.[ch]")
                   for p in glob.glob(os.path.join(root, pattern), recursive=True))
    if not files:
        print("FAILED no C files found")
        return 1
    problems = 0
    for path in files:
        run = subprocess.run([tool, "--dry-run", "--Werror", "--style=file", path],
                             capture_output=True, text=True)
        if run.returncode != 0:
            problems += 1
            lines = [l for l in run.stderr.splitlines() if ": error:" in l]
            print(f"FAILED {os.path.relpath(path, root)}: {len(lines)} places "
                  "differ, e.g.", *lines[:3], sep="\n  ")
    print(f"{len(files)} C files, {problems} not laid out as .clang-format says")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
