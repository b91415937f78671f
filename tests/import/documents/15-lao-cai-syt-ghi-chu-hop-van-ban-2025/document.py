"""A Sở Y tế's plan with what a .docx carries besides its text: the
place and date in a text box under the header table, a footnote on a
citation (a second plan named only there), reviewers' comments on an
activity and on a cell that propose other units and times, none of it
the plan's; activities in a table with the short columns "TT | Nội dung |
Chủ trì | Phối hợp | Thời gian"."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["UBND TỈNH LÀO CAI", "*SỞ Y TẾ", "", "Số: 640/KH-SYT"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc"])
    d.textbox(d.para(align=WD_ALIGN_PARAGRAPH.RIGHT), ["Lào Cai, ngày 17 tháng 3 năm 2025"])
    d.center("KẾ HOẠCH", bold=True)
    d.center("Phối hợp thực hiện trợ giúp pháp lý cho người bệnh thuộc diện được trợ giúp pháp lý năm 2025",
             bold=True)
    p = d.para("Thực hiện Kế hoạch số 58/KH-UBND ngày 21/02/2025 của Ủy ban nhân dân tỉnh Lào Cai về công "
               "tác trợ giúp pháp lý năm 2025, Sở Y tế ban hành Kế hoạch phối hợp như sau:", align=JUSTIFY)
    d.footnote(p, "Kế hoạch số 58/KH-UBND đã được sửa đổi, bổ sung bởi Kế hoạch số 97/KH-UBND ngày "
                  "02/4/2025 của Ủy ban nhân dân tỉnh.")
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("Người bệnh thuộc diện trợ giúp pháp lý được giới thiệu, hỗ trợ tiếp cận trợ giúp pháp lý ngay "
           "tại cơ sở khám bệnh, chữa bệnh.")
    d.para("II. NỘI DUNG PHỐI HỢP", bold=True)
    table = d.table([
        ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
        ["1", "Niêm yết thông tin trợ giúp pháp lý tại khoa khám bệnh của các bệnh viện tuyến tỉnh",
         "Phòng Nghiệp vụ Y", "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Quý II/2025"],
        ["2", "Giới thiệu người bệnh có vướng mắc pháp luật đến Trung tâm Trợ giúp pháp lý nhà nước tỉnh",
         "Các bệnh viện tuyến tỉnh", "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Thường xuyên"],
        ["3", "Tập huấn về trợ giúp pháp lý cho nhân viên công tác xã hội của bệnh viện",
         "Phòng Tổ chức cán bộ", "Sở Tư pháp", "Tháng 9/2025"],
        ["4", "Tổng hợp, đánh giá kết quả phối hợp", "Văn phòng Sở", "Các bệnh viện tuyến tỉnh",
         "Tháng 11/2025"],
    ])
    d.comment(table.cell(1, 4).paragraphs[0], "Đề nghị lùi sang Quý III/2025 cho phù hợp kinh phí.")
    d.comment(table.cell(3, 1).paragraphs[0],
              "Xem xét giao Bệnh viện Đa khoa tỉnh chủ trì, phối hợp với Hội Luật gia tỉnh.")
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Văn phòng Sở tổng hợp, báo cáo Sở Tư pháp kết quả phối hợp trước ngày 20/11/2025.")
    d.signature(["- Sở Tư pháp;", "- Các bệnh viện tuyến tỉnh;", "- Lưu: VT, NVY."],
                ["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Hoàng Thị Mai")
    d.save(path)
