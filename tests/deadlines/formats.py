#!/usr/bin/env python3
"""kehoach deadlines: the JSON and the calendar are what they claim.

On the plans in PLANS_DIR (without their progress logs), as of two dates:
  - JSON: valid, with as_of and items; every item has plan, id (a
    report's is BC1, BC2...), kind, title, lead (a list), due (YYYY-MM-DD), days_left
    (due - as_of in days) and state, consistent with each other;
  - iCalendar: read by an independent parser (python3-icalendar): one
    VEVENT per JSON item, an all-day event on the due date, unique UIDs
    that stay the same from one as-of date to the other (so a calendar
    updates instead of duplicating), every line at most 75 octets ended by
    CRLF and valid UTF-8 on its own;
  - CSV: one row per item, RFC 4180 (read back by Python's csv module);
  - text: no line wider than 80 columns; colours on a terminal (a real
    pseudo-terminal), none when NO_COLOR is set, none into a pipe;
  - the due dates that the plans' words imply, checked one by one below;
  - with their logs, on the days on both sides of every due date: which
    items are listed (those not finished), their state, days left, units
    (lists of names and ids, recomputed from the plans and registries) and
    order, and the counts, in JSON and in text ("Tính đến ngày ...: N quá
    hạn, M sắp tới", "trễ N ngày", "còn N ngày", "hôm nay"), all of them and
    --within 30d, 6w, 3m or 1y in turn (the last day kept, "đến ..."),
    against the rules of docs/ recomputed from the plans and logs
    (tests/rules.py).

No date or no item checked is a failure: it says the windows or the
items were missing, not that they were right.

usage: formats.py KEHOACH PLANS_DIR
"""
import calendar
import csv
import datetime
import io
import json
import os
import re
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import icalendar

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import rules  # noqa: E402

AS_OF = ["2026-07-01", "2024-02-29"]


def run(kehoach, plans, as_of, fmt, *more):
    proc = subprocess.run([kehoach, "deadlines", plans, "--as-of", as_of, "--format", fmt,
                           *more], capture_output=True)
    if proc.returncode != 0:
        sys.exit(f"deadlines --as-of {as_of} --format {fmt} exited {proc.returncode}: "
                 f"{proc.stderr.decode()}")
    return proc.stdout


def check_json(data, as_of, problems):
    report = json.loads(data)
    assert report["as_of"] == as_of
    for item in report["items"]:
        for key, kinds in (("plan", str), ("title", str), ("due", str), ("days_left", int),
                           ("state", str), ("kind", str)):
            if not isinstance(item.get(key), kinds):
                problems.append(f"{key} missing or of the wrong type in {item}")
        if item["kind"] not in ("activity", "report"):
            problems.append(f"kind {item['kind']!r}")
        if item["kind"] == "report" and not re.fullmatch(r"BC[1-9][0-9]*", item["id"] or ""):
            problems.append(f"id {item['id']!r} for a report")
        if not isinstance(item.get("lead"), list):
            problems.append(f"no list of lead units in {item}")
        due = datetime.date.fromisoformat(item["due"])
        if (due - datetime.date.fromisoformat(as_of)).days != item["days_left"]:
            problems.append(f"days_left {item['days_left']} for due {item['due']}")
        late = item["days_left"] < 0
        if late != (item["state"] == "overdue"):
            problems.append(f"state {item['state']} with days_left {item['days_left']}")
    return report["items"]


def check_ics(data, items, problems):
    for line in data.split(b"\r\n")[:-1]:
        if len(line) > 75:
            problems.append(f"line of {len(line)} octets: {line[:40]!r}")
        if b"\n" in line or b"\r" in line:
            problems.append(f"bare line break in {line[:40]!r}")
        line.decode("utf-8")
    if not data.endswith(b"\r\n"):
        problems.append("the calendar does not end with CRLF")
    cal = icalendar.Calendar.from_ical(data)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    if len(events) != len(items):
        problems.append(f"{len(events)} events for {len(items)} items")
    uids = [str(e["UID"]) for e in events]
    if len(set(uids)) != len(uids):
        problems.append("UIDs repeat")
    for event, item in zip(events, items):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        if isinstance(start, datetime.datetime) or start.isoformat() != item["due"]:
            problems.append(f"event on {start} for due {item['due']}")
        if end - start != datetime.timedelta(days=1):
            problems.append(f"event from {start} to {end} is not one day")
        if item["title"] and item["title"][:20] not in str(event["SUMMARY"]):
            problems.append(f"summary {event['SUMMARY']!r} lacks {item['title'][:20]!r}")
    return set(uids)


def check_csv(data, items, problems):
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    if len(rows) != len(items):
        problems.append(f"{len(rows)} CSV rows for {len(items)} items")
    for row, item in zip(rows, items):
        if row["due"] != item["due"] or int(row["days_left"]) != item["days_left"]:
            problems.append(f"CSV row {row['plan']} {row['activity']} differs from JSON")


def width(line):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def on_terminal(kehoach, plans, env):
    """What kehoach prints when its standard output is a terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([kehoach, "deadlines", plans, "--as-of", AS_OF[0]],
                            stdout=follower, stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:       # the terminal closes when kehoach ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(leader)
    return b"".join(chunks)


def check_text(kehoach, plans, problems):
    plain = run(kehoach, plans, AS_OF[0], "text").decode("utf-8")
    for line in plain.splitlines():
        if width(line) > 80:
            problems.append(f"text line of {width(line)} columns: {line!r}")
    if "\033[" in plain:
        problems.append("colours in a pipe")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if b"\033[" not in on_terminal(kehoach, plans, env):
        problems.append("no colours on a terminal")
    if b"\033[" in on_terminal(kehoach, plans, dict(env, NO_COLOR="1")):
        problems.append("colours on a terminal with NO_COLOR set")


def check_seed_dates(items, problems):
    def dues(plan, activity):
        return [i["due"] for i in items if i["plan"] == plan and i["id"] == activity]

    def expect(what, got, want):
        if got != want:
            problems.append(f"{what}: {got}, expected {want}")

    expect("seed 003, 3 'Hoàn thành trước Quý III năm 2021'",
           dues("lang-son-stp-nkt-2021", "3"), ["2021-06-30"])
    expect("seed 004, 2.2 'Hàng tháng' (12 occurrences)",
           len(dues("ha-tinh-stp-qd32-2020", "2.2")), 12)
    expect("seed 004, 3.2 'Quý II, IV'", dues("ha-tinh-stp-qd32-2020", "3.2"),
           ["2020-06-30", "2020-12-31"])
    expect("seed 004, 3.3 'Quý I-IV'", dues("ha-tinh-stp-qd32-2020", "3.3"),
           ["2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31"])
    item3 = [i for i in items if i["plan"] == "hai-phong-nkt-2026" and i["id"] == "3"]
    expect("seed 001, item 3 windows", [(i["from"], i["to"]) for i in item3],
           [("2026-03-01", "2026-04-30"), ("2026-11-01", "2026-12-31")])
    expect("seed 001, report to the Ministry",
           [i["due"] for i in items if i["plan"] == "hai-phong-nkt-2026" and i["kind"] == "report"],
           ["2026-10-30"])
    expect("seed 004, 'Định kỳ 06 tháng, cuối năm'",
           [(i["occurrence"], i["due"]) for i in items
            if i["plan"] == "ha-tinh-stp-qd32-2020" and i["kind"] == "report"],
           [("2020-H1", "2020-06-25"), ("2020", "2020-12-25")])


DEADLINE_STATE = {"planned": "planned", "open": "open", "in-progress": "in-progress",
                  "overdue": "overdue"}


def item_units(registry, lead, partners):
    """An item's units as lists, the way every output names them (for a
    report: who sends it and to whom)."""
    return {"lead": rules.shown(registry, lead), "partners": rules.shown(registry, partners),
            "lead_ids": rules.shown(registry, lead, True),
            "partner_ids": rules.shown(registry, partners, True)}


def due_items(plans, windows, duties, as_of):
    """What `deadlines` lists as of a day: every occurrence not finished, by
    due date (then activities before reports, each in the plan's order)."""
    items = []
    for plan in plans:
        status = rules.PlanStatus(plan, windows, as_of)
        for s in status.activities:
            who = item_units(plan.registry, s.activity.lead, s.activity.partners)
            items += [(plan.id, s.activity.id, o.window, o.state, who) for o in s.occurrences
                      if o.state not in rules.FINISHED]
        for n, duty in enumerate(plan.duties, 1):
            who = item_units(plan.registry, duty.by, duty.to)
            states = [(w, rules.duty_status(plan, n, w, as_of).state)
                      for w in duties.get((plan.id, n), [])]
            items += [(plan.id, f"BC{n}", w, state, who) for w, state in states
                      if state not in rules.FINISHED]
    items.sort(key=lambda it: it[2].due)
    return [dict({"plan": p, "id": a, "occurrence": w.key, "due": w.due.isoformat(),
                  "days_left": rules.days(as_of, w.due), "state": DEADLINE_STATE[state]}, **who)
            for p, a, w, state, who in items]


def days_words(days_left):
    if days_left < 0:
        return f"trễ {-days_left} ngày"
    return "hôm nay" if days_left == 0 else f"còn {days_left} ngày"


def until_of(as_of, within):
    """The last day --within keeps: 30d, 6w, 3m (the same day of the month,
    or its last day), 1y."""
    n, unit = int(within[:-1]), within[-1]
    if unit in "dw":
        return as_of + datetime.timedelta(days=n * (7 if unit == "w" else 1))
    year, month = divmod(as_of.year * 12 + as_of.month - 1 + (n if unit == "m" else 12 * n), 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(as_of.day, last))


def check_text_items(text, want, as_of, until, problems):
    """The header, the two parts and each item's first line."""
    late = [w for w in want if w["state"] == "overdue"]
    soon = [w for w in want if w["state"] != "overdue"]
    lines = text.split("\n")
    head = f"Tính đến ngày {rules.vn(as_of)}: {len(late)} quá hạn, {len(soon)} sắp tới"
    if until:
        head += f" (đến {rules.vn(until)})"
    if lines[0] != head:
        problems.append(f"text as of {as_of}: {lines[0]!r}, expected {head!r}")
    parts = [line for line in lines if line.startswith(("QUÁ HẠN (", "SẮP TỚI ("))]
    wanted = ([f"QUÁ HẠN ({len(late)})"] if late else []) + ([f"SẮP TỚI ({len(soon)})"] if soon else [])
    if parts != wanted:
        problems.append(f"text as of {as_of}: parts {parts}, expected {wanted}")
    firsts = [line for line in lines if line[:1] == " " and line[1:2].isdigit()]
    for line, w in zip(firsts, late + soon):
        due = rules.vn(rules.day(w["due"]))
        name = w["id"] if not w["id"].startswith("BC") else "báo cáo " + w["id"]
        shown = " ".join(line.split())
        expected = f"{due} {days_words(w['days_left'])} {w['plan']} · {name}"
        if not shown.startswith(expected):
            problems.append(f"text as of {as_of}: {shown!r}, expected {expected!r}")
    if len(firsts) != len(want):
        problems.append(f"text as of {as_of}: {len(firsts)} items, expected {len(want)}")


WITHIN = ("30d", "6w", "3m", "1y")


def check_listing(got, want, what, problems):
    """The items of `deadlines --format json` and their counts."""
    shown = [{k: it[k] for k in want[0]} for it in got["items"]] if want else got["items"]
    if shown != want:
        diff = [(g, w) for g, w in zip(shown, want) if g != w][:3]
        problems.append(f"items {what}: {len(shown)} listed, {len(want)} expected; "
                        f"first differences {diff}")
    counts = {s: sum(w["state"] == s for w in want) for s in
              ("overdue", "in-progress", "open", "planned")}
    if got["counts"] != counts:
        problems.append(f"counts {what}: {got['counts']}, expected {counts}")


def check_with_logs(kehoach, plans_dir, problems):
    """Which items are due, their state and days, as the rules have them,
    all of them and --within one of WITHIN in turn; the dates and the items
    checked (none of either is a failure: nothing was compared)."""
    plans = [rules.Plan(path) for path in rules.plan_files(plans_dir)]
    windows, duties = rules.read_windows(kehoach, plans)
    days = sorted({w.due + datetime.timedelta(days=shift)
                   for ws in list(windows.values()) + list(duties.values())
                   for w in ws for shift in (-1, 0, 1)})
    items = 0
    for i, as_of in enumerate(days):
        want = due_items(plans, windows, duties, as_of)
        items += len(want)
        day = as_of.isoformat()
        check_listing(json.loads(run(kehoach, plans_dir, day, "json")), want,
                      f"as of {as_of}", problems)
        check_text_items(run(kehoach, plans_dir, day, "text").decode("utf-8"),
                         want, as_of, None, problems)
        within = WITHIN[i % len(WITHIN)]
        until = until_of(as_of, within)
        near = [w for w in want if w["state"] == "overdue" or rules.day(w["due"]) <= until]
        got = json.loads(run(kehoach, plans_dir, day, "json", "--within", within))
        if got["until"] != until.isoformat():
            problems.append(f"--within {within} as of {as_of}: until {got['until']}, "
                            f"expected {until}")
        check_listing(got, near, f"as of {as_of} within {within}", problems)
        check_text_items(run(kehoach, plans_dir, day, "text", "--within", within).decode("utf-8"),
                         near, as_of, until, problems)
    if not days or not items:
        problems.append(f"with the logs, {len(days)} dates and {items} items due: nothing "
                        "to check (no windows from `deadlines`?)")
    return len(days), items


def plans_without_progress(plans_dir, work):
    """The plans alone: their logs would take finished items out, and the
    checks here are about every due date the words imply."""
    for name in os.listdir(plans_dir):
        if name.endswith(".yaml") and not name.endswith(".progress.yaml") \
                and not re.search(r"\.notes-[^./]+\.ya?ml$", name):
            shutil.copy(os.path.join(plans_dir, name), work)
    return work


def main():
    kehoach, plans_dir = sys.argv[1:3]
    problems = []
    dates, items = check_with_logs(kehoach, plans_dir, problems)
    print(f"with the logs, {dates} dates and {items} items due checked against the rules")
    with tempfile.TemporaryDirectory(prefix="kehoach-formats-") as work:
        return check_all(kehoach, plans_without_progress(plans_dir, work), problems)


def check_all(kehoach, plans, problems):
    uid_sets, total = [], 0
    for as_of in AS_OF:
        items = check_json(run(kehoach, plans, as_of, "json"), as_of, problems)
        uid_sets.append(check_ics(run(kehoach, plans, as_of, "ics"), items, problems))
        check_csv(run(kehoach, plans, as_of, "csv"), items, problems)
        total += len(items)
        if as_of == "2026-07-01":
            check_seed_dates(items, problems)
    if uid_sets[0] != uid_sets[1]:
        problems.append("UIDs change with the as-of date")
    if not total:
        problems.append(f"no items over {len(AS_OF)} dates: nothing to check")
    check_text(kehoach, plans, problems)
    for p in problems:
        print("FAILED", p)
    print(f"{total} items over {len(AS_OF)} dates in JSON, iCalendar and CSV: "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
