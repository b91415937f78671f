"""A ministry's plan (Bộ Tư pháp), the header in the two-column table,
the activities in a table in the body with Roman section rows merged
across the columns (gridSpan); columns "TT | Nội dung công việc | Đơn vị
chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Sản phẩm"."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["*BỘ TƯ PHÁP", "", "Số: 318/KH-BTP"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Hà Nội, ngày 14 tháng 02 năm 2025"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Thực hiện công tác trợ giúp pháp lý cho người dân tộc thiểu số năm 2025", bold=True)
    d.para("Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ phê duyệt "
           "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số "
           "và miền núi giai đoạn 2021 - 2030, Bộ Tư pháp ban hành Kế hoạch thực hiện công tác trợ giúp "
           "pháp lý cho người dân tộc thiểu số năm 2025 như sau:", align=JUSTIFY)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("1. Bảo đảm người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt "
           "khó khăn được trợ giúp pháp lý kịp thời, có chất lượng khi có yêu cầu.")
    d.para("2. Xác định cụ thể nội dung công việc, thời hạn hoàn thành và trách nhiệm của các đơn vị "
           "thuộc Bộ trong việc tổ chức thực hiện.")
    d.para("II. NỘI DUNG CÔNG VIỆC", bold=True)
    d.para("(Chi tiết tại bảng dưới đây)", italic=True)
    d.table([
        ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
        ["I", "Hoàn thiện thể chế, hướng dẫn nghiệp vụ", "<", "<", "<", "<"],
        ["1", "Rà soát, đề xuất sửa đổi Thông tư hướng dẫn hoạt động trợ giúp pháp lý cho người dân tộc thiểu số",
         "Cục Trợ giúp pháp lý", "Vụ Pháp luật hình sự - hành chính; Vụ Pháp chế", "Quý II/2025",
         "Báo cáo rà soát"],
        ["2", "Xây dựng tài liệu hướng dẫn kỹ năng trợ giúp pháp lý cho người dân tộc thiểu số bằng song ngữ",
         "Cục Trợ giúp pháp lý", "Học viện Tư pháp", "Tháng 9/2025", "Bộ tài liệu hướng dẫn"],
        ["II", "Thực hiện trợ giúp pháp lý và truyền thông", "<", "<", "<", "<"],
        ["3", "Tổ chức truyền thông về trợ giúp pháp lý tại 10 tỉnh vùng Tây Bắc và Tây Nguyên",
         "Cục Trợ giúp pháp lý", "Báo Pháp luật Việt Nam; Cổng Thông tin điện tử Bộ Tư pháp",
         "Quý III/2025", "10 đợt truyền thông"],
        ["4", "Kiểm tra, hướng dẫn thực hiện vụ việc trợ giúp pháp lý tại một số địa phương",
         "Cục Trợ giúp pháp lý", "Sở Tư pháp các tỉnh được kiểm tra", "Tháng 10/2025",
         "Báo cáo kết quả kiểm tra"],
        ["5", "Đưa tin, bài về hoạt động trợ giúp pháp lý cho người dân tộc thiểu số",
         "Báo Pháp luật Việt Nam", "Cục Trợ giúp pháp lý", "Thường xuyên", "Tin, bài được đăng tải"],
        ["III", "Bồi dưỡng nghiệp vụ", "<", "<", "<", "<"],
        ["6", "Tập huấn kỹ năng giao tiếp với người dân tộc thiểu số cho trợ giúp viên pháp lý",
         "Học viện Tư pháp", "Cục Trợ giúp pháp lý", "Quý II, Quý IV/2025", "02 lớp tập huấn"],
        ["7", "Sơ kết, đánh giá kết quả thực hiện Kế hoạch", "Cục Trợ giúp pháp lý",
         "Các đơn vị thuộc Bộ có liên quan", "Tháng 12/2025", "Báo cáo sơ kết"],
    ])
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("1. Thủ trưởng các đơn vị thuộc Bộ có trách nhiệm tổ chức thực hiện các nội dung được giao "
           "tại Kế hoạch này.")
    d.para("2. Cục Trợ giúp pháp lý chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp, báo cáo "
           "Bộ trưởng kết quả thực hiện trước ngày 15/12/2025.")
    d.para("3. Kinh phí thực hiện Kế hoạch được bố trí từ dự toán ngân sách năm 2025 của các đơn vị.")
    d.signature(["- Bộ trưởng (để b/c);", "- Các Thứ trưởng;", "- Các đơn vị thuộc Bộ;", "- Lưu: VT, TGPL."],
                ["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG", "Trần Văn Khải")
    d.save(path)
