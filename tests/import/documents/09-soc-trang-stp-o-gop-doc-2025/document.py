"""An activities table whose lead cell spans the rows of the activities
it leads (vMerge), with a section row per group spanning all columns and
a wider set of column names: "TT | Tên hoạt động | Cơ quan thực hiện |
Cơ quan phối hợp | Thời gian thực hiện | Kết quả dự kiến"."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "utf16", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["UBND TỈNH SÓC TRĂNG", "*SỞ TƯ PHÁP", "", "Số: 118/KH-STP"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Sóc Trăng, ngày 24 tháng 02 năm 2025"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Trợ giúp pháp lý cho đồng bào Khmer năm 2025", bold=True)
    d.para("Thực hiện Kế hoạch số 25/KH-UBND ngày 04/02/2025 của Ủy ban nhân dân tỉnh Sóc Trăng về công "
           "tác dân tộc năm 2025, Sở Tư pháp xây dựng Kế hoạch trợ giúp pháp lý cho đồng bào Khmer năm "
           "2025 như sau:", align=JUSTIFY)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("Đồng bào Khmer thuộc diện trợ giúp pháp lý được tiếp cận dịch vụ trợ giúp pháp lý bằng tiếng "
           "Khmer khi cần.")
    d.para("II. CÁC HOẠT ĐỘNG CỤ THỂ", bold=True)
    center = "Trung tâm Trợ giúp pháp lý nhà nước tỉnh"
    d.table([
        ["TT", "Tên hoạt động", "Cơ quan thực hiện", "Cơ quan phối hợp", "Thời gian thực hiện", "Kết quả dự kiến"],
        ["A", "TRỢ GIÚP PHÁP LÝ TRỰC TIẾP", "<", "<", "<", "<"],
        ["1", "Cử trợ giúp viên pháp lý biết tiếng Khmer tham gia tố tụng", center,
         "Cơ quan tiến hành tố tụng hai cấp", "Thường xuyên", "Vụ việc được thực hiện"],
        ["2", "Trợ giúp pháp lý lưu động tại các chùa Khmer", "^", "Ban Dân tộc tỉnh; Ban quản trị các chùa",
         "Quý II/2025", "08 đợt lưu động"],
        ["3", "Tư vấn pháp luật qua Zalo bằng tiếng Khmer", "^", "Không", "Từ tháng 3 đến tháng 12/2025",
         "Yêu cầu được giải đáp"],
        ["B", "TRUYỀN THÔNG, TẬP HUẤN", "<", "<", "<", "<"],
        ["4", "Biên dịch tờ gấp về trợ giúp pháp lý sang tiếng Khmer", "Ban Dân tộc tỉnh", center,
         "Tháng 5/2025", "2.000 tờ gấp"],
        ["5", "Tập huấn cho người có uy tín trong đồng bào Khmer", "Phòng Phổ biến, giáo dục pháp luật",
         "Ban Dân tộc tỉnh", "Quý III/2025", "02 lớp tập huấn"],
        ["6", "Phát sóng chương trình trợ giúp pháp lý trên sóng tiếng Khmer", "^",
         "Đài Phát thanh và Truyền hình tỉnh", "Hằng tháng", "12 chương trình"],
    ])
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Trung tâm Trợ giúp pháp lý nhà nước tỉnh là đơn vị thường trực, báo cáo Giám đốc Sở kết quả "
           "thực hiện hằng quý.")
    d.signature(["- UBND tỉnh (b/c);", "- Ban Dân tộc tỉnh;", "- Lưu: VT, TTTGPL."],
                ["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Thạch Sô Phol")
    d.save(path)
