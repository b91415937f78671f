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
each (the machine may be shared), with the peak memory of each, both
the command's own (measured.py).

usage: bench-units.py KEHOACH MEASURE [UNITS] [PLANS]
MEASURE is the helper that measures a command (measure.c).
"""
import os
import sys
import tempfile

from measured import measured

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


def main():
    kehoach, helper = sys.argv[1:3]
    units = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    plans = int(sys.argv[4]) if len(sys.argv) > 4 else 200
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
            got, why = measured(helper, [kehoach] + args, RUNS, ok=("0", "1", "2"))
            if not got:
                sys.exit(f"kehoach {name}: {why}")
            print(f"kehoach {name}: {got[1]:.2f} s of CPU, best of {RUNS}; "
                  f"peak memory {got[2] / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
