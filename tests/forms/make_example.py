#!/usr/bin/env python3
"""make_example.py - writes the bundled example of a progress form: the
form for Sở Y tế as `kehoach form` makes it from plans/ (as of 03/12/2026)
and the same form filled (filling.py) and saved by LibreOffice, into
tests/forms/example/. The README's tour and the golden cases 0450-0452
collect it. Run it again when plans/ change, from the repository's top:

    python3 tests/forms/make_example.py build/engine/kehoach
"""
import os
import shutil
import subprocess
import sys
import tempfile

from filling import fill, resave

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))


def main():
    kehoach = os.path.abspath(sys.argv[1])
    out = os.path.join(HERE, "example")
    os.makedirs(out, exist_ok=True)
    blank = os.path.join(out, "so-y-te.xlsx")
    subprocess.run([kehoach, "form", "plans", "--unit", "Sở Y tế", "--as-of",
                    "2026-12-03", "--reply-by", "2026-12-10", "-o", blank],
                   cwd=TOP, check=True)
    work = tempfile.mkdtemp(prefix="kehoach-example-")
    try:
        filled = os.path.join(work, "so-y-te-filled.xlsx")
        fill(blank, filled)
        saved = resave("libreoffice", filled, os.path.join(work, "saved"))
        shutil.copyfile(saved, os.path.join(out, "so-y-te-filled.xlsx"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
