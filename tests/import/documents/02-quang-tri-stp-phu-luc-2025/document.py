"""A Sở's plan whose activities are only in an appendix after the
signature ("PHỤ LỤC ... (Kèm theo Kế hoạch số ...)"), a table with
columns "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |
Kết quả"; the body has purposes and "Tổ chức thực hiện" only."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["UBND TỈNH QUẢNG TRỊ", "*SỞ TƯ PHÁP", "", "Số: 45/KH-STP"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Quảng Trị, ngày 20 tháng 02 năm 2025"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Trợ giúp pháp lý cho người bị buôn bán và nạn nhân bạo lực gia đình năm 2025", bold=True)
    d.para("Căn cứ Kế hoạch số 12/KH-UBND ngày 15/01/2025 của Ủy ban nhân dân tỉnh về công tác tư pháp "
           "năm 2025, Sở Tư pháp xây dựng Kế hoạch với các nội dung sau:", align=JUSTIFY)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("- Kịp thời trợ giúp pháp lý cho người bị buôn bán, nạn nhân bạo lực gia đình có yêu cầu.")
    d.para("- Phân công rõ nhiệm vụ, thời hạn và kết quả cần đạt của từng đơn vị.")
    d.para("II. NỘI DUNG", bold=True)
    d.para("Các nhiệm vụ cụ thể được nêu tại Phụ lục kèm theo Kế hoạch này.")
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("1. Trung tâm Trợ giúp pháp lý nhà nước tỉnh là đầu mối tổ chức thực hiện Kế hoạch; báo cáo "
           "kết quả về Sở Tư pháp (qua Văn phòng Sở) định kỳ 6 tháng, cuối năm.")
    d.para("2. Văn phòng Sở tổng hợp, tham mưu Giám đốc Sở báo cáo Ủy ban nhân dân tỉnh và Cục Trợ giúp "
           "pháp lý trước ngày 10/12/2025.")
    d.signature(["- Cục Trợ giúp pháp lý;", "- UBND tỉnh;", "- Giám đốc Sở;", "- Lưu: VT, TTTGPL."],
                ["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Lê Thị Hoài Thu")
    d.page_break()
    d.center("PHỤ LỤC", bold=True)
    d.center("DANH MỤC NHIỆM VỤ TRỢ GIÚP PHÁP LÝ NĂM 2025", bold=True)
    d.center("(Kèm theo Kế hoạch số 45/KH-STP ngày 20/02/2025 của Sở Tư pháp tỉnh Quảng Trị)", italic=True)
    d.table([
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Kết quả"],
        ["1", "Thực hiện vụ việc trợ giúp pháp lý cho người bị buôn bán, nạn nhân bạo lực gia đình",
         "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Công an tỉnh; Hội Liên hiệp Phụ nữ tỉnh",
         "Cả năm 2025", "100% yêu cầu được đáp ứng"],
        ["2", "Phối hợp tiếp nhận, chuyển yêu cầu trợ giúp pháp lý tại cơ sở bảo trợ xã hội",
         "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Sở Lao động - Thương binh và Xã hội",
         "Thường xuyên", "Quy chế phối hợp"],
        ["3", "Tổ chức 04 buổi truyền thông về trợ giúp pháp lý tại các xã biên giới",
         "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Bộ đội Biên phòng tỉnh; Ủy ban nhân dân các xã",
         "Quý II và Quý III năm 2025", "04 buổi truyền thông"],
        ["4", "In, phát hành tờ gấp pháp luật về phòng, chống mua bán người",
         "Phòng Phổ biến, giáo dục pháp luật", "Trung tâm Trợ giúp pháp lý nhà nước tỉnh",
         "Tháng 6/2025", "3.000 tờ gấp"],
        ["5", "Kiểm tra chất lượng vụ việc trợ giúp pháp lý", "Phòng Bổ trợ tư pháp",
         "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Tháng 11/2025", "Kết luận kiểm tra"],
        ["6", "Tổng kết, báo cáo kết quả thực hiện Kế hoạch", "Văn phòng Sở",
         "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Trước ngày 10/12/2025", "Báo cáo tổng kết"],
    ])
    d.save(path)
