#!/usr/bin/env python3
"""Two calendar exports imported one after the other into khal.

A plan is exported with `kehoach deadlines --format ics` as of one day and
imported with `khal import --batch` into a new, empty local calendar (a
vdir, with its own configuration and cache in a temporary folder). Then
an activity is recorded done and another cancelled (`kehoach update`), a
reporting duty is added before the others and an activity is added, and
the plan is exported a fortnight later and imported again. What the
calendar then holds, read both from the vdir's files and from `khal list`:

  - every event of the second export once, and nothing else: no copy, and
    no event the second export no longer has (a finished item that left
    the export would stay open in the calendar);
  - each event of the first export still about the same item: its title
    is the one it had (an event whose UID was a duty's place took the
    title of the duty added before it);
  - the finished items updated: the done one marked "[Hoàn thành]" with a
    higher SEQUENCE, the cancelled one CANCELLED.

Exits 77 (skipped) when khal is not installed.

usage: khal_update.py KEHOACH
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

import icalendar

PLAN = """\
id: thu-lich-2024
issuer: Sở Tư pháp tỉnh Thử Nghiệm
place: Thử Nghiệm
year: 2024
title: Kế hoạch thử lịch năm 2024
units:
  - {id: stp, name: Sở Tư pháp tỉnh Thử Nghiệm, aliases: [Sở Tư pháp]}
  - {id: syt, name: Sở Y tế}
  - {id: btp, name: Bộ Tư pháp}
  - {id: ubnd, name: Ủy ban nhân dân tỉnh Thử Nghiệm, aliases: [UBND tỉnh]}
sections:
  - id: "1"
    title: Các hoạt động
    activities:
      - id: "1.1"
        title: Rà soát danh sách người được trợ giúp pháp lý.
        lead: Sở Tư pháp
        time: Quý I
      - id: "1.2"
        title: Phát thanh chương trình trợ giúp pháp lý.
        lead: Sở Tư pháp
        partners: [Sở Y tế]
        time: Hàng tháng
      - id: "1.3"
        title: Hoàn thành báo cáo rà soát, đánh giá.
        lead: Sở Y tế
        time: trước ngày 29/02/2024
@ACTIVITY@reports:
@DUTY@  - what: Kết quả thực hiện Kế hoạch
    by: Sở Tư pháp
    to: Bộ Tư pháp
    when: Định kỳ hằng quý
    day: 20
  - what: Tổng kết năm
    by: Sở Tư pháp
    to: Bộ Tư pháp
    every: year
recipients: [Bộ Tư pháp]
signer: {title: GIÁM ĐỐC, name: Nguyễn Văn An}
"""

ADDED_ACTIVITY = """\
      - id: "1.4"
        title: Tập huấn cho người thực hiện trợ giúp pháp lý.
        lead: Sở Tư pháp
        time: Quý II
"""

ADDED_DUTY = """\
  - what: Số liệu vụ việc trợ giúp pháp lý
    by: Sở Tư pháp
    to: UBND tỉnh
    when: Định kỳ hằng quý
    day: 15
"""

# SOURCE_DATE_EPOCH of each export: 2024-03-01 and 2024-03-15, 09:00 UTC
FIRST, SECOND = ("2024-03-01", "1709283600"), ("2024-03-15", "1710493200")

KHAL_CONFIG = """\
[calendars]
[[kehoach]]
path = {vdir}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Asia/Ho_Chi_Minh
default_timezone = Asia/Ho_Chi_Minh

[sqlite]
path = {db}
"""

STATUS_MARK = re.compile(r"^\[[^\]]*\] ")


def run(args, env=None, **kw):
    proc = subprocess.run(args, capture_output=True, env=env, **kw)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {proc.returncode}:\n"
                 f"{proc.stdout.decode()}{proc.stderr.decode()}")
    return proc.stdout.decode("utf-8")


def events_of(ics):
    """UID -> the VEVENT, from a calendar's text; fails on a UID twice."""
    events = {}
    for e in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
        uid = str(e["UID"])
        if uid in events:
            sys.exit(f"the export holds UID {uid} twice")
        events[uid] = e
    return events


def title(event):
    """The summary without the state a finished item is marked with."""
    return STATUS_MARK.sub("", str(event["SUMMARY"]))


def export(kehoach, work, as_of, stamp):
    out = os.path.join(work, f"lich-{as_of}.ics")
    run([kehoach, "deadlines", "plan.yaml", "--as-of", as_of, "-o", out], cwd=work,
        env=dict(os.environ, SOURCE_DATE_EPOCH=stamp))
    with open(out, "rb") as f:
        return out, f.read()


def vdir_events(vdir):
    """Every VEVENT of the vdir's files, as (UID, event) pairs."""
    found = []
    for name in sorted(os.listdir(vdir)):
        with open(os.path.join(vdir, name), "rb") as f:
            for e in icalendar.Calendar.from_ical(f.read()).walk("VEVENT"):
                found.append((str(e["UID"]), e))
    return found


def main():
    kehoach = os.path.abspath(sys.argv[1])
    khal = shutil.which("khal")
    if not khal:
        print("khal is not installed (Debian package khal): calendar update test skipped")
        return 77
    problems = []
    with tempfile.TemporaryDirectory(prefix="kehoach-khal-") as work:
        vdir, home = os.path.join(work, "vdir"), os.path.join(work, "home")
        os.makedirs(vdir)
        os.makedirs(home)
        config = os.path.join(work, "khal.conf")
        with open(config, "w", encoding="utf-8") as f:
            f.write(KHAL_CONFIG.format(vdir=vdir, db=os.path.join(work, "khal.db")))
        khal_env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home,
                        XDG_DATA_HOME=home, TZ="UTC")

        def khal_import(path):
            run([khal, "-c", config, "import", "--batch", path], env=khal_env)

        def write_plan(activity, duty):
            with open(os.path.join(work, "plan.yaml"), "w", encoding="utf-8") as f:
                f.write(PLAN.replace("@ACTIVITY@", activity).replace("@DUTY@", duty))

        write_plan("", "")
        path1, ics1 = export(kehoach, work, *FIRST)
        first = events_of(ics1)
        khal_import(path1)
        if len(vdir_events(vdir)) != len(first):
            problems.append(f"after the first import, {len(vdir_events(vdir))} events "
                            f"for {len(first)} exported")

        run([kehoach, "update", "plan.yaml", "1.1", "--state", "done",
             "--date", "2024-03-10", "--occurrence", "2024-Q1"], cwd=work)
        run([kehoach, "update", "plan.yaml", "1.3", "--state", "cancelled",
             "--date", "2024-03-05", "--note", "Gộp vào hoạt động 1.1"], cwd=work)
        write_plan(ADDED_ACTIVITY, ADDED_DUTY)
        path2, ics2 = export(kehoach, work, *SECOND)
        second = events_of(ics2)
        khal_import(path2)

        held = vdir_events(vdir)
        counts = collections.Counter(uid for uid, _ in held)
        for uid, n in sorted(counts.items()):
            if n > 1:
                problems.append(f"{uid} is in the calendar {n} times")
            if uid not in second:
                problems.append(f"{uid} is in the calendar but not in the second "
                                f"export: {held[[u for u, _ in held].index(uid)][1]['SUMMARY']}")
        for uid in second:
            if uid not in counts:
                problems.append(f"{uid} of the second export is not in the calendar")
        now = dict(held)
        for uid, event in first.items():
            if uid in now and title(now[uid]) != title(event):
                problems.append(f"{uid} was {title(event)!r}, is now {title(now[uid])!r}")

        def by_summary(start):
            hits = [e for e in now.values() if str(e["SUMMARY"]).startswith(start)]
            if len(hits) != 1:
                problems.append(f"{len(hits)} events in the calendar start {start!r}")
                return None
            return hits[0]

        done = by_summary("[Hoàn thành] Hạn 1.1:")
        if done is not None:
            uid = str(done["UID"])
            before = int(first[uid]["SEQUENCE"]) if uid in first else None
            if before is None or int(done["SEQUENCE"]) <= before:
                problems.append(f"done {uid}: SEQUENCE {done['SEQUENCE']}, was {before}")
        cancelled = by_summary("[Hủy bỏ] Hạn 1.3:")
        if cancelled is not None and str(cancelled.get("STATUS")) != "CANCELLED":
            problems.append(f"cancelled 1.3 has STATUS {cancelled.get('STATUS')}")
        if by_summary("Hạn báo cáo: Số liệu vụ việc trợ giúp pháp lý (Quý I/2024)") is None:
            problems.append("the added duty is not in the calendar")

        # what khal itself lists: each event once, the cancelled one so marked
        listed = run([khal, "-c", config, "list", "--format", "{uid}\t{cancelled}{title}",
                      "--day-format", "", "2024-01-01", "2025-12-31"],
                     env=khal_env).splitlines()
        listed = [line for line in listed if line.strip()]
        uids = collections.Counter(line.split("\t")[0] for line in listed)
        if sorted(uids) != sorted(second) or any(n != 1 for n in uids.values()):
            problems.append(f"khal list shows {len(listed)} events "
                            f"({len(uids)} UIDs) for {len(second)} exported")
        if not any(line.endswith("\tCANCELLED [Hủy bỏ] Hạn 1.3: Hoàn thành báo cáo rà "
                                 "soát, đánh giá.") for line in listed):
            problems.append("khal list does not show 1.3 cancelled")
        print(f"{len(first)} then {len(second)} events exported, {len(held)} in the "
              f"calendar, {len(listed)} listed by khal")
    for p in problems:
        print("FAILED", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
