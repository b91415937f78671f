#!/usr/bin/env python3
"""kehoach report, read back by an independent reader (openpyxl).

Renders the bundled plans with the built-in templates (ministry, audit)
and with a custom template, then asserts on what a reader of the files
sees: every activity and its state, and the counts by state, as the
rules of docs/ give them from the plans and logs (tests/rules.py; every
other figure is checked by figures.py); cell types (real dates and
numbers); merged ranges (the document sheets have them, the audit sheets
none); fonts and sizes of the Decree 30/2020 header; a distinct fill per
state; print settings (A4 landscape, margins, fit to width, repeated
header row, page numbers); valid sheet names; text starting with "=" kept
as text; the provenance digests; the same bytes when rendered twice; and
that a failed run writes nothing and leaves an earlier report as it was.

usage: readback.py KEHOACH PLANS_DIR TEMPLATES_DIR
"""
import datetime
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

try:
    import openpyxl
    import yaml
except ImportError as e:
    print(f"skipped: {e.name} is not installed (python3-openpyxl, python3-yaml)")
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import rules  # noqa: E402

STATE_OF_LABEL = {label: state for state, label in rules.LABEL.items()}
MM = 25.4

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(kehoach, *args, cwd):
    return subprocess.run([kehoach, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def recomputed(kehoach, work, as_of):
    """Each plan's status by the rules of docs/plan-format.md, from its files."""
    plans = [rules.Plan(path) for path in rules.plan_files(os.path.join(work, "plans"))]
    windows, _ = rules.read_windows(kehoach, plans)
    return {p.id: rules.PlanStatus(p, windows, rules.day(as_of)) for p in plans}


def plans_in_period(work, first, last):
    """Plan ids whose year or span meets the period, read from the files."""
    ids = []
    for name in sorted(os.listdir(os.path.join(work, "plans"))):
        if not name.endswith(".yaml") or name.endswith(".progress.yaml") \
                or rules.is_notes(name):
            continue
        doc = yaml.safe_load(open(os.path.join(work, "plans", name), encoding="utf-8"))
        y0 = doc.get("year") or doc["span"]["from"]
        y1 = doc.get("year") or doc["span"]["to"]
        if datetime.date(y1, 12, 31) >= first and datetime.date(y0, 1, 1) <= last:
            ids.append(doc["id"])
    return ids


def find_row(ws, predicate):
    for row in ws.iter_rows():
        if predicate(row):
            return row[0].row
    return None


def duty_recipients(work, pid):
    """What "Nơi nhận" lists under a report: the bodies the plan's duties
    report to ("to"), by their registered names, each once whatever its
    case or Unicode form, then "Lưu: VT."; read from the plan file and its
    registry, not from kehoach."""
    plan = rules.Plan(os.path.join(work, "plans", pid + ".yaml"))
    names, keys = [], set()
    for duty in plan.duties:
        for name in rules.shown(plan.registry, duty.to):
            key = unicodedata.normalize("NFC", str(name)).casefold()
            if key not in keys:
                keys.add(key)
                names.append(f"- {name};")
    return names + ["- Lưu: VT."]


def ministry(kehoach, work, st, templates):
    with open(os.path.join(templates, "ministry.template.yaml"), encoding="utf-8") as f:
        tpl = yaml.safe_load(f)
    columns = next(s for s in tpl["sheets"] if s["kind"] == "activities")["columns"]
    ncols = len(columns)
    last = openpyxl.utils.get_column_letter(ncols)
    state_at = next(i for i, c in enumerate(columns) if c["field"] == "activity.state")
    title_width = next(c["width"] for c in columns if c["field"] == "activity.title")
    out = os.path.join(work, "ministry.xlsx")
    r = run(kehoach, "report", "plans", "--period", "2026", "--as-of", "2026-12-14",
            "--date", "2026-12-14", "-o", out, cwd=work)
    check(r.returncode == 0, f"ministry report: exit {r.returncode}: {r.stderr}")
    wanted = plans_in_period(work, datetime.date(2025, 12, 15), datetime.date(2026, 12, 14))
    check(f"wrote {out}: {len(wanted)} plans" in r.stdout, f"ministry summary line: {r.stdout}")
    wb = openpyxl.load_workbook(out)
    check(wb.sheetnames == ["Tổng hợp"] + wanted, f"ministry sheets: {wb.sheetnames}")
    fills = {}
    for pid in wanted:
        ws = wb[pid]
        p = st[pid]
        # the Decree 30/2020 header: the governing body, where the issuer's
        # registered unit has a parent, in capitals not bold above the
        # issuing body in bold capitals; else the issuing body on the first line
        a1, a2, d1, d2, a3, d3 = ws["A1"], ws["A2"], ws["D1"], ws["D2"], ws["A3"], ws["D3"]
        parent = rules.issuer_parent(p.plan)
        # each with its short line under it, as underscores (the issuer's
        # a third of its width: kept to a range here, printed.py measures)
        issuer, above = (a2, a1) if parent else (a1, a2)
        name = p.plan.doc["issuer"].upper()
        lines = (issuer.value or "").split("\n")
        rule = lines[1] if parent and len(lines) == 2 else a2.value or ""
        check(lines[0] == name and issuer.font.b and issuer.font.name == "Times New Roman",
              f"{pid}: issuer in bold capitals: {issuer.value!r}")
        check(set(rule) == {"_"} and len(name) / 5 <= len(rule) <= len(name) / 2,
              f"{pid}: the issuer's line: {rule!r}")
        check((above.value == parent.upper() and not above.font.b) if parent
              else above.value == rule,
              f"{pid}: governing body {parent!r}: {above.value!r}")
        check(d1.value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and d1.font.b and d1.font.sz == 12,
              f"{pid}: national title: {d1.value!r} {d1.font.sz}")
        check(d2.value == "Độc lập - Tự do - Hạnh phúc\n" + "_" * 25 and d2.font.b
              and d2.font.sz == 13,
              f"{pid}: motto and its line: {d2.value!r} {d2.font.sz}")
        check(a3.value.startswith("Số:") and "/BC-" in a3.value, f"{pid}: number: {a3.value!r}")
        check(d3.value.endswith("ngày 14 tháng 12 năm 2026") and d3.font.i,
              f"{pid}: place and date: {d3.value!r}")
        merged = {str(m) for m in ws.merged_cells.ranges}
        check({"A1:C1", f"D1:{last}1", f"D2:{last}2", "A3:C3", f"D3:{last}3",
               f"A5:{last}5"} <= merged,
              f"{pid}: header merges: {sorted(merged)[:8]}")
        check(ws["A5"].value == "BÁO CÁO" and ws["A5"].font.sz == 14 and ws["A5"].font.b,
              f"{pid}: title: {ws['A5'].value!r}")
        subject = ws["A6"].value
        check(subject.startswith("Kết quả thực hiện Kế hoạch ") and "  " not in subject
              and "số /" not in subject and "ngày của" not in subject
              and not subject.endswith(("số", "ngày", "của")),
              f"{pid}: subject line with a hole: {subject!r}")
        # the summary block
        counts = {}
        for row in ws.iter_rows(min_col=1, max_col=3):
            if row[0].value in STATE_OF_LABEL and isinstance(row[2].value, (int, float)):
                counts.setdefault(STATE_OF_LABEL[row[0].value], row[2].value)
        check(counts == p.counts.n, f"{pid}: summary counts {counts} != {p.counts.n}")
        # the activity table
        head = find_row(ws, lambda row: row[0].value == "TT" and row[1].value == "Nội dung hoạt động")
        check(head is not None, f"{pid}: no table header")
        check(ws.print_title_rows == f"${head}:${head}", f"{pid}: repeated rows {ws.print_title_rows}")
        seen = {}
        for row in ws.iter_rows(min_row=head + 1, max_col=ncols):
            aid, label = row[0].value, row[state_at].value
            if label in STATE_OF_LABEL and aid is not None:
                seen[str(aid)] = STATE_OF_LABEL[label]
                fills.setdefault(label, set()).add(row[state_at].fill.fgColor.rgb)
                check(row[1].font.name == "Times New Roman", f"{pid}: table font")
                # a long title wraps: its row is tall enough to show it
                height = ws.row_dimensions[row[0].row].height or 15
                lines = len(row[1].value) / (title_width * 1.25)
                check(height >= lines * 12, f"{pid}: row of {aid} is {height} pt high for "
                                            f"{len(row[1].value)} characters")
        want = {s.activity.id: s.state for s in p.activities}
        check(seen == want, f"{pid}: activities/states differ:\n  {seen}\n  {want}")
        # section headings are merged across the table
        sections = [m for m in ws.merged_cells.ranges
                    if m.min_row > head and m.min_col == 1 and m.max_col == ncols]
        used = [sec for sec, counts in p.sections if counts.total]
        check(len(sections) >= len(used),
              f"{pid}: {len(sections)} section rows for {len(used)} sections")
        # signature block and the report's own recipients
        at = find_row(ws, lambda row: row[0].value == "Nơi nhận:")
        check(at is not None, f"{pid}: no 'Nơi nhận'")
        if at is not None:
            got = []
            while ws.cell(at + 1 + len(got), 1).value:
                got.append(ws.cell(at + 1 + len(got), 1).value)
            check(got == duty_recipients(work, pid),
                  f"{pid}: recipients {got}, expected {duty_recipients(work, pid)}")
        # print settings
        ps = ws.page_setup
        check(ps.orientation == "landscape" and str(ps.paperSize) == "9",
              f"{pid}: page {ps.orientation} {ps.paperSize}")
        # printed at full size (Decree 30/2020: tables no smaller than 11
        # pt), never shrunk to the page; tests/report/printed.py sees that
        # the columns fit
        fit = ws.sheet_properties.pageSetUpPr
        check(not (fit and fit.fitToPage) and ps.scale in (None, 100),
              f"{pid}: shrunk to fit the page")
        m = ws.page_margins
        check(abs(m.left - 30 / MM) < 0.01 and abs(m.right - 15 / MM) < 0.01 and
              abs(m.top - 20 / MM) < 0.01 and abs(m.bottom - 20 / MM) < 0.01,
              f"{pid}: margins {m.left} {m.right} {m.top} {m.bottom}")
        check("&P" in (ws.oddHeader.center.text or ""), f"{pid}: page numbers")
        # numbered from 1, the first page without its number
        check(ws.HeaderFooter.differentFirst and not (ws.firstHeader.center.text or "")
              and ps.useFirstPageNumber and ps.firstPageNumber in (None, 1),
              f"{pid}: first page numbered, or numbers not from 1")
    # a distinct fill for each state
    colours = {label: next(iter(c)) for label, c in fills.items()}
    check(all(len(c) == 1 for c in fills.values()), f"one fill per state: {fills}")
    check(len(set(colours.values())) == len(colours), f"fills not distinct: {colours}")
    # the summary across plans: a row per plan, then the totals
    ws = wb["Tổng hợp"]
    head = find_row(ws, lambda row: row[0].value == "Số kế hoạch")
    rows = list(ws.iter_rows(min_row=head + 1, values_only=True))
    check(len(rows) == len(wanted) + 1 and rows[-1][0] == "Tổng cộng", f"summary rows: {rows}")
    # its header row is tall enough for "Tỷ lệ hoàn thành (%)": 20 bold
    # letters cannot stand on one line of a column 12 characters wide
    height = ws.row_dimensions[head].height
    check(height is not None and height >= 2 * 12 * 1.2,
          f"summary header row {height} pt high: its headers are clipped")
    total = sum(st[pid].counts.total for pid in wanted)
    check(rows[-1][3] == total, f"summary total {rows[-1][3]} != {total}")
    # one chart per plan sheet, each drawn from its own sheet's data
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        check(len(charts) == len(wanted), f"charts: {charts}")
        for n in charts:
            xml = z.read(n).decode()
            check(any(f"'{pid}'!" in xml or f"{pid}!" in xml for pid in wanted),
                  f"{n} does not draw from a plan sheet")
        created = z.read("docProps/core.xml").decode()
        check("2026-12-14T00:00:00Z" in created, "creation date is the as-of date")
    return out


def date_line(kehoach, work, as_of, period, expected):
    out = os.path.join(work, f"d-{as_of}.xlsx")
    r = run(kehoach, "report", "plans/hai-phong-nkt-2026.yaml", "--period", period,
            "--as-of", as_of, "--date", as_of, "-o", out, cwd=work)
    check(r.returncode == 0, f"date line {as_of}: {r.stderr}")
    if r.returncode == 0:
        value = openpyxl.load_workbook(out)["hai-phong-nkt-2026"]["D3"].value
        check(value == f"Hải Phòng, {expected}", f"date line for {as_of}: {value!r}")
        check(openpyxl.load_workbook(out).sheetnames == ["hai-phong-nkt-2026"],
              "a single plan has no summary sheet")


def signing_blanks(kehoach, work):
    """Without --date and --number, the day, the month and the number are
    left blank to be written in when the report is signed; with them, they
    are printed."""
    out = os.path.join(work, "unsigned.xlsx")
    r = run(kehoach, "report", "plans/hai-phong-nkt-2026.yaml", "--period", "2026-Q1",
            "-o", out, cwd=work)
    check(r.returncode == 0, f"unsigned report: {r.stderr}")
    if r.returncode == 0:
        ws = openpyxl.load_workbook(out)["hai-phong-nkt-2026"]
        year = datetime.date.today().year
        check(ws["D3"].value == f"Hải Phòng, ngày      tháng      năm {year}",
              f"undated line: {ws['D3'].value!r}")
        check(ws["A3"].value.startswith("Số:" + " " * 8 + "/BC-"),
              f"unnumbered: {ws['A3'].value!r}")
    r = run(kehoach, "report", "plans/hai-phong-nkt-2026.yaml", "--period", "2026-Q1",
            "--number", "45", "-o", out, cwd=work)
    check(r.returncode == 0, f"numbered report: {r.stderr}")
    if r.returncode == 0:
        a3 = openpyxl.load_workbook(out)["hai-phong-nkt-2026"]["A3"].value
        check(a3.startswith("Số: 45/BC-"), f"numbered: {a3!r}")


def audit(kehoach, work, st):
    out = os.path.join(work, "audit.xlsx")
    r = run(kehoach, "report", "plans", "--template", "audit", "--period", "2026",
            "--as-of", "2026-12-14", "-o", out, cwd=work)
    check(r.returncode == 0, f"audit: {r.stderr}")
    wanted = plans_in_period(work, datetime.date(2025, 12, 15), datetime.date(2026, 12, 14))
    wb = openpyxl.load_workbook(out)
    check(wb.sheetnames == ["Hoạt động", "Theo đơn vị chủ trì", "Nhật ký tiến độ", "Thời hạn",
                            "Nguồn số liệu"],
          f"audit sheets {wb.sheetnames}")
    for ws in wb.worksheets:
        check(not ws.merged_cells.ranges, f"{ws.title}: merged cells in a flat sheet")
    for name in ["Hoạt động", "Theo đơn vị chủ trì", "Nhật ký tiến độ", "Thời hạn"]:
        ws = wb[name]
        check(ws.freeze_panes == "A2", f"{name}: freeze {ws.freeze_panes}")
        check(ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}",
              f"{name}: filter {ws.auto_filter.ref}")
    ws = wb["Hoạt động"]
    head = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(head)}
    seen = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        seen[(row[col["Mã kế hoạch"]], str(row[col["Mã hoạt động"]]))] = row[col["Mã tình trạng"]]
        check(isinstance(row[col["Hạn"]], datetime.datetime), f"due is a date: {row[col['Hạn']]!r}")
        check(isinstance(row[col["Tỷ lệ (%)"]], int), f"percent is a number: {row[col['Tỷ lệ (%)']]!r}")
        check(STATE_OF_LABEL[row[col["Tình trạng"]]] == row[col["Mã tình trạng"]], "label and code")
    want = {(pid, s.activity.id): s.state for pid in wanted for s in st[pid].activities}
    check(seen == want, "audit activities and states differ")
    # every record dated on or before the as-of date, as the logs hold them
    ws = wb["Nhật ký tiến độ"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    expected = 0
    for pid in wanted:
        log = yaml.safe_load(open(os.path.join(work, "plans", pid + ".progress.yaml"), encoding="utf-8"))
        expected += sum(1 for rec in log["records"] or [] if str(rec["date"]) <= "2026-12-14")
    check(len(rows) == expected, f"records: {len(rows)} rows, the logs hold {expected}")
    check(all(isinstance(r[1], datetime.datetime) for r in rows), "record dates are dates")
    # provenance: the as-of date and a digest per input file
    ws = wb["Nguồn số liệu"]
    check(ws["B1"].value == datetime.datetime(2026, 12, 14), f"as-of {ws['B1'].value!r}")
    digests = {}
    for row in ws.iter_rows(values_only=True):
        if row[0] and isinstance(row[3], str) and len(row[3]) == 64:
            digests[row[0]] = row[3]
    check(len(digests) >= 2 * len(wanted), f"provenance files: {list(digests)}")
    for path, digest in digests.items():
        actual = hashlib.sha256(open(os.path.join(work, path), "rb").read()).hexdigest()
        check(actual == digest, f"provenance digest of {path}")


CUSTOM = """\
template: thu-nghiem
font: {name: Arial, size: 10}
sheets:
  - kind: activities
    name: "Kế hoạch: {period.key} / [chi tiết] các hoạt động năm nay"
    per: plan
    columns:
      - {header: Kế hoạch, field: plan.title, width: 40}
      - {header: Mã, field: activity.id}
      - {header: Hạn, field: activity.due, format: "yyyy-mm-dd"}
      - {header: Tỷ lệ, field: activity.percent, format: "0.0"}
      - {header: Tình trạng, field: activity.state_code}
"""


def custom(kehoach, work):
    path = os.path.join(work, "thu-nghiem.template.yaml")
    open(path, "w", encoding="utf-8").write(CUSTOM)
    r = run(kehoach, "validate", path, cwd=work)
    check(r.returncode == 0, f"custom template does not validate: {r.stdout}{r.stderr}")
    # a plan whose title looks like a formula
    src = open(os.path.join(work, "plans", "hai-phong-nkt-2026.yaml"), encoding="utf-8").read()
    os.makedirs(os.path.join(work, "formula"))
    title = "=HYPERLINK(\"http://example.invalid\",\"x\")"
    doc = src.replace("\ntitle: ", f"\ntitle: '{title}' # ", 1)
    # and an output longer than an Excel cell holds
    doc = doc.replace("        output: ", "        output: " + "Ả" * 40000 + " ", 1)
    open(os.path.join(work, "formula", "hai-phong-nkt-2026.yaml"), "w", encoding="utf-8").write(doc)
    out = os.path.join(work, "custom.xlsx")
    r = run(kehoach, "report", "plans/hai-phong-nkt-2026.yaml", "plans/ninh-binh-syt-tgpl-2026.yaml",
            "--template", path, "--period", "2026", "-o", out, cwd=work)
    check(r.returncode == 0, f"custom: {r.stderr}")
    wb = openpyxl.load_workbook(out)
    check(wb.sheetnames == ["Kế hoạch_ 2026 _ _chi tiết_ các", "Kế hoạch_ 2026 _ _chi tiết_ (2)"],
          f"custom sheet names: {wb.sheetnames}")
    ws = wb.worksheets[0]
    check(ws["A1"].font.name == "Arial" and ws["A1"].value == "Kế hoạch", "custom header")
    check(ws["C2"].number_format == "yyyy-mm-dd" and isinstance(ws["C2"].value, datetime.datetime),
          f"custom date format {ws['C2'].number_format}")
    check(ws["D2"].number_format == "0.0" and isinstance(ws["D2"].value, int), "custom number")
    out = os.path.join(work, "formula.xlsx")
    r = run(kehoach, "report", "formula", "--template", path, "--period", "2026", "-o", out, cwd=work)
    check(r.returncode == 0, f"formula plan: {r.stderr}")
    cell = openpyxl.load_workbook(out).worksheets[0]["A2"]
    check(cell.value == title and cell.data_type == "s", f"formula text: {cell.value!r} {cell.data_type}")
    out = os.path.join(work, "long.xlsx")
    r = run(kehoach, "report", "formula", "--period", "2026", "-o", out, cwd=work)
    check(r.returncode == 0 and "1 cell longer than Excel's 32767 characters" in r.stdout,
          f"long cell: {r.returncode} {r.stdout} {r.stderr}")
    ws = openpyxl.load_workbook(out).worksheets[0]
    longest = max((c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)), key=len)
    check(len(longest) == 32767 and longest.endswith("Ả…"), f"long cell: {len(longest)} characters")


def failures_write_nothing(kehoach, work):
    out = os.path.join(work, "ministry.xlsx")
    before = open(out, "rb").read()
    os.makedirs(os.path.join(work, "broken"))
    src = open(os.path.join(work, "plans", "hai-phong-nkt-2026.yaml"), encoding="utf-8").read()
    open(os.path.join(work, "broken", "p.yaml"), "w", encoding="utf-8").write(src.replace("year: 2026", "year: 20x6"))
    r = run(kehoach, "report", "broken", "-o", out, cwd=work)
    check(r.returncode == 1 and "no report written" in r.stderr, f"broken plan: {r.returncode} {r.stderr}")
    check(open(out, "rb").read() == before, "a failed run changed the earlier report")
    fresh = os.path.join(work, "never.xlsx")
    r = run(kehoach, "report", "broken", "-o", fresh, cwd=work)
    check(not os.path.exists(fresh), "a failed run wrote a report")
    left = [n for n in os.listdir(work) if ".tmp-" in n]
    check(not left, f"temporary files left: {left}")


def main():
    kehoach, plans, templates = (os.path.abspath(a) for a in sys.argv[1:4])
    with tempfile.TemporaryDirectory(prefix="kehoach-report-") as work:
        shutil.copytree(plans, os.path.join(work, "plans"))
        st = recomputed(kehoach, work, "2026-12-14")
        first = ministry(kehoach, work, st, templates)
        again = os.path.join(work, "again.xlsx")
        run(kehoach, "report", "plans", "--period", "2026", "--as-of", "2026-12-14",
            "--date", "2026-12-14", "-o", again, cwd=work)
        check(open(first, "rb").read() == open(again, "rb").read(), "two renders differ")
        date_line(kehoach, work, "2026-02-05", "2026-Q1", "ngày 05 tháng 02 năm 2026")
        date_line(kehoach, work, "2026-03-09", "2026-Q1", "ngày 09 tháng 3 năm 2026")
        date_line(kehoach, work, "2026-11-23", "2026", "ngày 23 tháng 11 năm 2026")
        signing_blanks(kehoach, work)
        audit(kehoach, work, st)
        custom(kehoach, work)
        failures_write_nothing(kehoach, work)
        # the built-in templates, as files, validate
        r = run(kehoach, "validate", templates, cwd=work)
        check(r.returncode == 0, f"templates/: {r.stdout}{r.stderr}")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} problems")
    sys.exit(1 if failures else 0)


main()
