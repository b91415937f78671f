#!/usr/bin/env python3
"""Benchmark: unit names against a country's unit registry.

Writes a folder with a units.yaml of UNITS units (a commune's People's
Committee each, with an alias) and PLANS plans of 40 activities each that
name them: as registered, by alias, without diacritics, and one name in
ten that the registry lacks. Times `kehoach validate` (a warning and its
suggestion for every name the registry lacks or finds only without
diacritics), `kehoach status --format json` (lead units grouped),
`kehoach deadlines --unit` with a unit that is found and with one that no
plan names (every name offered as a suggestion), and the Ministry report
(a chart by lead unit per plan): the CPU time of the best of three runs
each (the machine may be shared), with the peak memory of each.

usage: bench-units.py KEHOACH [UNITS] [PLANS]
"""
import os
import resource
import subprocess
import sys
import tempfile
import time

RUNS = 3
ACTIVITIES = 40

PLAN_HEAD = """\
id: {id}
issuer: Sở Tư pháp tỉnh Thử Nghiệm
place: Thử Nghiệm
year: 2026
title: Kế hoạch thử nghiệm số {n}
sections:
  - id: "1"
    title: Các hoạt động
    activities:
"""

PLAN_TAIL = """\
reports:
  - {what: Kết quả, by: Sở Tư pháp, to: Bộ Tư pháp, due: "2026-11-30"}
recipients: [Bộ Tư pháp;]
signer: {title: GIÁM ĐỐC, name: Nguyễn Văn An}
"""

PLACES = ["Hòa Bình", "Quảng Trị", "Thành Công", "Hải Lăng", "Đông Hà", "Gio Linh",
          "Triệu Phong", "Cam Lộ", "Vĩnh Linh", "Hướng Hóa"]
PLAIN = str.maketrans("àáảãạâầấẩẫậăằắẳẵặèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
                      "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd")


def commune(i):
    return f"Ủy ban nhân dân xã {PLACES[i % len(PLACES)]} {i}"


def lead(i, k):
    """The k-th way of writing unit i: registered, alias, without diacritics;
    one in ten a name the registry lacks."""
    place = f"{PLACES[i % len(PLACES)]} {i}"
    if k % 10 == 0:
        return f"Ủy ban nhân dân phường {place}"
    name = commune(i)
    return [name, f"UBND xã {place}", name.lower().translate(PLAIN).capitalize()][k % 3]


def write(work, units, plans):
    with open(os.path.join(work, "units.yaml"), "w", encoding="utf-8") as f:
        f.write("units:\n  - {id: stp, name: Sở Tư pháp}\n  - {id: btp, name: Bộ Tư pháp}\n")
        for i in range(units):
            f.write(f"  - id: xa-{i}\n    name: {commune(i)}\n"
                    f"    aliases: [UBND xã {PLACES[i % len(PLACES)]} {i}]\n    parent: stp\n")
    for p in range(plans):
        with open(os.path.join(work, f"ke-hoach-{p:04d}.yaml"), "w", encoding="utf-8") as f:
            f.write(PLAN_HEAD.format(id=f"ke-hoach-{p}", n=p))
            for a in range(ACTIVITIES):
                i = (p * ACTIVITIES + a) * 7919 % units
                f.write(f"      - id: \"{a + 1}\"\n        title: Hoạt động {a + 1}\n"
                        f"        lead: {lead(i, a)}\n        partners: [Sở Tư pháp]\n"
                        f"        time: Quý {'I' * (a % 3 + 1)}\n")
            f.write(PLAN_TAIL)


def timed(cmd):
    """Best CPU time (user and system: the machine may be shared) and wall
    time of RUNS runs, and the peak memory of one run."""
    best = None
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in (0, 1, 2):
            sys.exit(f"{cmd[1]} failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = (cpu, wall) if best is None or cpu < best[0] else best
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    peak_kib = int(subprocess.run([sys.executable, "-c", probe] + cmd,
                                  capture_output=True, text=True).stdout)
    return best, peak_kib


def main():
    kehoach = sys.argv[1]
    units = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    plans = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-units-") as work:
        write(work, units, plans)
        runs = [
            ("validate", ["validate", work]),
            ("status --format json", ["status", work, "--as-of", "2026-07-01",
                                      "--format", "json"]),
            ("deadlines --unit (found)", ["deadlines", work, "--as-of", "2026-07-01",
                                          "--unit", "stp"]),
            ("deadlines --unit (named nowhere)", ["deadlines", work, "--as-of", "2026-07-01",
                                                  "--unit", "Ủy ban nhân dân xã Không Có"]),
            ("report (ministry)", ["report", work, "--period", "2026",
                                   "-o", os.path.join(work, "r.xlsx")]),
        ]
        print(f"input: a registry of {units} units, {plans} plans of {ACTIVITIES} activities "
              f"({plans * ACTIVITIES} lead names, one in ten not in the registry)")
        for name, args in runs:
            (cpu, wall), peak = timed([kehoach] + args)
            print(f"kehoach {name}: {cpu:.2f} s of CPU ({wall:.2f} s wall), best of {RUNS}; "
                  f"peak memory {peak / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
