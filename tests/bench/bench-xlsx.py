#!/usr/bin/env python3
"""Benchmark: what hostile workbooks cost the xlsx reader.

Writes two workbooks (zipfile, deflated at level 9): a zip bomb, one sheet
of 1 GiB of blanks between its tags (valid XML, so only the limits stop
it) packed into about 1 MiB; and a sheet of a million rows, one number
each. Reads each with xlsx-dump (tests/sheet/xlsx-dump.c) under the
default limits, then with the limit that stopped it raised, to show the
next one at work (the bomb: the part's size, then its ratio, which is
judged against the part's whole compressed size, so a part of 1 MiB
packed stops at 100 MiB), and finally read whole, and prints for each run the
CPU time and peak memory (of xlsx-dump alone, through the measure
helper) and what the reader said; then the same two workbooks given to
`kehoach collect` as forms, the whole command measured. Prints, never
asserts.

usage: bench-xlsx.py XLSX_DUMP MEASURE KEHOACH [--runs N]
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]
from measured import measured  # noqa: E402
from xlsxparts import SHEET_OPEN, workbook  # noqa: E402

MIB = 1 << 20


def blanks():
    chunk = b" " * MIB
    for _ in range(1024):
        yield chunk


def million_rows():
    for start in range(1, 1000001, 10000):
        yield "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'
                      for n in range(start, start + 10000)).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("measure")
    ap.add_argument("kehoach")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-xlsx-") as tmp:
        bomb = os.path.join(tmp, "bomb.xlsx")
        rows = os.path.join(tmp, "million.xlsx")
        workbook(bomb, SHEET_OPEN, blanks())
        workbook(rows, SHEET_OPEN, million_rows())
        whole = ["--limit", f"part={2 << 30}", "--limit", f"total={2 << 30}"]
        cases = [
            ("zip bomb, 1 GiB of blanks", bomb, []),
            ("  the part limit raised", bomb, whole),
            ("  read whole", bomb, ["--limit", "ratio=100000000"] + whole),
            ("a million rows", rows, []),
            ("  read whole (1,000,000 cells)", rows,
             ["--limit", "rows=1048576", "--limit", "cells=2000000"] + whole),
            ("kehoach collect, the zip bomb", bomb, None),
            ("kehoach collect, a million rows", rows, None),
        ]
        print(f"bomb.xlsx {os.path.getsize(bomb) / MIB:.1f} MiB, "
              f"million.xlsx {os.path.getsize(rows) / MIB:.1f} MiB")
        print(f"{'workbook':34} {'CPU s':>7} {'peak MiB':>9}  what the reader said")
        for label, path, limits in cases:
            cmd = [args.kehoach, "collect", path] if limits is None else \
                [args.dump] + limits + [path]
            figures, why = measured(args.measure, cmd, args.runs, ok=("0", "1"))
            run = subprocess.run(cmd, capture_output=True, text=True)
            out = run.stdout if limits is not None else run.stderr
            said = out.split("\n", 1)[0] if out.startswith("error") or \
                limits is None else \
                f"read: {sum(1 for line in out.splitlines() if chr(9) in line)} cells"
            if figures is None:
                print(f"{label:34} {why}")
            else:
                print(f"{label:34} {figures[0]:7.2f} {figures[2] / 1024:9.1f}  "
                      f"{said.replace(chr(9), ' ')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
