"""Citations as real preambles write them: without "số", a line broken
right after "số", dates in words ("ngày 11 tháng 8 năm 2022"), an alias
"(sau đây gọi là Đề án 2095)" cited again by it; activities as "a)"
items whose lead, partners and time are in brackets at the end."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "utf16", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["SỞ TƯ PHÁP TỈNH THANH HÓA", "*TRUNG TÂM TRỢ GIÚP PHÁP LÝ", "*NHÀ NƯỚC", "", "Số: 27/KH-TTTGPL"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Thanh Hóa, ngày 18 tháng 3 năm 2025"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Thực hiện Đề án truyền thông về trợ giúp pháp lý năm 2025", bold=True)
    d.para("Căn cứ Quyết định 2095/QĐ-UBND ngày 11 tháng 8 năm 2022 của Ủy ban nhân dân tỉnh Thanh Hóa "
           "phê duyệt Đề án truyền thông về trợ giúp pháp lý trên địa bàn tỉnh giai đoạn 2022 - 2025 "
           "(sau đây gọi là Đề án 2095); Kế hoạch số\n150/KH-STP ngày 03 tháng 3 năm 2025 của Sở Tư pháp "
           "về công tác tư pháp năm 2025; để triển khai Đề án 2095 trong năm 2025, Trung tâm Trợ giúp "
           "pháp lý nhà nước tỉnh ban hành Kế hoạch như sau:", align=JUSTIFY)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("Hoàn thành các chỉ tiêu năm 2025 của Đề án 2095; bảo đảm người dân biết đến quyền được trợ "
           "giúp pháp lý.")
    d.para("II. NỘI DUNG", bold=True)
    d.para("1. Truyền thông trên phương tiện thông tin đại chúng", bold=True)
    d.para("a) Xây dựng 06 phóng sự về trợ giúp pháp lý phát trên Đài Phát thanh và Truyền hình tỉnh "
           "(chủ trì: Phòng Nghiệp vụ và Hành chính; phối hợp: Đài Phát thanh và Truyền hình tỉnh; thời "
           "gian: từ tháng 4 đến tháng 11/2025).")
    d.para("b) Cập nhật tin, bài về trợ giúp pháp lý trên Trang thông tin điện tử của Sở Tư pháp (chủ trì: "
           "Phòng Nghiệp vụ và Hành chính; thời gian: hằng tháng).")
    d.para("2. Truyền thông trực tiếp tại cơ sở", bold=True)
    d.para("a) Tổ chức 20 buổi truyền thông tại các xã miền núi (chủ trì: Chi nhánh Trợ giúp pháp lý số "
           "1; phối hợp: Ủy ban nhân dân các xã, Đồn Biên phòng; thời gian: Quý II, Quý III/2025).")
    d.para("b) Lắp đặt 30 bảng thông tin về trợ giúp pháp lý tại trụ sở Công an xã (chủ trì: Chi nhánh "
           "Trợ giúp pháp lý số 2; phối hợp: Công an tỉnh; thời gian: trước ngày 30/6/2025).")
    d.para("c) Phát tờ gấp pháp luật tại các cơ sở giam giữ (chủ trì: Phòng Nghiệp vụ và Hành chính; phối "
           "hợp: Trại tạm giam Công an tỉnh; thời gian: Quý IV/2025).")
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Phòng Nghiệp vụ và Hành chính tổng hợp kết quả, báo cáo Sở Tư pháp trước ngày 05/12/2025.")
    d.signature(["- Sở Tư pháp (b/c);", "- Lưu: VT, NV."], [], "GIÁM ĐỐC", "Lê Đình Phúc")
    d.save(path)
