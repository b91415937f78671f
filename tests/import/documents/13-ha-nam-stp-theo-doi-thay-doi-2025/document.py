"""A Sở's plan saved with its reviewers' changes still tracked: words
inserted and deleted in the date, the title and the times (w:ins,
w:del), and one activity deleted whole; the document as it reads with
the changes taken is the plan.  Each activity's units and deadline on
one line: "Chủ trì: ...; phối hợp: ...; thời hạn: ..."."""

from docgen import Doc, JUSTIFY

# Only the .docx: LibreOffice's text and PDF of it keep the deleted words
# beside the inserted ones (the changes shown), which no office would
# send as its plan.
FORMATS = ["docx"]


def build(path):
    d = Doc()
    d.header_table(
        ["UBND TỈNH HÀ NAM", "*SỞ TƯ PHÁP", "", "Số: 71/KH-STP"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", ""])
    d.tracked("Hà Nam, ngày {-10-}{+12+} tháng 3 năm 2025")
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.tracked("Trợ giúp pháp lý cho người khuyết tật {+và người nhiễm chất độc da cam +}năm 2025")
    d.para("Thực hiện Kế hoạch số 33/KH-UBND ngày 26/02/2025 của Ủy ban nhân dân tỉnh Hà Nam về thực hiện "
           "chính sách đối với người khuyết tật năm 2025, Sở Tư pháp ban hành Kế hoạch như sau:",
           align=JUSTIFY)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("Người khuyết tật, người nhiễm chất độc da cam thuộc diện trợ giúp pháp lý được trợ giúp kịp "
           "thời, phù hợp với dạng khuyết tật.")
    d.para("II. NHIỆM VỤ VÀ PHÂN CÔNG", bold=True)
    d.para("1. Thực hiện trợ giúp pháp lý cho người khuyết tật, người nhiễm chất độc da cam có yêu cầu.",
           bold=True)
    d.tracked("Chủ trì: Trung tâm Trợ giúp pháp lý nhà nước tỉnh; phối hợp: Hội Người khuyết tật tỉnh"
              "{+, Hội Nạn nhân chất độc da cam/dioxin tỉnh+}; thời hạn: thường xuyên.")
    d.para("2. Bố trí phiên dịch ngôn ngữ ký hiệu khi trợ giúp pháp lý cho người khuyết tật nghe, nói.",
           bold=True)
    d.tracked("Chủ trì: Trung tâm Trợ giúp pháp lý nhà nước tỉnh; phối hợp: Hội Người khuyết tật tỉnh; "
              "thời hạn: {-Quý I-}{+Quý II+}/2025.")
    d.tracked("3. Xây dựng phần mềm tra cứu trợ giúp pháp lý cho người khiếm thị.", deleted=True)
    d.tracked("Chủ trì: Văn phòng Sở; phối hợp: Sở Khoa học và Công nghệ; thời hạn: Quý IV/2025.",
              deleted=True)
    d.tracked("{-4-}{+3+}. Truyền thông về trợ giúp pháp lý tại các cơ sở trợ giúp xã hội.")
    d.para("Chủ trì: Phòng Phổ biến, giáo dục pháp luật; phối hợp: Sở Lao động - Thương binh và Xã hội; "
           "thời hạn: tháng 7/2025.")
    d.tracked("{-5-}{+4+}. Tổng kết, đánh giá việc thực hiện Kế hoạch.")
    d.tracked("Chủ trì: Văn phòng Sở; phối hợp: Trung tâm Trợ giúp pháp lý nhà nước tỉnh; thời hạn: "
              "{-tháng 11/2025-}{+tháng 12/2025+}.")
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Văn phòng Sở tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện Kế hoạch trước ngày "
           "15/12/2025.")
    d.signature(["- UBND tỉnh;", "- Giám đốc Sở;", "- Lưu: VT."],
                ["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Trần Quốc Việt")
    d.save(path)
