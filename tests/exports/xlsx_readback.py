#!/usr/bin/env python3
"""`kehoach status` and `kehoach deadlines` with --format xlsx, read back.

For the bundled plans, a plan whose words hold control characters
(tests/cli/0290-status-csv-drops-controls) and a made-up plan with ids a
spreadsheet would take for numbers ("2.10", "3.1") and a title that looks
like a formula, each command writes a workbook (-o FILE.xlsx, and once
-o FILE.XLSX without --format) and its CSV on standard output, in the same
run's terms (--as-of), and openpyxl reads the workbook back:

- one sheet, the CSV's header in row 1 (bold), frozen below it, the
  autofilter over every row and column written;
- every cell against the CSV's field: dates are date cells shown
  dd/mm/yyyy holding the CSV's ISO date; the counts (days_left, percent,
  occurrences, occurrences_finished) are numbers; every other cell is text
  (ids "2.10" and "1" included) equal to the CSV's field, except that the
  CSV makes a formula-looking cell inert with an apostrophe the sheet does
  not need; an empty field is an empty cell;
- each column at least 8 and at most about 60 characters wide, and at
  least as wide as its header;
- the same bytes from two runs;
- a title longer than a cell holds (32,767 characters) cut to fit, ending
  with '…', and a note on standard error that says so;
- plans with errors: exit 1 and no workbook written, an existing one kept.

Then LibreOffice Calc (headless) opens every workbook and exports it as
CSV: each cell it shows must be the CSV's field (dates as dd/mm/yyyy).
That part is skipped where LibreOffice is missing; the whole test skips
(77) without openpyxl.

usage: xlsx_readback.py KEHOACH PLANS_DIR CLI_CASES_DIR
"""
import csv
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import madeplan  # noqa: E402

try:
    import openpyxl
    import yaml
except ImportError:
    print("skipped: python3-openpyxl or python3-yaml is not installed")
    sys.exit(77)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LO_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
DATES = {"from", "to", "due", "last_update"}
NUMBERS = {"days_left", "percent", "occurrences", "occurrences_finished"}
INERT = tuple("=+-@\t\r")


def made_plan(folder):
    """A plan with ids like numbers and a title like a formula."""
    acts = [madeplan.activity("2.10"), madeplan.activity("3.1"), madeplan.activity("1")]
    acts[1]["title"] = "=HYPERLINK(\"x\";\"Tập huấn\")"
    sections = [{"id": "2", "title": "Truyền thông", "activities": acts}]
    os.makedirs(folder)
    with open(os.path.join(folder, "plan.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(madeplan.plan(sections), f, allow_unicode=True, sort_keys=False)


def run(kehoach, args, cwd):
    return subprocess.run([kehoach] + args, cwd=cwd, capture_output=True, timeout=300,
                          env=dict(os.environ, LANGUAGE="en"))


def expected_text(field, value):
    """The sheet's text for a CSV field: the CSV's apostrophe before a
    formula-looking text is the CSV's own."""
    if field.startswith("'") and field[1:2] and field[1:].startswith(INERT):
        return field[1:]
    return field


def check_book(name, path, rows, problems):
    wb = openpyxl.load_workbook(path)
    if len(wb.worksheets) != 1:
        problems.append(f"{name}: {len(wb.worksheets)} sheets, not 1")
    ws = wb.worksheets[0]
    header, body = rows[0], rows[1:]
    ncols, last = len(header), len(rows)
    if ws.max_row != last or ws.max_column != ncols:
        problems.append(f"{name}: {ws.max_row} rows x {ws.max_column} columns, the CSV "
                        f"has {last} x {ncols}")
    if ws.freeze_panes != "A2":
        problems.append(f"{name}: frozen at {ws.freeze_panes}, not below the header")
    want_ref = f"A1:{openpyxl.utils.get_column_letter(ncols)}{last}"
    if ws.auto_filter.ref != want_ref:
        problems.append(f"{name}: filter over {ws.auto_filter.ref}, not {want_ref}")
    for c, title in enumerate(header, 1):
        cell = ws.cell(1, c)
        if cell.value != title or not cell.font.b:
            problems.append(f"{name}: header {c} is {cell.value!r} "
                            f"(bold: {cell.font.b}), not {title!r} in bold")
        letter = openpyxl.utils.get_column_letter(c)
        width = ws.column_dimensions[letter].width
        if not (8 <= width <= 61) or width < len(title):
            problems.append(f"{name}: column {title} is {width} wide")
    cells = 0
    for r, row in enumerate(body, 2):
        for c, field in enumerate(row, 1):
            cell, column = ws.cell(r, c), header[c - 1]
            cells += 1
            where = f"{name}!{cell.coordinate} ({column})"
            if field == "":
                if cell.value is not None:
                    problems.append(f"{where}: {cell.value!r}, the CSV has nothing")
            elif column in DATES:
                if not isinstance(cell.value, datetime.datetime) or \
                        cell.value.date().isoformat() != field or \
                        cell.number_format != "dd/mm/yyyy":
                    problems.append(f"{where}: {cell.value!r} ({cell.number_format}), "
                                    f"not the date {field} shown dd/mm/yyyy")
            elif column in NUMBERS:
                if cell.data_type != "n" or isinstance(cell.value, bool) or \
                        cell.value != int(field):
                    problems.append(f"{where}: {cell.value!r}, not the number {field}")
            elif cell.data_type != "s" or cell.value != expected_text(field, cell.value):
                problems.append(f"{where}: {cell.value!r} ({cell.data_type}), not the "
                                f"text {field!r}")
    return cells


def lo_check(work, books, problems):
    """LibreOffice opens each workbook: what it shows is the CSV."""
    outdir = os.path.join(work, "lo")
    r = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{work}/profile",
                        "--headless", "--convert-to", LO_CSV, "--outdir", outdir,
                        *[b for b, _ in books]],
                       cwd=work, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        problems.append(f"LibreOffice failed ({r.returncode}): {r.stderr}")
        return 0
    cells = 0
    for book, rows in books:
        stem = os.path.splitext(os.path.basename(book))[0]
        found = [n for n in os.listdir(outdir) if n.startswith(stem)]
        if len(found) != 1:
            problems.append(f"LibreOffice wrote {found} for {stem}")
            continue
        with open(os.path.join(outdir, found[0]), encoding="utf-8", newline="") as f:
            shown = list(csv.reader(f))
        header = rows[0]
        for r_, row in enumerate(rows):
            for c, field in enumerate(row):
                got = shown[r_][c] if r_ < len(shown) and c < len(shown[r_]) else ""
                want = expected_text(field, None)
                if r_ and header[c] in DATES and field:
                    want = datetime.date.fromisoformat(field).strftime("%d/%m/%Y")
                cells += 1
                if got != want:
                    problems.append(f"LibreOffice {stem} row {r_ + 1} column "
                                    f"{header[c]}: shows {got!r}, the CSV holds {want!r}")
    return cells


def main():
    kehoach = os.path.abspath(sys.argv[1])
    plans, cases = os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    problems, books = [], []
    cells = 0
    with tempfile.TemporaryDirectory(prefix="kehoach-xlsx-") as work:
        shutil.copytree(plans, os.path.join(work, "plans"))
        shutil.copytree(os.path.join(cases, "0290-status-csv-drops-controls"),
                        os.path.join(work, "controls"))
        made_plan(os.path.join(work, "made"))
        runs = [("plans", "2026-07-01", ".xlsx", []), ("plans", "2021-10-01", ".XLSX", []),
                ("controls/plan.yaml", "2026-05-01", ".xlsx", []),
                ("made/plan.yaml", "2026-07-01", ".xlsx", []),
                ("plans", "2026-07-01", ".xlsx", ["--state", "overdue"])]
        for i, (where, as_of, ext, extra) in enumerate(runs):
            for command in ("status", "deadlines"):
                if extra and command == "deadlines":
                    continue
                base = [command, where, "--as-of", as_of] + extra
                book = os.path.join(work, f"{command}-{i}{ext}")
                fmt = ["--format", "xlsx"] if ext == ".xlsx" else []
                w = run(kehoach, base + fmt + ["-o", book], work)
                c = run(kehoach, base + ["--format", "csv"], work)
                if w.returncode or c.returncode or w.stdout:
                    problems.append(f"{' '.join(base)}: exit {w.returncode}/{c.returncode}: "
                                    f"{w.stdout.decode()}{w.stderr.decode()}")
                    continue
                again = book + ".again.xlsx"
                run(kehoach, base + ["--format", "xlsx", "-o", again], work)
                with open(book, "rb") as f1, open(again, "rb") as f2:
                    if f1.read() != f2.read():
                        problems.append(f"{' '.join(base)}: two runs, different bytes")
                os.remove(again)
                rows = list(csv.reader(io.StringIO(c.stdout.decode("utf-8"), newline="")))
                cells += check_book(f"{command}-{i}", book, rows, problems)
                books.append((book, rows))

        # a title longer than a cell holds: cut, ending with '…', and said
        long_dir = os.path.join(work, "long")
        os.makedirs(long_dir)
        title = "Tập huấn kỹ năng trợ giúp pháp lý. " * 1200  # 42,000 characters
        act = dict(madeplan.activity("1"), title=title, time="Quý IV")
        with open(os.path.join(long_dir, "plan.yaml"), "w", encoding="utf-8") as f:
            yaml.safe_dump(madeplan.plan([{"id": "1", "title": "Tập huấn",
                                           "activities": [act]}]),
                           f, allow_unicode=True, sort_keys=False)
        for command in ("status", "deadlines"):
            book = os.path.join(work, f"long-{command}.xlsx")
            r = run(kehoach, [command, "long", "--as-of", "2026-07-01", "-o", book], work)
            said = (f"kehoach {command}: note: 1 cell longer than Excel's 32767 "
                    "characters was cut and ends with '…'")
            if r.returncode or said not in r.stderr.decode():
                problems.append(f"{command} with a long title: exit {r.returncode}, "
                                f"stderr {r.stderr.decode()!r}, not {said!r}")
                continue
            ws = openpyxl.load_workbook(book).worksheets[0]
            names = [c.value for c in ws[1]]
            row = next(r for r in ws.iter_rows(min_row=2, values_only=True)
                       if r[names.index("activity")] == "1")
            cell = row[names.index("title")]
            if cell != title[:32766] + "…":
                problems.append(f"{command} with a long title: the cell holds "
                                f"{len(cell or '')} characters, not the title cut to "
                                "32,767 with '…'")

        # plans with errors: nothing written, an existing workbook kept
        bad = os.path.join(work, "bad")
        os.makedirs(bad)
        with open(os.path.join(bad, "plan.yaml"), "w", encoding="utf-8") as f:
            f.write("id: x\nyear: năm 2026\n")
        for command in ("status", "deadlines"):
            kept = os.path.join(work, f"kept-{command}.xlsx")
            with open(kept, "wb") as f:
                f.write(b"earlier")
            r = run(kehoach, [command, "bad", "-o", kept], work)
            with open(kept, "rb") as f:
                if r.returncode != 1 or f.read() != b"earlier":
                    problems.append(f"{command} on a plan with errors: exit {r.returncode}, "
                                    "the earlier workbook not kept")
            r = run(kehoach, [command, "bad", "-o", os.path.join(work, "none.xlsx")], work)
            if r.returncode != 1 or os.path.exists(os.path.join(work, "none.xlsx")):
                problems.append(f"{command} on a plan with errors wrote a workbook")
            left = [n for n in os.listdir(work) if ".tmp-" in n]
            if left:
                problems.append(f"{command}: temporary files left: {left}")

        lo_cells = lo_check(work, books, problems) if SOFFICE else 0
    print(f"{len(books)} workbooks, {cells} cells checked against the CSV")
    print(f"LibreOffice: {lo_cells} cells shown as the CSV holds them" if SOFFICE
          else "LibreOffice is not installed: not opened")
    for p in problems[:40]:
        print("FAIL:", p)
    print(f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


main()
