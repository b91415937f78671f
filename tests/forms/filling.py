"""filling.py - a Sở Y tế progress form filled the way people fill it, and
saved again by a spreadsheet application: shared by roundtrip.py (which
checks what is recorded) and make_example.py (the bundled example).

FILL: for each row's key, the cells typed (by header) and the record it
must give: a state from the list and one typed in lower case, dates as
dates and as text, percent as 100, 0.8, "70%" and "85" (text), a target's
value typed as text, a report's number, notes, evidence in two parts."""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

# What each filled row says: key -> (cells by header, the record expected)
FILL = {
    "ninh-binh-syt-tgpl-2026|1.2|": (
        {"Tình trạng mới": "Hoàn thành",
         "Ngày hoàn thành / cập nhật": datetime.datetime(2026, 11, 20),
         "Tỷ lệ hoàn thành (%)": 100,
         "Ghi chú": "Đã lồng ghép ở 24/24 cơ sở",
         "Minh chứng": "Báo cáo số 12/BC-SYT; ảnh chụp màn hình"},
        {"activity": "1.2", "state": "done", "date": "2026-11-20",
         "percent": 100, "note": "Đã lồng ghép ở 24/24 cơ sở",
         "evidence": ["Báo cáo số 12/BC-SYT", "ảnh chụp màn hình"]}),
    "ninh-binh-syt-tgpl-2026|2.2|": (
        {"Tình trạng mới": "Đang thực hiện",
         "Ngày hoàn thành / cập nhật": "15/10/2026",
         "Tỷ lệ hoàn thành (%)": 0.8},
        {"activity": "2.2", "state": "in-progress", "date": "2026-10-15",
         "percent": 80}),
    "ninh-binh-syt-tgpl-2026|2.3|": (
        {"Tình trạng mới": "đang thực hiện",
         "Ngày hoàn thành / cập nhật": datetime.datetime(2026, 11, 30),
         "Tỷ lệ hoàn thành (%)": "70%"},
        {"activity": "2.3", "state": "in-progress", "date": "2026-11-30",
         "percent": 70}),
    "ninh-binh-syt-tgpl-2026|3.1|": (
        {"Tình trạng mới": "Hủy bỏ",
         "Ngày hoàn thành / cập nhật": "01/11/2026",
         "Ghi chú": "Không còn đối tượng"},
        {"activity": "3.1", "state": "cancelled", "date": "2026-11-01",
         "note": "Không còn đối tượng"}),
    "hai-phong-nkt-2026|1.a|": (
        {"Tình trạng mới": "Đang thực hiện",
         "Ngày hoàn thành / cập nhật": datetime.datetime(2026, 11, 25),
         "Tỷ lệ hoàn thành (%)": "85",
         "TARGET": "96"},
        {"activity": "1.a", "state": "in-progress", "date": "2026-11-25",
         "percent": 85, "values": 96}),
    "ninh-binh-syt-tgpl-2026|BC1|2026": (
        {"Tình trạng mới": "Hoàn thành",
         "Ngày hoàn thành / cập nhật": datetime.datetime(2026, 11, 28),
         "Số văn bản báo cáo": "Số 45/BC-SYT"},
        {"report": "BC1", "occurrence": "2026", "state": "done",
         "date": "2026-11-28", "document": "Số 45/BC-SYT"}),
}


def fill(path, out):
    wb = openpyxl.load_workbook(path)
    ws = next(s for s in wb if s.sheet_state == "visible" and any(
        c.value == "Khóa (không sửa)" for row in s.iter_rows(max_row=10)
        for c in row))
    header = next(row for row in ws.iter_rows()
                  if row[0].value == "Khóa (không sửa)")
    cols = {c.value: c.column for c in header if c.value}
    target = next(h for h in cols if h.startswith("Tỷ lệ người khuyết tật"))
    seen = set()
    for row in ws.iter_rows(min_row=header[0].row + 1):
        key = row[0].value
        if key in FILL:
            seen.add(key)
            for h, v in FILL[key][0].items():
                ws.cell(row=row[0].row, column=cols[target if h == "TARGET"
                                                    else h], value=v)
    missing = set(FILL) - seen
    if missing:
        sys.exit(f"rows not in the form: {sorted(missing)}")
    wb.save(out)
    return target.rsplit(" (", 1)[0]


def resave(app, src, folder):
    os.makedirs(folder)
    if app == "libreoffice":
        profile = tempfile.mkdtemp(prefix="lo-profile-")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}",
                        "--headless", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", folder,
                        src], check=True, capture_output=True, timeout=300)
        shutil.rmtree(profile, ignore_errors=True)
        return os.path.join(folder, os.path.basename(src))
    out = os.path.join(folder, os.path.basename(src))
    subprocess.run(["ssconvert", src, out], check=True, capture_output=True,
                   timeout=300)
    return out
