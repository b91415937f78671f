"""A Sở's plan whose header is a borderless table of two rows: issuer and
motto in the first, "Số: ..." and the place and date in cells of their
own in the second; the tasks in a table "STT | Nhiệm vụ | Cơ quan chủ
trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm" whose group
headings are rows merged across every column, the STT cells numbered by
Word (numbering.xml: the numbers are not in the text, and run on across
the groups), one partners cell holding two paragraphs."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen import CENTER, Doc, JUSTIFY

FORMATS = ["docx", "pdf", "txt-lo"]


def header(d):
    table = d.doc.add_table(rows=2, cols=2)
    cells = [
        ["UBND TỈNH HÀ TĨNH", "*SỞ TƯ PHÁP"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc"],
        ["Số: 27/KH-STP"],
        ["_Hà Tĩnh, ngày 05 tháng 3 năm 2025"],
    ]
    for cell, lines in zip([c for row in table.rows for c in row.cells], cells):
        cell.paragraphs[0].text = ""
        for i, line in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p.alignment = CENTER
            run = p.add_run(line.lstrip("_*"))
            run.font.size = Pt(12)
            run.italic = line.startswith("_")
            run.bold = line.startswith("*")
    d._widths(table, [2.3, 4.0])


def number_cell(cell, num):
    """The cell's first paragraph carries the list's number, not text."""
    ppr = cell.paragraphs[0]._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", str(num))):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        numpr.append(el)
    ppr.append(numpr)


def build(path):
    d = Doc()
    header(d)
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Phối hợp thực hiện trợ giúp pháp lý cho nạn nhân bạo lực gia đình năm 2025", bold=True)
    d.para("Thực hiện Chỉ thị số 02/CT-BTP ngày 10/01/2025 của Bộ trưởng Bộ Tư pháp về nhiệm vụ trọng "
           "tâm công tác tư pháp năm 2025; Kế hoạch số 45/KH-UBND ngày 24/01/2025 của UBND tỉnh về công "
           "tác phòng, chống bạo lực gia đình năm 2025, Sở Tư pháp ban hành Kế hoạch như sau:",
           align=JUSTIFY)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("Nạn nhân bạo lực gia đình thuộc diện trợ giúp pháp lý được phát hiện, giới thiệu và trợ giúp "
           "pháp lý kịp thời; các cơ quan phối hợp chặt chẽ trong chuyển gửi yêu cầu.", align=JUSTIFY)
    d.para("II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", bold=True)
    center = "Trung tâm Trợ giúp pháp lý nhà nước"
    rows = [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
        ["Nhóm nhiệm vụ truyền thông, nâng cao nhận thức", "<", "<", "<", "<", "<"],
        ["", "Xây dựng phóng sự về trợ giúp pháp lý cho nạn nhân bạo lực gia đình", center,
         "Đài Phát thanh - Truyền hình Hà Tĩnh", "Tháng 6/2025", "01 phóng sự"],
        ["", "Cấp phát tờ gấp về quyền được trợ giúp pháp lý tại nhà tạm lánh, cơ sở trợ giúp xã hội", center,
         "Sở Văn hóa, Thể thao và Du lịch; Hội Liên hiệp Phụ nữ tỉnh", "Quý II/2025", "3.000 tờ gấp"],
        ["Nhóm nhiệm vụ trợ giúp pháp lý và phối hợp", "<", "<", "<", "<", "<"],
        ["", "Tiếp nhận, thụ lý yêu cầu trợ giúp pháp lý của nạn nhân bạo lực gia đình có khó khăn về "
         "tài chính", center, "Công an tỉnh;\nTòa án nhân dân tỉnh", "Thường xuyên", "Vụ việc được thụ lý"],
        ["", "Ký quy chế phối hợp giới thiệu, chuyển gửi nạn nhân bạo lực gia đình", "Sở Tư pháp",
         "Hội Liên hiệp Phụ nữ tỉnh", "Trước ngày 30/6/2025", "Quy chế phối hợp"],
        ["", "Tập huấn kỹ năng hỗ trợ nạn nhân bạo lực gia đình cho trợ giúp viên pháp lý, luật sư", center,
         "Sở Y tế", "Quý III/2025", "01 lớp tập huấn"],
        ["", "Sơ kết 06 tháng việc thực hiện Kế hoạch", "Văn phòng Sở", "Các đơn vị thuộc Sở", "Tháng 7/2025",
         "Báo cáo sơ kết"],
    ]
    table = d.table(rows)
    num = d.numbered([("decimal", "%1.")])
    for r, row in enumerate(rows):
        if r > 0 and row[0] == "":
            number_cell(table.cell(r, 0), num)
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Các đơn vị được giao chủ trì báo cáo kết quả thực hiện về Sở Tư pháp (qua Văn phòng Sở) trước "
           "ngày 15/11/2025 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.", align=JUSTIFY)
    d.signature(["- UBND tỉnh (b/c);", "- Công an tỉnh;", "- Hội LHPN tỉnh;", "- Lưu: VT, TTTGPL."],
                ["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Trần Thị Minh Nguyệt")
    d.save(path)
