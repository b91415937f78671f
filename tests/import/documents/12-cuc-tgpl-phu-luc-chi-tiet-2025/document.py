"""A central body under a ministry (Cục Trợ giúp pháp lý, header "BỘ TƯ
PHÁP / CỤC TRỢ GIÚP PHÁP LÝ"): a short body, the signature, then "PHỤ
LỤC I / KẾ HOẠCH CHI TIẾT (Kèm theo Kế hoạch số ...)" with the
activities in a table whose section rows are merged across all columns
and whose lead cell spans two rows; columns "STT | Nội dung hoạt động |
Đơn vị thực hiện | Đơn vị phối hợp | Thời gian | Sản phẩm đầu ra"."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "utf16", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["BỘ TƯ PHÁP", "*CỤC TRỢ GIÚP PHÁP LÝ", "", "Số: 09/KH-TGPL"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Hà Nội, ngày 21 tháng 01 năm 2025"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Chuyển đổi số trong hoạt động trợ giúp pháp lý năm 2025", bold=True)
    d.para("Thực hiện Quyết định số 2301/QĐ-BTP ngày 27/12/2024 của Bộ trưởng Bộ Tư pháp ban hành Kế hoạch "
           "chuyển đổi số ngành Tư pháp năm 2025, Cục Trợ giúp pháp lý ban hành Kế hoạch như sau:",
           align=JUSTIFY)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("Ứng dụng công nghệ số để người dân tiếp cận trợ giúp pháp lý thuận lợi, giảm thời gian đi lại.")
    d.para("II. NỘI DUNG", bold=True)
    d.para("Nội dung, đơn vị thực hiện, thời gian và sản phẩm của từng hoạt động tại Phụ lục I kèm theo.")
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Các phòng, đơn vị thuộc Cục báo cáo tiến độ về Văn phòng Cục trước ngày 25 hằng tháng; Văn "
           "phòng Cục tổng hợp, báo cáo Lãnh đạo Bộ kết quả năm trước ngày 15/12/2025.")
    d.signature(["- Thứ trưởng Nguyễn Thanh Tú (để b/c);", "- Cục Công nghệ thông tin;", "- Lưu: VT, VP."],
                [], "CỤC TRƯỞNG", "Vũ Thị Hường")
    d.page_break()
    d.center("PHỤ LỤC I", bold=True)
    d.center("KẾ HOẠCH CHI TIẾT", bold=True)
    d.center("(Kèm theo Kế hoạch số 09/KH-TGPL ngày 21 tháng 01 năm 2025 của Cục Trợ giúp pháp lý)",
             italic=True)
    d.table([
        ["STT", "Nội dung hoạt động", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian", "Sản phẩm đầu ra"],
        ["I", "Hạ tầng và dữ liệu", "<", "<", "<", "<"],
        ["1", "Nâng cấp Hệ thống quản lý tổ chức và hoạt động trợ giúp pháp lý", "Phòng Quản lý chất lượng vụ việc",
         "Cục Công nghệ thông tin", "Quý II/2025", "Hệ thống được nâng cấp"],
        ["2", "Số hóa hồ sơ vụ việc trợ giúp pháp lý đã kết thúc năm 2024", "^",
         "Trung tâm Trợ giúp pháp lý nhà nước các tỉnh, thành phố", "Từ tháng 3 đến tháng 9/2025",
         "Hồ sơ được số hóa"],
        ["II", "Dịch vụ cho người dân", "<", "<", "<", "<"],
        ["3", "Cung cấp dịch vụ công trực tuyến yêu cầu trợ giúp pháp lý", "Văn phòng Cục",
         "Cục Công nghệ thông tin; Cục Kiểm soát thủ tục hành chính", "Tháng 6/2025",
         "Dịch vụ công được cung cấp"],
        ["4", "Thử nghiệm tư vấn trợ giúp pháp lý qua video tại 05 tỉnh", "Phòng Truyền thông và Hợp tác",
         "Sở Tư pháp các tỉnh thử nghiệm", "Quý III/2025", "Báo cáo đánh giá thử nghiệm"],
        ["5", "Tổng kết chuyển đổi số trong hoạt động trợ giúp pháp lý năm 2025", "Văn phòng Cục",
         "Các phòng thuộc Cục", "Tháng 12/2025", "Báo cáo tổng kết"],
    ])
    d.save(path)
