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
helper) and what the reader said. Prints, never asserts.

usage: bench-xlsx.py XLSX_DUMP MEASURE [--runs N]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measured import measured  # noqa: E402

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MIB = 1 << 20


def workbook(path, write_sheet):
    """An xlsx file of one sheet whose part write_sheet(f) writes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels",
                   f'<Relationships xmlns="{PKG_NS}"><Relationship Id="rId1" '
                   f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets><sheet name="S" '
                   f'sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="{PKG_NS}"><Relationship Id="rId1" '
                   f'Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode())
            write_sheet(f)
            f.write(b"</sheetData></worksheet>")


def blanks(f):
    chunk = b" " * MIB
    for _ in range(1024):
        f.write(chunk)


def million_rows(f):
    for start in range(1, 1000001, 10000):
        f.write("".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'
                        for n in range(start, start + 10000)).encode())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("measure")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-xlsx-") as tmp:
        bomb = os.path.join(tmp, "bomb.xlsx")
        rows = os.path.join(tmp, "million.xlsx")
        workbook(bomb, blanks)
        workbook(rows, million_rows)
        whole = ["--limit", f"part={2 << 30}", "--limit", f"total={2 << 30}"]
        cases = [
            ("zip bomb, 1 GiB of blanks", bomb, []),
            ("  the part limit raised", bomb, whole),
            ("  read whole", bomb, ["--limit", "ratio=100000000"] + whole),
            ("a million rows", rows, []),
            ("  read whole (1,000,000 cells)", rows,
             ["--limit", "rows=1048576", "--limit", "cells=2000000"] + whole),
        ]
        print(f"bomb.xlsx {os.path.getsize(bomb) / MIB:.1f} MiB, "
              f"million.xlsx {os.path.getsize(rows) / MIB:.1f} MiB")
        print(f"{'workbook':34} {'CPU s':>7} {'peak MiB':>9}  what the reader said")
        for label, path, limits in cases:
            cmd = [args.dump] + limits + [path]
            figures, why = measured(args.measure, cmd, args.runs, ok=("0", "1"))
            out = subprocess.run(cmd, capture_output=True, text=True).stdout
            said = out.split("\n", 1)[0] if out.startswith("error") else \
                f"read: {sum(1 for line in out.splitlines() if line.startswith('S' + chr(9)))} cells"
            if figures is None:
                print(f"{label:34} {why}")
            else:
                print(f"{label:34} {figures[0]:7.2f} {figures[2] / 1024:9.1f}  "
                      f"{said.replace(chr(9), ' ')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
