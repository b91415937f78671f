#!/usr/bin/env python3
"""The CSV files kehoach writes, opened by LibreOffice as a user opens them.

`kehoach deadlines` and `kehoach status` write CSV with `-o FILE.csv`
under a plain environment (PATH and HOME only, as a user's session may
have), and LibreOffice Calc (headless, a private profile) opens each file
and saves it as xlsx, which openpyxl reads back: every cell must hold what
Python's csv module reads from the file (Vietnamese intact, one cell per
field).

How LibreOffice opens a CSV depends on how it is asked, and that is what
this test is about (LibreOffice 7.4 of Debian bookworm, from its source):

- a double-click shows the Text Import dialog (ScImportAsciiDlg). It
  proposes the settings kept in the profile (a new profile: comma,
  semicolon and tab as separators, '"' around text, no special numbers,
  no formulas, the user's language) and a character set: LibreOffice 7.4
  asks ICU's charset detector about the file's first 4,096 bytes and
  takes UTF-8 or UTF-16 when ICU names them, and otherwise the
  computer's own (on the users' Windows computers a legacy code page,
  Windows-1252 or -1258). Earlier versions looked only for a byte order
  mark, which is also all Excel looks for. The dialog cannot be shown
  here (Debian's nogui LibreOffice has none), so the test reads the
  defaults from LibreOffice's own configuration, chooses the character
  set both ways - with ICU (the library LibreOffice uses, through
  ctypes), and by the mark alone - and imports with the resulting filter
  options. With the mark both read the Vietnamese intact; without it the
  second garbles it, as Excel does, while ICU finds UTF-8 in kehoach's
  Vietnamese anyway (printed: its name and confidence for the file with
  and without the mark);
Also checked: standard output carries no byte order mark, and the file is
the mark followed by exactly what standard output gets. Printed, not
asserted: the ids LibreOffice reads as numbers ("2.1" becomes 2.1 in an
English locale; see docs/commands.md).

Skips (77) where LibreOffice or openpyxl is missing.

usage: csv_libreoffice.py KEHOACH PLANS_DIR
"""
import csv
import ctypes
import ctypes.util
import datetime
import io
import os
import re
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

AS_OF = "2026-07-01"
BOM = b"\xef\xbb\xbf"
FILTER = "Text - txt - csv (StarCalc)"
UTF8, UTF16, WINDOWS_1252 = "76", "65535", "1"  # LibreOffice's codes
REGISTRY = os.path.join(os.path.dirname(os.path.realpath(SOFFICE)), "..",
                        "share", "registry", "main.xcd")


def plain_env(home, sanitizers=False):
    """PATH and HOME, as a user's session may have; for kehoach also the
    sanitizers' settings of the test run, which a user has not."""
    env = {"PATH": "/usr/bin:/bin", "HOME": home}
    if sanitizers:
        env.update({k: v for k, v in os.environ.items() if k.endswith("SAN_OPTIONS")})
    return env


def dialog_defaults():
    """The Text Import dialog's settings in a new profile, from
    LibreOffice's configuration (group Office.Calc/Dialogs/CSVImport)."""
    with open(REGISTRY, encoding="utf-8") as f:
        xcd = f.read()
    group = re.search(r'<group oor:name="CSVImport">(.*?)</group>', xcd, re.S)
    if not group:
        raise SystemExit(f"no CSVImport settings in {REGISTRY}")
    props = dict(re.findall(
        r'<prop oor:name="(\w+)"[^>]*>\s*<value>(.*?)</value>', group.group(1), re.S))
    return props


def icu_detect(data):
    """ICU's charset detector on the first 4,096 bytes, as LibreOffice 7.4's
    import dialog asks it: (name, confidence)."""
    name = ctypes.util.find_library("icui18n")
    if not name:
        raise SystemExit("ICU (libicui18n), which LibreOffice uses, is not found")
    lib, version = ctypes.CDLL(name), name.rsplit(".", 1)[-1]

    def fn(symbol, restype, argtypes):
        f = getattr(lib, f"{symbol}_{version}", None) or getattr(lib, symbol)
        f.restype, f.argtypes = restype, argtypes
        return f
    err = ctypes.POINTER(ctypes.c_int)
    p = ctypes.c_void_p
    start = fn("ucsdet_open", p, [err])
    text = fn("ucsdet_setText", None, [p, ctypes.c_char_p, ctypes.c_int32, err])
    detect = fn("ucsdet_detect", p, [p, err])
    get_name = fn("ucsdet_getName", ctypes.c_char_p, [p, err])
    confidence = fn("ucsdet_getConfidence", ctypes.c_int32, [p, err])
    close = fn("ucsdet_close", None, [p])
    e = ctypes.c_int(0)
    head = data[:4096]
    ucd = start(ctypes.byref(e))
    text(ucd, head, len(head), ctypes.byref(e))
    match = detect(ucd, ctypes.byref(e))
    found = (get_name(match, ctypes.byref(e)).decode(), confidence(match, ctypes.byref(e)))
    close(ucd)
    if e.value > 0:
        raise SystemExit(f"ICU's charset detector failed ({e.value})")
    return found


def dialog_options(data, props, sniff):
    """The filter options the dialog proposes for a file starting with
    data, its character set chosen by ICU (sniff "icu", LibreOffice 7.4)
    or from a byte order mark alone ("mark": earlier versions, and Excel)."""
    if sniff == "icu":
        found = icu_detect(data)[0]
        charset = UTF8 if found == "UTF-8" else UTF16 if found.startswith("UTF-16") else None
    else:
        charset = UTF8 if data.startswith(BOM) else \
            UTF16 if data[:2] in (b"\xff\xfe", b"\xfe\xff") else None
    if charset is None:
        charset = WINDOWS_1252  # the computer's own, on the users' Windows
    seps = "/".join(str(ord(c)) for c in props["Separators"].replace("&#9;", "\t")
                    .replace("&quot;", '"'))
    if props["MergeDelimiters"] == "true":
        seps += "/MRG"
    text = str(ord(props["TextSeparators"].replace("&quot;", '"')[:1] or '"'))
    # tokens: separators, text delimiter, charset, first row, column
    # formats, language, quoted as text, special numbers, (export),
    # (export), remove spaces, (export), evaluate formulas
    return ",".join([seps, text, charset, props["FromRow"], "", props["Language"],
                     props["QuotedFieldAsText"], props["DetectSpecialNumbers"],
                     "false", "false", props["RemoveSpace"], "0",
                     props["EvaluateFormulas"]])


def convert(work, path, options, tag):
    """The workbook LibreOffice saves from path, opened with options (None:
    as --convert-to opens it, with none)."""
    outdir = os.path.join(work, "lo-" + tag)
    args = [SOFFICE, f"-env:UserInstallation=file://{work}/profile", "--headless"]
    if options is not None:
        args.append(f"--infilter={FILTER}:{options}")
    args += ["--convert-to", "xlsx", "--outdir", outdir, path]
    r = subprocess.run(args, cwd=work, env=plain_env(work), capture_output=True,
                       text=True, timeout=300)
    out = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".xlsx")
    if r.returncode != 0 or not os.path.exists(out):
        raise SystemExit(f"LibreOffice failed ({r.returncode}): {r.stderr}")
    return list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))


def shown(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d")
    return str(value)


def compare(name, want, got, problems, numbers):
    """Every field of want (rows of text) against LibreOffice's cells."""
    for r, row in enumerate(want):
        cells = list(got[r]) if r < len(got) else []
        if len(cells) > len(row) and any(c not in (None, "") for c in cells[len(row):]):
            problems.append(f"{name} row {r + 1}: {len(cells)} cells, the file has "
                            f"{len(row)} fields (a field was split)")
        for c, text in enumerate(row):
            value = cells[c] if c < len(cells) else None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                try:
                    same = float(text) == float(value)
                except ValueError:
                    same = False
                if not same:
                    problems.append(f"{name} row {r + 1} column {c + 1}: "
                                    f"{text!r} read as {value!r}")
                elif want[0][c] in ("activity", "section"):
                    numbers.append((text, value))
                continue
            if shown(value) != text:
                problems.append(f"{name} row {r + 1} column {c + 1}: LibreOffice "
                                f"shows {shown(value)!r}, the file holds {text!r}")


def main():
    kehoach, plans = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    problems, numbers, notes = [], [], []
    props = dialog_defaults()
    with tempfile.TemporaryDirectory(prefix="kehoach-csv-lo-") as work:
        shutil.copytree(plans, os.path.join(work, "plans"))
        files = []
        for command in ("deadlines", "status"):
            path = os.path.join(work, command + ".csv")
            base = [kehoach, command, "plans", "--as-of", AS_OF]
            run = subprocess.run(base + ["-o", path], cwd=work,
                                 env=plain_env(work, True), capture_output=True,
                                 timeout=120)
            out = subprocess.run(base + ["--format", "csv"], cwd=work,
                                 env=plain_env(work, True), capture_output=True,
                                 timeout=120)
            if run.returncode or out.returncode:
                problems.append(f"{command}: exit {run.returncode}, {out.returncode}: "
                                f"{run.stderr.decode()}{out.stderr.decode()}")
                continue
            with open(path, "rb") as f:
                data = f.read()
            if not data.startswith(BOM):
                problems.append(f"{command} -o {command}.csv: no byte order mark")
            if out.stdout.startswith(BOM):
                problems.append(f"{command} --format csv: a byte order mark on "
                                "standard output")
            if data != BOM + out.stdout:
                problems.append(f"{command}: the file is not the mark and standard "
                                "output")
            want = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
            if not any(re.search("[ạ-ỹđ]", field) for row in want for field in row):
                problems.append(f"{command}: no Vietnamese in the CSV to check")
            files.append((command, path, data, want))

        for command, path, data, want in files:
            for sniff in ("icu", "mark"):
                options = dialog_options(data, props, sniff)
                compare(f"{command} (as the import dialog opens it, charset by "
                        f"{sniff}: {options})", want,
                        convert(work, path, options, f"{command}-{sniff}"), problems,
                        numbers if sniff == "icu" else [])
            bare = data[len(BOM):] if data.startswith(BOM) else data
            notes.append(f"{command}: ICU finds {icu_detect(data)} with the mark, "
                         f"{icu_detect(bare)} without it")
            got = convert(work, path, None, command + "-plain")
            first = got[0][0] if got and got[0] else None
            if first == "\u00ef\u00bb\u00bfplan":
                notes.append(f"{command}: soffice --convert-to without options read the "
                             "file as Windows-1252 (this LibreOffice's fixed default for "
                             "an import without options); not checked")
            else:
                compare(f"{command} (--convert-to without options)", want, got,
                        problems, [])
        print(f"{len(files)} CSV files opened by LibreOffice "
              f"({subprocess.run([SOFFICE, '--version'], capture_output=True, text=True, env=plain_env(work)).stdout.strip()})")
    for n in notes:
        print("note:", n)
    ids = sorted(set(numbers))
    if ids:
        print(f"ids LibreOffice reads as numbers: {len(ids)}, e.g. "
              + ", ".join(f"{t} -> {v!r}" for t, v in ids[:6]))
    for p in problems[:40]:
        print("FAIL:", p)
    print(f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


main()
