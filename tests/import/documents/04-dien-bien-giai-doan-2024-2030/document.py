"""A multi-year plan ("giai đoạn 2024 – 2030", with an en dash) of a
provincial People's Committee: one activities table per section, columns
"STT | Hoạt động | Cơ quan chủ trì | Cơ quan phối hợp | Tiến độ | Sản
phẩm", times "Hằng năm", "2024 - 2025", "Năm 2027"."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "cp1258", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["*ỦY BAN NHÂN DÂN", "*TỈNH ĐIỆN BIÊN", "", "Số: 1876/KH-UBND"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Điện Biên, ngày 27 tháng 5 năm 2024"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Nâng cao chất lượng trợ giúp pháp lý cho người dân vùng sâu, vùng xa giai đoạn 2024 – 2030",
             bold=True)
    d.para("Thực hiện Quyết định số 1203/QĐ-BTP ngày 09/5/2024 của Bộ Tư pháp ban hành Kế hoạch nâng cao "
           "chất lượng trợ giúp pháp lý giai đoạn 2024 – 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch "
           "thực hiện như sau:", align=JUSTIFY)
    d.para("I. MỤC TIÊU", bold=True)
    d.para("Đến năm 2030, 100% xã vùng sâu, vùng xa có cộng tác viên trợ giúp pháp lý; 100% yêu cầu "
           "trợ giúp pháp lý được đáp ứng.")
    d.para("II. NHIỆM VỤ VÀ GIẢI PHÁP", bold=True)
    d.para("1. Kiện toàn đội ngũ thực hiện trợ giúp pháp lý", bold=True)
    d.table([
        ["STT", "Hoạt động", "Cơ quan chủ trì", "Cơ quan phối hợp", "Tiến độ", "Sản phẩm"],
        ["1", "Rà soát, bổ sung biên chế trợ giúp viên pháp lý", "Sở Tư pháp", "Sở Nội vụ", "2024 - 2025",
         "Đề án vị trí việc làm"],
        ["2", "Lựa chọn, ký hợp đồng với luật sư thực hiện trợ giúp pháp lý", "Sở Tư pháp",
         "Đoàn Luật sư tỉnh", "Hằng năm", "Hợp đồng được ký"],
        ["3", "Tập huấn cho cộng tác viên trợ giúp pháp lý ở cơ sở", "Sở Tư pháp",
         "Ủy ban nhân dân các huyện, thị xã, thành phố", "Hằng năm", "Lớp tập huấn"],
    ])
    d.para("2. Mở rộng tiếp cận trợ giúp pháp lý", bold=True)
    d.table([
        ["STT", "Hoạt động", "Cơ quan chủ trì", "Cơ quan phối hợp", "Tiến độ", "Sản phẩm"],
        ["1", "Xây dựng chuyên mục trợ giúp pháp lý bằng tiếng Thái, tiếng Mông",
         "Đài Phát thanh và Truyền hình tỉnh", "Sở Tư pháp", "Năm 2025", "Chuyên mục phát sóng"],
        ["2", "Đặt bảng thông tin, hộp tin trợ giúp pháp lý tại trụ sở Ủy ban nhân dân cấp xã",
         "Ủy ban nhân dân các huyện, thị xã, thành phố", "Sở Tư pháp", "2024 - 2026",
         "Bảng thông tin, hộp tin"],
        ["3", "Đánh giá giữa kỳ việc thực hiện Kế hoạch", "Sở Tư pháp", "Các sở, ngành có liên quan",
         "Năm 2027", "Báo cáo đánh giá giữa kỳ"],
        ["4", "Tổng kết việc thực hiện Kế hoạch", "Sở Tư pháp", "Các sở, ngành có liên quan", "Năm 2030",
         "Báo cáo tổng kết"],
    ])
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Sở Tư pháp theo dõi, tổng hợp, báo cáo Ủy ban nhân dân tỉnh và Bộ Tư pháp kết quả thực hiện "
           "Kế hoạch hằng năm, trước ngày 15 tháng 12.")
    d.signature(["- Bộ Tư pháp;", "- TT Tỉnh ủy;", "- Các sở, ngành;", "- Lưu: VT, NC."],
                ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Lò Văn Tiến")
    d.save(path)
