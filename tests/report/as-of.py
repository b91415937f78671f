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

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from rules import vn  # noqa: E402


class Runs:
    """Runs `kehoach report PLANS -o out.xlsx ARGS` and keeps what did
    not come out as expected."""

    def __init__(self, kehoach, plans, work):
        self.kehoach, self.plans, self.work = kehoach, plans, work
        self.cases, self.problems = 0, []

    def expect(self, args, ok):
        """ok(proc) says whether the run came out right."""
        self.cases += 1
        proc = subprocess.run([self.kehoach, "report", self.plans, "-o", "out.xlsx"] + args,
                              cwd=self.work, capture_output=True, text=True, timeout=300)
        if not ok(proc):
            self.problems.append(f"{' '.join(args) or 'no option'}: exit {proc.returncode}, "
                                 f"{proc.stdout!r} {proc.stderr!r}")


def main():
    kehoach, plans = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    today = datetime.date.today()
    with tempfile.TemporaryDirectory() as work:
        runs = Runs(kehoach, plans, work)

        # a span that runs past today: the as-of date is today
        span = "2026-01-01..2099-12-31"
        runs.expect(["--period", span], lambda p: p.returncode == 0 and
                    f"period {span}, as of {vn(today)}, today)" in p.stdout)

        # a span that ended before today: its end
        span, end = "2026-01-01..2026-03-31", datetime.date(2026, 3, 31)
        said = (f"as of {vn(end)}, the period's cut-off)" if end <= today
                else f"as of {vn(today)}, today)")
        runs.expect(["--period", span], lambda p: p.returncode == 0 and said in p.stdout)

        # no --period: the reporting year of today, cut off on 14/12
        year = today.year + (1 if (today.month, today.day) >= (12, 15) else 0)
        cut = datetime.date(year, 12, 14)
        as_of, why = (cut, "the period's cut-off") if cut <= today else (today, "today")
        met = f"period {year}, as of {vn(as_of)}, {why})"
        none = f"no plan meets the period {year} (Năm {year})"
        runs.expect([], lambda p: (p.returncode == 0 and met in p.stdout) or
                    (p.returncode == 1 and none in p.stderr))

        # an as-of date after today is allowed when given, and warned of
        later = today + datetime.timedelta(days=1)
        runs.expect(["--period", "2026", "--as-of", later.isoformat()],
                    lambda p: p.returncode == 0 and
                    f"kehoach report: warning: --as-of {vn(later)} is after today" in p.stderr)
        runs.expect(["--period", "2026", "--as-of", today.isoformat()],
                    lambda p: p.returncode == 0 and "warning" not in p.stderr)
    for p in runs.problems:
        print("FAILED", p)
    print(f"{runs.cases} cases as of {today.isoformat()}: {len(runs.problems)} problems")
    return 1 if runs.problems else 0


if __name__ == "__main__":
    sys.exit(main())
