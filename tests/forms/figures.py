#!/usr/bin/env python3
"""figures.py - what a progress form shows, recomputed from the plans.

Args: the kehoach program, the bundled plans/ folder. Makes the form for
"Sở Y tế" as of 03/12/2026, 01/07/2026 and 15/01/2027 (when rows are
overdue) in a copy of the plans, reads it with openpyxl, and checks
every row against the rules of docs/ recomputed from the plan files and
logs by tests/rules.py, not by kehoach: the row is an occurrence (or a
report) that is neither finished nor yet to open; its due date; the state
it shows now ("Quá hạn N ngày" with N the days from the due date to the
as-of date, "Đang thực hiện (P%)" with P the latest percent reported,
"Đang trong thời hạn"); and its latest record (date, state, percent, the
report's number, note). The number of rows `kehoach form` says it wrote
is the number of rows read. No row checked is a failure."""
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import rules  # noqa: E402

KEHOACH, PLANS = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
KEY = "Khóa (không sửa)"
# The words of the form, written here again: not taken from the engine.
NOW = {"overdue": "Quá hạn", "in-progress": "Đang thực hiện",
       "open": "Đang trong thời hạn"}
RECORD = {"in-progress": "Đang thực hiện", "done": "Hoàn thành",
          "cancelled": "Hủy bỏ"}


def occurrence(plan, ident, key, windows, duties, as_of):
    """The occurrence a row names, as rules.py computes it."""
    if ident.startswith("BC"):
        n = int(ident[2:])
        ws = duties[(plan.id, n)]
        w = next(w for w in ws if not key or w.key == key)
        return rules.duty_status(plan, n, w, as_of)
    activity = next(a for a in plan.activities if a.id == ident)
    status = rules.ActivityStatus(activity, windows.get((plan.id, ident), []),
                                  plan.records, as_of)
    return next(o for o in status.occurrences if not key or o.window.key == key)


def now_text(o, as_of):
    if o.state == "overdue":
        return f"Quá hạn {rules.days(o.window.due, as_of)} ngày"
    if o.state == "in-progress" and o.percent > 0:
        return f"Đang thực hiện ({o.percent}%)"
    return NOW[o.state]


def last_text(r):
    if not r:
        return None
    text = f"{rules.vn(r['date'])}: {RECORD[r['state']]}"
    if r["state"] == "in-progress" and "percent" in r:
        text += f" {r['percent']}%"
    if r.get("document"):
        text += f", {r['document']}"
    if r.get("note"):
        text += f" - {r['note']}"
    return text


def check(as_of_text, work, plans, windows, duties, problems):
    as_of = rules.day(as_of_text)
    out = subprocess.run([KEHOACH, "form", "plans", "--unit", "Sở Y tế",
                          "--as-of", as_of_text, "-o", "f.xlsx"], cwd=work,
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"kehoach form: {out.returncode}\n{out.stderr}")
    said = int(out.stdout.split(", ")[-1].split()[0])
    wb = openpyxl.load_workbook(os.path.join(work, "f.xlsx"))
    ws = next(s for s in wb if s.sheet_state == "visible" and
              any(c.value == KEY for row in s.iter_rows(max_row=10) for c in row))
    header = next(r for r in ws.iter_rows() if r[0].value == KEY)
    col = {c.value: c.column - 1 for c in header if c.value}
    by_id = {p.id: p for p in plans}
    rows = 0
    for row in ws.iter_rows(min_row=header[0].row + 1, values_only=True):
        if not row[0]:
            continue
        rows += 1
        plan_id, ident, key = row[0].split("|")
        o = occurrence(by_id[plan_id], ident, key, windows, duties, as_of)
        where = f"as of {as_of_text}, {row[0]}"
        if o.state in rules.FINISHED or o.state == "planned":
            problems.append(f"{where}: listed, but it is {o.state}")
            continue
        due = row[col["Hạn"]].date() if row[col["Hạn"]] else None
        shown = {"due": due, "now": row[col["Tình trạng đến nay"]],
                 "last": row[col["Ghi nhận gần nhất"]]}
        want = {"due": o.window.due, "now": now_text(o, as_of),
                "last": last_text(o.last)}
        for k in want:
            if shown[k] != want[k]:
                problems.append(f"{where}: {k} shows {shown[k]!r}, "
                                f"the rules give {want[k]!r}")
    if rows != said:
        problems.append(f"as of {as_of_text}: 'kehoach form' says {said} rows, "
                        f"the sheet has {rows}")
    if not rows:
        problems.append(f"as of {as_of_text}: no row to check")
    return rows


def main():
    problems = []
    with tempfile.TemporaryDirectory(prefix="kehoach-form-figures-") as work:
        shutil.copytree(PLANS, os.path.join(work, "plans"))
        plans = [rules.Plan(p) for p in rules.plan_files(os.path.join(work, "plans"))]
        windows, duties = rules.read_windows(KEHOACH, plans)
        counts = [check(day, work, plans, windows, duties, problems)
                  for day in ("2026-12-03", "2026-07-01", "2027-01-15")]
    for p in problems:
        print("FAILED " + p)
    print(f"{sum(counts)} rows checked ({', '.join(map(str, counts))}), "
          f"{len(problems)} wrong")
    return 1 if problems else 0


sys.exit(main())
