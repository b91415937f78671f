#!/usr/bin/env python3
"""kehoach report: the chart by lead unit, read back and recomputed.

For the bundled plans and for a plan that writes its units in several
ways (beside a folder's unit registry: a missing diacritic, an alias, a
wrong mark, a name the registry lacks), renders the Ministry report and
reads, for every plan sheet, the categories of its chart (the range the
chart's XML refers to) and the counts in that range. They must be the lead
units as the unit rule (docs/plan-format.md) resolves the plan's names, computed here
again from the YAML files alone (the rule is written in tests/rules.py):
one category per unit however it is written, labelled with its registered
name; a name the registry lacks in a category of its own labelled "Chưa
đăng ký: NAME"; each activity counted once in each of its units, the
counts by state adding up to that number.

usage: lead-units.py KEHOACH PLANS_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

try:
    import openpyxl
    import yaml  # noqa: F401 (rules reads the files with it)
except ImportError as e:
    print(f"skipped: {e.name} is not installed (python3-openpyxl, python3-yaml)")
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import rules  # noqa: E402
from rules import UNREGISTERED  # noqa: E402

UNITS = """\
units:
  - id: stp
    name: Sở Tư pháp tỉnh Quảng Trị
    aliases: [Sở Tư pháp]
  - id: tt-tgpl
    name: Trung tâm Trợ giúp pháp lý Nhà nước tỉnh Quảng Trị
    aliases: [Trung tâm TGPL tỉnh Quảng Trị]
    parent: stp
  - id: syt
    name: Sở Y tế tỉnh Quảng Trị
    aliases: [Sở Y tế]
"""

PLAN = """\
id: quang-tri-2026
issuer: Sở Tư pháp tỉnh Quảng Trị
place: Quảng Trị
year: 2026
title: Kế hoạch thử nghiệm tên đơn vị viết khác nhau năm 2026
sections:
  - id: "1"
    title: Trợ giúp pháp lý
    activities:
      - {id: "1.1", title: A, lead: Trung tâm Trợ giúp pháp lý Nhà nước tỉnh Quảng Trị, time: Quý II}
      - {id: "1.2", title: B, lead: Trung tâm trợ giúp pháp lý nhà nước tỉnh Quảng Tri, time: Quý II}
      - {id: "1.3", title: C, lead: Trung tam TGPL tinh Quang Tri, time: Quý III}
      - {id: "1.4", title: D, lead: Phòng Tư pháp huyện Hải Lăng, time: Quý III}
      - {id: "1.5", title: E, lead: [Sở Y tê, Sở Y tế tỉnh Quảng Trị], time: Quý IV}
      - {id: "1.6", title: F, lead: Phong Tu phap huyen Hai Lang, time: Quý IV}
      - {id: "1.7", title: G, lead: Sở Tư pháp (Trung tâm Trợ giúp pháp lý Nhà nước tỉnh Quảng Trị), time: Quý IV}
      - {id: "1.8", title: H, lead: Sở Tư pháp, time: Quý IV}
reports:
  - {what: Kết quả thực hiện Kế hoạch, by: Sở Tư pháp, to: Bộ Tư pháp, due: "2026-11-30"}
recipients: [Bộ Tư pháp;]
signer: {title: GIÁM ĐỐC, name: Nguyễn Văn An}
"""

def expected_groups(plan):
    """[(label, activities)] in the order the units first lead."""
    order, count = [], {}
    for activity in plan.activities:
        for ident, label, _, unregistered in rules.lead_units(plan, activity):
            if ident not in count:
                order.append(ident)
                count[ident] = [UNREGISTERED + label if unregistered else label, 0]
            count[ident][1] += 1
    return [tuple(count[i]) for i in order]


def chart_groups(path, sheet):
    """[(category, sum of the counts by state)] of the sheet's chart."""
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if not n.startswith("xl/charts/chart"):
                continue
            refs = re.findall(r"<c:cat>.*?<c:f>([^<]*)</c:f>", z.read(n).decode(), re.S)
            if refs and refs[0].split("!")[0].strip("'") == sheet:
                break
        else:
            return None
    cells = refs[0].split("!")[1].replace("$", "")
    first, _, last = cells.partition(":")
    last = last or first
    ws = openpyxl.load_workbook(path)[sheet]
    groups = []
    for row in ws[first:last]:
        counts = ws.iter_rows(min_row=row[0].row, max_row=row[0].row,
                              min_col=row[0].column + 1, max_col=row[0].column + 7,
                              values_only=True)
        groups.append((row[0].value, int(sum(next(counts)))))
    return groups


def check_plan_file(kehoach, work, plan_path, failures):
    plan = rules.Plan(plan_path)
    out = os.path.join(work, plan.id + ".xlsx")
    r = subprocess.run([kehoach, "report", plan_path, "--period", str(plan.years[0]), "-o", out],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        failures.append(f"{plan.id}: report exit {r.returncode}: {r.stderr}")
        return None
    want = expected_groups(plan)
    got = chart_groups(out, plan.id)
    if got != want:
        failures.append(f"{plan.id}: chart by lead unit\n  got  {got}\n  want {want}")
    labels = [label for label, _ in got or []]
    if len(set(labels)) != len(labels):
        failures.append(f"{plan.id}: a unit has two bars: {labels}")
    return got


def main():
    kehoach, plans_dir = os.path.abspath(sys.argv[1]), sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory(prefix="kehoach-lead-units-") as work:
        folder = os.path.join(work, "quang-tri")
        os.mkdir(folder)
        open(os.path.join(folder, "units.yaml"), "w", encoding="utf-8").write(UNITS)
        open(os.path.join(folder, "ke-hoach.yaml"), "w", encoding="utf-8").write(PLAN)
        got = check_plan_file(kehoach, work, os.path.join(folder, "ke-hoach.yaml"), failures)
        # what the rule must give here, written out by hand
        if got != [("Trung tâm Trợ giúp pháp lý Nhà nước tỉnh Quảng Trị", 4),
                   (UNREGISTERED + "Phòng Tư pháp huyện Hải Lăng", 2),
                   ("Sở Y tế tỉnh Quảng Trị", 1), ("Sở Tư pháp tỉnh Quảng Trị", 1)]:
            failures.append(f"quang-tri-2026: chart by lead unit {got}")
        bundled = os.path.join(work, "plans")
        shutil.copytree(plans_dir, bundled)
        for name in sorted(os.listdir(bundled)):
            if name.endswith(".yaml") and not name.endswith(".progress.yaml") \
                    and name != "units.yaml" and not rules.is_notes(name):
                check_plan_file(kehoach, work, os.path.join(bundled, name), failures)
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print("the chart of every plan has one bar per lead unit, as the unit rule resolves them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
