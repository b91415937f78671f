#!/usr/bin/env python3
"""Readers of a log while updates add to it in place: never half a record.

Readers take no lock (engine/lib/base/lockfile.h): an editor, a script,
`kehoach status`. An update adds its records with one write at the log's
end, within one page of the file, so a reader that reads the log while
it grows must find the old records, or the old ones and the new ones
whole, never a part of a record. WRITERS threads each run UPDATES
`kehoach update` calls on one small plan (fixture.py), with notes of
random length so that records often fall where a comment line must fill
a page first; meanwhile one reader reads the log over and over, as a
plain file, and requires each text it read to load with PyYAML as a log
of the plan whose every record is one that was sent, whole. At the end
every record must be there once and `kehoach validate` must pass. The
counts of texts read, and of those that had grown since the one before,
are printed.

usage: readers.py KEHOACH [WRITERS [UPDATES]]    (default 4 60)
exit: 0 passed, 1 failed, 77 skipped (no PyYAML)
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading

try:
    import yaml
except ImportError:
    print("SKIP: PyYAML (python3-yaml) is not installed; it reads the log")
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture import LOG, PLAN, PLAN_ID, SANITIZER, normal  # noqa: E402

CALL_GUARD_S = 240      # against hangs only
SEED = 20261204


def record_for(note):
    args = ["1.2", "--state", "in-progress", "--date", "2026-03-01",
            "--percent", "40", "--note", note]
    return args, {"date": "2026-03-01", "activity": "1.2", "state": "in-progress",
                  "percent": 40, "note": note}


def problem_in(data, sent):
    """What is wrong with a text read of the log, or None."""
    try:
        doc = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        return f"does not load: {e}"
    if not isinstance(doc, dict) or doc.get("plan") != PLAN_ID \
            or not isinstance(doc.get("records"), list):
        return f"is not a log of {PLAN_ID}"
    for i, raw in enumerate(doc["records"]):
        r = normal(raw)
        note = r.get("note") if isinstance(r, dict) else None
        if note not in sent or r != sent[note]:
            return f"record {i + 1} is not one that was sent, whole: {raw!r}"
    return None


def main(argv):
    if not 2 <= len(argv) <= 4:
        print(__doc__.strip().splitlines()[-2])
        return 1
    kehoach = os.path.abspath(argv[1])
    writers = int(argv[2]) if len(argv) > 2 else 4
    updates = int(argv[3]) if len(argv) > 3 else 60
    rng = random.Random(SEED)
    tmp = tempfile.mkdtemp(prefix="kehoach-readers-")
    with open(os.path.join(tmp, "plan.yaml"), "w", encoding="utf-8") as f:
        f.write(PLAN)
    calls = {w: [record_for(f"w{w}-{n} " + "x" * rng.randrange(400))
                 for n in range(updates)] for w in range(writers)}
    sent = {rec["note"]: rec for w in calls for _, rec in calls[w]}
    failures = []
    done = threading.Event()

    def writer(w):
        for args, rec in calls[w]:
            r = subprocess.run([kehoach, "update", "plan.yaml"] + args, cwd=tmp,
                               capture_output=True, text=True, timeout=CALL_GUARD_S)
            if r.returncode != 0 or SANITIZER.search(r.stderr):
                failures.append(f"the update {rec['note'][:8]} exited {r.returncode}: "
                                f"{r.stderr.strip()}")
                return

    first_args, first = calls[0].pop(0)     # makes the log: the others append
    writer_of_first = subprocess.run([kehoach, "update", "plan.yaml"] + first_args,
                                     cwd=tmp, capture_output=True, text=True,
                                     timeout=CALL_GUARD_S)
    if writer_of_first.returncode != 0:
        print(f"FAIL: the first update exited {writer_of_first.returncode}: "
              f"{writer_of_first.stderr.strip()}")
        return 1
    threads = [threading.Thread(target=writer, args=(w,), daemon=True)
               for w in range(writers)]
    for t in threads:
        t.start()
    def watch():
        for t in threads:
            t.join()
        done.set()

    threading.Thread(target=watch, daemon=True).start()
    reads = grown = 0
    last = b""
    path = os.path.join(tmp, LOG)
    while not done.is_set() or reads == 0:
        with open(path, "rb") as f:
            data = f.read()
        reads += 1
        if len(data) != len(last):
            grown += 1
            why = problem_in(data, sent)
            if why:
                failures.append(f"a text of {len(data)} bytes read while updates ran {why}")
                break
        last = data
    done.wait()
    with open(path, "rb") as f:
        data = f.read()
    why = problem_in(data, sent)
    count = len(yaml.load(data, Loader=yaml.SafeLoader)["records"]) if not why else 0
    if why:
        failures.append(f"the log at the end {why}")
    elif not failures and count != len(sent):
        failures.append(f"the log holds {count} records, not {len(sent)}")
    v = subprocess.run([kehoach, "validate", "."], cwd=tmp, capture_output=True, text=True,
                       timeout=CALL_GUARD_S)
    if v.returncode != 0:
        failures.append(f"kehoach validate exited {v.returncode}: {v.stdout.strip()}")
    fillers = len(re.findall(rb"^# *\r?$", data, re.M))
    if failures:
        print(f"FAIL: {failures[0]}")
        print(f"the plan and its log are kept in {tmp}")
        return 1
    print(f"{writers} writers x {updates} updates; the log read {reads} times while they "
          f"ran, {grown} of them grown since the read before, each whole; "
          f"{count} records, {fillers} comment lines filling a page")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
