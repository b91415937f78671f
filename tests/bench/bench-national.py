#!/usr/bin/env python3
"""Benchmark: kehoach over the whole country, beside the floors.

Generates (national.py) a national corpus, 34 provinces x PLANS plans with
their logs, and the same doubled, and runs each command on both, RUNS
times (the doubled corpus one run less, the slow Python peer one run
less again), measured by the measure helper (CPU time and peak memory of the
command alone, from getrusage of the child):

  validate, status --format json, deadlines --format json: beside
      yaml-floor, libyaml parsing the same files and building nothing;
  the audit export and the Ministry report (a sheet per plan): beside
      yaml-floor plus xlsx-floor, libxlsxwriter in constant-memory mode
      writing the cells of the workbook kehoach wrote (read back with
      xlsx-dump, untimed);
  audit_peer.py, PyYAML's C loader and XlsxWriter doing the audit export:
      beside the same floors, and how many times faster kehoach is.

Then one plan with a log of 1,000, 100,000 and 1,000,000 records: validate
and status (beside yaml-floor over the plan and its log), and update
appending a record to it. It prints one table: command | runs | CPU s
(median) | floor CPU s | ratio | peak MiB, the growth from 1x to 2x (time
and peak memory, from the table; and the time again from PAIRS runs of
each command on 1x then 2x, one right after the other: 3, --quick 1,
the median of their ratios, which the machine's drift between the 1x
and 2x rows of the table does not move; libyaml alone too, which says
how the machine takes twice the files), and what update costs beyond
the one read of the log it needs: its CPU less validate's on the same
plan, run by turns, the median of PAIRS such differences (7; 3 for the
longest log). The long logs are flushed to disk once written, so that
the first update does not pay for it.

Every command is expected to exit with the status in EXPECTED (one place,
so that a fixed engine meets it unchanged); a command that exits otherwise
is printed as "refused (exit N)" and the benchmark exits 1 at the end, after
the whole table.

The corpus is kept in CACHE_DIR (the build dir's bench-national/ when run
by meson), one folder per scale and generator version, so that reruns do
not generate it again; the outputs and floor cells go to a temporary
folder inside it, removed at the end.

usage: bench-national.py KEHOACH MEASURE YAML_FLOOR XLSX_FLOOR XLSX_DUMP CACHE_DIR
                         [--quick] [--plans N] [--runs N] [--logs DIR]...
  --quick   34 x 4 plans, logs of 1,000 and 10,000 records, one run (a try)
  --logs    a folder the long logs are written in, their rows labelled with
            its file system's type; given more than once, the rows are
            run in each (default: inside CACHE_DIR).
"""
import argparse
import glob
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import national  # noqa: E402
from measured import measured  # noqa: E402

AS_OF = "2026-07-01"               # status and deadlines
REPORT_AS_OF = "2026-12-31"        # the reports: every record of the corpus counts
PERIOD = "2020-01-01..2026-12-31"  # every plan of the corpus is in it

# The exit status each command is expected to end with (a log of
# 1,000,000 records, 302 MB, is read record by record: 0 like the rest).
EXPECTED = {
    "validate": 0, "status": 0, "deadlines": 0, "audit": 0, "ministry": 0, "peer": 0,
    "long-validate": 0, "long-status": 0, "update": 0,
}
FLOOR_EXPECTED = 0
TIMEOUT = 900  # seconds, per run

MAX_PARTS = 10_000  # xlsx_read's limit on the parts of a workbook (OPC_MAX_ENTRIES)
CHART_PARTS = ("xl/charts/", "xl/drawings/", "xl/worksheets/_rels/")
NO_LIMITS = [arg for name in ("file", "part", "total", "ratio", "rows", "cells", "strings",
                              "text", "sheets") for arg in ("--limit", f"{name}=4000000000")]


class Bench:
    def __init__(self, args):
        self.args = args
        self.rows = []          # (label, runs, cpu, floor cpu, peak KiB, note)
        self.failed = []        # labels of commands that exited unexpectedly
        self.results = {}       # (command, scale) -> (cpu, peak KiB)
        self.cmds = {}          # (command, scale) -> its command line
        self.runs = args.runs   # runs of each command, for the corpus at hand

    def run(self, cmd, expected, runs=None):
        """((median CPU, best CPU, peak KiB), None) or (None, reason)."""
        return measured(self.args.measure, cmd, runs or self.runs, timeout=TIMEOUT,
                        ok=(str(expected),))

    def command(self, name, label, cmd, floor=None, scale=None, runs=None, note=""):
        figures, why = self.run(cmd, EXPECTED[name], runs)
        if figures is None:
            self.failed.append(label)
            self.rows.append((label, runs or self.runs, None, floor, None,
                              f"refused ({why})" if why.startswith("exit") else why))
            return None
        cpu, _, peak = figures
        if scale:
            self.results[(name, scale)] = (cpu, peak)
            self.cmds[(name, scale)] = cmd
        self.rows.append((label, runs or self.runs, cpu, floor, peak, note))
        return cpu

    def floor(self, label, cmds):
        """Sum of the median CPU times of the floor commands."""
        total = 0.0
        for cmd in cmds:
            figures, _ = self.run(cmd, FLOOR_EXPECTED)
            if figures is None:
                self.failed.append(f"{label} floor")
                return None
            total += figures[0]
        return total

    def print_table(self, header):
        print(header)
        print(f"| {'command':<58} | runs | {'CPU s':>8} | {'floor CPU s':>11} | {'ratio':>6} | "
              f"{'peak MiB':>8} |")
        print(f"|{'-' * 60}|------|{'-' * 10}|{'-' * 13}|{'-' * 8}|{'-' * 10}|")
        for label, runs, cpu, floor, peak, note in self.rows:
            cpu_s = f"{cpu:8.2f}" if cpu is not None else f"{'-':>8}"
            floor_s = f"{floor:11.2f}" if floor else f"{'-':>11}"
            ratio = f"{cpu / floor:6.2f}" if cpu is not None and floor else f"{'-':>6}"
            peak_s = f"{peak / 1024:8.1f}" if peak is not None else f"{'-':>8}"
            line = f"| {label:<58} | {runs:>4} | {cpu_s} | {floor_s} | {ratio} | {peak_s} |"
            print(line + (f" {note}" if note else ""))


def corpus(cache, plans, seed="17"):
    """The folder of the corpus of `plans` plans per province, generated
    unless a complete one is in cache."""
    with open(national.__file__, "rb") as f:
        version = hashlib.sha256(f.read()).hexdigest()[:12]
    folder = os.path.join(cache, f"national-{plans}-seed{seed}-{version}")
    done = os.path.join(folder, ".complete")
    if not os.path.exists(done):
        for old in glob.glob(os.path.join(cache, "national-*")):
            if not old.endswith(f"-{version}"):
                shutil.rmtree(old)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        totals = national.generate(folder, plans, seed)
        with open(done, "w") as f:
            f.write("%d plans, %d files, %d records, %d bytes\n" % totals)
    with open(done) as f:
        return folder, f.read().strip()


def yaml_files(folder, plan=None):
    """The YAML files of the corpus in folder, or of the plan's folder."""
    if plan:
        return sorted(glob.glob(os.path.join(os.path.dirname(plan), "*.yaml")))
    return sorted(glob.glob(os.path.join(folder, "*", "*.yaml")))


def cells_of(bench, xlsx, work, name):
    """The compact cell file (xlsx-floor --compile) of the workbook xlsx, or
    None when kehoach wrote none."""
    if not os.path.exists(xlsx):
        return None
    cells = os.path.join(work, name + ".cells")
    with zipfile.ZipFile(xlsx) as book:
        if len(book.namelist()) > MAX_PARTS:
            # A sheet per plan, each with a chart: more parts than xlsx_read
            # opens. The floor writes no charts: a copy without them.
            slim = os.path.join(work, name + ".slim.xlsx")
            with zipfile.ZipFile(slim, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
                for info in book.infolist():
                    if not info.filename.startswith(CHART_PARTS):
                        copy.writestr(info.filename, book.read(info))
            xlsx = slim
    dump = subprocess.Popen([bench.args.xlsx_dump] + NO_LIMITS + [xlsx], stdout=subprocess.PIPE)
    subprocess.run([bench.args.xlsx_floor, "--compile", "-", cells], stdin=dump.stdout,
                   check=True)
    dump.stdout.close()
    if dump.wait() != 0:
        sys.exit(f"xlsx-dump could not read {xlsx}")
    if xlsx.endswith(".slim.xlsx"):
        os.remove(xlsx)
    return cells


def national_rows(bench, folder, scale, work):
    k, files = bench.args.kehoach, yaml_files(folder)
    yaml_floor = bench.floor("yaml", [[bench.args.yaml_floor] + files])
    if yaml_floor:
        bench.results[("floor", scale)] = (yaml_floor, None)
        bench.cmds[("floor", scale)] = [bench.args.yaml_floor] + files
    bench.command("validate", f"{scale} validate", [k, "validate", folder], yaml_floor, scale)
    bench.command("status", f"{scale} status --format json",
                  [k, "status", folder, "--as-of", AS_OF, "--format", "json"], yaml_floor, scale)
    bench.command("deadlines", f"{scale} deadlines --format json",
                  [k, "deadlines", folder, "--as-of", AS_OF, "--format", "json"],
                  yaml_floor, scale)
    report = [k, "report", folder, "--period", PERIOD, "--as-of", REPORT_AS_OF]
    out = os.path.join(work, "out.xlsx")
    floors = {}
    for name, label, extra in (("audit", "audit export (report --template audit)",
                                ["--template", "audit"]),
                               ("ministry", "Ministry report (a sheet per plan)", [])):
        if os.path.exists(out):
            os.remove(out)
        bench.command(name, f"{scale} {label}", report + extra + ["-o", out], None, scale)
        cells = cells_of(bench, out, work, name)
        xlsx_floor = bench.floor(name, [[bench.args.xlsx_floor, cells,
                                         os.path.join(work, "floor.xlsx")]]) if cells else None
        floors[name] = yaml_floor + xlsx_floor if yaml_floor and xlsx_floor else None
        label, runs, cpu, _, peak, note = bench.rows[-1]
        bench.rows[-1] = (label, runs, cpu, floors[name], peak, note)
        if cells:
            os.remove(cells)
    peer = bench.command("peer", f"{scale} Python peer (PyYAML CLoader + XlsxWriter)",
                         [sys.executable, os.path.join(HERE, "audit_peer.py"), folder,
                          "--period", PERIOD, "--as-of", REPORT_AS_OF, "-o", out],
                         floors["audit"], scale, runs=max(1, bench.runs - 1))
    audit = bench.results.get(("audit", scale))
    if peer and audit:
        label, runs, cpu, floor, peak, _ = bench.rows[-1]
        bench.rows[-1] = (label, runs, cpu, floor, peak,
                          f"kehoach {peer / audit[0]:.1f}x faster")


def paired_growth(bench, pairs):
    """Per command but the slow peer, and for libyaml alone (the floor of
    the first three, which says how the machine itself takes a corpus
    twice as large), the median over `pairs` of its CPU on the 2x corpus
    over its CPU on the 1x, the two run one right after the other."""
    growth = {}
    for name in ("floor", "validate", "status", "deadlines", "audit", "ministry"):
        one, two = bench.cmds.get((name, "1x")), bench.cmds.get((name, "2x"))
        if not one or not two:
            continue
        expected = FLOOR_EXPECTED if name == "floor" else EXPECTED[name]
        ratios = []
        for _ in range(pairs):
            small, _ = bench.run(one, expected, runs=1)
            large, _ = bench.run(two, expected, runs=1)
            if small is None or large is None:
                bench.failed.append(f"{name}, paired growth")
                break
            ratios.append(large[0] / small[0])
        else:
            growth[name] = statistics.median(ratios)
    return growth


def long_log(folder, records):
    """A folder with the registry and one plan of the corpus, its log
    `records` records long: the plan's in-progress records of activities
    with one occurrence, over and over (dates within the plan's year).
    Returns the plan's path, one of those activities and the plan's year."""
    os.makedirs(folder)
    province = national.Province(0)
    with open(os.path.join(folder, "units.yaml"), "w", encoding="utf-8") as f:
        f.write(province.registry())
    plan_id, plan, log, _ = national.plan_files(province, 0, 0, "long")
    path = os.path.join(folder, plan_id + ".yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(plan)
    head, _, body = log.partition("records:\n")
    entries = ["- " + e.rstrip("\n") + "\n" for e in ("\n" + body).split("\n- ")[1:]]
    entries = [e for e in entries if "\n  activity: " in e and "\n  occurrence: " not in e
               and "\n  state: in-progress" in e]
    with open(path[:-len(".yaml")] + ".progress.yaml", "w", encoding="utf-8") as f:
        f.write(head + "records:\n")
        for n in range(records):
            f.write(entries[n % len(entries)])
        f.flush()
        os.fsync(f.fileno())    # else the first update flushes it, on its CPU
    activity = entries[0].split("\n  activity: ")[1].split("\n")[0].strip('"')
    year = int(plan.split("\nyear: ")[1].split("\n")[0])
    return path, activity, year


def beyond_read(bench, validate, update, pairs):
    """What update costs beyond the one read of the log it needs: the
    median over `pairs` of update's CPU less validate's, each pair run one
    right after the other (the machine's load changes more slowly than
    that). None when a run exited otherwise than expected."""
    costs = []
    for _ in range(pairs):
        read, _ = bench.run(validate, EXPECTED["long-validate"], runs=1)
        wrote, _ = bench.run(update, EXPECTED["update"], runs=1)
        if read is None or wrote is None:
            return None
        costs.append(wrote[0] - read[0])
    return statistics.median(costs)


def file_system(path):
    """The type of the file system path is on (from /proc/mounts), or "?"."""
    path, best, kind = os.path.realpath(path), "", "?"
    try:
        with open("/proc/mounts") as f:
            for line in f:
                fields = line.split()
                point = fields[1].replace("\\040", " ")
                if (path == point or path.startswith(point.rstrip("/") + "/")) \
                        and len(point) >= len(best):
                    best, kind = point, fields[2]
    except OSError:
        pass
    return kind


def long_rows(bench, work, sizes):
    """The rows of one plan with ever longer logs, in folder work. Returns,
    per length, what update costs beyond the one read of the log it needs
    (beyond_read), in seconds."""
    k = bench.args.kehoach
    beyond = {}
    where = file_system(work)
    for records in sizes:
        path, activity, year = long_log(os.path.join(work, f"log-{records}"), records)
        floor = bench.floor("long-status", [[bench.args.yaml_floor] + yaml_files(work, path)])
        validate = [k, "validate", path]
        update = [k, "update", path, activity, "--state", "in-progress",
                  "--date", f"{year}-06-30", "--percent", "50",
                  "--note", "Cập nhật từ benchmark"]
        bench.command("long-validate",
                      f"validate, one plan with a {records:,}-record log ({where})",
                      validate, floor)
        bench.command("long-status", f"status, one plan with a {records:,}-record log ({where})",
                      [k, "status", path, "--as-of", AS_OF, "--format", "json"], floor)
        if bench.command("update", f"update appending to a {records:,}-record log ({where})",
                         update) is not None:
            cost = beyond_read(bench, validate, update, 3 if records >= 1_000_000 else 7)
            if cost is None:
                bench.failed.append(f"update beyond its read, {records:,} records ({where})")
            else:
                beyond[(where, records)] = cost
    return beyond


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in ("kehoach", "measure", "yaml_floor", "xlsx_floor", "xlsx_dump", "cache"):
        parser.add_argument(name)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--plans", type=int, help="plans per province (60; --quick 4)")
    parser.add_argument("--runs", type=int, help="runs of each command (3; --quick 1)")
    parser.add_argument("--logs", action="append",
                        help="a folder the long logs go in (default: in the cache)")
    args = parser.parse_args()
    plans = args.plans or (4 if args.quick else 60)
    args.runs = args.runs or (1 if args.quick else 3)
    bench = Bench(args)
    os.makedirs(args.cache, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="run-", dir=args.cache) as work:
        for scale, n in (("1x", plans), ("2x", 2 * plans)):
            # the doubled corpus, and the slow peer, get one run less
            bench.runs = args.runs if scale == "1x" else max(1, args.runs - 1)
            folder, what = corpus(args.cache, n)
            print(f"{scale} corpus: {what} ({folder})", flush=True)
            national_rows(bench, folder, scale, work)
        growth = paired_growth(bench, 1 if args.quick else 3)
        bench.runs = args.runs
        sizes = (1_000, 10_000) if args.quick else (1_000, 100_000, 1_000_000)
        beyond = {}
        for folder in args.logs or [work]:
            with tempfile.TemporaryDirectory(prefix="logs-", dir=folder) as logs:
                beyond.update(long_rows(bench, logs, sizes))
    bench.print_table("\nkehoach, national benchmark: CPU time the median of the runs, "
                      "peak memory the highest; ratio = CPU / floor CPU")
    print("\ngrowth from 1x to 2x (2x / 1x; paired: the median of the runs of 2x over "
          "1x, one right after the other):")
    for name in ("floor", "validate", "status", "deadlines", "audit", "ministry", "peer"):
        one, two = bench.results.get((name, "1x")), bench.results.get((name, "2x"))
        if one and two:
            memory = f"{two[1] / one[1]:5.2f}" if one[1] else "    -"
            paired = f"   paired time {growth[name]:5.2f}" if name in growth else ""
            label = "libyaml" if name == "floor" else name
            print(f"  {label:<10} time {two[0] / one[0]:5.2f}   memory {memory}" + paired)
    if beyond:
        print("\nupdate beyond its first read (update's CPU less validate's on the same plan, "
              "median of the pairs):")
        for (where, records), cost in beyond.items():
            print(f"  {records:>9,}-record log ({where})  {cost * 1000:7.1f} ms")
    if bench.failed:
        print("\nFAILED: exited otherwise than expected: " + "; ".join(bench.failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
