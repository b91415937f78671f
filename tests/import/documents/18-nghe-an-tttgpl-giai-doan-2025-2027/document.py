"""A provincial Legal Aid Centre's plan for three years ("giai đoạn 2025
– 2027", an en dash), its name broken over two lines of the header;
sections and their tasks numbered by Word ("1.", "a)" from numbering.xml,
not in the text); a section's units said once in a sentence before its
tasks ("Phòng ... chủ trì, phối hợp với ... thực hiện các nhiệm vụ
sau:"), each task followed by its own line "Thời gian thực hiện: Hằng
năm" / "Quý I các năm 2025, 2026, 2027"; the last section's tasks carry
their units on labelled lines instead."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "txt-lo", "cp1258"]


def build(path):
    d = Doc()
    d.header_table(
        ["SỞ TƯ PHÁP TỈNH NGHỆ AN", "*TRUNG TÂM TRỢ GIÚP", "*PHÁP LÝ NHÀ NƯỚC", "", "Số: 15/KH-TTTGPL"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Nghệ An, ngày 26 tháng 12 năm 2024"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Nâng cao chất lượng vụ việc trợ giúp pháp lý giai đoạn 2025 – 2027", bold=True)
    d.para("Căn cứ Quyết định số 1208/QĐ-STP ngày 16/12/2024 của Giám đốc Sở Tư pháp tỉnh Nghệ An về việc "
           "giao chỉ tiêu vụ việc tham gia tố tụng giai đoạn 2025 – 2027, Trung tâm Trợ giúp pháp lý nhà "
           "nước tỉnh Nghệ An xây dựng Kế hoạch như sau:", align=JUSTIFY)
    d.para("I. MỤC TIÊU", bold=True)
    d.para("Hằng năm, ít nhất 90% vụ việc tham gia tố tụng được thẩm định đạt chất lượng; không có vụ "
           "việc bị khiếu nại về chất lượng.", align=JUSTIFY)
    d.para("II. NHIỆM VỤ VÀ GIẢI PHÁP", bold=True)
    lst = d.numbered([("decimal", "%1."), ("letter", "%2)")])
    when = "Thời gian thực hiện: "
    d.para("Kiểm soát chất lượng vụ việc", bold=True, num=lst, level=0)
    d.para("Phòng Nghiệp vụ chủ trì, phối hợp với các Chi nhánh Trợ giúp pháp lý thực hiện các nhiệm vụ "
           "sau:", align=JUSTIFY)
    d.para("Thẩm định chất lượng vụ việc tham gia tố tụng đã kết thúc.", num=lst, level=1)
    d.para(when + "Hằng năm.", italic=True)
    d.para("Lấy ý kiến người được trợ giúp pháp lý về chất lượng vụ việc bằng phiếu khảo sát.",
           num=lst, level=1)
    d.para(when + "Quý IV các năm 2025, 2026, 2027.", italic=True)
    d.para("Bồi dưỡng đội ngũ người thực hiện trợ giúp pháp lý", bold=True, num=lst, level=0)
    d.para("Phòng Hành chính - Tổng hợp chủ trì, phối hợp với Phòng Nghiệp vụ thực hiện các nhiệm vụ "
           "sau:", align=JUSTIFY)
    d.para("Tổ chức tập huấn chuyên sâu kỹ năng tham gia tố tụng cho trợ giúp viên pháp lý.",
           num=lst, level=1)
    d.para(when + "Quý I các năm 2025, 2026, 2027.", italic=True)
    d.para("Cử trợ giúp viên pháp lý tham dự lớp bồi dưỡng do Cục Trợ giúp pháp lý tổ chức.",
           num=lst, level=1)
    d.para(when + "Theo thông báo của Cục Trợ giúp pháp lý.", italic=True)
    d.para("Sơ kết, tổng kết", bold=True, num=lst, level=0)
    d.para("Sơ kết việc thực hiện Kế hoạch giai đoạn 2025 – 2026.", num=lst, level=1)
    d.para("Đơn vị thực hiện: Phòng Hành chính - Tổng hợp.", italic=True)
    d.para(when + "Tháng 12/2026.", italic=True)
    d.para("Tổng kết việc thực hiện Kế hoạch, đề xuất nhiệm vụ giai đoạn tiếp theo.", num=lst, level=1)
    d.para("Đơn vị chủ trì: Phòng Hành chính - Tổng hợp; đơn vị phối hợp: Phòng Nghiệp vụ.", italic=True)
    d.para(when + "Quý IV/2027.", italic=True)
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Các phòng, Chi nhánh báo cáo kết quả thực hiện Kế hoạch về Phòng Hành chính - Tổng hợp trước "
           "ngày 15/11 hằng năm để tổng hợp, báo cáo Giám đốc Trung tâm.", align=JUSTIFY)
    d.signature(["- Sở Tư pháp (b/c);", "- Các phòng, Chi nhánh;", "- Lưu: VT, HCTH."],
                [], "GIÁM ĐỐC", "Hồ Sỹ Tuấn")
    d.save(path)
