#!/usr/bin/env python3
"""refused.py - progress forms filled wrong, changed under the form, or
hostile: each collected into a fresh copy of the plans, with the exit
status and the message it must give, and the logs checked byte for byte
afterwards (unchanged when the form is refused).

Args: the kehoach program, the bundled plans/ folder. The cases, each on
the form `kehoach form --unit "Sở Y tế"` makes as of 03/12/2026 and
openpyxl fills: a cleared required cell, a state not in the list, a
date that is no date, a percent over 100, a number typed as text where
a number is due, a date outside the plan's year, a value typed in a grey
cell (a target the activity does not have), a row added by hand, a renamed and reordered sheet and
deleted rows (read as usual), a record made in between (a conflict,
refused; recorded with --accept-conflicts), a plan changed since (its
rows read where they still resolve, a warning for one that does not), a
form collected twice; and hostile files: not a zip, a zip bomb, a sheet
of a million rows, a document type with entities, a cell beyond Excel's
grid, a workbook that is no form."""
import datetime
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from xlsxparts import SHEET_CLOSE, SHEET_OPEN, workbook  # noqa: E402

KEHOACH, PLANS = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
AS_OF = "2026-12-03"
KEY = "Khóa (không sửa)"


def run(args, cwd):
    r = subprocess.run([KEHOACH, *args], cwd=cwd, capture_output=True,
                       text=True, timeout=300)
    return r.returncode, r.stdout + r.stderr


def logs(folder):
    out = {}
    for p in sorted(glob.glob(os.path.join(folder, "plans", "*.progress.yaml"))):
        with open(p, "rb") as f:
            out[os.path.basename(p)] = f.read()
    return out


def sheet_of(wb):
    for ws in wb:
        for row in ws.iter_rows(max_row=10):
            if row[0].value == KEY:
                cols = {c.value: c.column for c in row if c.value}
                return ws, row[0].row, cols
    raise SystemExit("no sheet to fill")


def row_of(ws, header_row, key):
    for row in ws.iter_rows(min_row=header_row + 1):
        if row[0].value == key:
            return row[0].row
    raise SystemExit(f"no row {key}")


def filled(base, out, cells, edit=None):
    """Fills {key: {header: value}} in the form, then edit(wb, ws)."""
    wb = openpyxl.load_workbook(os.path.join(base, "form.xlsx"))
    ws, header_row, cols = sheet_of(wb)
    for key, values in cells.items():
        r = row_of(ws, header_row, key)
        for h, v in values.items():
            ws.cell(row=r, column=cols[h], value=v)
    if edit:
        edit(wb, ws, header_row, cols)
    wb.save(out)
    return out


GOOD = {"ninh-binh-syt-tgpl-2026|1.2|": {
    "Tình trạng mới": "Hoàn thành",
    "Ngày hoàn thành / cập nhật": datetime.datetime(2026, 11, 20)}}


def million_rows():
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>'
                   for i in range(1, 1000001))
    return SHEET_OPEN + rows + SHEET_CLOSE


def cases(base, work):
    """(name, form, extra args, exit, expected text, logs change?)"""
    f = lambda name, cells, edit=None: filled(
        base, os.path.join(work, name + ".xlsx"), cells, edit)
    nb = "ninh-binh-syt-tgpl-2026|"
    yield ("cleared required cell",
           f("cleared", {nb + "1.2|": {"Tình trạng mới": None,
                                      "Ghi chú": "xong"}}),
           [], 1, "its new state is empty", False)
    yield ("state not in the list",
           f("state", {nb + "1.2|": {"Tình trạng mới": "Sắp xong"}}),
           [], 1, "'Sắp xong' is not a state", False)
    yield ("date that is no date",
           f("date", {nb + "1.2|": {"Tình trạng mới": "Hoàn thành",
                                   "Ngày hoàn thành / cập nhật": "31/02/2026"}}),
           [], 1, "'31/02/2026' is not a date", False)
    yield ("done without a date",
           f("nodate", {nb + "1.2|": {"Tình trạng mới": "Hoàn thành"}}),
           [], 1, "the date is empty", False)
    yield ("a date outside the plan's year",
           f("year", {nb + "1.2|": {
               "Tình trạng mới": "Hoàn thành",
               "Ngày hoàn thành / cập nhật": datetime.datetime(2027, 1, 5)}}),
           [], 1, "cell I10: error: the date 05/01/2027 is outside the "
           "plan's year 2026", False)

    def grey(wb, ws, header_row, cols):
        target = next(h for h in cols if h.startswith("Tỷ lệ người khuyết"))
        ws.cell(row=row_of(ws, header_row, nb + "1.2|"), column=cols[target],
                value=50)
    yield ("a value in a grey cell",
           f("grey", GOOD, grey), [], 1, "activity 1.2 has no target", False)
    yield ("percent over 100",
           f("percent", {nb + "2.2|": {"Tình trạng mới": "Đang thực hiện",
                                      "Tỷ lệ hoàn thành (%)": 120}}),
           [], 1, "120 is not a percent", False)
    yield ("text where a number is due",
           f("number", {"hai-phong-nkt-2026|1.a|": {
               "Tình trạng mới": "Đang thực hiện",
               "Tỷ lệ hoàn thành (%)": "nhiều"}}),
           [], 1, "'nhiều' is not a percent", False)

    def add_row(wb, ws, header_row, cols):
        ws.cell(row=ws.max_row + 2, column=cols["Tình trạng mới"],
                value="Hoàn thành")
    yield ("row added by hand", f("added", GOOD, add_row), [], 1,
           "is not one of the form's rows", False)

    def reshape(wb, ws, header_row, cols):
        ws.title = "Tiến độ SYT"
        wb.move_sheet(ws, offset=-1)
        ws.delete_rows(header_row + 1, 1)  # the first plan's heading row
        ws.insert_rows(header_row + 3, 2)  # two empty rows in the middle
        last = ws.max_row  # the report's row, not filled: deleted
        assert ws.cell(row=last, column=1).value.endswith("|BC1|2026")
        ws.delete_rows(last, 1)
    yield ("renamed, reordered sheet, deleted row",
           f("reshaped", GOOD, reshape), [], 0, "recorded 1 record", True)
    yield ("formula without a value",
           f("formula", {nb + "1.2|": {"Tình trạng mới": "Hoàn thành",
                                      "Ngày hoàn thành / cập nhật": "=TODAY()"}}),
           [], 1, "the formula has no saved value", False)

    hostile_dir = work
    yield ("not a zip", _write(os.path.join(hostile_dir, "notzip.xlsx"),
                               b"PK\x03\x04 not really"), [], 1,
           "cannot be read as a form", False)
    bomb = workbook(os.path.join(hostile_dir, "bomb.xlsx"), SHEET_OPEN,
                    (b" " * (1 << 20) for _ in range(1024)))  # 1 GiB
    yield ("zip bomb", bomb, [], 1, "cannot be read as a form", False)
    yield ("a million rows",
           workbook(os.path.join(hostile_dir, "million.xlsx"), million_rows()),
           [], 1, "cannot be read as a form", False)
    yield ("entities",
           workbook(os.path.join(hostile_dir, "entities.xlsx"),
                    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">'
                   '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + SHEET_OPEN +
                   '<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is>'
                   '</c></row>' + SHEET_CLOSE),
           [], 1, "document type declaration", False)
    yield ("beyond the grid",
           workbook(os.path.join(hostile_dir, "grid.xlsx"),
                    SHEET_OPEN + '<row r="2000000"><c r="A2000000">'
                   '<v>1</v></c></row>' + SHEET_CLOSE),
           [], 1, "cannot be read as a form", False)
    yield ("no form", workbook(os.path.join(hostile_dir, "plain.xlsx"),
                               SHEET_OPEN + SHEET_CLOSE),
           [], 1, "not a form made by 'kehoach form'", False)


def _write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def main():
    work = tempfile.mkdtemp(prefix="kehoach-refused-")
    failures = []
    try:
        base = os.path.join(work, "made")
        shutil.copytree(PLANS, os.path.join(base, "plans"))
        code, out = run(["form", "plans", "--unit", "Sở Y tế", "--as-of",
                         AS_OF, "-o", "form.xlsx"], base)
        assert code == 0, out
        n = 0
        for name, form, args, want_code, want_text, changes in cases(base, work):
            n += 1
            folder = os.path.join(work, f"case{n}")
            shutil.copytree(base, folder)
            before = logs(folder)
            code, out = run(["collect", form, *args], folder)
            after = logs(folder)
            bad = []
            if code != want_code:
                bad.append(f"exit {code}, want {want_code}")
            if want_text not in out:
                bad.append(f"no '{want_text}' in the output")
            if (before != after) != changes:
                bad.append("the logs changed" if not changes
                           else "nothing was recorded")
            print(f"{'ok' if not bad else 'FAILED'}: {name}: "
                  f"{out.strip().splitlines()[-1] if out.strip() else ''}")
            for b in bad:
                failures.append(f"{name}: {b}\n{out}")

        # A record made in between: a conflict, then --accept-conflicts.
        folder = os.path.join(work, "conflict")
        shutil.copytree(base, folder)
        code, out = run(["update", "plans/ninh-binh-syt-tgpl-2026.yaml", "1.2",
                         "--state", "in-progress", "--percent", "90",
                         "--date", "2026-12-01"], folder)
        assert code == 0, out
        form = filled(base, os.path.join(work, "conflict.xlsx"), GOOD)
        before = logs(folder)
        code, out = run(["collect", form], folder)
        if code != 1 or "has a record made since the form" not in out \
                or "Đang thực hiện on 01/12/2026" not in out \
                or logs(folder) != before:
            failures.append(f"conflict not refused: {code}\n{out}")
        code, out = run(["collect", form, "--accept-conflicts"], folder)
        if code != 0 or "recorded 1 record" not in out:
            failures.append(f"--accept-conflicts: {code}\n{out}")
        print("ok: conflict refused, then accepted" if not failures or
              "conflict" not in failures[-1] else "FAILED: conflict")

        # The plan changed since: rows read where they still resolve.
        folder = os.path.join(work, "changed")
        shutil.copytree(base, folder)
        plan = os.path.join(folder, "plans", "ninh-binh-syt-tgpl-2026.yaml")
        with open(plan, encoding="utf-8") as f:
            text = f.read()
        with open(plan, "w", encoding="utf-8") as f:
            f.write(text.replace('id: "2.3"', 'id: "2.9"'))
        log = plan.replace(".yaml", ".progress.yaml")  # renamed there too
        with open(log, encoding="utf-8") as f:
            text = f.read()
        with open(log, "w", encoding="utf-8") as f:
            f.write(text.replace('activity: "2.3"', 'activity: "2.9"'))
        form = filled(base, os.path.join(work, "changed.xlsx"), dict(GOOD, **{
            "ninh-binh-syt-tgpl-2026|2.3|": {"Tình trạng mới": "Đang thực hiện"}}))
        code, out = run(["collect", form], folder)
        if code != 0 or "changed since the form was made" not in out or \
                "activity 2.3 is no longer in the plan" not in out or \
                "recorded 1 record" not in out:
            failures.append(f"changed plan: {code}\n{out}")
        else:
            print("ok: changed plan read where it resolves")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAILED " + f)
    return 1 if failures else 0


sys.exit(main())
