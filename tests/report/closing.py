#!/usr/bin/env python3
"""The closing parts of the Ministry report, read back (openpyxl) and
recomputed from the plans, logs, notes files and the template by this
script's own code.

Renders the bundled plans for the year 2026 as of 30/11/2026 (Hải Phòng
and Ninh Bình, each with a notes file) and asserts, on each plan's
document sheet, below its activity table and before "Nơi nhận":
  - the template's closing headings, in the template's order, each
    followed by what it shows: a notes part's paragraphs as "- ..." lines
    (a proposal with its body as "- Đối với BODY: ..."), in the file's
    order; a part not written: the template's blank line and three dotted
    lines;
  - the targets table: for every target of the plan, planned (the plan),
    achieved (the latest value the log records for it on or before the
    as-of date; the later record of one day), percent (achieved / planned,
    rounded half up; none when nothing is measured or planned is 0) and
    the day it was measured; for a plan without targets, the template's
    sentence in place of the table;
  - the results heading before the summary.
With a provenance sheet added to the template, each notes file read is
listed with its plan and its SHA-256. Then again with Ninh Bình's notes
file removed, a part of Hải Phòng's
left out and its targets changed (to 7 and 0): the blanks are marked, one
warning names the missing file, the percents are rounded or left out.

usage: closing.py KEHOACH PLANS_DIR TEMPLATES_DIR
"""
import datetime
import hashlib
import math
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import openpyxl
    import yaml
except ImportError as e:
    print(f"skipped: {e.name} is not installed (python3-openpyxl, python3-yaml)")
    sys.exit(77)

AS_OF = datetime.date(2026, 11, 30)
PERIOD = "2026"
NOTES_PLANS = ("hai-phong-nkt-2026", "ninh-binh-syt-tgpl-2026")

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def activities(plan):
    """Every activity of a plan, at any depth of its sections."""
    out = []

    def walk(section):
        out.extend(section.get("activities") or [])
        for sub in section.get("sections") or []:
            walk(sub)

    for s in plan.get("sections") or []:
        walk(s)
    return out


def day(v):
    return v if isinstance(v, datetime.date) else datetime.date.fromisoformat(str(v))


def expected_targets(plan, log):
    """(activity, target) -> (unit, planned, achieved, percent, measured on)."""
    records = (log or {}).get("records") or []
    out = {}
    for act in activities(plan):
        for t in act.get("targets") or []:
            best = None
            for order, r in enumerate(records):
                if r.get("activity") != act["id"] or day(r["date"]) > AS_OF:
                    continue
                values = r.get("values") or {}
                if t["name"] in values:
                    key = (day(r["date"]), order)
                    if best is None or key >= best[0]:
                        best = (key, values[t["name"]])
            planned = t.get("value")
            achieved = best[1] if best else None
            percent = None
            if achieved is not None and planned:
                percent = math.floor(achieved * 100 / planned + 0.5)
            out[(act["id"], t["name"])] = (t.get("unit"), planned, achieved, percent,
                                          best[0][0] if best else None)
    return out


def expected_lines(closing, notes):
    """The column-A texts of the closing parts, in order; a target table
    stands as one marker."""
    lines = []
    for part in closing["parts"]:
        lines.append(part["heading"])
        show = part.get("show")
        if show == "targets":
            lines.append(("targets",))
        elif show:
            value = notes or {}
            for key in show.split("."):
                value = (value or {}).get(key)
            if not value:
                lines.append(closing["blank"])
                lines.extend([("dots",)] * 3)
                continue
            for p in value:
                if isinstance(p, dict):
                    lines.append(f"- {closing['proposal_to']} {p['to']}: {p['text']}"
                                 if p.get("to") else f"- {p['text']}")
                else:
                    lines.append(f"- {p}")
    return lines


def cell(ws, row, col):
    return ws.cell(row=row, column=col).value


def check_sheet(ws, plan, log, notes, tpl_sheet, where):
    closing = tpl_sheet["closing"]
    col_a = [cell(ws, r, 1) for r in range(1, ws.max_row + 1)]
    ids = {a["id"] for a in activities(plan)}
    headings = [p["heading"] for p in closing["parts"]]
    first = headings[0]
    check(first in col_a, f"{where}: no heading '{first}'")
    if first not in col_a:
        return
    start = col_a.index(first)
    # the activity table ends before the closing parts
    table_rows = [i for i, v in enumerate(col_a) if v in ids and i < start]
    check(table_rows, f"{where}: no activity row before '{first}'")
    check(tpl_sheet["results_heading"] in col_a[:min(table_rows or [0])],
          f"{where}: the results heading is not before the table")
    end = col_a.index("Nơi nhận:") if "Nơi nhận:" in col_a else len(col_a)
    check(end > start, f"{where}: 'Nơi nhận' before the closing parts")
    got = [(i, v) for i, v in enumerate(col_a[start:end], start) if v not in (None, "")]
    want = expected_lines(closing, notes)
    targets = expected_targets(plan, log)
    k = 0
    for w in want:
        if k >= len(got):
            failures.append(f"{where}: missing {w!r} at the end")
            return
        i, v = got[k]
        if w == ("dots",):
            check(set(str(v)) == {"."} and len(v) >= 40,
                  f"{where}: row {i + 1}: expected a dotted line, got {v!r}")
            k += 1
        elif w == ("targets",):
            if not targets:
                check(v == closing["no_targets"],
                      f"{where}: row {i + 1}: expected the no-targets sentence, "
                      f"got {v!r}")
                k += 1
                continue
            header = [cell(ws, i + 1, c) for c in range(1, 8)]
            check(header == closing["targets_header"],
                  f"{where}: targets header {header} != {closing['targets_header']}")
            seen = {}
            for n in range(len(targets)):
                r = i + 2 + n
                key = (cell(ws, r, 1), cell(ws, r, 2))
                seen[key] = (cell(ws, r, 3), cell(ws, r, 4), cell(ws, r, 5),
                             cell(ws, r, 6), cell(ws, r, 7))
            for key, (unit, planned, achieved, percent, on) in targets.items():
                row = seen.get(key)
                check(row is not None, f"{where}: no targets row for {key}")
                if row is None:
                    continue
                g_unit, g_planned, g_achieved, g_percent, g_on = row
                check(g_unit == unit, f"{where}: {key} unit {g_unit!r} != {unit!r}")
                check(g_planned == planned,
                      f"{where}: {key} planned {g_planned!r} != {planned!r}")
                check(g_achieved == achieved,
                      f"{where}: {key} achieved {g_achieved!r} != {achieved!r}")
                check(g_percent == percent,
                      f"{where}: {key} percent {g_percent!r} != {percent!r}")
                check(g_on == (on.strftime("%d/%m/%Y") if on else None),
                      f"{where}: {key} measured on {g_on!r} != {on}")
            k += 1 + len(targets)
        else:
            check(v == w, f"{where}: row {i + 1}: {v!r} != {w!r}")
            # the text of a document's body at 13-14 points (Decree 30/2020)
            size = ws.cell(row=i + 1, column=1).font.sz
            check(size is not None and 13 <= size <= 14,
                  f"{where}: row {i + 1}: {v!r} at {size} points, not 13-14")
            k += 1
    check(k == len(got), f"{where}: more rows than expected after the parts: "
          f"{[v for _, v in got[k:]]}")


def render(kehoach, work, out):
    return subprocess.run([kehoach, "report", "plans", "--period", PERIOD,
                           "--as-of", AS_OF.isoformat(), "-o", out],
                          cwd=work, capture_output=True, text=True, timeout=600)


def check_report(kehoach, work, tpl_sheet, where):
    run = render(kehoach, work, "r.xlsx")
    check(run.returncode == 0, f"{where}: exit {run.returncode}: {run.stderr}")
    if run.returncode:
        return run
    wb = openpyxl.load_workbook(os.path.join(work, "r.xlsx"))
    for pid in NOTES_PLANS:
        base = os.path.join(work, "plans", pid)
        plan = load(base + ".yaml")
        log = load(base + ".progress.yaml") if os.path.exists(base + ".progress.yaml") else None
        notes_file = f"{base}.notes-{PERIOD}.yaml"
        notes = load(notes_file) if os.path.exists(notes_file) else None
        check(pid in wb.sheetnames, f"{where}: no sheet {pid}")
        if pid in wb.sheetnames:
            check_sheet(wb[pid], plan, log, notes, tpl_sheet, f"{where}: {pid}")
    return run


def notes_in_provenance(kehoach, work, templates):
    """A template with a provenance sheet before the Ministry's sheets: the
    notes file a report read is listed with its plan, with its SHA-256."""
    tpl = load(os.path.join(templates, "ministry.template.yaml"))
    audit = load(os.path.join(templates, "audit.template.yaml"))
    tpl["template"] = "both"
    tpl["sheets"].insert(0, next(s for s in audit["sheets"] if s["kind"] == "provenance"))
    with open(os.path.join(work, "both.template.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(tpl, f, allow_unicode=True, sort_keys=False)
    run = subprocess.run([kehoach, "report", "plans", "--period", PERIOD, "--as-of",
                          AS_OF.isoformat(), "--template", "both.template.yaml", "-o", "p.xlsx"],
                         cwd=work, capture_output=True, text=True, timeout=600)
    check(run.returncode == 0, f"provenance: exit {run.returncode}: {run.stderr}")
    if run.returncode:
        return
    ws = openpyxl.load_workbook(os.path.join(work, "p.xlsx")).worksheets[0]
    rows = {r[0]: r[1:4] for r in ws.iter_rows(values_only=True) if r[0]}
    for pid in NOTES_PLANS:
        name = os.path.join("plans", f"{pid}.notes-{PERIOD}.yaml")
        with open(os.path.join(work, name), "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        check(rows.get(name) == ("Ghi chú báo cáo", pid, digest),
              f"provenance: {name} listed as {rows.get(name)}")


def main():
    kehoach, plans, templates = (os.path.abspath(a) for a in sys.argv[1:4])
    tpl = load(os.path.join(templates, "ministry.template.yaml"))
    tpl_sheet = next(s for s in tpl["sheets"] if s.get("closing"))
    with tempfile.TemporaryDirectory() as work:
        shutil.copytree(plans, os.path.join(work, "plans"))
        for pid in NOTES_PLANS:
            check(os.path.exists(os.path.join(work, "plans", f"{pid}.notes-{PERIOD}.yaml")),
                  f"the bundled plan {pid} has no notes for {PERIOD}")
        run = check_report(kehoach, work, tpl_sheet, "with notes")
        check("warning" not in run.stderr, f"with notes: a warning: {run.stderr}")
        notes_in_provenance(kehoach, work, templates)

        # Ninh Bình's notes gone, Hải Phòng's difficulties left out
        missing = os.path.join("plans", f"ninh-binh-syt-tgpl-2026.notes-{PERIOD}.yaml")
        if os.path.exists(os.path.join(work, missing)):
            os.remove(os.path.join(work, missing))
        hp = os.path.join(work, "plans", f"hai-phong-nkt-2026.notes-{PERIOD}.yaml")
        if os.path.exists(hp):
            notes = load(hp)
            del notes["difficulties"]
            with open(hp, "w", encoding="utf-8") as f:
                yaml.safe_dump(notes, f, allow_unicode=True, sort_keys=False)
        # and Hải Phòng's targets set to 7 and 0: a percent rounded (96 of
        # 7 is 1371.43...%), and none of a target of 0
        plan_file = os.path.join(work, "plans", "hai-phong-nkt-2026.yaml")
        with open(plan_file, encoding="utf-8") as f:
            text = f.read()
        first = text.index("value: 100")
        second = text.index("value: 100", first + 1)
        text = text[:first] + "value: 7" + text[first + 10:second] + "value: 0" \
            + text[second + 10:]
        with open(plan_file, "w", encoding="utf-8") as f:
            f.write(text)
        run = check_report(kehoach, work, tpl_sheet, "without notes")
        warnings = [l for l in run.stderr.splitlines() if "warning" in l]
        check(len(warnings) == 1 and missing in warnings[0],
              f"without notes: one warning naming {missing} expected: {run.stderr}")
        check(run.returncode == 0, "without notes: the report must still be written")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
