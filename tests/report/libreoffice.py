#!/usr/bin/env python3
"""kehoach report, opened by LibreOffice.

Renders the bundled plans with both built-in templates, has LibreOffice
Calc (headless) load each workbook and export every sheet as CSV, and
compares every cell LibreOffice shows with what openpyxl reads from the
same file: a workbook LibreOffice had to repair, or read differently,
fails. Skips (77) where LibreOffice is not installed.

usage: libreoffice.py KEHOACH PLANS_DIR
"""
import csv
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if not SOFFICE:
    print("skipped: LibreOffice (soffice) is not installed")
    sys.exit(77)
try:
    import openpyxl
except ImportError:
    print("skipped: python3-openpyxl is not installed")
    sys.exit(77)

# CSV: comma, double quote, UTF-8, from line 1, cells as shown, every sheet
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def shown(value):
    """A cell as LibreOffice shows it with the formats kehoach writes."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    return str(value)


def main():
    kehoach, plans = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    problems = []
    with tempfile.TemporaryDirectory(prefix="kehoach-lo-") as work:
        shutil.copytree(plans, os.path.join(work, "plans"))
        books = []
        for template in ("ministry", "audit"):
            out = os.path.join(work, template + ".xlsx")
            r = subprocess.run([kehoach, "report", "plans", "--template", template,
                                "--period", "2026", "-o", out], cwd=work,
                               capture_output=True, text=True, timeout=300)
            if r.returncode != 0:
                problems.append(f"{template}: exit {r.returncode}: {r.stderr}")
                continue
            books.append(out)
        outdir = os.path.join(work, "csv")
        r = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{work}/profile", "--headless",
                            "--convert-to", CSV_FILTER, "--outdir", outdir, *books],
                           cwd=work, capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            problems.append(f"LibreOffice failed ({r.returncode}): {r.stderr}")
        cells = 0
        for book in books:
            stem = os.path.splitext(os.path.basename(book))[0]
            wb = openpyxl.load_workbook(book)
            for ws in wb.worksheets:
                path = os.path.join(outdir, f"{stem}-{ws.title}.csv")
                if not os.path.exists(path):
                    problems.append(f"LibreOffice did not read sheet {ws.title!r} of {stem}")
                    continue
                with open(path, encoding="utf-8", newline="") as f:
                    lo = list(csv.reader(f))
                for row in ws.iter_rows():
                    for cell in row:
                        r_, c_ = cell.row - 1, cell.column - 1
                        got = lo[r_][c_] if r_ < len(lo) and c_ < len(lo[r_]) else ""
                        cells += 1
                        if got != shown(cell.value):
                            problems.append(f"{stem}/{ws.title}!{cell.coordinate}: LibreOffice "
                                            f"shows {got!r}, the file holds {cell.value!r}")
        print(f"LibreOffice read {len(books)} workbooks, {cells} cells compared")
    for p in problems[:40]:
        print("FAIL:", p)
    print(f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


main()
