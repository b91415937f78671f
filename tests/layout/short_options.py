#!/usr/bin/env python3
"""short_options.py - a short option means one thing in every command.

Reads the option tables of engine/cli/cmd-*.c ({"name", 'x', ...}) and
fails when one letter stands for two long options in different commands
(-f was --format in three commands and --force in two; -p --percent and
--period; -n --note and --dry-run), printing each clash.

usage: short_options.py ENGINE_DIR
"""
import glob
import os
import re
import sys

OPTION = re.compile(r'\{"([a-z][a-z-]*)",\s*\'(.)\',')


def main():
    meanings = {}
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "cli", "cmd-*.c"))):
        with open(path, encoding="utf-8") as f:
            for name, letter in OPTION.findall(f.read()):
                meanings.setdefault(letter, {}).setdefault(name, []).append(
                    os.path.basename(path))
    clashes = {k: v for k, v in meanings.items() if len(v) > 1}
    for letter, names in sorted(clashes.items()):
        said = "; ".join(f"--{n} in {', '.join(files)}"
                         for n, files in sorted(names.items()))
        print(f"FAILED -{letter} means {said}")
    print(f"{len(meanings)} short options, {len(clashes)} with two meanings")
    return 1 if clashes or not meanings else 0


sys.exit(main())
