#!/usr/bin/env python3
"""kehoach status, recomputed independently on the bundled plans, on
other folders, and on a log written here around every due date.

For every plan with a progress log in each FOLDER (the bundled plans; a
folder with a units.yaml registry), and for a series of
dates (the first of every month from the earliest plan year to the end of
the latest, every day a record is dated, and the days on both sides of
every window's start and due date), recomputes everything `kehoach
status` shows by the rules of docs/ (tests/rules.py: from the plan and
log files, the windows alone from `kehoach deadlines`), and requires:

  - `status PLAN --format json`: of every occurrence its key, window,
    state and percent; of every activity its state, percent, due date,
    targets (goal, unit, whether it accumulates, the value expected by
    the date, the latest measured value, its date, on track or not) and
    latest record; the plan's counts by state and percent, and those of
    each section and each lead unit;
  - `status PLANS_DIR` in JSON, CSV and text, on the days on both sides
    of every due date: the same for every plan, and the totals; every
    number of a CSV row (percent, occurrences, occurrences finished, due
    date, latest record); every number of the text (per plan "N hoạt
    động, hoàn thành P%" and the counts by state, per activity the percent,
    "hạn dd/mm/yyyy", "xong a/b lần" and the date of the latest note, and
    "Tổng cộng K kế hoạch, N hoạt động, hoàn thành P%").

No bundled log has a "done" within a day of its due date, so a log is
also written here for a copy of the plan of the first FOLDER with the
most occurrences (monthly and quarterly windows): each occurrence in turn
gets one of SCENARIOS - done, cancelled or in progress the day before,
the day of or the day after its due date, two records of the same day
(the later in the log wins), a record dated later written before one
dated earlier (the later date wins), none - and the copy is replayed as
above. Once every due date has passed, the state of each occurrence
`status` gives must be the one its scenario says (done on the due date
is done, the day after done late), and every scenario must have been
used.

No plan or date replayed is a failure: nothing was compared.

usage: replay.py KEHOACH FOLDER...
"""
import csv
import datetime
import io
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import rules  # noqa: E402
from rules import LABEL, STATES, WORDS, vn  # noqa: E402

problems = []


def expect(what, got, want):
    if got != want:
        problems.append(f"{what}: kehoach says {got!r}, expected {want!r}")


def iso(d):
    return d.isoformat() if d else None


def cents(x):
    """round(x * 100) / 100, halves away from zero, as the JSON gives it."""
    return math.copysign(math.floor(abs(x) * 100 + 0.5), x) / 100


def counts_json(c):
    return {s: c.n[s] for s in STATES}


def record_json(r):
    if not r:
        return None
    return {"date": r["date"].isoformat(), "state": r["state"],
            "occurrence": r.get("occurrence"), "percent": r.get("percent"),
            "note": r.get("note")}


def target_json(m):
    return {"name": m.target.name, "value": m.target.value, "unit": m.target.unit,
            "accumulates": m.accumulates, "expected": cents(m.expected),
            "actual": m.actual, "measured_on": iso(m.measured_on), "on_track": m.on_track}


def activity_json(s):
    return {
        "id": s.activity.id, "due": iso(s.due), "state": s.state, "state_label": LABEL[s.state],
        "percent": s.percent,
        "occurrences": [{"key": o.window.key, "from": o.window.start.isoformat(),
                         "due": o.window.due.isoformat(), "state": o.state,
                         "percent": o.percent} for o in s.occurrences],
        "targets": [target_json(m) for m in s.measures],
        "last_update": record_json(s.last),
    }


def duty_json(d):
    """A report, as `status --format json` should give it."""
    def sent(o):
        return o.state in ("done", "done-late")
    return {
        "id": d.id, "due": iso(d.due), "state": d.state, "state_label": LABEL[d.state],
        "occurrences": [{"key": o.window.key, "due": o.window.due.isoformat(),
                         "state": o.state,
                         "sent_on": o.last["date"].isoformat() if sent(o) else None,
                         "document": o.last.get("document") if sent(o) else None}
                        for o in d.occurrences],
        "last_update": record_json(d.last),
    }


def group_json(c):
    return {"activities": c.total, "percent": c.percent, "counts": counts_json(c)}


def check_plan_json(got, want, when):
    """One plan of `status --format json` against its recomputed status."""
    pid = want.plan.id
    expect(f"{pid} {when}: totals", got["totals"], group_json(want.counts))
    sections = [dict(id=sec.id, title=sec.title, **group_json(c))
                for sec, c in want.sections if c.total]
    expect(f"{pid} {when}: sections", got["sections"], sections)
    leads = [dict(name=g.label, id=g.id, unregistered=g.unregistered, **group_json(g.counts))
             for g in want.leads if g.counts.total]
    expect(f"{pid} {when}: leads", got["leads"], leads)
    expect(f"{pid} {when}: activities", [a["id"] for a in got["activities"]],
           [s.activity.id for s in want.activities])
    for a, s in zip(got["activities"], want.activities):
        shown = {k: a[k] for k in ("id", "due", "state", "state_label", "percent")}
        shown["occurrences"] = [{k: o[k] for k in ("key", "from", "due", "state", "percent")}
                                for o in a["occurrences"]]
        shown["targets"] = [{k: t[k] for k in ("name", "value", "unit", "accumulates", "expected",
                                              "actual", "measured_on", "on_track")}
                            for t in a["targets"]]
        last = a["last_update"]
        shown["last_update"] = last and {k: last[k] for k in
                                         ("date", "state", "occurrence", "percent", "note")}
        want_a = activity_json(s)
        for key in want_a:
            expect(f"{pid} {s.activity.id} {when}: {key}", shown[key], want_a[key])
    expect(f"{pid} {when}: reports", [r["id"] for r in got["reports"]],
           [d.id for d in want.duties])
    for r, d in zip(got["reports"], want.duties):
        shown = {k: r[k] for k in ("id", "due", "state", "state_label")}
        shown["occurrences"] = [{k: o[k] for k in ("key", "due", "state", "sent_on", "document")}
                                for o in r["occurrences"]]
        last = r["last_update"]
        shown["last_update"] = last and {k: last[k] for k in
                                         ("date", "state", "occurrence", "percent", "note")}
        expect(f"{pid} {d.id} {when}", shown, duty_json(d))


def run(kehoach, args):
    proc = subprocess.run([kehoach] + args, capture_output=True, timeout=300,
                          env=dict(os.environ, NO_COLOR="1"))
    if proc.returncode != 0:
        sys.exit(f"kehoach {' '.join(args)} exited {proc.returncode}: "
                 f"{proc.stderr.decode(errors='replace')[:500]}")
    return proc.stdout.decode("utf-8")


def check_csv(text, statuses, when):
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    want = [(p.plan.id, s) for p in statuses for s in p.activities]
    duties = [(p.plan.id, d) for p in statuses for d in p.duties]
    expect(f"CSV {when}: rows", [(r["plan"], r["activity"]) for r in rows],
           [(p.plan.id, x) for p in statuses
            for x in [s.activity.id for s in p.activities] + [d.id for d in p.duties]])
    reports = [r for r in rows if r["activity"].startswith("BC")]
    rows = [r for r in rows if not r["activity"].startswith("BC")]
    for r, (pid, d) in zip(reports, duties):
        last = d.last
        shown = {k: r[k] for k in ("due", "state", "state_label", "occurrences",
                                   "occurrences_finished", "last_update", "document")}
        expect(f"CSV {pid} {d.id} {when}", shown, {
            "due": iso(d.due) or "", "state": d.state, "state_label": LABEL[d.state],
            "occurrences": str(len(d.occurrences)),
            "occurrences_finished": str(sum(o.state in rules.FINISHED for o in d.occurrences)),
            "last_update": iso(last["date"]) if last else "",
            "document": (last.get("document") or "") if last else ""})
    for r, (pid, s) in zip(rows, want):
        last = s.last
        shown = {k: r[k] for k in ("due", "state", "state_label", "percent", "occurrences",
                                   "occurrences_finished", "last_update", "last_state")}
        expect(f"CSV {pid} {s.activity.id} {when}", shown, {
            "due": iso(s.due) or "", "state": s.state, "state_label": LABEL[s.state],
            "percent": str(s.percent), "occurrences": str(len(s.occurrences)),
            "occurrences_finished": str(s.occurrences_finished),
            "last_update": iso(last["date"]) if last else "",
            "last_state": last["state"] if last else ""})


COUNT = re.compile(r"(\d+) (" + "|".join(sorted(WORDS.values(), key=len, reverse=True)) + r")")
STATE_OF_WORDS = {w: s for s, w in WORDS.items()}


def counts_text(lines):
    """{state: n} from "5 hoàn thành, 1 quá hạn" wrapped over lines."""
    return {STATE_OF_WORDS[w]: int(n) for n, w in COUNT.findall(" ".join(lines))}


def nonzero(c):
    return {s: n for s, n in c.n.items() if n}


def activity_line(s):
    """The second line of an activity in text, as far as it holds numbers."""
    line = LABEL[s.state]
    if s.state != "cancelled":
        line += f" {s.percent}%"
    if s.occurrences:
        line += f" · hạn {vn(s.due)}"
    if len(s.occurrences) > 1:
        line += f" · xong {s.occurrences_finished}/{len(s.occurrences)} lần"
    return line


def check_text(text, statuses, totals, when):
    lines = text.split("\n")
    expect(f"text {when}: first line", lines[0], f"Tình hình thực hiện tính đến ngày {vn(when)}")
    heads = [i for i, line in enumerate(lines) if " · " in line and not line.startswith(" ")]
    expect(f"text {when}: plans", [lines[i].split(" · ")[0] for i in heads],
           [p.plan.id for p in statuses])
    for i, p in zip(heads, statuses):
        pid = p.plan.id
        expect(f"text {pid} {when}: plan line", lines[i + 1],
               f"  {p.counts.total} hoạt động, hoàn thành {p.counts.percent}%:")
        k = i + 2
        while lines[k].startswith("    "):
            k += 1
        expect(f"text {pid} {when}: counts", counts_text(lines[i + 2:k]), nonzero(p.counts))
        for s in p.activities:
            head, detail = lines[k], lines[k + 1]
            expect(f"text {pid} {when}: activity", head[2:].split(" ")[0], s.activity.id)
            shown = detail.strip()
            want = activity_line(s)
            if not (shown == want or shown.startswith(want + " · ")):
                problems.append(f"text {pid} {s.activity.id} {when}: {shown!r} does not start "
                                f"with {want!r}")
            k += 2
            if s.last_note:
                expect(f"text {pid} {s.activity.id} {when}: note date", lines[k].strip()[:11],
                       vn(s.last_note["date"]) + ":")
                k += 1
        if p.duties:
            expect(f"text {pid} {when}: reports heading", lines[k], "  Báo cáo phải gửi:")
            k += 1
        for d in p.duties:
            expect(f"text {pid} {when}: report", lines[k][2:].split(" ")[0], d.id)
            k += 1
            for o in d.occurrences:
                want = f"{o.window.label}: {LABEL[o.state]} · hạn {vn(o.window.due)}"
                if o.state in ("done", "done-late"):
                    want += f" · đã gửi {vn(o.last['date'])}"
                shown = lines[k].strip()
                if not (shown == want or shown.startswith(want + ",")
                        or (shown.endswith("…") and want.startswith(shown[:-1]))):
                    problems.append(f"text {pid} {d.id} {when}: {shown!r}, expected {want!r}")
                k += 1
    if len(statuses) > 1:
        at = lines.index(next(line for line in lines if line.startswith("Tổng cộng ")))
        expect(f"text {when}: totals", lines[at],
               f"Tổng cộng {len(statuses)} kế hoạch, {totals.total} hoạt động, "
               f"hoàn thành {totals.percent}%:")
        expect(f"text {when}: total counts", counts_text(lines[at + 1:]), nonzero(totals))


def check_folder(kehoach, plans_dir, plans, windows, duties, when):
    """`status PLANS_DIR` in JSON, CSV and text, as of one day."""
    statuses = [rules.PlanStatus(p, windows, when, duties) for p in plans]
    totals = rules.Counts()
    for p in statuses:
        totals.merge(p.counts)
    args = ["status", plans_dir, "--as-of", when.isoformat()]
    got = rules.run_json(kehoach, args + ["--format", "json"])
    expect(f"JSON {when}: plans", [p["id"] for p in got["plans"]], [p.plan.id for p in statuses])
    for g, p in zip(got["plans"], statuses):
        check_plan_json(g, p, when)
    expect(f"JSON {when}: totals", got["totals"],
           {"plans": len(statuses), "activities": totals.total, "percent": totals.percent,
            "counts": counts_json(totals)})
    check_csv(run(kehoach, args + ["--format", "csv"]), statuses, when)
    check_text(run(kehoach, args), statuses, totals, when)


def days_of(plan, windows):
    """The dates a plan is replayed on."""
    occ = [w for (p, _), ws in windows.items() if p == plan.id for w in ws]
    days = {r["date"] for r in plan.records}
    for w in occ:                                  # both sides of each boundary
        for edge, shift in ((w.start, -1), (w.start, 0), (w.due, 0), (w.due, 1)):
            days.add(edge + datetime.timedelta(days=shift))
    years = sorted({w.start.year for w in occ})
    for year in range(years[0], years[-1] + 2):
        for month in range(1, 13):
            days.add(datetime.date(year, month, 1))
    return sorted(days)


def replay(kehoach, plans_dir):
    """Every plan with a log in plans_dir on its days, in JSON, and the
    folder on the days around every due date, in JSON, CSV and text; the
    numbers of (plan, date) pairs and of dates."""
    plans = [rules.Plan(path) for path in rules.plan_files(plans_dir)]
    windows, duties = rules.read_windows(kehoach, plans)
    pairs = 0
    for plan in plans:
        if not plan.log_path:
            continue
        for when in days_of(plan, windows):
            pairs += 1
            got = rules.run_json(kehoach, ["status", plan.path, "--as-of", when.isoformat(),
                                           "--format", "json"])
            check_plan_json(got["plans"][0], rules.PlanStatus(plan, windows, when, duties), when)
    edges = sorted({w.due + datetime.timedelta(days=shift)
                    for ws in list(windows.values()) + list(duties.values())
                    for w in ws for shift in (-1, 0, 1)})
    for when in edges:
        check_folder(kehoach, plans_dir, plans, windows, duties, when)
    return pairs, len(edges)


# What the generated log says of one occurrence: its records in the order
# written, each (days from the due date, state, percent), and the state
# they give once the due date has passed.
SCENARIOS = [
    ("done the day before", [(-1, "done", None)], "done"),
    ("done on the due date", [(0, "done", None)], "done"),
    ("done the day after", [(1, "done", None)], "done-late"),
    ("cancelled on the due date", [(0, "cancelled", None)], "cancelled"),
    ("in progress the day before", [(-1, "in-progress", 40)], "overdue"),
    ("in progress, then done, on the due date", [(0, "in-progress", 60), (0, "done", None)],
     "done"),
    ("done, then in progress, the day after", [(1, "done", None), (1, "in-progress", 80)],
     "overdue"),
    ("done, then cancelled, on the due date", [(0, "done", None), (0, "cancelled", None)],
     "cancelled"),
    ("in progress the day after, written before done the day before",
     [(1, "in-progress", 20), (-1, "done", None)], "overdue"),
    ("done the day before, then done on the due date", [(-1, "done", None), (0, "done", None)],
     "done"),
    ("no record", [], "overdue"),
]


def write_scenarios(plan, windows, duties, path):
    """The log of plan: SCENARIOS in turn over the occurrences of its
    activities, then of its reports (a scenario whose dates leave the
    plan's years is passed over for that one); {(activity or report id,
    occurrence key): scenario}."""
    lines = [f"plan: {plan.id}", "records:"]
    given, turn = {}, 0
    subjects = [("activity", a.id, windows.get((plan.id, a.id), [])) for a in plan.activities]
    subjects += [("report", f"BC{n}", duties.get((plan.id, n), []))
                 for n in range(1, len(plan.duties) + 1)]
    for key, ident, ws in subjects:
        for w in ws:
            while True:
                name, records, _ = SCENARIOS[turn % len(SCENARIOS)]
                turn += 1
                dates = [w.due + datetime.timedelta(days=shift) for shift, _, _ in records]
                if all(plan.years[0] <= d.year <= plan.years[1] for d in dates):
                    break
            given[(ident, w.key)] = SCENARIOS[(turn - 1) % len(SCENARIOS)]
            for d, (_, state, percent) in zip(dates, records):
                lines += [f"- date: {d.isoformat()}", f'  {key}: "{ident}"']
                if len(ws) > 1:
                    lines.append(f'  occurrence: "{w.key}"')
                lines.append(f"  state: {state}")
                if percent is not None:
                    lines.append(f"  percent: {percent}")
                lines.append(f'  note: "{name}"')
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return given


def generated(kehoach, plans_dir, work):
    """A copy of the plan of plans_dir with the most occurrences, with a
    log of SCENARIOS: the copy replayed, then each occurrence's state once
    every due date has passed against its scenario's."""
    plans = [rules.Plan(path) for path in rules.plan_files(plans_dir)]
    windows, duties = rules.read_windows(kehoach, plans)
    plan = max(plans, key=lambda p: sum(len(ws) for (pid, _), ws in windows.items()
                                        if pid == p.id))
    copy = os.path.join(work, os.path.basename(plan.path))
    shutil.copy(plan.path, copy)
    if os.path.exists(os.path.join(plans_dir, "units.yaml")):
        shutil.copy(os.path.join(plans_dir, "units.yaml"), work)
    given = write_scenarios(plan, windows, duties, copy[:-len(".yaml")] + ".progress.yaml")
    expect(f"{plan.id}: scenarios used", sorted({g[0] for g in given.values()}),
           sorted(name for name, _, _ in SCENARIOS))
    pairs, dates = replay(kehoach, work)
    after = max(w.due for (pid, _), ws in windows.items() if pid == plan.id
                for w in ws) + datetime.timedelta(days=2)
    got = rules.run_json(kehoach, ["status", copy, "--as-of", after.isoformat(),
                                   "--format", "json"])
    shown = got["plans"][0]["activities"] + got["plans"][0]["reports"]
    expect(f"{plan.id}: occurrences shown", sum(len(a["occurrences"]) for a in shown),
           len(given))
    for a in shown:
        for o in a["occurrences"]:
            name, _, state = given[(a["id"], o["key"])]
            expect(f"{plan.id} {a['id']} {o['key']} {name}, as of {after}", o["state"], state)
    return plan.id, len(given), pairs, dates


def main():
    kehoach, folders = sys.argv[1], sys.argv[2:]
    pairs = 0
    for folder in folders:
        before = len(problems)
        n, dates = replay(kehoach, folder)
        pairs += n
        problems[before:] = [f"{folder}: {p}" for p in problems[before:]]
        print(f"{folder}: {n} (plan, date) pairs in JSON, and all its plans on {dates} "
              f"dates in JSON, CSV and text, compared: {len(problems) - before} problems")
    with tempfile.TemporaryDirectory(prefix="kehoach-replay-") as work:
        before = len(problems)
        pid, occurrences, n, dates = generated(kehoach, folders[0], work)
        pairs += n
        problems[before:] = [f"generated log: {p}" for p in problems[before:]]
        print(f"{pid} with a generated log ({occurrences} occurrences): {n} (plan, date) "
              f"pairs, and the plan on {dates} dates, compared: {len(problems) - before} "
              "problems")
    if not pairs:
        problems.append("no plan with a log, no date replayed: nothing compared")
    for p in problems[:40]:
        print("FAILED", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
