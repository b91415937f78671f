#!/usr/bin/env python3
"""kehoach report: the chart by lead unit and the audit export's lead-unit
column, read back and recomputed.

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

The audit export names units as their registered units too: its sheet
"Theo đơn vị chủ trì" (a row per activity and lead unit) has, in its
lead-unit column, exactly one value per registered unit that leads, with
the unit's id beside it, and "Chưa đăng ký: NAME" for a name no unit has;
its "Hoạt động" sheet has each activity's leads by their registered names
and ids. The names are resolved here again (NFC, case folded, aliases),
for the bundled plans (each lead resolves to a registered unit) and for a
plan that types one unit three ways (decomposed, in capitals, by an alias)
and names a unit its registry lacks.

usage: lead-units.py KEHOACH PLANS_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
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

# One unit typed three ways - decomposed (NFD), in capitals, by an alias -
# and a unit no registry has; the registry is the folder's, shared.
THREE_WAYS_UNITS = """\
units:
  - id: ubnd-tinh
    name: Ủy ban nhân dân tỉnh Ninh Thuận
  - id: syt
    name: Sở Y tế tỉnh Ninh Thuận
    aliases: [SYT Ninh Thuận]
    parent: ubnd-tinh
"""


def three_ways_plan():
    nfd = unicodedata.normalize("NFD", "Sở Y tế tỉnh Ninh Thuận")
    assert nfd != "Sở Y tế tỉnh Ninh Thuận"
    return f"""\
id: ninh-thuan-2026
issuer: Sở Y tế tỉnh Ninh Thuận
place: Ninh Thuận
year: 2026
title: Kế hoạch thử nghiệm một đơn vị viết ba cách năm 2026
sections:
  - id: "1"
    title: Trợ giúp pháp lý
    activities:
      - {{id: "1.1", title: A, lead: "{nfd}", time: Quý II}}
      - {{id: "1.2", title: B, lead: SỞ Y TẾ TỈNH NINH THUẬN, time: Quý III}}
      - {{id: "1.3", title: C, lead: SYT Ninh Thuận, time: Quý IV}}
      - {{id: "1.4", title: D, lead: Phòng Y tế huyện Ninh Hải, time: Quý IV}}
reports:
  - {{what: Kết quả thực hiện Kế hoạch, by: Sở Y tế, to: Sở Tư pháp, due: "2026-11-30"}}
recipients: [Sở Tư pháp;]
signer: {{title: GIÁM ĐỐC, name: Nguyễn Văn An}}
"""


def own_resolve(plan, name):
    """The unit a lead names, resolved here: its NFC, case-folded form
    against every id, name and alias of the plan's registry; (id, name) or
    (None, the name as written)."""
    key = unicodedata.normalize("NFC", name).casefold()
    for ident, unit in plan.registry.units.items():
        names = [ident, unit["name"]] + list(unit.get("aliases") or [])
        if key in {unicodedata.normalize("NFC", n).casefold() for n in names}:
            return ident, unit["name"]
    return None, name


def audit_rows(kehoach, work, plan_path, year, failures):
    """The audit export of one plan: its "Hoạt động" and "Theo đơn vị chủ
    trì" rows, each a dict by column header."""
    out = os.path.join(work, "audit-" + os.path.basename(plan_path) + ".xlsx")
    r = subprocess.run([kehoach, "report", plan_path, "--template", "audit", "--period",
                        str(year), "-o", out], capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        failures.append(f"{plan_path}: audit exit {r.returncode}: {r.stderr}")
        return [], []
    wb = openpyxl.load_workbook(out)
    sheets = []
    for name in ("Hoạt động", "Theo đơn vị chủ trì"):
        if name not in wb.sheetnames:
            failures.append(f"{plan_path}: no sheet {name!r} in {wb.sheetnames}")
            sheets.append([])
            continue
        rows = list(wb[name].iter_rows(values_only=True))
        sheets.append([dict(zip(rows[0], row)) for row in rows[1:]])
    return sheets


def check_audit(kehoach, work, plan_path, failures, bundled):
    """The audit export's lead-unit columns against the leads resolved here;
    the set of (unit, id) pairs the pivot column holds."""
    plan = rules.Plan(plan_path)
    activities, leads = audit_rows(kehoach, work, plan_path, plan.years[0], failures)
    want_pairs, want_rows = [], []
    for a in plan.activities:
        seen, written = [], []
        for name in a.lead:
            ident, label = own_resolve(plan, name)
            if not ident or ident not in [i for i, _ in seen]:
                written.append((label, ident))
            if ident is None:
                if bundled:
                    failures.append(f"{plan.id} {a.id}: lead {name!r} is no registered unit")
                same = next((s for s in seen if s[0] is None and
                             rules.unit_loose(s[1]) == rules.unit_loose(name)), None)
                label = rules.UNREGISTERED + (same[1] if same else name)
            if (ident, label) not in [(i, n) for i, n in seen]:
                seen.append((ident, label))
        want_rows += [(a.id, label, ident) for ident, label in seen]
        want_pairs.append((a.id, "; ".join(n for n, i in written),
                           "; ".join(i for n, i in written if i) or None))
    got_rows = [(str(r["Mã hoạt động"]), r["Đơn vị chủ trì"], r.get("Mã đơn vị chủ trì"))
                for r in leads if r["Mã kế hoạch"] == plan.id]
    if got_rows != want_rows:
        failures.append(f"{plan.id}: lead-unit rows\n  got  {got_rows}\n  want {want_rows}")
    values = {}
    for _, label, ident in got_rows:
        values.setdefault(ident or label, set()).add(label)
    for key, labels in values.items():
        if len(labels) != 1:
            failures.append(f"{plan.id}: unit {key} has {len(labels)} values: {sorted(labels)}")
    registered = [(str(r["Mã hoạt động"]), r["Đơn vị chủ trì"], r.get("Mã đơn vị chủ trì"))
                  for r in activities if r["Mã kế hoạch"] == plan.id]
    # "Hoạt động": the leads by their registered names and ids, each unit
    # once (a name no unit has as written, without an id)
    if registered != want_pairs:
        failures.append(f"{plan.id}: 'Hoạt động' leads\n  got  {registered}\n  want {want_pairs}")
    return {(label, ident) for _, label, ident in got_rows}


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
    failures, units_seen = [], []
    with tempfile.TemporaryDirectory(prefix="kehoach-lead-units-") as work:
        folder = os.path.join(work, "quang-tri")
        os.mkdir(folder)
        open(os.path.join(folder, "units.yaml"), "w", encoding="utf-8").write(UNITS)
        open(os.path.join(folder, "ke-hoach.yaml"), "w", encoding="utf-8").write(PLAN)
        got = check_plan_file(kehoach, work, os.path.join(folder, "ke-hoach.yaml"), failures)
        # one unit typed three ways, and one no registry has
        three = os.path.join(work, "ninh-thuan")
        os.mkdir(three)
        open(os.path.join(three, "units.yaml"), "w", encoding="utf-8").write(THREE_WAYS_UNITS)
        open(os.path.join(three, "ke-hoach.yaml"), "w", encoding="utf-8").write(three_ways_plan())
        pairs = check_audit(kehoach, work, os.path.join(three, "ke-hoach.yaml"), failures, False)
        if pairs != {("Sở Y tế tỉnh Ninh Thuận", "syt"),
                     (rules.UNREGISTERED + "Phòng Y tế huyện Ninh Hải", None)}:
            failures.append(f"ninh-thuan-2026: lead-unit column {sorted(pairs, key=str)}")
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
                path = os.path.join(bundled, name)
                check_plan_file(kehoach, work, path, failures)
                plan = rules.Plan(path)
                pairs = check_audit(kehoach, work, path, failures, True)
                leading = {own_resolve(plan, n)[0] for a in plan.activities for n in a.lead}
                if {i for _, i in pairs} != leading or len(pairs) != len(leading):
                    failures.append(f"{plan.id}: the lead-unit column is not one value per "
                                    f"registered unit: {sorted(pairs, key=str)}")
                units_seen.append(len(pairs))
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print("the chart of every plan has one bar per lead unit, as the unit rule resolves them; "
          f"the audit's lead-unit column one value per registered unit ({sum(units_seen)} "
          f"units in {len(units_seen)} bundled plans)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
