#!/usr/bin/env python3
"""The audit export written the way a Python shop would write it: PyYAML's
C loader (yaml.CLoader, libyaml underneath) reads every plan and log, and
XlsxWriter in constant-memory mode writes the workbook. The national
benchmark times it beside `kehoach report --template audit`.

It writes the sheets, columns and rows of kehoach's audit export: one row
per activity ("Hoạt động"), per activity and lead ("Theo đơn vị chủ
trì"), per record up to the as-of date ("Nhật ký tiến độ"), per
occurrence of an activity or report ("Thời hạn"), per file read ("Nguồn
số liệu", with its SHA-256). Its reading of time phrases covers those the
national corpus (national.py) prints, and its status rules are the plain
ones (done by the due date, done late, overdue, in progress, open, not yet
due), so figures can differ from kehoach's on plans outside that corpus;
the work, the files read and the cells written are the same.

usage: audit_peer.py DIR --period FROM..TO --as-of DATE -o OUT.xlsx
"""
import argparse
import datetime
import hashlib
import os
import re
import sys
import unicodedata

import xlsxwriter
import yaml

STATES = {"done": "Hoàn thành", "done-late": "Hoàn thành muộn", "in-progress": "Đang thực hiện",
          "open": "Đang mở", "not-due": "Chưa đến kỳ", "overdue": "Quá hạn",
          "cancelled": "Hủy bỏ"}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def month_end(year, month):
    return datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)


def quarter(year, n):
    return (f"{year}-Q{n}", f"Quý {'I II III IV'.split()[n - 1]}/{year}",
            datetime.date(year, 3 * n - 2, 1), month_end(year, 3 * n))


def whole_year(year):
    return (str(year), f"Năm {year}", datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def window(first, last):
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and \
            first.year == last.year:
        return whole_year(first.year)
    return (f"{first.isoformat()}..{last.isoformat()}",
            f"{first:%d/%m/%Y} - {last:%d/%m/%Y}", first, last)


def occurrences(phrase, year):
    """[(key, label, first day, due)] of a time phrase."""
    if isinstance(phrase, dict):
        phrase = phrase.get("phrase", "")
    lines = [line for line in str(phrase).split("\n") if line.strip()]
    if len(lines) > 1:
        return [occ for line in lines for occ in occurrences(line, year)]
    text = lines[0].lower() if lines else ""
    if "hàng tháng" in text or "hằng tháng" in text:
        return [(f"{year}-{m:02d}", f"Tháng {m}/{year}", datetime.date(year, m, 1),
                 month_end(year, m)) for m in range(1, 13)]
    if "hằng quý" in text or "hàng quý" in text or re.search(r"quý i-iv", text):
        return [quarter(year, n) for n in range(1, 5)]
    m = re.search(r"(?:trước|chậm nhất) ngày (\d+)/(\d+)/(\d+)", text)
    if m:
        due = datetime.date(int(m[3]), int(m[2]), int(m[1]))
        return [window(datetime.date(year, 1, 1), due)]
    if "trước quý iii" in text or "6 tháng đầu năm" in text:
        return [(f"{year}-H1", f"6 tháng đầu năm {year}", datetime.date(year, 1, 1),
                 datetime.date(year, 6, 30))]
    m = re.search(r"từ tháng (\d+)/(\d+) đến tháng (\d+)/(\d+)", text)
    if m:
        return [window(datetime.date(int(m[2]), int(m[1]), 1), month_end(int(m[4]), int(m[3])))]
    m = re.match(r"tháng (\d+)/(\d+)", text)
    if m:
        month, y = int(m[1]), int(m[2])
        return [(f"{y}-{month:02d}", f"Tháng {month}/{y}", datetime.date(y, month, 1),
                 month_end(y, month))]
    m = re.match(r"quý ([ivx]+)((?:, [ivx]+)*)", text)
    if m:
        return [quarter(year, ROMAN[r.strip().upper()])
                for r in (m[1] + m[2]).split(",")]
    return [whole_year(year)]


def report_occurrences(report, year):
    if "due" in report:
        due = datetime.date.fromisoformat(str(report["due"]))
        return [(None,) + window(datetime.date(year, 1, 1), due)[1:]]
    every = report.get("every", [])
    every = [every] if isinstance(every, str) else every
    out = []
    if "first-half" in every or "half-year" in every:
        out.append((f"{year}-H1", f"6 tháng đầu năm {year}", datetime.date(year - 1, 12, 15),
                    datetime.date(year, 6, 25)))
    if "year" in every:
        out.append((str(year), f"Năm {year}", datetime.date(year - 1, 12, 15),
                    datetime.date(year, 12, 25)))
    return out


def fold(key):
    return unicodedata.normalize("NFC", key).casefold()


def unit_ids(registry):
    ids = {}
    for unit in registry or []:
        for name in [unit["id"], unit["name"]] + list(unit.get("aliases", [])):
            ids[fold(name)] = (unit["id"], unit["name"])
    return ids


def as_list(value):
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def status_of(first, due, folded, as_of):
    """(code, percent, done date) of one occurrence from its records."""
    if folded is None:
        return ("not-due" if first > as_of else "overdue" if due < as_of else "open"), 0, None
    state, percent, day = folded["state"], folded.get("percent", 0), folded["date"]
    if state == "done":
        return ("done" if day <= due else "done-late"), 100, day
    if state == "cancelled":
        return "cancelled", percent, None
    return ("overdue" if due < as_of else "in-progress"), percent, None


class Export:
    def __init__(self, path, as_of, period):
        self.book = xlsxwriter.Workbook(path, {"constant_memory": True})
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy"})
        self.bold = self.book.add_format({"bold": True})
        self.as_of, self.period = as_of, period
        self.sheets = {}
        for name, columns in (
                ("Hoạt động", ["Mã kế hoạch", "Số kế hoạch", "Mã mục", "Mục", "Mã hoạt động",
                               "Nội dung hoạt động", "Đơn vị chủ trì", "Mã đơn vị chủ trì",
                               "Đơn vị phối hợp", "Mã đơn vị phối hợp", "Thời gian thực hiện",
                               "Kết quả đầu ra", "Bắt đầu", "Hạn", "Tình trạng", "Mã tình trạng",
                               "Tỷ lệ (%)", "Số kỳ", "Số kỳ hoàn thành", "Chỉ tiêu",
                               "Kết quả thực hiện", "Cập nhật gần nhất", "Minh chứng"]),
                ("Theo đơn vị chủ trì", ["Mã kế hoạch", "Đơn vị chủ trì", "Mã đơn vị chủ trì",
                                         "Mã hoạt động", "Nội dung hoạt động", "Hạn",
                                         "Tình trạng", "Mã tình trạng", "Tỷ lệ (%)"]),
                ("Nhật ký tiến độ", ["Mã kế hoạch", "Ngày", "Mã hoạt động / báo cáo",
                                     "Nội dung hoạt động", "Kỳ", "Tình trạng", "Mã tình trạng",
                                     "Tỷ lệ (%)", "Số liệu", "Ghi chú", "Minh chứng",
                                     "Số văn bản báo cáo", "Người báo cáo",
                                     "Dòng trong nhật ký"]),
                ("Thời hạn", ["Mã kế hoạch", "Loại", "Mã", "Kỳ", "Nội dung",
                              "Đơn vị chủ trì / báo cáo", "Mã đơn vị chủ trì / báo cáo",
                              "Bắt đầu", "Hạn", "Số ngày còn lại", "Tình trạng",
                              "Mã tình trạng", "Ngày hoàn thành", "Số văn bản báo cáo"]),
                ("Nguồn số liệu", [])):
            sheet = self.book.add_worksheet(name)
            for col, title in enumerate(columns):
                sheet.write_string(0, col, title, self.bold)
            self.sheets[name] = [sheet, 1]
        self.sources = []

    def row(self, sheet_name, cells):
        sheet, row = self.sheets[sheet_name]
        for col, value in enumerate(cells):
            if value is None or value == "":
                continue
            if isinstance(value, datetime.date):
                sheet.write_datetime(row, col, datetime.datetime(value.year, value.month,
                                                                 value.day), self.date)
            elif isinstance(value, (int, float)):
                sheet.write_number(row, col, value)
            else:
                sheet.write_string(row, col, str(value))
        self.sheets[sheet_name][1] = row + 1

    def plan(self, path, registry):
        with open(path, "rb") as f:
            data = f.read()
        plan = yaml.load(data, Loader=yaml.CLoader)
        year = int(plan["year"])
        if not self.period[0].year <= year <= self.period[1].year:
            return
        self.sources.append((path, "Kế hoạch", plan["id"], hashlib.sha256(data).hexdigest()))
        records, lines = [], []
        log_path = path[:-len(".yaml")] + ".progress.yaml"
        if os.path.exists(log_path):
            with open(log_path, "rb") as f:
                log_data = f.read()
            self.sources.append((log_path, "Nhật ký tiến độ", plan["id"],
                                 hashlib.sha256(log_data).hexdigest()))
            records = yaml.load(log_data, Loader=yaml.CLoader).get("records") or []
            lines = [n + 1 for n, line in enumerate(log_data.split(b"\n"))
                     if line.startswith(b"- ")]
        ids = dict(registry)
        ids.update(unit_ids(plan.get("units")))
        folded, titles = {}, {}
        for record in records:
            if record["date"] > self.as_of:
                continue
            what = record.get("activity") or record.get("report")
            folded[(what, record.get("occurrence"))] = record
        plan_id = plan["id"]
        for section in plan.get("sections", []):
            for act in section.get("activities", []):
                titles[act["id"]] = act["title"]
                self.activity(plan, section, act, year, ids, folded)
        for number, report in enumerate(plan.get("reports", []), 1):
            report_id = f"BC{number}"
            by = as_list(report.get("by"))
            unit = ids.get(fold(by[0])) if by else None
            for key, label, first, due in report_occurrences(report, year):
                record = folded.get((report_id, key))
                code, _, done = status_of(first, due, record, self.as_of)
                self.row("Thời hạn", [plan_id, "Báo cáo", report_id, label, report.get("what"),
                                      "; ".join(by), unit[0] if unit else "", first, due,
                                      (due - self.as_of).days, STATES[code], code, done,
                                      record.get("document") if record else None])
        for number, record in enumerate(records):
            if record["date"] > self.as_of:
                continue
            what = record.get("activity") or record.get("report")
            values = "\n".join(f"{k}: {v}" for k, v in (record.get("values") or {}).items())
            self.row("Nhật ký tiến độ", [
                plan_id, record["date"], what, titles.get(what, ""), record.get("occurrence"),
                STATES.get(record["state"], record["state"]), record["state"],
                record.get("percent"), values, record.get("note"),
                "\n".join(record.get("evidence") or []), record.get("document"),
                record.get("by"), lines[number] if number < len(lines) else None])

    def activity(self, plan, section, act, year, ids, folded):
        occs = occurrences(act.get("time", ""), year)
        several = len(occs) > 1
        codes, percents, last, evidence, results = [], [], None, [], []
        leads = as_list(act.get("lead"))
        lead_units = [ids.get(fold(name)) for name in leads]
        for key, label, first, due in occs:
            record = folded.get((act["id"], key if several else None))
            code, percent, done = status_of(first, due, record, self.as_of)
            codes.append(code)
            percents.append(percent)
            if record:
                last = max(last or record["date"], record["date"])
                evidence += record.get("evidence") or []
                results.append(record.get("note", ""))
            self.row("Thời hạn", [plan["id"], "Hoạt động", act["id"], label, act["title"],
                                  "; ".join(leads),
                                  "; ".join(u[0] for u in lead_units if u), first, due,
                                  (due - self.as_of).days, STATES[code], code, done, None])
        code = ("overdue" if "overdue" in codes else "done" if all(
            c in ("done", "done-late") for c in codes) else "in-progress")
        targets = "\n".join(f"{t['name']}: {t.get('value', '')} {t.get('unit', '')}"
                            for t in act.get("targets") or [])
        partners = as_list(act.get("partners"))
        partner_ids = [ids.get(fold(name)) for name in partners]
        percent = sum(percents) // len(percents)
        due = occs[-1][3]
        self.row("Hoạt động", [
            plan["id"], plan.get("number"), section["id"], section["title"], act["id"],
            act["title"], "; ".join(leads), "; ".join(u[0] for u in lead_units if u),
            "; ".join(partners), "; ".join(u[0] for u in partner_ids if u),
            str(act.get("time", "")), act.get("output"), occs[0][2], due, STATES[code], code,
            percent, len(occs), sum(c in ("done", "done-late") for c in codes), targets,
            "\n".join(results[-1:]), last, "\n".join(evidence)])
        for name, unit in zip(leads, lead_units):
            self.row("Theo đơn vị chủ trì", [
                plan["id"], unit[1] if unit else name, unit[0] if unit else "", act["id"],
                act["title"], due, STATES[code], code, percent])

    def close(self, template_hash):
        sheet = self.sheets["Nguồn số liệu"][0]
        for row, (label, value) in enumerate((
                ("Ngày số liệu", self.as_of),
                ("Kỳ báo cáo", f"Từ {self.period[0]:%d/%m/%Y} đến {self.period[1]:%d/%m/%Y}"),
                ("Từ ngày", self.period[0]), ("Đến ngày", self.period[1]),
                ("Mẫu báo cáo", "audit (peer)"), ("SHA-256 của mẫu", template_hash),
                ("Phiên bản", "audit_peer"))):
            sheet.write_string(row, 0, label)
            if isinstance(value, datetime.date):
                sheet.write_datetime(row, 1, datetime.datetime(value.year, value.month,
                                                               value.day), self.date)
            else:
                sheet.write_string(row, 1, value)
        for col, title in enumerate(["Tệp đầu vào", "Loại", "Mã kế hoạch", "SHA-256"]):
            sheet.write_string(8, col, title, self.bold)
        for row, source in enumerate(self.sources, 9):
            for col, value in enumerate(source):
                sheet.write_string(row, col, value)
        self.book.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir")
    parser.add_argument("--period", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    period = tuple(datetime.date.fromisoformat(p) for p in args.period.split(".."))
    export = Export(args.output, datetime.date.fromisoformat(args.as_of), period)
    for folder, dirs, files in os.walk(args.dir):
        dirs.sort()
        registry = {}
        if "units.yaml" in files:
            with open(os.path.join(folder, "units.yaml"), "rb") as f:
                registry = unit_ids(yaml.load(f.read(), Loader=yaml.CLoader)["units"])
        for name in sorted(files):
            if name.endswith(".yaml") and name != "units.yaml" and \
                    not name.endswith(".progress.yaml") and ".notes-" not in name:
                export.plan(os.path.join(folder, name), registry)
    export.close(hashlib.sha256(b"audit").hexdigest())
    return 0


if __name__ == "__main__":
    sys.exit(main())
