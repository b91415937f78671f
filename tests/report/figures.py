#!/usr/bin/env python3
"""kehoach report: every figure a reader sees, recomputed from the inputs.

Renders the bundled plans with both built-in templates (ministry, audit)
and one with every field, as of the day before, the day of and the day
after every due date the plans imply (reports included), each time for a
reporting period that holds that day (a year, a half, a quarter, a month
or a span of dates, in turn), reads the workbooks back with openpyxl,
and compares every cell of every table, and every number a sheet shows
elsewhere, with what the rules of docs/ give from the plan and log files
(tests/rules.py; only the occurrence windows come from `kehoach
deadlines`):

  - the period (15th to 14th, Decree 09/2019) and which plans meet it,
    the command's summary line ("N plans, S sheets", "left out K plans");
  - the Ministry report: the date line and the title lines (numbers and
    dates of the plan and the period), the summary block (activities in
    all and by state, the average percent, targets in all, measured and
    on track), the chart's data by lead unit and the cells its series
    draw from, the section headings, and per activity its state, result
    ("Số lượt: 120/100 lượt" and the latest note) and remark ("Quá hạn N
    ngày (hạn ...)", "Hoàn thành ngày ...", "Đã hoàn thành a/b kỳ"); the
    sheet "Tổng hợp": counts by state and percent per plan, and the totals;
  - the audit export: every cell of "Hoạt động" (dates, state, percent,
    occurrences in all and done, targets, result, latest record),
    "Nhật ký tiến độ" (every record up to the as-of date: its date,
    percent, values and line in the log), "Thời hạn" (every occurrence
    and report due: window, days left, negative when late, state, the day
    it was done) and "Nguồn số liệu" (the dates, the digests of the
    template and of every input file).

  - a template written here whose four sheets (summary, activities,
    records, deadlines) show every field of the field table of docs/reports.md
    between them: every cell, and every field must have shown a value in
    some workbook (a field always empty was not compared).

A cell is expected from the template's field for its column (the field
table of docs/reports.md), so every column of the built-in templates is
checked, numbers and text alike.

usage: figures.py KEHOACH PLANS_DIR TEMPLATES_DIR
"""
import datetime
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import namedtuple

try:
    import openpyxl
    import yaml
except ImportError as e:
    print(f"skipped: {e.name} is not installed (python3-openpyxl, python3-yaml)")
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import rules  # noqa: E402
from rules import LABEL, chart_label, vn  # noqa: E402

SUMMARY_ORDER = ("done", "done-late", "in-progress", "open", "planned", "overdue", "cancelled")
RECORD_LABEL = {"in-progress": LABEL["in-progress"], "done": LABEL["done"],
                "cancelled": LABEL["cancelled"]}
ROMAN = ["", "I", "II", "III", "IV"]

problems = []
compared = 0
shown = set()            # the fields compared with a value (not an empty cell)


def expect(what, got, want):
    global compared
    compared += 1
    if got != want:
        problems.append(f"{what}: the workbook shows {got!r}, expected {want!r}")


def kinds_of(found):
    """The figures that differ, without their dates and rows: "audit Thời hạn
    deadline.days_left" and how often."""
    kinds = {}
    for p in found:
        kind = re.sub(r" \d{4}-\d\d-\d\d| row \d+", "", p.split(": the workbook shows")[0])
        kinds[kind] = kinds.get(kind, 0) + 1
    return sorted(kinds.items(), key=lambda k: -k[1])


# --- periods (docs/reports.md: "the named periods run from the 15th to the 14th")

def month_start(year, month, shift):
    index = year * 12 + month - 1 + shift
    return datetime.date(index // 12, index % 12 + 1, 1)


Period = namedtuple("Period", "key start end label")


def cut_off(year, last_month, months):
    """From the 15th of the month before the first to the 14th of the last."""
    return (month_start(year, last_month, -months).replace(day=15),
            datetime.date(year, last_month, 14))


def period_holding(kind, d):
    """The period of this kind that holds day d (the 15th starts the next)."""
    nxt = month_start(d.year, d.month, 1) if d.day >= 15 else d.replace(day=1)
    y, m = nxt.year, nxt.month
    if kind == "year":
        return Period(str(y), *cut_off(y, 12, 12), f"Năm {y}")
    if kind == "half":
        h = 1 if m <= 6 else 2
        return Period(f"{y}-H{h}", *cut_off(y, 6 * h, 6),
                      f"6 tháng {'đầu' if h == 1 else 'cuối'} năm {y}")
    if kind == "quarter":
        q = (m + 2) // 3
        return Period(f"{y}-Q{q}", *cut_off(y, 3 * q, 3), f"Quý {ROMAN[q]}/{y}")
    if kind == "month":
        return Period(f"{y}-{m:02d}", *cut_off(y, m, 1), f"Tháng {m}/{y}")
    start, end = d - datetime.timedelta(days=45), d + datetime.timedelta(days=20)
    return Period(f"{start}..{end}", start, end, f"Từ {vn(start)} đến {vn(end)}")


def meets(plan, period):
    y0, y1 = plan.years
    return datetime.date(y1, 12, 31) >= period.start and datetime.date(y0, 1, 1) <= period.end


# --- the fields of the templates, from the inputs ----------------------

def number(v):
    """12.5 -> "12,5", 12.0 -> "12": at most two decimals, a decimal comma."""
    text = f"{v:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def target_text(t, actual=None):
    shown = f"{number(actual)}/{number(t.value)}" if actual is not None else number(t.value)
    return f"{t.name}: {shown}" + (f" {t.unit}" if t.unit else "")


def result(s):
    parts = [target_text(m.target, m.actual) for m in s.measures if m.actual is not None]
    if s.last_note:
        parts.append(s.last_note["note"])
    return "\n".join(parts)


def remark(s, as_of):
    """Ghi chú: what the state means in dates (docs/reports.md, activity.remark)."""
    on = vn(s.last["date"]) if s.last else None
    text = ""
    if s.state == "done" and on:
        text = f"Hoàn thành ngày {on}"
    elif s.state == "done-late" and on:
        text = f"Hoàn thành ngày {on} (hạn {vn(s.due)})"
    elif s.state == "overdue":
        text = f"Quá hạn {rules.days(s.due, as_of)} ngày (hạn {vn(s.due)})"
    elif s.state == "cancelled" and on:
        text = f"Hủy bỏ ngày {on}"
    elif s.state in ("planned", "open", "in-progress") and s.due:
        text = f"Hạn {vn(s.due)}"
    if len(s.occurrences) > 1:
        text += ("; " if text else "") + \
            f"Đã hoàn thành {s.occurrences_done}/{len(s.occurrences)} kỳ"
    return text


def when(d):
    return datetime.datetime(d.year, d.month, d.day) if d else None


def issued(plan):
    text = str(plan.doc.get("issued") or "")
    return rules.day(text) if re.fullmatch(r"\d{4}-\d\d-\d\d", text) else None


def joined(names):
    return "; ".join(names)


# What a row is about: the run, a plan's status, an activity's, a record,
# an occurrence due (of an activity, or the nth reporting duty).
Row = namedtuple("Row", "run status activity record due lead", defaults=(None,) * 5)
Due = namedtuple("Due", "occurrence activity duty number")


def signed(run):
    """Every other run is given --date (its as-of day) and --number 12;
    the others leave both blank to be written in when signed."""
    return run.as_of.toordinal() % 2 == 1


def run_field(name, run):
    return {"period.key": run.period.key, "period.label": run.period.label,
            "period.from": when(run.period.start), "period.to": when(run.period.end),
            "report.as_of": when(run.as_of), "report.template": run.template,
            "report.version": run.inputs.version,
            "report.number": "12" if signed(run) else " " * 7}[name]


def reference(p):
    """plan.reference: "số N" when the number holds a register number (a
    digit before its "/"), "ngày D" when the plan has a full date, the year
    ("năm 2026", "giai đoạn 2021-2025") only when it has neither, then "của
    ISSUER"."""
    number = str(p.doc.get("number") or "")
    numbered = re.search(r"[0-9]", number.split("/", 1)[0]) is not None
    day = issued(p)
    parts = [f"số {number}"] if numbered else []
    if day:
        parts.append(f"ngày {day:%d/%m/%Y}")
    y0, y1 = p.years
    if not numbered and not day:
        parts.append(f"năm {y0}" if y0 == y1 else f"giai đoạn {y0}-{y1}")
    if p.doc.get("issuer"):
        parts.append(f"của {p.doc['issuer']}")
    return " ".join(parts) or None


def plan_field(name, run, st):
    p, c = st.plan, st.counts
    number_text = p.doc.get("number") or ""
    targets = st.targets()
    fields = {
        "plan.id": p.id, "plan.number": number_text or None,
        "plan.file": os.path.relpath(p.path, run.inputs.work),    # as the command named it
        "plan.symbol": number_text.split("-", 1)[1] if "-" in number_text else None,
        "plan.title": p.doc.get("title"), "plan.issuer": p.doc.get("issuer"),
        "plan.issuer_parent": rules.issuer_parent(p),
        "plan.place": p.doc.get("place"), "plan.issued": when(issued(p)),
        "plan.year": str(p.years[0]) if p.years[0] == p.years[1] else f"{p.years[0]}-{p.years[1]}",
        "plan.reference": reference(p),
        "plan.activities": c.total, "plan.finished": c.n["done"] + c.n["done-late"],
        "plan.percent": c.percent, "plan.targets": targets[0],
        "plan.targets_measured": targets[1], "plan.targets_on_track": targets[2],
    }
    for state in rules.STATES:
        fields["plan." + state.replace("-", "_")] = c.n[state]
    return fields[name]


def units(registry, names, ids=False):
    """Units as the reports name them (the rule in rules.shown)."""
    return joined(rules.shown(registry, names, ids))


def activity_field(name, s, as_of, reg):
    a = s.activity
    last = s.last
    return {
        "section.id": a.section.id, "section.title": a.section.title,
        "activity.id": a.id, "activity.title": a.title, "activity.lead": units(reg, a.lead),
        "activity.partners": units(reg, a.partners),
        "activity.lead_ids": units(reg, a.lead, True),
        "activity.partner_ids": units(reg, a.partners, True), "activity.time": a.time,
        "activity.output": a.output,
        "activity.from": when(s.occurrences[0].window.start) if s.occurrences else None,
        "activity.due": when(s.due), "activity.state": LABEL[s.state],
        "activity.state_code": s.state, "activity.percent": s.percent,
        "activity.result": result(s), "activity.remark": remark(s, as_of),
        "activity.targets": "\n".join(target_text(t) for t in a.targets),
        "activity.occurrences": len(s.occurrences),
        "activity.occurrences_done": s.occurrences_done,
        "activity.last_update": when(last["date"]) if last else None,
        "activity.evidence": joined(last.get("evidence") or []) if last else None,
    }[name]


def record_field(name, r):
    values = r.get("values") or {}
    return {
        "record.date": when(r["date"]), "record.activity": str(r.get("activity", r.get("report"))),
        "record.occurrence": r.get("occurrence"), "record.state": RECORD_LABEL[r["state"]],
        "record.state_code": r["state"], "record.percent": r.get("percent"),
        "record.values": "; ".join(f"{k}: {number(v)}" for k, v in values.items()),
        "record.note": r.get("note"), "record.evidence": joined(r.get("evidence") or []),
        "record.by": r.get("by"), "record.line": r["line"], "record.document": r.get("document"),
    }[name]


def deadline_field(name, d, as_of, reg):
    occ, activity, duty, n = d
    w = occ.window
    done = occ.state in ("done", "done-late") and occ.last
    return {
        "deadline.kind": "Hoạt động" if activity else "Báo cáo",
        "deadline.kind_code": "activity" if activity else "report",
        "deadline.activity": activity.id if activity else f"BC{n}",
        "deadline.occurrence": w.label,
        "deadline.title": activity.title if activity else (duty.what or duty.text),
        "deadline.lead": units(reg, activity.lead if activity else duty.by),
        "deadline.partners": units(reg, activity.partners if activity else duty.to),
        "deadline.lead_ids": units(reg, activity.lead if activity else duty.by, True),
        "deadline.partner_ids": units(reg, activity.partners if activity else duty.to, True),
        "deadline.from": when(w.start), "deadline.due": when(w.due),
        "deadline.days_left": rules.days(as_of, w.due),
        "deadline.state": LABEL[occ.state], "deadline.state_code": occ.state,
        "deadline.done_on": when(occ.last["date"]) if done else None,
        "deadline.document": occ.last.get("document") if done else None,
    }[name]


def field(name, row):
    scope = name.split(".")[0]
    if scope in ("period", "report"):
        value = run_field(name, row.run)
    elif scope == "plan":
        value = plan_field(name, row.run, row.status)
    elif scope in ("section", "activity"):
        value = activity_field(name, row.activity, row.run.as_of,
                               row.status.plan.registry) if row.activity else None
    elif scope == "record":
        value = record_field(name, row.record)
    elif scope == "lead":
        # the lead group of a leads row, labelled as the chart labels it
        value = chart_label(row.lead) if name == "lead.name" else row.lead.id
    else:
        value = deadline_field(name, row.due, row.run.as_of, row.status.plan.registry)
    return None if value == "" else value


def expand(text, row):
    """A title line: "{field}" replaced by the field as text."""
    def one(m):
        v = field(m.group(1), row)
        return "" if v is None else vn(v) if isinstance(v, datetime.datetime) else str(v)
    return re.sub(r"\{([a-z_.]+)\}", one, text)


# --- the run -------------------------------------------------------------

# What every run shares: the folder the commands run in (plan.file names a
# plan from there), the plans, their windows and reports due, and kehoach's
# version as the project declares it (its meson.build).
Inputs = namedtuple("Inputs", "work plans windows duties version")


class Run:
    def __init__(self, template, period, as_of, inputs):
        self.template, self.period, self.as_of, self.inputs = template, period, as_of, inputs
        self.plans = [p for p in inputs.plans if meets(p, period)]
        self.left_out = len(inputs.plans) - len(self.plans)
        self.statuses = [rules.PlanStatus(p, inputs.windows, as_of) for p in self.plans]
        self.duties = inputs.duties


def rows_of(kind, run, statuses):
    """The rows of a table sheet about these plans, in the order docs/reports.md
    gives them."""
    for st in statuses:
        if kind == "summary":
            yield Row(run, st)
        elif kind == "activities":
            for s in st.activities:
                yield Row(run, st, s)
        elif kind == "leads":
            for s in st.activities:
                for _, label, unit, unregistered in rules.lead_units(st.plan, s.activity):
                    yield Row(run, st, s, lead=rules.LeadGroup(label, unit, unregistered, None))
        elif kind == "records":
            for r in st.plan.records:
                if r["date"] <= run.as_of:
                    s = next((x for x in st.activities if "activity" in r
                              and x.activity.id == str(r["activity"])), None)
                    yield Row(run, st, s, record=r)
        elif kind == "deadlines":
            for s in st.activities:
                for occ in s.occurrences:
                    yield Row(run, st, s, due=Due(occ, s.activity, None, None))
            for n, duty in enumerate(st.plan.duties, 1):
                for w in run.duties.get((st.plan.id, n), []):
                    yield Row(run, st, due=Due(rules.duty_status(st.plan, n, w, run.as_of),
                                               None, duty, n))


def check_table(ws, sheet, run, first_row, where, statuses=None):
    """Every cell of a table sheet, from its template's fields; the sheet of
    one plan when statuses has only its status."""
    heads = [c.value for c in ws[first_row]][:len(sheet["columns"])]
    expect(f"{where}: column headers", heads, [c["header"] for c in sheet["columns"]])
    rows = list(rows_of(sheet["kind"], run, statuses or run.statuses))
    got = list(ws.iter_rows(min_row=first_row + 1, max_row=first_row + len(rows),
                            max_col=len(sheet["columns"]), values_only=True))
    for i, (row, values) in enumerate(zip(rows, got)):
        for col, value in zip(sheet["columns"], values):
            want = field(col["field"], row)
            expect(f"{where} row {first_row + 1 + i} {col['field']}", value, want)
            if want is not None:
                shown.add(col["field"])
    totals = 1 if sheet["kind"] == "summary" else 0
    expect(f"{where}: rows", ws.max_row - first_row - totals, len(rows))
    return first_row + len(rows) + 1


INTEGER_PLAN_FIELDS = {"plan.activities", "plan.finished", "plan.percent", "plan.targets",
                       "plan.targets_measured", "plan.targets_on_track"} | {
    "plan." + s.replace("-", "_") for s in rules.STATES}


def check_totals(ws, sheet, run, at):
    """The totals row of a summary sheet: counts summed, the percent of all
    activities together."""
    totals = rules.Counts()
    for st in run.statuses:
        totals.merge(st.counts)
    values = [c.value for c in ws[at]][:len(sheet["columns"])]
    for i, (col, value) in enumerate(zip(sheet["columns"], values)):
        name = col["field"]
        if name == "plan.percent":
            want = totals.percent
        elif name in INTEGER_PLAN_FIELDS:
            want = sum(plan_field(name, run, st) for st in run.statuses)
        else:
            want = "Tổng cộng" if i == 0 else None
        expect(f"{ws.title} totals {name}", value, want)


def find_row(ws, text, column=1):
    for row in ws.iter_rows(min_col=column, max_col=column):
        if row[0].value == text:
            return row[0].row
    return None


def check_summary_block(ws, st, first, ncols, where):
    """"1. Tổng hợp chung": the counts, percent and targets, beside the
    chart's data by lead unit (right of the table)."""
    c = st.counts
    targets = st.targets()
    lines = [("Tổng số hoạt động", c.total)] + [(LABEL[s], c.n[s]) for s in SUMMARY_ORDER] + [
        ("Tỷ lệ hoàn thành bình quân (%)", c.percent), ("Số chỉ tiêu", targets[0]),
        ("Chỉ tiêu đã có số liệu", targets[1]), ("Chỉ tiêu đạt tiến độ", targets[2])]
    got = [(ws.cell(first + i, 1).value, ws.cell(first + i, 3).value) for i in range(len(lines))]
    expect(f"{where}: summary", got, lines)
    data = ncols + 2                     # right of the table's columns, one left empty
    head = [ws.cell(first, data + k).value for k in range(8)]
    expect(f"{where}: chart data header", head, ["Đơn vị chủ trì"] + [LABEL[s] for s in SUMMARY_ORDER])
    got = [[ws.cell(first + 1 + i, data + k).value for k in range(8)] for i in range(len(st.leads))]
    want = [[chart_label(g)] + [g.counts.n[s] for s in SUMMARY_ORDER] for g in st.leads]
    expect(f"{where}: chart data", got, want)
    expect(f"{where}: below the chart data", ws.cell(first + 1 + len(st.leads), data).value, None)


def column(n):
    return openpyxl.utils.get_column_letter(n)


def tick_step(longest):
    """Whole-number ticks: the first of 1, 2, 5, 10, 20, 50, ... that cuts
    the longest bar into at most 10 steps."""
    for exponent in range(0, 12):
        for mantissa in (1, 2, 5):
            if longest <= 10 * mantissa * 10 ** exponent:
                return mantissa * 10 ** exponent
    raise ValueError(longest)


def check_chart(xml, sheet_name, first, leads, ncols, where):
    """The series draw their names from the state headers (row `first`) and
    their values from the rows of the lead units below, on their own sheet;
    the axes put the first unit on top and count from the left."""
    def cells(col, top, bottom):
        return f"'{sheet_name}'!${col}${top}" + (f":${col}${bottom}" if bottom > top else "")

    # the first unit on top (categories max to min), the bars counting from
    # 0 at the left (values min to max), the value axis at the bottom
    axes = {kind: body for kind, body in re.findall(r"<c:(catAx|valAx)>(.*?)</c:\1>", xml, re.S)}
    expect(f"{where}: chart axes", [re.findall(r'<c:orientation val="(\w+)"', axes.get(k, ""))
                                    for k in ("catAx", "valAx")], [["maxMin"], ["minMax"]])
    expect(f"{where}: value axis at the bottom",
           re.findall(r'<c:axPos val="(\w)"', axes.get("valAx", "")), ["b"])
    longest = max(sum(g.counts.n[s] for s in SUMMARY_ORDER) for g in leads)
    value_axis = axes.get("valAx", "")
    expect(f"{where}: ticks on whole numbers from 0",
           [re.findall(r'<c:min val="([^"]+)"', value_axis),
            [float(x) for x in re.findall(r'<c:majorUnit val="([^"]+)"', value_axis)],
            re.findall(r'<c:numFmt formatCode="([^"]+)"', value_axis)],
           [["0"], [float(tick_step(longest))], ["0"]])
    series = re.findall(r"<c:ser>(.*?)</c:ser>", xml)
    expect(f"{where}: chart series", len(series), len(SUMMARY_ORDER))
    units = (first + 1, first + len(leads))
    for k, ser in enumerate(series):
        col = column(ncols + 3 + k)          # right of the units' names
        expect(f"{where}: series {k + 1} cells", re.findall(r"<c:f>(.*?)</c:f>", ser),
               [cells(col, first, first), cells(column(ncols + 2), *units), cells(col, *units)])


def section_headings(st):
    """The headings each activity enters, outermost first."""
    current, out = None, []
    for s in st.activities:
        to, chain = s.activity.section, []
        while to and not (current and current.within(to)):
            chain.append(to)
            to = to.parent
        out.append([f"{x.id}. {x.title}" if x.id else x.title for x in reversed(chain)])
        current = s.activity.section
    return out


def check_ministry_sheet(ws, sheet, run, st, chart_xml):
    where = f"ministry {run.as_of} {st.plan.id}"
    row = Row(run, st)
    doc = st.plan.doc
    expect(f"{where}: number", ws["A3"].value, expand(sheet["number"], row))
    d, place = run.as_of, doc.get('place') or '......'
    expect(f"{where}: date line", ws["D3"].value,
           f"{place}, ngày {d.day:02d} tháng {'0' if d.month <= 2 else ''}{d.month} "
           f"năm {d.year}" if signed(run) else
           f"{place}, ngày      tháng      năm {datetime.date.today().year}")
    titles = [ws.cell(5 + i, 1).value for i in range(len(sheet["title"]))]
    expect(f"{where}: title lines", titles, [expand(t, row) for t in sheet["title"]])
    first = find_row(ws, "1. Tổng hợp chung") + 1
    ncols = len(sheet["columns"])
    check_summary_block(ws, st, first, ncols, where)
    check_chart(chart_xml, ws.title, first, st.leads, ncols, where)
    head = find_row(ws, "TT")
    names = [c["field"] for c in sheet["columns"]]
    r = head + 1
    for s, headings in zip(st.activities, section_headings(st)):
        for h in headings:
            expect(f"{where} row {r}: section heading", ws.cell(r, 1).value, h)
            r += 1
        values = [ws.cell(r, k + 1).value for k in range(len(names))]
        for name, value in zip(names, values):
            expect(f"{where} row {r} {name}", value, field(name, Row(run, st, s)))
        r += 1
    # the closing parts follow, if any (checked by closing.py), else "Nơi nhận"
    closing = sheet.get("closing")
    after = closing["parts"][0]["heading"] if closing else "Nơi nhận:"
    expect(f"{where}: after the table", (ws.cell(r, 1).value, ws.cell(r + 1, 1).value),
           (None, after))


def charts_by_sheet(path):
    with zipfile.ZipFile(path) as z:
        out = {}
        for n in z.namelist():
            if n.startswith("xl/charts/chart"):
                xml = z.read(n).decode()
                out[re.search(r"<c:f>'?([^'!<]+)'?!", xml).group(1)] = xml
        return out


def check_ministry(path, tpl, run):
    wb = openpyxl.load_workbook(path)
    summary, per_plan = tpl["sheets"]
    expect(f"ministry {run.as_of}: sheets", wb.sheetnames,
           [summary["name"]] + [st.plan.id for st in run.statuses])
    ws = wb[summary["name"]]
    row = Row(run)
    expect(f"ministry {run.as_of}: summary title", [ws["A1"].value, ws["A2"].value],
           [expand(t, row) for t in summary["title"]])
    head = find_row(ws, summary["columns"][0]["header"])
    at = check_table(ws, summary, run, head, f"ministry {run.as_of} {summary['name']}")
    check_totals(ws, summary, run, at)
    charts = charts_by_sheet(path)
    for st in run.statuses:
        check_ministry_sheet(wb[st.plan.id], per_plan, run, st, charts.get(st.plan.id, ""))


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def check_provenance(ws, run, template_file):
    where = f"audit {run.as_of} provenance"
    got = [ws.cell(i, 2).value for i in range(1, 7)]
    expect(f"{where}: run", got, [when(run.as_of), run.period.label, when(run.period.start),
                                  when(run.period.end), "audit (có sẵn)", sha256(template_file)])
    head = find_row(ws, "Tệp đầu vào")
    want = []
    work = run.inputs.work
    for p in run.inputs.plans:          # as named on the command line, from the work folder
        if p in run.plans:
            want.append((os.path.relpath(p.path, work), "Kế hoạch", p.id, sha256(p.path)))
            if p.log_path:
                want.append((os.path.relpath(p.log_path, work), "Nhật ký tiến độ", p.id,
                             sha256(p.log_path)))
        else:
            want.append((os.path.relpath(p.path, work),
                         "Kế hoạch (ngoài kỳ báo cáo, không đưa vào)", p.id, sha256(p.path)))
    got = list(ws.iter_rows(min_row=head + 1, max_col=4, values_only=True))
    expect(f"{where}: files", got, want)


def check_audit(path, tpl, run, template_file):
    wb = openpyxl.load_workbook(path)
    expect(f"audit {run.as_of}: sheets", wb.sheetnames, [s["name"] for s in tpl["sheets"]])
    for sheet in tpl["sheets"]:
        ws = wb[sheet["name"]]
        if sheet["kind"] == "provenance":
            check_provenance(ws, run, template_file)
        else:
            check_table(ws, sheet, run, 1, f"audit {run.as_of} {sheet['name']}")


def summary_line(out, template, run, sheets):
    n = len(run.plans)
    lines = [f"wrote {out}: {n} {'plan' if n == 1 else 'plans'}, {sheets} "
             f"{'sheet' if sheets == 1 else 'sheets'} (template {template}, period "
             f"{run.period.key}, as of {vn(run.as_of)})"]
    if run.left_out:
        lines.append(f"left out {run.left_out} {'plan' if run.left_out == 1 else 'plans'} "
                     f"outside the period {run.period.key}")
    return "\n".join(lines) + "\n"


KINDS = ("year", "half", "quarter", "month", "span")       # of periods, in turn
KINDS_OF_REPORT = ("ministry", "audit", "every")
EVERY = "every.template.yaml"     # written here: every field of docs/reports.md


def fields_of_docs():
    """The fields of the field table of docs/reports.md, by scope, in its order."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "docs", "reports.md"), encoding="utf-8") as f:
        text = f.read()
    names = []
    for line in text.split("\n"):
        if line.startswith("| `") and "." in line.split("|")[1]:
            names += re.findall(r"`([a-z]+\.[a-z_]+)`", line.split("|")[1])
    by_scope = {}
    for name in names:
        by_scope.setdefault(name.split(".")[0], []).append(name)
    return by_scope


def every_template(path):
    """A template whose five sheets show, between them, every field of
    docs/reports.md: a summary with the period, report and plan fields, activities
    with the plan's, sections' and activities', records with the plan's,
    activities' and records', deadlines with the plan's, activities' and
    deadlines', leads with the plan's, activities' and leads'; the fields it
    holds."""
    f = fields_of_docs()
    sheets = [("summary", "Tổng hợp", f["period"] + f["report"] + f["plan"]),
              ("activities", "Hoạt động", f["plan"] + f["section"] + f["activity"]),
              ("records", "Nhật ký", f["plan"] + f["activity"] + f["record"]),
              ("deadlines", "Thời hạn", f["plan"] + f["activity"] + f["deadline"]),
              ("leads", "Đơn vị chủ trì", f["plan"] + f["activity"] + f["lead"])]
    doc = {"template": "every", "title": "Mọi trường",
           "sheets": [{"kind": kind, "name": name,
                       "columns": [{"header": field, "field": field} for field in fields]}
                      for kind, name, fields in sheets]}
    with open(path, "w", encoding="utf-8") as out:
        yaml.safe_dump(doc, out, allow_unicode=True, sort_keys=False)
    return doc, {name for _, _, fields in sheets for name in fields}


def check_every(path, tpl, run):
    wb = openpyxl.load_workbook(path)
    expect(f"every {run.as_of}: sheets", wb.sheetnames, [s["name"] for s in tpl["sheets"]])
    for sheet in tpl["sheets"]:
        ws = wb[sheet["name"]]
        at = check_table(ws, sheet, run, 1, f"every {run.as_of} {sheet['name']}")
        if sheet["kind"] == "summary":
            check_totals(ws, sheet, run, at)


def render(kehoach, work, template, run):
    out = f"{template}-{run.as_of}.xlsx"
    name = EVERY if template == "every" else template
    signing = ["--date", run.as_of.isoformat(), "--number", "12"] if signed(run) else []
    proc = subprocess.run([kehoach, "report", "plans", "--template", name, "--period",
                           run.period.key, "--as-of", run.as_of.isoformat(), "-o", out]
                          + signing, cwd=work, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        problems.append(f"report {template} as of {run.as_of}: exit {proc.returncode}: "
                        f"{proc.stderr[:300]}")
        return None
    sheets = {"ministry": len(run.plans) + 1, "audit": 5, "every": 5}[template]
    expect(f"{template} {run.as_of}: summary line", proc.stdout,
           summary_line(out, template, run, sheets))
    return os.path.join(work, out)


def project_version():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "meson.build"), encoding="utf-8") as f:
        return re.search(r"version: '([^']+)'", f.read()).group(1)


def main():
    kehoach, plans_dir, templates = (os.path.abspath(a) for a in sys.argv[1:4])
    files = {name: os.path.join(templates, f"{name}.template.yaml") for name in KINDS_OF_REPORT
             if name != "every"}
    tpl = {name: yaml.safe_load(open(path, encoding="utf-8")) for name, path in files.items()}
    with tempfile.TemporaryDirectory(prefix="kehoach-figures-") as work:
        tpl["every"], every_fields = every_template(os.path.join(work, EVERY))
        shutil.copytree(plans_dir, os.path.join(work, "plans"))
        plans = [rules.Plan(path) for path in rules.plan_files(os.path.join(work, "plans"))]
        windows, duties = rules.read_windows(kehoach, plans)
        inputs = Inputs(work, plans, windows, duties, project_version())
        dues = sorted({w.due for ws in list(windows.values()) + list(duties.values())
                       for w in ws})
        days = sorted({d + datetime.timedelta(days=k) for d in dues for k in (-1, 0, 1)})
        for i, as_of in enumerate(days):
            period = period_holding(KINDS[i % len(KINDS)], as_of)
            for name in KINDS_OF_REPORT:
                run = Run(name, period, as_of, inputs)
                path = render(kehoach, work, name, run)
                if path and name == "ministry":
                    check_ministry(path, tpl[name], run)
                elif path and name == "audit":
                    check_audit(path, tpl[name], run, files[name])
                elif path:
                    check_every(path, tpl[name], run)
    never = sorted(every_fields - shown)
    if never:
        problems.append(f"fields never seen with a value in any workbook: {never}")
    for p in problems[:20]:
        print("FAILED", p)
    for kind, n in kinds_of(problems)[:20]:
        print(f"{n:6} differ: {kind}")
    print(f"{compared} figures in {len(KINDS_OF_REPORT) * len(days)} workbooks ({len(days)} "
          f"as-of dates around {len(dues)} due dates; {len(every_fields)} fields of docs/reports.md, "
          f"each seen with a value) compared: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
