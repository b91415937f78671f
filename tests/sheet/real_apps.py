#!/usr/bin/env python3
"""The xlsx reader on files real applications wrote, against an
independent reader.

Workbooks are written with openpyxl (text, shared strings and rich text
runs, numbers, dates in date formats, percents, booleans, errors,
formulas, sparse rows and columns, a hidden sheet; and one in the 1904
date system), then opened and saved again as xlsx by LibreOffice
headless (which computes every formula and writes its own shared
strings, styles and cached values) and, where it is installed, by
Gnumeric's ssconvert. Each file, the openpyxl original included, is read
by xlsx-dump (every cell as xlsx_read.h reads it) and by openpyxl, and
every cell must agree: kind, value, the day a date names, percent and
formula flags; sheets, their order and visibility; the date system. The
values a formula computes and the days written are also checked against
what this script wrote.

Skips (77) without LibreOffice; Gnumeric's part is skipped, and said so,
without ssconvert.

usage: real_apps.py XLSX_DUMP
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
except ImportError:
    print("SKIP: python3-openpyxl is not installed")
    sys.exit(77)

RICH = "Đậm và thường"
LONG = "Kế hoạch " * 120


def write_forms(path):
    """The main workbook; returns {(sheet, cell): what the cell must read
    as once an application computed it} for the independent checks."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sở Y tế"
    want = {}
    rows = [
        ["Mã", "Hoạt động", "Ngày xong", "Tỷ lệ", "Đạt", "Ghi chú"],
        ["BC1", "Tuyên truyền pháp luật", datetime.date(2026, 10, 15), 0.7, True,
         "dòng một\ndòng hai"],
        ["BC2", "Tập huấn", datetime.datetime(2026, 3, 1, 14, 30), 0.125, False, RICH],
        ["BC3", "Sở Y tế", datetime.date(1900, 3, 1), 1, True, "0123"],
    ]
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            ws.cell(r, c, v)
    ws["C2"].number_format = "dd/mm/yyyy"
    ws["C3"].number_format = "yyyy-mm-dd hh:mm"
    ws["C4"].number_format = "mm-dd-yy"           # built-in 14
    ws["D2"].number_format = "0%"                 # built-in 9
    ws["D3"].number_format = "0.0%"
    ws["D4"].number_format = "0.00%"              # built-in 10
    for day, cell in ((datetime.date(2026, 10, 15), "C2"), (datetime.date(2026, 3, 1), "C3"),
                      (datetime.date(1900, 3, 1), "C4")):
        want[("Sở Y tế", cell)] = ("number", day)
    # numbers of every shape
    for c, v in enumerate([42, -3.25, 1e15, 1.5e-5, 0, 123456789.125], 1):
        ws.cell(6, c, v)
        want[("Sở Y tế", f"{get_column_letter(c)}6")] = ("number", float(v))
    # formulas, whose values the applications compute
    ws["A8"] = "=F6*2"
    want[("Sở Y tế", "A8")] = ("number", 246913578.25)
    ws["B8"] = "=SUM(A6:B6)"
    want[("Sở Y tế", "B8")] = ("number", 38.75)
    ws["C8"] = '="a"&"b"'
    want[("Sở Y tế", "C8")] = ("text", "ab")
    ws["D8"] = "=A6>1"
    want[("Sở Y tế", "D8")] = ("bool", 1.0)
    ws["E8"] = "=1/0"
    want[("Sở Y tế", "E8")] = ("error", "#DIV/0!")
    ws["F8"] = "=DATE(2026,10,15)"
    ws["F8"].number_format = "dd/mm/yyyy"
    want[("Sở Y tế", "F8")] = ("number", datetime.date(2026, 10, 15))
    ws["G8"] = "=D2*100"
    want[("Sở Y tế", "G8")] = ("number", 70.0)
    # sparse: far below and to the right, an empty row between
    ws["AB50"] = "xa"
    ws["A52"] = LONG
    ws["C52"] = "Sở Y tế"                          # a shared string used twice
    hidden = wb.create_sheet("Ẩn")
    hidden["A1"] = "ẩn"
    hidden.sheet_state = "hidden"
    third = wb.create_sheet("Ba")
    third["B2"] = 1
    wb.save(path)
    rich_text(path)
    want[("Sở Y tế", "F3")] = ("text", RICH)
    return want


def rich_text(path):
    """openpyxl 3.0 writes no rich text (and writes its strings inline):
    the cell F3 becomes runs (bold, then plain) with a phonetic run after
    them, as Excel writes them; the applications keep the runs in their
    shared strings (has_runs checks)."""
    tmp = path + ".tmp"
    runs = ("<is><r><rPr><b/><sz val=\"11\"/></rPr><t>Đậm</t></r>"
            "<r><t xml:space=\"preserve\"> và thường</t></r>"
            "<rPh sb=\"0\" eb=\"1\"><t>ダム</t></rPh></is>")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text, n = re.subn(r'(<c r="F3"[^>]*>)<is>.*?</is>',
                                  lambda m: m.group(1) + runs, data.decode("utf-8"))
                assert n == 1, "openpyxl wrote the cell F3 otherwise"
                data = text.encode("utf-8")
            dst.writestr(item, data)
    os.replace(tmp, path)


def write_1904(path):
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws["A1"] = datetime.date(2026, 10, 15)
    # 1904-01-02, serial 1: openpyxl reads serial 0 as a time of day in
    # either system (the unit test has 0 as 1904-01-01)
    ws["A2"] = datetime.date(1904, 1, 2)
    ws["A3"] = "=A1+1"
    ws["A3"].number_format = "dd/mm/yyyy"
    ws["B1"] = 7
    wb.save(path)
    return {("Mac", "A1"): ("number", datetime.date(2026, 10, 15)),
            ("Mac", "A2"): ("number", datetime.date(1904, 1, 2)),
            ("Mac", "A3"): ("number", datetime.date(2026, 10, 16))}


def unescape(s):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), s)


def dump(prog, path):
    out = subprocess.run([prog, path], capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"{path}: xlsx-dump failed: {out.stdout}{out.stderr}")
    book = {"system": None, "sheets": [], "cells": {}}
    for line in out.stdout.splitlines():
        f = line.split("\t")
        if f[0] == "workbook":
            book["system"] = int(f[1])
        elif f[0] == "sheet":
            book["sheets"].append((unescape(f[1]), f[3]))
        else:
            flags = set() if f[4] == "-" else set(f[4].split(","))
            book["cells"][(unescape(f[0]), f[1])] = (f[2], unescape(f[3]), flags)
    return book


def is_percent(fmt):
    return "%" in re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", fmt or "").split(";")[0]


def expected(path):
    """What openpyxl reads from the file, in xlsx-dump's terms."""
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False)
    book = {"system": 1904 if values.epoch == CALENDAR_MAC_1904 else 1900,
            "sheets": [(ws.title, "visible" if ws.sheet_state == "visible" else "hidden")
                       for ws in values.worksheets],
            "cells": {}}
    for ws in values.worksheets:
        fws = formulas[ws.title]
        for row in ws.iter_rows():
            for c in row:
                f = fws[c.coordinate].value
                formula = (isinstance(f, str) and f.startswith("=")) or \
                    type(f).__name__ == "ArrayFormula"
                v = c.value
                flags = {"formula"} if formula else set()
                if v is None:
                    if formula:
                        book["cells"][(ws.title, c.coordinate)] = ("novalue", "", flags)
                    continue
                if c.data_type == "e":
                    kind, value = "error", v
                elif isinstance(v, bool):
                    kind, value = "bool", "1" if v else "0"
                elif isinstance(v, (datetime.datetime, datetime.date, datetime.time,
                                    datetime.timedelta)):
                    kind, value = "number", None      # the serial: compared by its day
                    day = v.date() if isinstance(v, datetime.datetime) else v
                    flags.add("date=" + day.isoformat() if isinstance(day, datetime.date)
                              else "date=none")
                elif isinstance(v, (int, float)):
                    kind, value = "number", repr(float(v))
                    if is_percent(c.number_format):
                        flags.add("percent")
                else:
                    kind, value = "text", v
                book["cells"][(ws.title, c.coordinate)] = (kind, value, flags)
    return book


def compare(label, prog, path, want):
    got, ref = dump(prog, path), expected(path)
    problems = []
    if want and any(k == ("Sở Y tế", "F3") for k in want) and not has_runs(path):
        problems.append("the rich text of F3 was not written as runs")
    if got["system"] != ref["system"]:
        problems.append(f"date system {got['system']}, openpyxl {ref['system']}")
    if got["sheets"] != ref["sheets"]:
        problems.append(f"sheets {got['sheets']}, openpyxl {ref['sheets']}")
    for key in sorted(set(got["cells"]) | set(ref["cells"])):
        g, r = got["cells"].get(key), ref["cells"].get(key)
        if g is None or r is None:
            problems.append(f"{key}: xlsx_read {g}, openpyxl {r}")
            continue
        gkind, gvalue, gflags = g
        rkind, rvalue, rflags = r
        same_value = gvalue == rvalue if rvalue is not None else True
        if gkind == "number" and rkind == "number" and rvalue is not None:
            same_value = float(gvalue) == float(rvalue)
        if gkind != rkind or not same_value or gflags != rflags:
            problems.append(f"{key}: xlsx_read {g}, openpyxl {r}")
    for key, (kind, value) in want.items():
        g = got["cells"].get(key)
        if g is None:
            problems.append(f"{key}: missing, wrote {value!r}")
        elif isinstance(value, datetime.date):
            if g[0] != "number" or f"date={value.isoformat()}" not in g[2]:
                problems.append(f"{key}: {g}, wrote the day {value}")
        elif g[0] != kind or (g[1] != value if isinstance(value, str) else float(g[1]) != value):
            problems.append(f"{key}: {g}, wrote {kind} {value!r}")
    for p in problems:
        print(f"FAILED {label}: {p}")
    print(f"{label}: {len(got['cells'])} cells in {len(got['sheets'])} sheets, "
          f"{len(problems)} disagreements")
    return not problems


def libreoffice(src, outdir, profile):
    os.makedirs(outdir, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "xlsx", "--outdir", outdir, src],
                   capture_output=True, timeout=300, check=True)
    out = os.path.join(outdir, os.path.basename(src))
    if not os.path.exists(out):
        raise AssertionError(f"LibreOffice did not write {out}")
    return out


# LibreOffice computes formulas saved without their values only when told
# to recalculate on load.
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


def has_runs(path):
    """Whether the file still writes RICH as runs of rich text (shared
    or inline), so that the reader's joining of runs was exercised."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/") and name.endswith(".xml"):
                text = z.read(name).decode("utf-8", "replace")
                if re.search(r"<(\w+:)?r>(?:(?!</(\w+:)?si>|</(\w+:)?is>).)*>Đậm<", text, re.S):
                    return True
    return False


def main():
    prog = sys.argv[1]
    warnings.simplefilter("ignore")  # openpyxl's about Gnumeric's styles
    if not shutil.which("soffice"):
        print("SKIP: LibreOffice (soffice) is not installed")
        return 77
    ok = True
    read = []
    with tempfile.TemporaryDirectory(prefix="kehoach-real-apps-") as tmp:
        profile = os.path.join(tmp, "profile")
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
            f.write(RECALC)
        books = []
        for name, writer in (("forms.xlsx", write_forms), ("mac1904.xlsx", write_1904)):
            path = os.path.join(tmp, name)
            books.append((path, writer(path)))
        # openpyxl's own files: formulas without values (novalue)
        for path, _ in books:
            ok &= compare(f"openpyxl {os.path.basename(path)}", prog, path, {})
        read.append(f"openpyxl {openpyxl.__version__}")
        for path, want in books:
            out = libreoffice(path, os.path.join(tmp, "libreoffice"), profile)
            ok &= compare(f"LibreOffice {os.path.basename(path)}", prog, out, want)
        read.append(version(["soffice", "--version"]))
        if shutil.which("ssconvert"):
            for path, want in books:
                out = os.path.join(tmp, "gnumeric-" + os.path.basename(path))
                subprocess.run(["ssconvert", "--export-type=Gnumeric_Excel:xlsx2", path, out],
                               capture_output=True, timeout=300, check=True)
                ok &= compare(f"Gnumeric {os.path.basename(path)}", prog, out, want)
            read.append(version(["ssconvert", "--version"]))
        else:
            print("SKIP (part): Gnumeric's ssconvert is not installed")
    print("files read from:", "; ".join(read))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
