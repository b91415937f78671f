"""A three-year plan of a Sở ("giai đoạn 2026 - 2028") without a header
table (issuer and motto on alternate lines, as text pasted from another
document keeps them); activities "a)", "b)" whose lead, partners and
time are in the sentence: "Trung tâm ... thực hiện hằng năm, phối hợp
với ..."; the report due every year."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "cp1258", "txt-lo"]


def build(path):
    d = Doc()
    d.para("UBND TỈNH BÌNH ĐỊNH")
    d.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    d.para("SỞ TƯ PHÁP", bold=True)
    d.para("Độc lập - Tự do - Hạnh phúc", bold=True)
    d.para("Số: 502/KH-STP")
    d.para("Bình Định, ngày 30 tháng 12 năm 2025", italic=True)
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Trợ giúp pháp lý cho người cao tuổi giai đoạn 2026 - 2028", bold=True)
    d.para("Thực hiện Quyết định số 4120/QĐ-UBND ngày 15/12/2025 của Ủy ban nhân dân tỉnh Bình Định về "
           "Chương trình hành động vì người cao tuổi giai đoạn 2026 - 2028, Sở Tư pháp ban hành Kế hoạch "
           "như sau:", align=JUSTIFY)
    d.para("I. MỤC TIÊU", bold=True)
    d.para("Hằng năm, 100% người cao tuổi thuộc diện trợ giúp pháp lý có yêu cầu được trợ giúp pháp lý.")
    d.para("II. NHIỆM VỤ", bold=True)
    d.para("1. Trợ giúp pháp lý cho người cao tuổi", bold=True)
    d.para("a) Trung tâm Trợ giúp pháp lý nhà nước tỉnh thực hiện trợ giúp pháp lý cho người cao tuổi có "
           "yêu cầu, phối hợp với Hội Người cao tuổi tỉnh; thực hiện thường xuyên.")
    d.para("b) Trung tâm Trợ giúp pháp lý nhà nước tỉnh tổ chức trợ giúp pháp lý lưu động tại các câu lạc "
           "bộ liên thế hệ tự giúp nhau, phối hợp với Hội Người cao tuổi tỉnh và Ủy ban nhân dân cấp xã; "
           "thực hiện hằng năm.")
    d.para("2. Truyền thông và nâng cao năng lực", bold=True)
    d.para("a) Phòng Phổ biến, giáo dục pháp luật biên soạn sổ tay pháp luật cho người cao tuổi, phối hợp "
           "với Trung tâm Trợ giúp pháp lý nhà nước tỉnh; hoàn thành trong năm 2026.")
    d.para("b) Trung tâm Trợ giúp pháp lý nhà nước tỉnh tập huấn kỹ năng trợ giúp pháp lý cho người cao "
           "tuổi cho cộng tác viên, phối hợp với Sở Y tế; thực hiện trong Quý III hằng năm.")
    d.para("c) Văn phòng Sở chủ trì sơ kết việc thực hiện Kế hoạch, thực hiện trong tháng 12/2027.")
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Trung tâm Trợ giúp pháp lý nhà nước tỉnh báo cáo kết quả về Sở Tư pháp (qua Văn phòng Sở) "
           "trước ngày 05/12 hằng năm.")
    d.signature(["- UBND tỉnh;", "- Hội Người cao tuổi tỉnh;", "- Lưu: VT."],
                [], "GIÁM ĐỐC", "Hà Thanh Quốc")
    d.save(path)
