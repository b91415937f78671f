#!/usr/bin/env python3
"""kehoach status, recomputed independently on the bundled plans.

For every plan in PLANS_DIR with a progress log, and for a series of
dates (the first of every month from the earliest plan year to the end of
the latest, every day a record is dated, and the days on both sides of
every window's start and due date), recomputes the state and
percent of every occurrence of every activity from two inputs only:

  - the occurrences and their windows, from `kehoach deadlines --format
    json` run on a copy of the plans without their logs (every occurrence
    is then listed, as of a date before the plans start);
  - the records, read from the logs with PyYAML;

by the rules the README states (latest record on or before the date, by
date then by place in the log: cancelled; done on or before the due date;
done late; overdue when due before the date; in progress; planned before
the window opens; open), and requires `kehoach status --format json` to
say the same for every occurrence, and the same counts by state for every
plan, where an activity takes the state of its most pressing occurrence.

usage: replay.py KEHOACH PLANS_DIR
"""
import datetime
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import yaml12  # noqa: E402

FINISHED = ("done", "done-late", "cancelled")


def run_json(kehoach, args, cwd=None):
    proc = subprocess.run([kehoach] + args, capture_output=True, timeout=300, cwd=cwd)
    if proc.returncode != 0:
        sys.exit(f"kehoach {' '.join(args)} exited {proc.returncode}: "
                 f"{proc.stderr.decode(errors='replace')[:500]}")
    return json.loads(proc.stdout)


def windows(kehoach, plans_dir):
    """(plan, activity) -> [occurrences in due order: key, from, due]."""
    with tempfile.TemporaryDirectory(prefix="kehoach-replay-") as work:
        for path in glob.glob(os.path.join(plans_dir, "*.yaml")):
            if not path.endswith(".progress.yaml"):
                shutil.copy(path, work)
        items = run_json(kehoach, ["deadlines", work, "--as-of", "1900-01-01",
                                   "--format", "json"])["items"]
    out = {}
    for it in items:
        if it["kind"] == "activity":
            out.setdefault((it["plan"], it["activity"]), []).append(
                (it["occurrence"], it["from"], it["due"]))
    for occ in out.values():
        occ.sort(key=lambda o: (o[2], o[1]))
    return out


def occurrence_state(key, start, due, records, day):
    """State and percent of one occurrence, as the README states the rules."""
    seen = [(r["date"], i, r) for i, r in enumerate(records) if r["date"] <= day]
    last = max(seen, key=lambda x: (x[0], x[1]))[2] if seen else None
    with_percent = [(d, i, r) for d, i, r in seen if "percent" in r]
    percent = max(with_percent, key=lambda x: (x[0], x[1]))[2]["percent"] if with_percent else 0
    if last and last["state"] == "cancelled":
        return "cancelled", percent
    if last and last["state"] == "done":
        return ("done" if last["date"] <= due else "done-late"), 100
    if due < day:
        return "overdue", percent
    if last:
        return "in-progress", percent
    if start > day:
        return "planned", percent
    return "open", percent


def activity_state(states):
    if any(s == "overdue" for s in states):
        return "overdue"
    if all(s in FINISHED for s in states):
        if all(s == "cancelled" for s in states):
            return "cancelled"
        return "done-late" if "done-late" in states else "done"
    return next(s for s in states if s not in FINISHED)


def main():
    kehoach, plans_dir = sys.argv[1:3]
    occurrences = windows(kehoach, plans_dir)
    problems, compared, dates_checked = [], 0, 0
    for log_path in sorted(glob.glob(os.path.join(plans_dir, "*.progress.yaml"))):
        plan_path = log_path[:-len(".progress.yaml")] + ".yaml"
        with open(log_path, encoding="utf-8") as f:
            log = yaml12.load(f.read())
        records = log["records"] or []
        plan_id = log["plan"]
        years = sorted({int(o[1][:4]) for (p, _), occ in occurrences.items()
                        if p == plan_id for o in occ})
        days = {r["date"] for r in records}
        for (p, _), occ in occurrences.items():      # both sides of each boundary
            if p == plan_id:
                for _, start, due in occ:
                    for edge, shift in ((start, -1), (start, 0), (due, 0), (due, 1)):
                        d = datetime.date.fromisoformat(edge) + datetime.timedelta(days=shift)
                        days.add(d.isoformat())
        for year in range(years[0], years[-1] + 2):
            for month in range(1, 13):
                days.add(datetime.date(year, month, 1).isoformat())
        for day in sorted(days):
            dates_checked += 1
            status = run_json(kehoach, ["status", plan_path, "--as-of", day, "--format", "json"])
            plan = status["plans"][0]
            counts = {}
            for act in plan["activities"]:
                occ = occurrences[(plan_id, act["id"])]
                mine = [r for r in records if r["activity"] == act["id"]]
                states = []
                for (key, start, due), got in zip(occ, act["occurrences"]):
                    own = [r for r in mine if r.get("occurrence", key) == key]
                    want, percent = occurrence_state(key, start, due, own, day)
                    states.append(want)
                    compared += 1
                    if (got["key"], got["state"], got["percent"]) != (key, want, percent):
                        problems.append(f"{plan_id} {act['id']} {key} as of {day}: kehoach "
                                        f"says {got['state']} {got['percent']}%, expected "
                                        f"{want} {percent}%")
                if len(occ) != len(act["occurrences"]):
                    problems.append(f"{plan_id} {act['id']}: {len(act['occurrences'])} "
                                    f"occurrences, expected {len(occ)}")
                want = activity_state(states)
                counts[want] = counts.get(want, 0) + 1
                if act["state"] != want:
                    problems.append(f"{plan_id} {act['id']} as of {day}: kehoach says "
                                    f"{act['state']}, expected {want}")
            got_counts = {k: v for k, v in plan["counts"].items() if v}
            if got_counts != counts:
                problems.append(f"{plan_id} as of {day}: counts {got_counts}, expected {counts}")
    for p in problems[:40]:
        print("FAILED", p)
    print(f"{compared} occurrence states on {dates_checked} (plan, date) pairs compared: "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
