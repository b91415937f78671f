# A two-page plan as an office prints it: written as a Word file
# (python3-docx), turned into a PDF by LibreOffice Writer, as a signed
# plan reaches kehoach. The header is a borderless table of two columns
# whose right one is narrow enough to break the national motto; the
# activities are a table whose cells wrap; the page number stands at the
# top of every page, and a row of the table runs on from the first page
# to the second.
import os
import shutil
import subprocess

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

doc = Document()
normal = doc.styles["Normal"]
normal.font.name = "Liberation Serif"
normal.font.size = Pt(13)
sec = doc.sections[0]
sec.page_height, sec.page_width = Cm(29.7), Cm(21)
sec.left_margin, sec.right_margin = Cm(3), Cm(2)
sec.top_margin = sec.bottom_margin = Cm(2)


def page_number(par):
    run = par.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


top = sec.header.paragraphs[0]
top.alignment = WD_ALIGN_PARAGRAPH.CENTER
page_number(top)

left = ["UBND TỈNH BẠC LIÊU", "SỞ TƯ PHÁP", "Số: 12/KH-STP"]
right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Bạc Liêu, ngày 05 tháng 3 năm 2025"]
head = doc.add_table(rows=3, cols=2)
for i in range(3):
    for j, column in enumerate((left, right)):
        p = head.cell(i, j).paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(column[i])
        run.bold = i < 2
        run.italic = j == 1 and i == 2


def para(text, bold=False, center=False, indent=True):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent and not center:
        p.paragraph_format.first_line_indent = Cm(1)
    p.paragraph_format.space_after = Pt(3)
    p.add_run(text).bold = bold


para("KẾ HOẠCH", bold=True, center=True)
para("Triển khai công tác trợ giúp pháp lý trên địa bàn tỉnh năm 2025", bold=True, center=True)
para("Thực hiện Quyết định số 1234/QĐ-UBND ngày 20 tháng 01 năm 2025 của Ủy ban nhân dân "
     "tỉnh về việc ban hành Chương trình công tác tư pháp năm 2025, Sở Tư pháp ban hành Kế "
     "hoạch triển khai công tác trợ giúp pháp lý trên địa bàn tỉnh năm 2025 như sau:")
para("I. MỤC ĐÍCH, YÊU CẦU", bold=True, indent=False)
para("1. Mục đích", bold=True)
para("Nâng cao chất lượng dịch vụ trợ giúp pháp lý, bảo đảm quyền được trợ giúp pháp lý "
     "của người dân thuộc diện được trợ giúp pháp lý theo quy định của Luật Trợ giúp pháp lý "
     "năm 2017 và các văn bản hướng dẫn thi hành trên địa bàn tỉnh.")
para("Tăng cường sự phối hợp giữa các cơ quan tiến hành tố tụng, Ủy ban nhân dân cấp xã và "
     "Trung tâm Trợ giúp pháp lý Nhà nước trong việc giới thiệu, chuyển yêu cầu trợ giúp pháp "
     "lý, bảo đảm mọi người thuộc diện được trợ giúp pháp lý đều được tiếp cận dịch vụ kịp "
     "thời, đúng quy định.")
para("Nâng cao nhận thức pháp luật, ý thức tuân thủ pháp luật của người dân, nhất là người "
     "nghèo, người dân tộc thiểu số, trẻ em, người khuyết tật, nạn nhân của bạo lực gia đình "
     "và các đối tượng yếu thế khác; kịp thời giải đáp vướng mắc pháp luật, hướng dẫn người "
     "dân thực hiện quyền và nghĩa vụ của mình, góp phần giữ vững ổn định chính trị, trật tự, "
     "kỷ cương xã hội ở cơ sở và nâng cao hiệu quả công tác quản lý nhà nước về trợ giúp pháp "
     "lý trên địa bàn tỉnh trong năm 2025 và những năm tiếp theo.")
para("2. Yêu cầu", bold=True)
para("Các hoạt động phải được triển khai đồng bộ, thiết thực, hiệu quả, phù hợp với điều "
     "kiện thực tế của địa phương và bảo đảm tiết kiệm, đúng quy định của pháp luật hiện "
     "hành về quản lý tài chính.")
para("Việc tổ chức thực hiện phải gắn với trách nhiệm của người đứng đầu cơ quan, đơn vị; "
     "kết quả thực hiện được đánh giá, báo cáo đúng thời hạn.")
para("II. NỘI DUNG", bold=True, indent=False)
rows = [
    ("STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"),
    ("1", "Truyền thông về trợ giúp pháp lý cho người dân tại các xã vùng sâu, vùng xa",
     "Trung tâm Trợ giúp pháp lý Nhà nước", "Ủy ban nhân dân cấp xã", "Quý II"),
    ("2", "Thực hiện vụ việc trợ giúp pháp lý tham gia tố tụng",
     "Trung tâm Trợ giúp pháp lý Nhà nước", "Công an tỉnh, Tòa án nhân dân tỉnh", "Cả năm"),
    ("3", "Tập huấn nâng cao kỹ năng cho trợ giúp viên pháp lý", "Sở Tư pháp",
     "Trung tâm Trợ giúp pháp lý Nhà nước", "Quý III"),
    ("4", "Kiểm tra việc thực hiện trợ giúp pháp lý tại các chi nhánh", "Sở Tư pháp",
     "Phòng Tư pháp cấp huyện", "Tháng 10"),
]
table = doc.add_table(rows=len(rows), cols=len(rows[0]))
table.style = "Table Grid"
table.autofit = False
widths = [Cm(1.5), Cm(5.5), Cm(3.5), Cm(3.3), Cm(2.2)]
for j, w in enumerate(widths):
    table.columns[j].width = w
for i, row in enumerate(rows):
    for j, text in enumerate(row):
        cell = table.cell(i, j)
        cell.width = widths[j]
        cell.paragraphs[0].add_run(text).bold = i == 0
para("III. KINH PHÍ", bold=True, indent=False)
para("Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách nhà nước giao cho Sở Tư "
     "pháp và Trung tâm Trợ giúp pháp lý Nhà nước năm 2025 theo phân cấp ngân sách hiện "
     "hành, cùng các nguồn kinh phí hợp pháp khác được huy động theo quy định của pháp luật "
     "về ngân sách nhà nước và hướng dẫn của Bộ Tư pháp về trợ giúp pháp lý trong năm nay.")
para("IV. TỔ CHỨC THỰC HIỆN", bold=True, indent=False)
para("1. Trung tâm Trợ giúp pháp lý Nhà nước báo cáo kết quả thực hiện Kế hoạch về Sở Tư "
     "pháp trước ngày 30/11/2025.")
para("2. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh "
     "về Sở Tư pháp để được hướng dẫn, giải quyết theo thẩm quyền.")
para("Trên đây là Kế hoạch triển khai công tác trợ giúp pháp lý năm 2025 của Sở Tư pháp./.")
para("Nơi nhận:", bold=True, indent=False)
para("- UBND tỉnh;", indent=False)
para("- Lưu: VT.", indent=False)
para("GIÁM ĐỐC", bold=True, center=True)
para("Nguyễn Văn An", bold=True, center=True)
doc.save("plan.docx")

profile = os.path.abspath("lo-profile")
subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                "--convert-to", "pdf", "plan.docx"],
               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
shutil.rmtree(profile, ignore_errors=True)
os.remove("plan.docx")
