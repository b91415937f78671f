#!/usr/bin/env python3
"""The as-of date a report takes when --as-of is not given, recomputed from
today's date (the machine's, as kehoach reads it):

  - the period's data cut-off (Decree 09/2019: the year runs to 14/12),
    or today when that is earlier, and the summary line says which;
  - without --period, the reporting year today's data belong to (from
    15/12 on, the next year's).

The golden cases cannot hold these (their answer changes with the day
they run); this test computes the answer anew each day.

usage: as-of.py KEHOACH PLANS_DIR
"""
import datetime
import os
import subprocess
import sys
import tempfile


def vn(d):
    return d.strftime("%d/%m/%Y")


def run(kehoach, plans, work, args):
    return subprocess.run([kehoach, "report", plans, "-o", "out.xlsx"] + args,
                          cwd=work, capture_output=True, text=True, timeout=300)


def main():
    kehoach, plans = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    today = datetime.date.today()
    problems, cases = [], 0
    with tempfile.TemporaryDirectory() as work:
        # a span that runs past today: the as-of date is today
        span = "2026-01-01..2099-12-31"
        proc = run(kehoach, plans, work, ["--period", span])
        cases += 1
        want = f"period {span}, as of {vn(today)}, today)"
        if proc.returncode != 0 or want not in proc.stdout:
            problems.append(f"--period {span}: exit {proc.returncode}, {proc.stdout!r} "
                            f"{proc.stderr!r}; expected '{want}'")

        # a span that ended before today: its end
        span = "2026-01-01..2026-03-31"
        end = datetime.date(2026, 3, 31)
        proc = run(kehoach, plans, work, ["--period", span])
        cases += 1
        want = (f"as of {vn(end)}, the period's cut-off)" if end <= today
                else f"as of {vn(today)}, today)")
        if proc.returncode != 0 or want not in proc.stdout:
            problems.append(f"--period {span}: exit {proc.returncode}, {proc.stdout!r} "
                            f"{proc.stderr!r}; expected '{want}'")

        # no --period: the reporting year of today, cut off on 14/12
        year = today.year + (1 if (today.month, today.day) >= (12, 15) else 0)
        cut = datetime.date(year, 12, 14)
        as_of, said = (cut, "the period's cut-off") if cut <= today else (today, "today")
        proc = run(kehoach, plans, work, [])
        cases += 1
        met = f"period {year}, as of {vn(as_of)}, {said})"
        none = f"no plan meets the period {year} (Năm {year})"
        if not ((proc.returncode == 0 and met in proc.stdout) or
                (proc.returncode == 1 and none in proc.stderr)):
            problems.append(f"no --period: exit {proc.returncode}, {proc.stdout!r} "
                            f"{proc.stderr!r}; expected '{met}' or '{none}'")

        # an as-of date after today is allowed when given, and warned of
        later = today + datetime.timedelta(days=1)
        proc = run(kehoach, plans, work, ["--period", "2026", "--as-of", later.isoformat()])
        cases += 1
        want = f"kehoach report: warning: --as-of {vn(later)} is after today"
        if want not in proc.stderr:
            problems.append(f"--as-of tomorrow: {proc.stderr!r}; expected '{want}'")
        proc = run(kehoach, plans, work, ["--period", "2026", "--as-of", today.isoformat()])
        cases += 1
        if "warning" in proc.stderr:
            problems.append(f"--as-of today: warned: {proc.stderr!r}")
    for p in problems:
        print("FAILED", p)
    print(f"{cases} cases as of {today.isoformat()}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
