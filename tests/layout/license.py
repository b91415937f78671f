#!/usr/bin/env python3
"""license.py - the LICENSE file is the licence meson.build declares.

Reads project()'s `license:` from meson.build and checks that LICENSE
holds that licence's text, known by its first line and a sentence only
it has (MIT: "Permission is hereby granted, free of charge").

usage: license.py SOURCE_ROOT
"""
import os
import re
import sys

KNOWN = {
    "MIT": ("MIT License", "Permission is hereby granted, free of charge"),
}


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        m = re.search(r"license:\s*'([^']+)'", f.read())
    if not m:
        print("FAILED meson.build declares no licence")
        return 1
    declared = m.group(1)
    if declared not in KNOWN:
        print(f"FAILED no check for the licence '{declared}'; add it here")
        return 1
    try:
        with open(os.path.join(root, "LICENSE"), encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        print("FAILED there is no LICENSE file")
        return 1
    first, sentence = KNOWN[declared]
    if text.splitlines()[0].strip() != first or sentence not in text:
        print(f"FAILED LICENSE is not the {declared} licence meson.build declares")
        return 1
    print(f"LICENSE holds the {declared} licence meson.build declares")
    return 0


sys.exit(main())
