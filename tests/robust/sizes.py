#!/usr/bin/env python3
"""Plan-sized inputs cost what their size costs.

Writes plans as large as the limits let them be, in the shapes that once
cost far more than their size, and runs kehoach on each, one process at
a time, under an address-space limit of 1 GiB (left out under the
sanitizers, which reserve terabytes of address space) and a timeout that
guards against hangs (it is not a speed check):

  - 32,000 activities, ten to a section;
  - 32,000 sections of one activity each, whose time is the section's
    default;
  - 32,000 activities, each led by a unit of its own;
  - 32,000 leads missing from the plan's 16,000 units, and a log of
    50,000 records naming activities the plan lacks (a "did you mean"
    is made only for the 50 problems shown);
  - one activity whose time has 20,000 windows, with a log of 50,000
    records on half of them;
  - a plan over 2000-2100 with 100 reports due every month, quarter,
    half-year and year;
  - a span that runs to the year 2,000,000 (the schema refuses it);
  - a plan written as one line of JSON, 1.6 MB, with its text in
    decomposed Unicode: once valid, once with an error in each of its
    6,000 activities and one at the end of the line;
  - progress logs just under 80% of the 512 MiB a log may have (1 KiB
    under), just past it (one byte) and at the limit, 10,000 records and
    long comment lines: the warning that a log passes 80% appears only
    past it, and its percent (the size * 100 // 512 MiB) and MiB (one
    decimal) are the file's; the log is read record by record, within the
    address-space limit.

Every number read is checked against the generated input: the counts of
plans, activities, occurrences, sections, lead units and problems, the
name each "did you mean" offers (the unit or activity the generator meant
at the problem's line, found from the text written, never from the
message), and the line and column of every problem shown, recomputed
here from the text the way docs/commands.md says columns count (a combining
mark takes no column). The problems shown are the first 50 found, in the
order the checks of docs/commands.md run (the schema's before the meaning's), in
the order of their places in the file.

usage: sizes.py KEHOACH SANITIZE      (SANITIZE: meson's b_sanitize)
"""
import datetime
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import unicodedata

import yaml

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from madeplan import HEAD, activity, plan, write_long_log  # noqa: E402

MEMORY = 1 << 30
TIMEOUT = 300  # seconds: a guard against hangs, not a speed check
SHOWN = 50                   # problems shown per file (docs/commands.md)
LOG_LIMIT = 512 << 20        # bytes a progress log may have (docs/)

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print(f"FAIL: {what}")


def write_yaml(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False, width=1 << 20)


def run(kehoach, args, limit):
    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    try:
        proc = subprocess.run([kehoach] + args, capture_output=True, timeout=TIMEOUT,
                              preexec_fn=limited if limit else None)
    except subprocess.TimeoutExpired:
        check(False, f"kehoach {' '.join(args)}: no answer after {TIMEOUT} s")
        return None
    if proc.returncode not in (0, 1):
        check(False, f"kehoach {' '.join(args)} exited {proc.returncode}: "
                     f"{proc.stderr.decode(errors='replace')[-300:]}")
        return None
    return proc


def run_json(kehoach, args, limit):
    proc = run(kehoach, args + ["--format", "json"], limit)
    return json.loads(proc.stdout) if proc else None


def validated(kehoach, path, limit, activities):
    out = run_json(kehoach, ["validate", path], limit)
    if out:
        check(out["errors"] == 0 and out["plans"] == 1 and out["activities"] == activities,
              f"{path}: {out['plans']} plans, {out['activities']} activities, "
              f"{out['errors']} errors; expected 1 plan, {activities} activities, no errors")


def many_activities(kehoach, work, limit):
    path = os.path.join(work, "activities.yaml")
    write_yaml(path, plan([{"id": str(s + 1), "title": "Phần",
                            "activities": [activity(f"{s + 1}.{k + 1}") for k in range(10)]}
                           for s in range(3200)]))
    validated(kehoach, path, limit, 32000)


def many_sections(kehoach, work, limit):
    path = os.path.join(work, "sections.yaml")
    write_yaml(path, plan([{"id": str(s + 1), "title": "Phần",
                            "defaults": {"time": "Quý II, IV"},
                            "activities": [activity(f"{s + 1}.1", time=None)]}
                           for s in range(32000)]))
    validated(kehoach, path, limit, 32000)
    out = run_json(kehoach, ["status", path, "--as-of", "2026-07-01"], limit)
    if out:
        sections = out["plans"][0]["sections"]
        check(len(sections) == 32000 and all(s["activities"] == 1 for s in sections),
              "status: 32,000 sections of one activity each")


def many_leads(kehoach, work, limit):
    path = os.path.join(work, "leads.yaml")
    write_yaml(path, plan([{"id": str(s + 1), "title": "Phần",
                            "activities": [activity(f"{s + 1}.{k + 1}",
                                                    lead=f"Đơn vị số {10 * s + k}")
                                           for k in range(10)]}
                           for s in range(3200)]))
    out = run_json(kehoach, ["status", path, "--as-of", "2026-07-01"], limit)
    if out:
        leads = out["plans"][0]["leads"]
        check(sorted(g["name"] for g in leads) == sorted(f"Đơn vị số {i}" for i in range(32000))
              and all(g["activities"] == 1 for g in leads),
              "status: 32,000 lead units of one activity each")


def activity_at(lines, line):
    """The id of the activity whose mapping holds line (1-based) of a plan
    written by write_yaml: the nearest "- id:" at or above it."""
    for text in reversed(lines[:line]):
        m = re.match(r"\s*- id: '?([\d.]+)'?$", text)
        if m:
            return m.group(1)
    return None


def unknown_units(kehoach, work, limit):
    """32,000 leads missing from the plan's 16,000 units, each a letter away
    from the unit that is there (a wrong letter, not a wrong mark: a name
    that differs only in its marks is taken as its unit): activity s.k
    (from 1) is led by unit number (10 (s - 1) + k - 1) // 2, misspelt."""
    path = os.path.join(work, "unknown-units.yaml")   # not units.yaml: a registry
    units = [{"id": f"u{i}", "name": f"Sở Tư pháp huyện số {i}"} for i in range(16000)]
    write_yaml(path, plan([{"id": str(s + 1), "title": "Phần",
                            "activities": [activity(f"{s + 1}.{k + 1}",
                                                    lead=f"Sở Tư pháp huyệm số {(10 * s + k) // 2}")
                                           for k in range(10)]}
                           for s in range(3200)], units=units))
    out = run_json(kehoach, ["validate", path], limit)
    if not out:
        return
    shown = out["diagnostics"]
    check(out["warnings"] == 32002 and len(shown) == SHOWN,      # and the report's two
          f"unknown units: {out['warnings']} warnings, {len(shown)} shown; "
          f"expected 32,002 and {SHOWN}")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    found = [activity_at(lines, d["line"]) for d in shown]
    first = [f"{n // 10 + 1}.{n % 10 + 1}" for n in range(SHOWN)]
    check(found == first, f"unknown units: shown at the activities {found[:5]}..., "
                          f"expected the first {SHOWN}, {first[:5]}...")
    for d, ident in zip(shown, found):
        s, k = (int(x) for x in ident.split("."))
        meant = f"Sở Tư pháp huyện số {(10 * (s - 1) + k - 1) // 2}"
        text = lines[d["line"] - 1]
        check(text.startswith("    lead: ") and d["column"] == len("    lead: ") + 1
              and d["message"].endswith(f"did you mean '{meant}'?"),
              f"unknown units: {d['line']}:{d['column']} {d['message']} (line "
              f"{text.strip()!r}, activity {ident}: expected a suggestion of '{meant}' at "
              "the lead's value)")


def unknown_activities(kehoach, work, limit):
    """A log of 50,000 records naming activities a plan of 32,000 lacks:
    record i (from 0), on lines 3i + 3 to 3i + 5, names "S.Kx" for
    activity S.K = i % 3200 + 1, i % 10 + 1."""
    folder = os.path.join(work, "log")
    os.makedirs(folder)
    path = os.path.join(folder, "plan.yaml")
    write_yaml(path, plan([{"id": str(s + 1), "title": "Phần",
                            "activities": [activity(f"{s + 1}.{k + 1}") for k in range(10)]}
                           for s in range(3200)]))
    with open(os.path.join(folder, "plan.progress.yaml"), "w", encoding="utf-8") as f:
        f.write(f"plan: {HEAD['id']}\nrecords:\n")
        for i in range(50000):
            f.write(f"- date: 2026-05-01\n  activity: \"{i % 3200 + 1}.{i % 10 + 1}x\"\n"
                    "  state: done\n")
    out = run_json(kehoach, ["validate", path], limit)
    if out:
        check(out["errors"] == 50000 and out["records"] == 50000,
              f"unknown activities: {out['errors']} errors in {out['records']} records; "
              "expected 50,000 in 50,000")
        shown = [d for d in out["diagnostics"] if d["file"].endswith(".progress.yaml")]
        records = [(d["line"] - 4) // 3 for d in shown]          # on its "activity:" line
        check(records == list(range(SHOWN)) and all(d["line"] == 3 * i + 4 for d, i in
                                                    zip(shown, records)),
              f"unknown activities: shown at the lines {[d['line'] for d in shown][:5]}...; "
              f"expected the activity lines of the first {SHOWN} records")
        for d, i in zip(shown, records):
            meant = f"{i % 3200 + 1}.{i % 10 + 1}"
            check(d["column"] == len('  activity: ') + 1
                  and d["message"].endswith(f"no activity '{meant}x'; did you mean '{meant}'?"),
                  f"unknown activities: record {i} at {d['line']}:{d['column']}: "
                  f"{d['message']}; expected a suggestion of '{meant}' at the value")


def many_windows(kehoach, work, limit):
    """An activity whose time has 20,000 windows, and a log of 50,000
    records on half of them (five each, done on the window's first day)."""
    folder = os.path.join(work, "windows")
    os.makedirs(folder)
    path = os.path.join(folder, "plan.yaml")
    days = [datetime.date(2026, 1, 1) + datetime.timedelta(days=i) for i in range(365)]
    spans = [(a, b) for i, a in enumerate(days) for b in days[i:]][:20000]
    windows = [{"from": a.isoformat(), "to": b.isoformat()} for a, b in spans]
    write_yaml(path, plan([{"id": "1", "title": "Phần",
                            "activities": [activity("1.1", time={"phrase": "Nhiều đợt",
                                                                 "windows": windows})]}]))
    validated(kehoach, path, limit, 1)
    out = run_json(kehoach, ["deadlines", path, "--as-of", "2025-01-01"], limit)
    if not out:
        return
    keys = [(it["occurrence"], it["from"], it["due"]) for it in out["items"]
            if it["id"] == "1.1"]
    check(len(keys) == 20000 and len({k for k, _, _ in keys}) == 20000,
          f"deadlines: {len(keys)} occurrences of an activity with 20,000 windows")
    done = keys[::2]
    with open(os.path.join(folder, "plan.progress.yaml"), "w", encoding="utf-8") as f:
        f.write(f"plan: {HEAD['id']}\nrecords:\n")
        for j in range(50000):
            key, first, _ = done[j % len(done)]
            f.write(f"- date: {first}\n  activity: \"1.1\"\n  occurrence: \"{key}\"\n"
                    "  state: done\n")
    out = run_json(kehoach, ["status", path, "--as-of", "2026-12-31"], limit)
    if out:
        states = {o["key"]: o["state"] for o in out["plans"][0]["activities"][0]["occurrences"]}
        finished = {key for key, _, _ in done}
        want = {key: "done" if key in finished else "overdue" if due < "2026-12-31" else "open"
                for key, _, due in keys}
        check(states == want, "status: of 20,000 occurrences, the 10,000 with records "
                              "done, the others overdue or open")


def many_reports(kehoach, work, limit):
    path = os.path.join(work, "reports.yaml")
    reports = [{"by": "Sở Tư pháp", "to": "Bộ Tư pháp", "what": f"Báo cáo {i}",
                "every": ["month", "quarter", "half-year", "year"]} for i in range(100)]
    doc = plan([{"id": "1", "title": "Phần", "activities": [activity("1.1", time="Hàng năm")]}],
               reports=reports)
    del doc["year"]
    doc["span"] = {"from": 2000, "to": 2100}
    write_yaml(path, doc)
    validated(kehoach, path, limit, 1)


def endless_span(kehoach, work, limit):
    path = os.path.join(work, "span.yaml")
    doc = plan([{"id": "1", "title": "Phần", "activities": [activity("1.1", time="Hàng tháng")]}],
               reports=[{"by": "Sở Tư pháp", "to": "Bộ Tư pháp", "what": "Báo cáo",
                         "every": "month"}])
    del doc["year"]
    doc["span"] = {"from": 2026, "to": 2000000}
    write_yaml(path, doc)
    out = run_json(kehoach, ["validate", path], limit)
    if out:
        check(any(d["line"] and "2100" in d["message"] for d in out["diagnostics"]),
              "a span to the year 2,000,000 is refused at its place")


def width(text):
    """Display columns, as docs/commands.md counts them."""
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def one_line(kehoach, work, limit, time):
    """A one-line plan of 6,000 activities, its text decomposed (NFD)."""
    acts = [activity(f"1.{k + 1}", time=time) for k in range(6000)]
    doc = plan([{"id": "1", "title": "Phần", "activities": acts}])
    doc["signer"] = dict(doc["signer"], nam="x")     # an unknown key at the line's end
    text = unicodedata.normalize("NFD", json.dumps(doc, ensure_ascii=False)) + "\n"
    path = os.path.join(work, "one-line.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    out = run_json(kehoach, ["validate", path], limit)
    if not out:
        return
    line = text[:-1]
    starts = {}                     # needle: where it starts, in bytes of the line
    for needle in ('"nam"', '"' + unicodedata.normalize("NFD", time) + '"'):
        starts[needle] = []
        at = line.find(needle)
        while at >= 0:
            starts[needle].append(at)
            at = line.find(needle, at + 1)
    column, done, col = {}, 0, 1
    for at in sorted(a for ats in starts.values() for a in ats):
        col += width(line[done:at])     # the columns, counted once along the line
        done = at
        column[at] = col
    bad_time = time != "Quý II, IV"
    nam = [column[at] for at in starts['"nam"']]
    times = [column[at] for at in starts['"' + unicodedata.normalize("NFD", time) + '"']]
    check(len(nam) == 1 and len(times) == 6000, f"one line: the generator wrote {len(nam)} "
          f"keys 'nam' and {len(times)} times, not 1 and 6,000")
    # the schema's problem (the key) is found first, then the times' in order
    kept = nam + (times[:SHOWN - 1] if bad_time else [])
    shown = out["diagnostics"]
    expected_errors = 1 + (6000 if bad_time else 0)
    check(out["errors"] == expected_errors and out["activities"] == 6000,
          f"one line of {len(text):,} bytes: {out['errors']} errors, expected {expected_errors}")
    got = [(d["line"], d["column"]) for d in shown]
    check(got == [(1, c) for c in sorted(kept)],
          f"one line: problems shown at {got[:3]}...{got[-2:]}, expected "
          f"{[(1, c) for c in sorted(kept)][:3]}...; not where the text has them")
    keys = [d for d in shown if d["message"].startswith("unknown key 'nam'")]
    check([(d["line"], d["column"]) for d in keys] == [(1, nam[0])],
          f"one line: the unknown key 'nam' shown at {[(d['line'], d['column']) for d in keys]}, "
          f"not at its own column 1:{nam[0]}")
    check(all(d["message"].startswith("cannot read the time") for d in shown if d not in keys),
          "one line: a problem shown is neither the key nor a time")


def log_near_limit(kehoach, work, limit):
    """Logs just under 80% of the limit, just past it and at it: the warning
    only past 80%, with the file's percent and MiB."""
    folder = os.path.join(work, "near-limit")
    os.makedirs(folder)
    path = os.path.join(folder, "plan.yaml")
    write_yaml(path, plan([{"id": "1", "title": "Phần", "activities": [activity("1.1")]}]))
    log = os.path.join(folder, "plan.progress.yaml")
    past = LOG_LIMIT * 80 // 100 + 1            # the first size past 80%
    for size in (past - 1 - 1024, past, LOG_LIMIT):
        write_long_log(10000, log)
        rest = size - os.path.getsize(log)
        line = "#" + "x" * ((1 << 20) - 2) + "\n"
        with open(log, "a", encoding="utf-8") as f:
            while rest:                          # comment lines make up the rest
                k = min(rest, len(line))
                if rest - k == 1:
                    k -= 1                       # a comment line takes two bytes
                f.write(line[:k - 1] + "\n")
                rest -= k
        check(os.path.getsize(log) == size, f"the log written has {os.path.getsize(log):,} "
                                            f"bytes, not {size:,}")
        out = run_json(kehoach, ["validate", path], limit)
        if not out:
            continue
        warned = [d for d in out["diagnostics"] if d["file"] == log]
        want = []
        if size * 100 > LOG_LIMIT * 80:
            want = [f"this log has reached {size * 100 // LOG_LIMIT}% of the size a log may "
                    f"have ({size / (1 << 20):.1f} of {LOG_LIMIT >> 20} MiB)"]
        check(out["errors"] == 0 and [d["message"].split(";")[0] for d in warned] == want,
              f"a log of {size:,} bytes: {out['errors']} errors, warnings "
              f"{[d['message'] for d in warned]}; expected {want or 'none'}")


def main():
    kehoach, sanitize = sys.argv[1], sys.argv[2]
    limit = sanitize == "none"
    if not limit:
        print("under the sanitizers: no address-space limit, the timeout only")
    with tempfile.TemporaryDirectory(prefix="kehoach-sizes-") as work:
        for case in (many_activities, many_sections, many_leads, unknown_units,
                     unknown_activities, many_windows, many_reports, endless_span,
                     log_near_limit):
            case(kehoach, work, limit)
            print(f"{case.__name__}: done")
        for time in ("Quý II, IV", "Quý V"):
            one_line(kehoach, work, limit, time)
            print(f"one line, time '{time}': done")
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
