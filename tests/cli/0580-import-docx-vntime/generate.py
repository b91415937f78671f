# writes plan.docx: a plan as an office typed it in Word years ago, in
# the TCVN3 (ABC) fonts: the body in .VnTime, through the Normal style;
# the capitals (the header's lines, the title, the parts) in .VnTimeH,
# on their runs. Word keeps such text as the fonts' bytes ("KÕ ho¹ch"),
# so the text written here is typed so, by glibc's TCVN5712-1 for the
# letters VN3 shares with it (tests/import/vnenc.py). One paragraph,
# added later, is typed in Unicode and Times New Roman.
import os
import sys

import docxplan
from docxplan import Plan

sys.path.insert(0, os.path.join(os.path.dirname(docxplan.__file__), "import"))
import vnenc  # noqa: E402


def vntime(text):
    """text as typed in .VnTime: the fonts' bytes as code points"""
    return vnenc.tcvn3(text).decode("latin-1")


def vntimeh(text):
    """text in capitals as typed in .VnTimeH"""
    return vnenc.tcvn3_capitals(text).decode("latin-1")


# the two lines every Vietnamese typist knows in this font
assert vntime("Cộng hoà xã hội chủ nghĩa Việt Nam") == "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
assert vntime("Độc lập - Tự do - Hạnh phúc") == "§éc lËp - Tù do - H¹nh phóc"
assert vntimeh("KẾ HOẠCH") == "KÕ HO¹CH"


def capitals(paragraph):
    for run in paragraph.runs:
        run.text = vntimeh(run.text)
        run.font.name = ".VnTimeH"


p = Plan()
p.doc.styles["Normal"].font.name = ".VnTime"
header = p.table([["UBND TỈNH BẠC LIÊU\nSỞ TƯ PHÁP\n-------",
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                   "---------------"],
                  ["Số: 45/KH-STP", "Bạc Liêu, ngày 10 tháng 01 năm 2025"]], layout=True)
for row in header.rows:
    for cell in row.cells:
        for para in cell.paragraphs:
            if para.text.isupper():
                capitals(para)
            else:
                for run in para.runs:
                    run.text = vntime(run.text)


def para(text, **kw):
    return p.para(vntime(text), **kw)


capitals(p.para("KẾ HOẠCH", bold=True))
para("Triển khai công tác trợ giúp pháp lý năm 2025", bold=True)
para("Căn cứ Quyết định số 123/QĐ-UBND ngày 05/01/2025 của UBND tỉnh "
     "về công tác trợ giúp pháp lý năm 2025, Sở Tư pháp ban hành Kế hoạch triển "
     "khai công tác trợ giúp pháp lý năm 2025 như sau:")
parts = p.list([("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")])
bullets = p.list([("bullet", "\uf0b7")])
capitals(p.para("MỤC ĐÍCH, YÊU CẦU", num=parts, level=0, bold=True))
para("Mục đích", num=parts, level=1)
para("Nâng cao chất lượng trợ giúp pháp lý cho người được trợ giúp pháp lý.",
     num=bullets)
capitals(p.para("NỘI DUNG", num=parts, level=0, bold=True))
para("Truyền thông về trợ giúp pháp lý", num=parts, level=1)
para("Tổ chức truyền thông về trợ giúp pháp lý tại các xã vùng sâu", num=parts, level=2)
para("Đơn vị chủ trì: Trung tâm Trợ giúp pháp lý nhà nước")
para("Đơn vị phối hợp: UBND cấp xã; Phòng Dân tộc")
para("Thời gian thực hiện: Quý II, III")
para("Sản phẩm: Các đợt truyền thông")
# typed later, in Unicode
late = p.para("Biên soạn, in ấn tờ gấp pháp luật về trợ giúp pháp lý", num=parts, level=2)
late.runs[0].font.name = "Times New Roman"
para("Đơn vị chủ trì: Trung tâm Trợ giúp pháp lý nhà nước")
para("Thời gian thực hiện: Quý I")
para("Sản phẩm: 2.000 tờ gấp")
capitals(p.para("TỔ CHỨC THỰC HIỆN", num=parts, level=0, bold=True))
para("Trung tâm Trợ giúp pháp lý nhà nước có trách nhiệm triển khai Kế hoạch này, "
     "báo cáo Sở Tư pháp kết quả thực hiện trước ngày 15/11/2025.", num=parts, level=1)
para("Trên đây là Kế hoạch triển khai công tác trợ giúp pháp lý năm 2025 của Sở Tư pháp.")
sign = p.table([["Nơi nhận:\n- Cục Trợ giúp pháp lý;\n- UBND tỉnh;\n- Lưu: VT.",
                 "GIÁM ĐỐC\n\n\nLê Văn Minh"]], layout=True)
for row in sign.rows:
    for cell in row.cells:
        for para_ in cell.paragraphs:
            if para_.text.isupper():
                capitals(para_)
            else:
                for run in para_.runs:
                    run.text = vntime(run.text)
p.save("plan.docx")
