#!/usr/bin/env python3
"""Benchmark: how validate's cost grows with the size of one plan.

Writes plans of 1,000, 2,000, 4,000, 8,000, 16,000 and 32,000 activities
(ten to a section, in block YAML) and plans written as one line of JSON
of about 100 KB, 200 KB, 400 KB, 800 KB and 1.6 MB, runs `kehoach
validate` on each RUNS times, and prints for each the median CPU time
(user and system, of the kehoach process alone) and the peak memory
(its maximum resident set), with the ratio to the size before: doubling
the input should at most double each, give or take noise. Then times
`kehoach update` with an id no plan has, in a tree of 2,000 plans of
250 KB in nested folders (the search reads each file only as far as its
id). Prints, never asserts.

usage: bench-growth.py KEHOACH MEASURE [--runs N] [--timeout S] [--limit-gib G]
MEASURE is the helper that runs a command and reports its CPU time and
peak memory (measure.c). --timeout and --limit-gib (an address-space
limit) keep a run of an older engine, which grew quadratically, from
taking the machine; a run they stop is shown as such.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import madeplan  # noqa: E402
from measured import measured  # noqa: E402

ACTIVITY_SIZES = [1000, 2000, 4000, 8000, 16000, 32000]
LINE_SIZES = [100_000, 200_000, 400_000, 800_000, 1_600_000]
TREE_PLANS = 2000


def plan(activities):
    return madeplan.plan(madeplan.sections_of(activities))


def block_yaml(activities):
    return yaml.safe_dump(plan(activities), allow_unicode=True, sort_keys=False,
                          width=1 << 20)


def one_line(size):
    """A plan of about size bytes written as one line of JSON."""
    def text(activities):
        return json.dumps(plan(activities), ensure_ascii=False) + "\n"
    per_activity = (len(text(2000).encode()) - len(text(1000).encode())) / 1000
    return text(int(size / per_activity))


def measure(args, cmd, cwd=None):
    """Median CPU seconds and peak KiB of the runs, or None and why not."""
    got, why = measured(args.measure, cmd, args.runs, cwd=cwd, timeout=args.timeout,
                        limit_bytes=int(args.limit_gib * (1 << 30)))
    return (got[0], got[2]) if got else None, why


def table(args, kehoach, work, title, inputs):
    print(title)
    print(f"  {'input':>22} {'bytes':>11} {'CPU s':>8} {'x':>5} {'peak MiB':>9} {'x':>5}")
    before = None
    for label, text in inputs:
        path = os.path.join(work, "plan.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        size = os.path.getsize(path)
        got, why = measure(args, [kehoach, "validate", path])
        if not got:
            print(f"  {label:>22} {size:>11,} {why}")
            before = None
            continue
        cpu, peak = got
        cpu_x = f"{cpu / before[0]:.2f}" if before and before[0] else ""
        peak_x = f"{peak / before[1]:.2f}" if before else ""
        print(f"  {label:>22} {size:>11,} {cpu:8.3f} {cpu_x:>5} {peak / 1024:9.1f} {peak_x:>5}")
        before = (cpu, peak)


def tree(args, kehoach, work):
    root = os.path.join(work, "tree")
    text = block_yaml(1000)
    for i in range(TREE_PLANS):
        folder = os.path.join(root, f"tinh-{i % 63:02d}", f"nam-{2020 + i % 7}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"ke-hoach-{i:04d}.yaml"), "w", encoding="utf-8") as f:
            f.write(text.replace("id: thu-nghiem-2026", f"id: ke-hoach-{i:04d}-2026", 1))
    size = sum(os.path.getsize(os.path.join(d, n)) for d, _, names in os.walk(root)
               for n in names)
    got, why = measure(args, [kehoach, "update", "khong-co-2026", "1.1", "--state", "done",
                              "--date", "2026-05-02"], cwd=root)
    print(f"update with an unknown id below {TREE_PLANS:,} plans ({size / 2**20:.0f} MiB): "
          + (f"{got[0]:.2f} s of CPU, peak {got[1] / 1024:.1f} MiB" if got else why))
    shutil.rmtree(root)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kehoach")
    parser.add_argument("measure")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--limit-gib", type=float, default=0)
    args = parser.parse_args()
    args.kehoach = os.path.abspath(args.kehoach)
    args.measure = os.path.abspath(args.measure)
    print(f"kehoach validate, median of {args.runs} runs; CPU is user + system time of "
          "kehoach alone, x the ratio to the row above")
    with tempfile.TemporaryDirectory(prefix="kehoach-growth-") as work:
        table(args, args.kehoach, work, "plans in block YAML, ten activities to a section:",
              [(f"{n:,} activities", block_yaml(n)) for n in ACTIVITY_SIZES])
        table(args, args.kehoach, work, "plans written as one line of JSON:",
              [(f"one line of {n // 1000:,} KB", one_line(n)) for n in LINE_SIZES])
        tree(args, args.kehoach, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
