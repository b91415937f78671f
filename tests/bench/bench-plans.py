#!/usr/bin/env python3
"""Benchmark: kehoach over a country's worth of plans.

Makes COPIES copies of every plan in PLANS_DIR and its progress log (each
with its own id, so they are all checked as distinct plans), in one folder
per copy, and times `kehoach validate`, `kehoach deadlines --format json`
`kehoach status --format json` and `kehoach report` (the Ministry report,
a sheet per plan, and the audit export) over all of them, best of three
runs each, with the peak memory of each. Then times libyaml alone reading the
same files (yaml-floor), the floor no validator can go under, and prints
the ratios. Last, one plan with a log of 100,000 records: the status and
the audit export of a long history.

usage: bench-plans.py KEHOACH YAML_FLOOR PLANS_DIR [COPIES]
"""
import datetime
import glob
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

RUNS = 3


def timed(cmd):
    """Best wall time of RUNS runs, and the peak memory of one run (a child
    process that runs the command and reports its own children's peak)."""
    best = None
    for _ in range(RUNS):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            sys.exit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
        best = elapsed if best is None else min(best, elapsed)
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    peak_kib = int(subprocess.run([sys.executable, "-c", probe] + cmd,
                                  capture_output=True, text=True).stdout)
    return best, peak_kib


def main():
    kehoach, floor, plans_dir = sys.argv[1:4]
    copies = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    plans = sorted(p for p in glob.glob(os.path.join(plans_dir, "*.yaml"))
                   if not p.endswith(".progress.yaml")
                   and not re.search(r"\.notes-[^./]+\.ya?ml$", p))
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as work:
        files, size, activities, records = [], 0, 0, 0
        for plan in plans:
            with open(plan, encoding="utf-8") as f:
                text = f.read()
            n = len(re.findall(r"^      - id: ", text, re.M))
            for c in range(copies):
                folder = os.path.join(work, f"{c:05d}")
                os.makedirs(folder, exist_ok=True)
                copy = re.sub(r"^id: (.*)$", rf"id: \1-{c}", text, count=1, flags=re.M)
                path = os.path.join(folder, os.path.basename(plan))
                with open(path, "w", encoding="utf-8") as f:
                    f.write(copy)
                files.append(path)
                size += len(copy.encode("utf-8"))
                activities += n
                log = plan[:-len(".yaml")] + ".progress.yaml"
                if os.path.exists(log):
                    with open(log, encoding="utf-8") as f:
                        log_text = f.read()
                    log_copy = re.sub(r"^plan: (.*)$", rf"plan: \1-{c}", log_text, count=1,
                                      flags=re.M)
                    log_path = path[:-len(".yaml")] + ".progress.yaml"
                    with open(log_path, "w", encoding="utf-8") as f:
                        f.write(log_copy)
                    files.append(log_path)
                    size += len(log_copy.encode("utf-8"))
                    records += len(re.findall(r"^- date: ", log_text, re.M))
        floor_time, _ = timed([floor] + files)
        validate_time, validate_peak = timed([kehoach, "validate", "--format", "json", work])
        deadlines_time, deadlines_peak = timed([kehoach, "deadlines", work, "--as-of",
                                                "2026-07-01", "--format", "json"])
        status_time, status_peak = timed([kehoach, "status", work, "--as-of", "2026-07-01",
                                          "--format", "json"])
        everything = "2020-01-01..2026-12-31"    # the period every copy meets
        xlsx = os.path.join(work, "report.xlsx")
        ministry_time, ministry_peak = timed([kehoach, "report", work, "--period", everything,
                                              "-o", xlsx])
        ministry_size = os.path.getsize(xlsx)
        audit_time, audit_peak = timed([kehoach, "report", work, "--template", "audit",
                                        "--period", everything, "-o", xlsx])
        audit_size = os.path.getsize(xlsx)
        big = one_long_log(work, plans_dir)
        big_time, big_peak = timed([kehoach, "status", os.path.dirname(big[0]),
                                    "--as-of", "2026-12-31", "--format", "json"])
        big_floor, _ = timed([floor] + big)
        big_audit_time, big_audit_peak = timed([kehoach, "report", os.path.dirname(big[0]),
                                                "--template", "audit", "--period", "2026",
                                                "-o", xlsx])
    print(f"input: {len(files)} files ({len(plans) * copies} plans, {activities} activities, "
          f"{records} progress records), {size / 2**20:.1f} MiB of YAML")
    for name, took, peak in (("validate", validate_time, validate_peak),
                             ("deadlines --format json", deadlines_time, deadlines_peak),
                             ("status --format json", status_time, status_peak)):
        print(f"kehoach {name}: {took:.2f} s (best of {RUNS}), "
              f"{len(plans) * copies / took:.0f} plans/s, peak memory {peak / 1024:.0f} MiB, "
              f"{took / floor_time:.1f}x the floor")
    for name, took, peak, out_size in (
            ("report (ministry: a sheet per plan)", ministry_time, ministry_peak, ministry_size),
            ("report --template audit", audit_time, audit_peak, audit_size)):
        print(f"kehoach {name}: {took:.2f} s (best of {RUNS}), peak memory "
              f"{peak / 1024:.0f} MiB, {out_size / 2**20:.1f} MiB of xlsx, "
              f"{took / floor_time:.1f}x the floor")
    print(f"libyaml alone (the floor): {floor_time:.2f} s")
    print(f"one plan with a log of {LONG_LOG:,} records: kehoach status {big_time:.2f} s, "
          f"peak memory {big_peak / 1024:.0f} MiB; libyaml alone {big_floor:.2f} s; "
          f"its audit export {big_audit_time:.2f} s, peak memory {big_audit_peak / 1024:.0f} MiB")
    return 0


LONG_LOG = 100_000


def one_long_log(work, plans_dir):
    """hai-phong-nkt-2026 with a log of LONG_LOG records, in a folder of its
    own; returns the plan's and the log's paths."""
    folder = os.path.join(work, "long-log")
    os.makedirs(folder)
    plan = os.path.join(folder, "hai-phong-nkt-2026.yaml")
    with open(os.path.join(plans_dir, "hai-phong-nkt-2026.yaml"), encoding="utf-8") as f:
        text = f.read()
    with open(plan, "w", encoding="utf-8") as f:
        f.write(text)
    activities = ["1.a", "1.b", "2.a", "2.b", "2.c", "2.d", "5.a", "5.b", "6.a", "6.b"]
    log = plan[:-len(".yaml")] + ".progress.yaml"
    with open(log, "w", encoding="utf-8") as f:
        f.write("plan: hai-phong-nkt-2026\nrecords:\n")
        for i in range(LONG_LOG):
            day = datetime.date(2026, 1, 1) + datetime.timedelta(days=i * 364 // LONG_LOG)
            f.write(f"- date: {day.isoformat()}\n"
                    f"  activity: \"{activities[i % len(activities)]}\"\n"
                    f"  state: in-progress\n  percent: {i * 100 // LONG_LOG}\n"
                    f"  note: \"Cập nhật lần {i}\"\n")
    return [plan, log]


if __name__ == "__main__":
    sys.exit(main())
