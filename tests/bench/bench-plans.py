#!/usr/bin/env python3
"""Benchmark: kehoach over a country's worth of plans.

Makes COPIES copies of every plan in PLANS_DIR (each with its own id, so
they are all checked as distinct plans), in one folder per copy, and
times `kehoach validate` and `kehoach deadlines --format json` over all of
them, best of three runs each, with the peak memory of each. Then times
libyaml alone reading the same files (yaml-floor), the floor no validator
can go under, and prints the ratios.

usage: bench-plans.py KEHOACH YAML_FLOOR PLANS_DIR [COPIES]
"""
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
                   if not p.endswith(".progress.yaml"))
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as work:
        files, size, activities = [], 0, 0
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
        floor_time, _ = timed([floor] + files)
        validate_time, validate_peak = timed([kehoach, "validate", "--format", "json", work])
        deadlines_time, deadlines_peak = timed([kehoach, "deadlines", work, "--as-of",
                                                "2026-07-01", "--format", "json"])
    print(f"input: {len(files)} plans, {activities} activities, {size / 2**20:.1f} MiB of YAML")
    for name, took, peak in (("validate", validate_time, validate_peak),
                             ("deadlines --format json", deadlines_time, deadlines_peak)):
        print(f"kehoach {name}: {took:.2f} s (best of {RUNS}), {len(files) / took:.0f} "
              f"plans/s, peak memory {peak / 1024:.0f} MiB, {took / floor_time:.1f}x the floor")
    print(f"libyaml alone (the floor): {floor_time:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
