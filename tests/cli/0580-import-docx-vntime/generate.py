# writes plan.docx: a plan as an office typed it in Word years ago, in
# the TCVN3 (ABC) fonts: the body in .VnTime, through the Normal style;
# the capitals (the header's lines, the title, the parts) in .VnTimeH,
# on their runs. Word keeps such text as the fonts' bytes ("KÕ ho¹ch"),
# so the text written here is encoded by the table below, from the
# layout of TCVN 5712:1993 VN3. One paragraph, added later, is typed in
# Unicode and Times New Roman.
from docxplan import Plan

# the letters of VN3 at 0xA1-0xFE (capitals without a tone mark, then
# small letters; a capital with a tone has no code but in a capitals
# font, which draws the small letter's code as its capital)
VN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư",
    0xA7: "Đ", 0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ",
    0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ",
    0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
CODE = {letter: chr(b) for b, letter in VN3.items()}


def vntime(text):
    """text as typed in .VnTime (an error for a letter it cannot type)"""
    return "".join(c if c < "\x80" else CODE[c] for c in text)


def vntimeh(text):
    """text in capitals as typed in .VnTimeH"""
    return "".join(c if c < "\x80" else CODE[c.lower()] for c in text)


# the two lines every Vietnamese typist knows in this font
assert vntime("Cộng hoà xã hội chủ nghĩa Việt Nam") == "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
assert vntime("Độc lập - Tự do - Hạnh phúc") == "§éc lËp - Tù do - H¹nh phóc"


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
