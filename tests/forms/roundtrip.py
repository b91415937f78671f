#!/usr/bin/env python3
"""roundtrip.py - a progress form made, filled as a person would, saved by
the spreadsheet applications offices use, collected, and checked.

Args: the kehoach program, the bundled plans/ folder. In a copy of the
plans: `kehoach form --unit "Sở Y tế"` as of 03/12/2026; openpyxl fills
rows the way people type (a state from the list, dates as dates and as
text, percent as 0.8, as 70 and as "70%", a number typed as text, a
report's number, notes and evidence); the form is saved again by
LibreOffice (and by Gnumeric's ssconvert when it is installed); each
saved form is collected into its own copy of the plans. Then, read
independently of kehoach (the logs as YAML): exactly the filled values
were recorded, once, with the form's id; `kehoach status` shows them;
collecting the same form again records nothing. Skips (77) without
LibreOffice."""
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

from filling import FILL, fill, resave

KEHOACH, PLANS = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
AS_OF = "2026-12-03"  # the as-of date of the form and of filling.py

def run(*args, cwd, ok=(0,)):
    r = subprocess.run([KEHOACH, *args], cwd=cwd, capture_output=True,
                       text=True)
    if r.returncode not in ok:
        sys.exit(f"kehoach {' '.join(args)}: exit {r.returncode}\n"
                 f"{r.stdout}{r.stderr}")
    return r


def form_records(folder, form_id):
    got = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".progress.yaml"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            log = yaml.safe_load(f)
        for rec in log.get("records") or []:
            if rec.get("form") == form_id:
                key = f"{log['plan']}|{rec.get('activity') or rec['report']}" \
                      f"|{rec.get('occurrence', '')}"
                got.setdefault(key, []).append(rec)
    return got


def check(folder, form_id, target_name):
    got = form_records(folder, form_id)
    problems = []
    if set(got) != set(FILL):
        problems.append(f"records for {sorted(got)}, filled {sorted(FILL)}")
    for key, (_, want) in FILL.items():
        recs = got.get(key, [])
        if len(recs) != 1:
            problems.append(f"{key}: {len(recs)} records, want 1")
            continue
        rec = dict(recs[0])
        if "values" in want:
            want = dict(want, values={target_name: want["values"]})
        rec["date"] = str(rec["date"])
        for field in ("activity", "report", "occurrence", "state", "date",
                      "percent", "note", "evidence", "document", "values"):
            if rec.get(field) != want.get(field):
                problems.append(f"{key}: {field} is {rec.get(field)!r}, "
                                f"filled {want.get(field)!r}")
        if rec.get("by") != "Sở Y tế":
            problems.append(f"{key}: by is {rec.get('by')!r}")
    return problems


def check_summary(said, folder, form_id):
    """The summary's "N records: a to LOG, b to LOG" against the records
    counted in each log."""
    counted = {}
    for key, recs in form_records(folder, form_id).items():
        log = f"plans/{key.split('|')[0]}.progress.yaml"
        counted[log] = counted.get(log, 0) + len(recs)
    total = sum(counted.values())
    want = f"recorded {total} records: " + ", ".join(
        f"{n} to {log}" for log, n in sorted(counted.items()))
    return [] if want in said else [f"the summary says {said.strip()!r}, "
                                    f"the logs hold {want!r}"]


def main():
    if not shutil.which("soffice"):
        print("LibreOffice (soffice) is not installed; skipped")
        return 77
    work = tempfile.mkdtemp(prefix="kehoach-forms-")
    try:
        base = os.path.join(work, "made")
        shutil.copytree(PLANS, os.path.join(base, "plans"))
        made = run("form", "plans", "--unit", "Sở Y tế", "--as-of", AS_OF,
                   "-o", "form.xlsx", cwd=base).stdout
        form_id = made.split("form ")[1].split()[0]
        filled = os.path.join(work, "filled.xlsx")
        target_name = fill(os.path.join(base, "form.xlsx"), filled)
        apps = ["openpyxl", "libreoffice"]
        if shutil.which("ssconvert"):
            apps.append("gnumeric")
        failures = []
        for app in apps:
            folder = os.path.join(work, app)
            shutil.copytree(base, folder)
            form = filled if app == "openpyxl" else resave(
                app, filled, os.path.join(work, "saved-" + app))
            before = run("status", "plans", "--as-of", AS_OF, "--format",
                         "json", cwd=folder).stdout
            first = run("collect", form, cwd=folder).stdout
            problems = check(os.path.join(folder, "plans"), form_id,
                             target_name)
            problems += check_summary(first, os.path.join(folder, "plans"),
                                      form_id)
            again = run("collect", form, cwd=folder).stdout
            if "collected before" not in again:
                problems.append(f"collected again: {again.strip()}")
            problems += [p for p in check(os.path.join(folder, "plans"),
                                          form_id, target_name)
                         if p not in problems]
            after = run("status", "plans", "--as-of", "2026-12-31",
                        "--format", "json", "--unit", "Sở Y tế",
                        cwd=folder).stdout
            if before == after or "Số 45/BC-SYT" not in after:
                problems.append("status does not show the records")
            for p in problems:
                failures.append(f"{app}: {p}")
            print(f"{app}: {first.strip()} | again: {again.strip()} | "
                  f"{'ok' if not problems else 'FAILED'}")
        print("read the forms saved by: " + ", ".join(apps))
        for f in failures:
            print("FAILED " + f)
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


sys.exit(main())
