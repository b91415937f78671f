#!/usr/bin/env python3
"""A calendar event's UID names one item, whatever else the plans hold.

Two plans are exported with `kehoach deadlines --format ics` as of the same
day, then exported again after the first plan was edited: a reporting
duty added before the others, the duties' order reversed, an activity
added between two others, a unit given an alias. Each event is read by an
independent parser (python3-icalendar) and its item taken from what the
event says, not from the UID: the plan ("Kế hoạch: ..."), the activity's
id or the duty's subject, reporting unit and recipient, and the
occurrence (its label, else the due date). Then:

  - within each export, UIDs are unique, valid (RFC 5545 TEXT: no control
    character; of the form PLAN/activity-ID/KEY@kehoach or
    PLAN/report-HEX16[-N]/KEY@kehoach) and name one item each;
  - an item in both exports has the same UID in both, and a UID in both
    names the same item in both;
  - two duties alike in everything get distinct UIDs, as do two that
    differ only in their subject.

With progress recorded (`kehoach update`: done on time, done late,
cancelled, in progress, a report sent), every event's STATUS, the mark of
a finished one in its summary, SEQUENCE (the records about the occurrence
dated on or before the as-of day) and LAST-MODIFIED (the latest one's
day) are recomputed here from the progress log's YAML.

usage: uid_identity.py KEHOACH
"""
import collections
import datetime
import os
import re
import subprocess
import sys
import tempfile

import icalendar
import yaml

AS_OF = "2024-07-01"
STAMP = "1719824400"  # SOURCE_DATE_EPOCH: 2024-07-01 09:00 UTC

PLAN_A = """\
id: lich-a-2024
issuer: Sở Tư pháp tỉnh Thử Nghiệm
place: Thử Nghiệm
year: 2024
title: Kế hoạch A
units:
  - {id: stp, name: Sở Tư pháp tỉnh Thử Nghiệm@ALIAS@}
  - {id: btp, name: Bộ Tư pháp}
  - {id: ubnd, name: Ủy ban nhân dân tỉnh Thử Nghiệm, aliases: [UBND tỉnh]}
sections:
  - id: "1"
    title: Các hoạt động
    activities:
      - id: "1.1"
        title: Rà soát danh sách.
        lead: Sở Tư pháp tỉnh Thử Nghiệm
        time: Quý I-IV
      - id: "1.2"
        title: Phát thanh hằng tháng.
        lead: Sở Tư pháp tỉnh Thử Nghiệm
        time: Hàng tháng
@ACTIVITY@      - id: "1.3"
        title: Hội thảo.
        lead: Sở Tư pháp tỉnh Thử Nghiệm
        time: Trong tháng 5
reports:
@DUTIES@recipients: [Bộ Tư pháp]
signer: {title: GIÁM ĐỐC, name: Nguyễn Văn An}
"""

DUTIES = [
    """\
  - what: Kết quả thực hiện Kế hoạch
    by: Sở Tư pháp tỉnh Thử Nghiệm
    to: Bộ Tư pháp
    when: Định kỳ hằng quý
    day: 20
""",
    # alike the first in who, to whom and when: told apart by the subject
    """\
  - what: Số liệu thống kê
    by: Sở Tư pháp tỉnh Thử Nghiệm
    to: Bộ Tư pháp
    when: Định kỳ hằng quý
    day: 20
""",
    # two copies alike in everything
    """\
  - what: Tổng kết năm
    by: Sở Tư pháp tỉnh Thử Nghiệm
    to: UBND tỉnh
    every: year
""",
    """\
  - what: Tổng kết năm
    by: Sở Tư pháp tỉnh Thử Nghiệm
    to: UBND tỉnh
    every: year
""",
]

ADDED_DUTY = """\
  - what: Báo cáo nhanh
    by: Sở Tư pháp tỉnh Thử Nghiệm
    to: UBND tỉnh
    every: month
"""

ADDED_ACTIVITY = """\
      - id: "1.2a"
        title: Tập huấn.
        lead: Sở Tư pháp tỉnh Thử Nghiệm
        time: Quý II
"""

PLAN_B = """\
id: lich-b-2024
issuer: Sở Tư pháp tỉnh Khác
place: Khác
year: 2024
title: Kế hoạch B
sections:
  - id: "1"
    title: Các hoạt động
    activities:
      - id: "1.1"
        title: Rà soát danh sách.
        lead: Sở Tư pháp tỉnh Khác
        time: Quý I-IV
reports:
  - what: Kết quả thực hiện Kế hoạch
    by: Sở Tư pháp tỉnh Khác
    to: Bộ Tư pháp
    when: Định kỳ hằng quý
    day: 20
recipients: [Bộ Tư pháp]
signer: {title: GIÁM ĐỐC, name: Trần Văn Bình}
"""

# (activity or duty id, occurrence, state, date): kehoach update of plan A
RECORDS = [
    ("1.1", "2024-Q1", "in-progress", "2024-02-10"),
    ("1.1", "2024-Q1", "done", "2024-03-30"),
    ("1.1", "2024-Q2", "done", "2024-07-01"),
    ("1.2", "2024-03", "done", "2024-04-02"),
    ("1.2", "2024-04", "in-progress", "2024-04-15"),
    ("1.3", None, "cancelled", "2024-04-20"),
    ("BC1", "2024-Q1", "done", "2024-04-18"),
    ("1.2", "2024-05", "done", "2024-07-02"),  # after the as-of day
]

UID_FORM = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*/(activity-[0-9A-Za-zĐđ._-]+|"
                      r"report-[0-9a-f]{16}(-[0-9]+)?)/[0-9A-Za-z.-]+@kehoach")
MARKS = {"done": "[Hoàn thành] ", "done-late": "[Hoàn thành muộn] ",
         "cancelled": "[Hủy bỏ] "}


def run(args, cwd, env=None):
    proc = subprocess.run(args, cwd=cwd, capture_output=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {proc.returncode}: {proc.stderr.decode()}")
    return proc.stdout


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def plan_a(duties, activity="", alias=""):
    return (PLAN_A.replace("@DUTIES@", "".join(duties)).replace("@ACTIVITY@", activity)
            .replace("@ALIAS@", alias))


def export(kehoach, work):
    return run([kehoach, "deadlines", ".", "--as-of", AS_OF, "--format", "ics"], work,
               env=dict(os.environ, SOURCE_DATE_EPOCH=STAMP))


def item_of(event):
    """What an event is about, from its description and dates alone."""
    lines = dict(line.split(": ", 1) for line in str(event["DESCRIPTION"]).split("\n")
                 if ": " in line)
    plan = lines["Kế hoạch"]
    due = event["DTSTART"].dt.isoformat()
    for key, value in lines.items():
        if key.startswith("Hoạt động "):
            occurrence = lines.get("Đợt", due).split(" (")[0]
            return (plan, "activity", key[len("Hoạt động "):], occurrence)
        if key.startswith("Báo cáo "):
            return (plan, "report", value, lines.get("Đơn vị báo cáo"), lines.get("Gửi"),
                    lines["Kỳ báo cáo"])
    sys.exit(f"no item in {event['DESCRIPTION']!r}")


def read_export(ics, what, problems):
    """UID -> (item, event), after checking the UIDs of one export."""
    for line in ics.split(b"\r\n"):
        if line.startswith(b"UID:") and re.search(rb"[\x00-\x1f\x7f]", line):
            problems.append(f"{what}: control character in {line!r}")
    events = {}
    items = collections.Counter()
    for e in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
        uid = str(e["UID"])
        if not UID_FORM.fullmatch(uid):
            problems.append(f"{what}: UID {uid!r} is not of the documented form")
        if uid in events:
            problems.append(f"{what}: UID {uid} twice")
        events[uid] = (item_of(e), e)
        items[item_of(e)] += 1
    for item, n in items.items():
        copies = 2 if item[1:3] == ("report", "Tổng kết năm") else 1
        if n != copies:
            problems.append(f"{what}: {item} has {n} events, expected {copies}")
    return events


def compare(before, after, problems):
    """The same UID names the same item, and the same item keeps its UID
    (the copies of a duty, their UIDs)."""
    def uids_of(events):
        found = collections.defaultdict(set)
        for uid, (item, _) in events.items():
            found[item].add(uid)
        return found
    was, now = uids_of(before), uids_of(after)
    both = 0
    for uid, (item, _) in before.items():
        if uid in after and after[uid][0] != item:
            problems.append(f"{uid} was {item}, is now {after[uid][0]}")
        if item in now:
            both += 1
            if now[item] != was[item]:
                problems.append(f"{item} was {sorted(was[item])}, is now {sorted(now[item])}")
    if both < len(before):
        problems.append(f"only {both} of {len(before)} items are in both exports")
    return both


def expected_states(log_path, plan_text):
    """(activity id or the duty's subject, occurrence key) -> (records on or
    before the as-of day, the latest one's date and state)."""
    with open(log_path, encoding="utf-8") as f:
        log = yaml.safe_load(f)
    duties = [d["what"] for d in yaml.safe_load(plan_text)["reports"]]
    as_of = datetime.date.fromisoformat(AS_OF)
    found = {}
    for order, r in enumerate(log["records"]):
        day = r["date"] if isinstance(r["date"], datetime.date) else \
            datetime.date.fromisoformat(str(r["date"]))
        if day > as_of:
            continue
        who = duties[int(r["report"][2:]) - 1] if "report" in r else str(r["activity"])
        key = (who, r.get("occurrence"))
        n, latest = found.get(key, (0, None))
        if latest is None or (day, order) >= latest[:2]:
            latest = (day, order, r["state"])
        found[key] = (n + 1, latest)
    return found


def check_states(events, found, problems):
    checked = 0
    for uid, (item, e) in events.items():
        if item[0] != "lich-a-2024":
            continue
        key = uid.rsplit("/", 1)[1][:-len("@kehoach")]
        who = item[2].split(":")[0] if item[1] == "activity" else item[2]
        n, latest = found.get((who, key), found.get((who, None), (0, None)))
        state = latest[2] if latest else None
        if state == "done" and latest[0] > e["DTSTART"].dt:
            state = "done-late"
        want_status = "CANCELLED" if state == "cancelled" else "CONFIRMED"
        got = (int(e.get("SEQUENCE", -1)), str(e.get("STATUS")),
               e["LAST-MODIFIED"].dt.date() if "LAST-MODIFIED" in e else None,
               str(e["SUMMARY"]).startswith(MARKS.get(state, "Hạn")))
        want = (n, want_status, latest[0] if latest else None, True)
        if got != want:
            problems.append(f"{uid}: SEQUENCE, STATUS, LAST-MODIFIED, marked {got}, "
                            f"expected {want} ({e['SUMMARY']})")
        checked += n > 0
    return checked


def main():
    kehoach = os.path.abspath(sys.argv[1])
    problems = []
    with tempfile.TemporaryDirectory(prefix="kehoach-uid-") as work:
        write(os.path.join(work, "b.yaml"), PLAN_B)
        first_plan = plan_a(DUTIES)
        write(os.path.join(work, "a.yaml"), first_plan)
        for what, occurrence, state, day in RECORDS:
            args = [kehoach, "update", "a.yaml", what, "--state", state, "--date", day]
            run(args + (["--occurrence", occurrence] if occurrence else []), work)
        first = read_export(export(kehoach, work), "first export", problems)
        found = expected_states(os.path.join(work, "a.progress.yaml"), first_plan)
        with_records = check_states(first, found, problems)

        # the log names duties by their place: move it aside while the
        # duties move, so the records keep to the items they were about
        os.rename(os.path.join(work, "a.progress.yaml"), os.path.join(work, "log"))
        second_plan = plan_a([ADDED_DUTY] + DUTIES[::-1], ADDED_ACTIVITY,
                             ", aliases: [Sở Tư pháp]")
        write(os.path.join(work, "a.yaml"), second_plan)
        second = read_export(export(kehoach, work), "second export", problems)
        both = compare(first, second, problems)
        added = len(second) - both
        if added <= 0:
            problems.append("the added duty and activity gave no event")
        print(f"{len(first)} events, then {len(second)}: {both} kept their UIDs, "
              f"{added} added; {with_records} events with records checked")
    for p in problems:
        print("FAILED", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
