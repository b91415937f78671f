# the bundled example's blank form, filled wrong in five ways
import datetime
import os

import openpyxl

here = os.path.dirname(os.path.abspath(__file__))
wb = openpyxl.load_workbook(os.path.join(here, "..", "..", "forms", "example",
                                         "so-y-te.xlsx"))
ws = next(s for s in wb if s.sheet_state == "visible" and s.title != "Hướng dẫn")
header = next(r for r in ws.iter_rows() if r[0].value == "Khóa (không sửa)")
col = {c.value: c.column for c in header if c.value}
rows = {r[0].value: r[0].row for r in ws.iter_rows(min_row=header[0].row + 1)}


def put(key, name, value):
    ws.cell(row=rows[key], column=col[name], value=value)


nb = "ninh-binh-syt-tgpl-2026|"
put(nb + "1.2|", "Ghi chú", "đã xong")                       # no state
put(nb + "2.2|", "Tình trạng mới", "Hoàn thành")
put(nb + "2.2|", "Ngày hoàn thành / cập nhật", "31/11/2026")  # no such day
put(nb + "2.3|", "Tình trạng mới", "Đang thực hiện")
put(nb + "2.3|", "Tỷ lệ hoàn thành (%)", 120)                 # over 100
put(nb + "3.1|", "Tình trạng mới", "Xong rồi")                # not a state
put(nb + "3.2|", "Tình trạng mới", "Đang thực hiện")
put(nb + "3.2|", "Số văn bản báo cáo", "Số 9/BC-SYT")          # not a report
put(nb + "BC1|2026", "Tình trạng mới", "Hoàn thành")
put(nb + "BC1|2026", "Ngày hoàn thành / cập nhật",
    datetime.datetime(2026, 11, 28))
put(nb + "BC1|2026", "Tỷ lệ hoàn thành (%)", 100)              # a report
wb.save("wrong.xlsx")
