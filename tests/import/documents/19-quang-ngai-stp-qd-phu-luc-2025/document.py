"""A Department's decision issuing a plan (Sở Tư pháp: "QUYẾT ĐỊNH Ban
hành Kế hoạch ...", "GIÁM ĐỐC SỞ TƯ PHÁP", "Căn cứ" lines, Điều 1-3,
the director's signature), the plan after it with no signature of its
own and with numbered items under "II." that are no activities (who and
what is checked), then "PHỤ LỤC" with the activities in a table "STT |
Hoạt động | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |
Kinh phí" (a cost column, and "Không" as no partner)."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "txt-lo", "utf16"]


def build(path):
    d = Doc()
    d.header_table(
        ["UBND TỈNH QUẢNG NGÃI", "*SỞ TƯ PHÁP", "", "Số: 86/QĐ-STP"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Quảng Ngãi, ngày 14 tháng 02 năm 2025"])
    d.para()
    d.center("QUYẾT ĐỊNH", bold=True)
    d.center("Ban hành Kế hoạch kiểm tra, đánh giá chất lượng hoạt động trợ giúp pháp lý năm 2025",
             bold=True)
    d.center("GIÁM ĐỐC SỞ TƯ PHÁP TỈNH QUẢNG NGÃI", bold=True)
    d.para("Căn cứ Luật Trợ giúp pháp lý ngày 20 tháng 6 năm 2017;", italic=True)
    d.para("Căn cứ Thông tư số 12/2018/TT-BTP ngày 28 tháng 8 năm 2018 của Bộ trưởng Bộ Tư pháp hướng dẫn "
           "một số hoạt động nghiệp vụ trợ giúp pháp lý và quản lý chất lượng vụ việc trợ giúp pháp lý;",
           italic=True)
    d.para("Căn cứ Quyết định số 21/2023/QĐ-UBND ngày 05 tháng 5 năm 2023 của UBND tỉnh quy định vị trí, "
           "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tư pháp tỉnh Quảng Ngãi;", italic=True)
    d.para("Theo đề nghị của Trưởng phòng Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý.", italic=True)
    d.center("QUYẾT ĐỊNH:", bold=True)
    d.para("**Điều 1.** Ban hành kèm theo Quyết định này Kế hoạch kiểm tra, đánh giá chất lượng hoạt động "
           "trợ giúp pháp lý năm 2025.", align=JUSTIFY)
    d.para("**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.", align=JUSTIFY)
    d.para("**Điều 3.** Chánh Văn phòng Sở, Trưởng phòng Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý, "
           "Giám đốc Trung tâm Trợ giúp pháp lý nhà nước tỉnh và các tổ chức, cá nhân có liên quan chịu "
           "trách nhiệm thi hành Quyết định này./.", align=JUSTIFY)
    d.signature(["- Như Điều 3;", "- Cục Trợ giúp pháp lý (b/c);", "- Lưu: VT, PBGDPL."],
                [], "GIÁM ĐỐC", "Võ Thanh Phong")
    d.page_break()
    d.center("SỞ TƯ PHÁP TỈNH QUẢNG NGÃI", bold=True)
    d.center("KẾ HOẠCH", bold=True)
    d.center("Kiểm tra, đánh giá chất lượng hoạt động trợ giúp pháp lý năm 2025", bold=True)
    d.center("(Ban hành kèm theo Quyết định số 86/QĐ-STP ngày 14/02/2025 của Giám đốc Sở Tư pháp)",
             italic=True)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("Đánh giá đúng chất lượng vụ việc trợ giúp pháp lý; phát hiện và khắc phục kịp thời những hạn "
           "chế trong tổ chức thực hiện.", align=JUSTIFY)
    d.para("II. ĐỐI TƯỢNG, NỘI DUNG KIỂM TRA", bold=True)
    d.para("1. Đối tượng kiểm tra: Trung tâm Trợ giúp pháp lý nhà nước tỉnh và Chi nhánh số 1, Chi nhánh "
           "số 2.", align=JUSTIFY)
    d.para("2. Nội dung kiểm tra: việc thụ lý, thực hiện vụ việc, lưu trữ hồ sơ và việc thực hiện chỉ "
           "tiêu vụ việc tham gia tố tụng.", align=JUSTIFY)
    d.para("3. Các hoạt động, đơn vị thực hiện và thời gian tại Phụ lục kèm theo Kế hoạch này.",
           align=JUSTIFY)
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("1. Trung tâm Trợ giúp pháp lý nhà nước tỉnh báo cáo kết quả khắc phục sau kiểm tra về Sở Tư "
           "pháp trước ngày 15/12/2025.", align=JUSTIFY)
    d.para("2. Phòng Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý tổng hợp, báo cáo Giám đốc Sở kết "
           "quả kiểm tra trước ngày 20/12/2025.", align=JUSTIFY)
    d.page_break()
    d.center("PHỤ LỤC", bold=True)
    d.center("CÁC HOẠT ĐỘNG KIỂM TRA, ĐÁNH GIÁ NĂM 2025", bold=True)
    d.center("(Kèm theo Kế hoạch ban hành theo Quyết định số 86/QĐ-STP ngày 14/02/2025 của Giám đốc Sở "
             "Tư pháp)", italic=True)
    phong = "Phòng Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý"
    rows = [
        ["STT", "Hoạt động", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Kinh phí"],
        ["1", "Xây dựng bộ tiêu chí đánh giá chất lượng vụ việc trợ giúp pháp lý", phong,
         "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Tháng 3/2025", "Ngân sách Sở"],
        ["2", "Kiểm tra hồ sơ vụ việc tại Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Đoàn kiểm tra của Sở",
         "Thanh tra Sở", "Quý III/2025", "Ngân sách Sở"],
        ["3", "Kiểm tra việc thực hiện trợ giúp pháp lý tại Chi nhánh số 1 (huyện Sơn Tịnh) và Chi nhánh "
         "số 2 (huyện Bình Sơn)", "Đoàn kiểm tra của Sở",
         "Phòng Tư pháp huyện Sơn Tịnh; Phòng Tư pháp huyện Bình Sơn", "Quý III/2025", "Ngân sách Sở"],
        ["4", "Lấy ý kiến đánh giá của cơ quan tiến hành tố tụng về chất lượng tham gia tố tụng",
         "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Tòa án nhân dân tỉnh; Viện kiểm sát nhân dân tỉnh",
         "Tháng 9/2025", "Không"],
        ["5", "Tổng hợp kết quả kiểm tra, đề xuất khắc phục hạn chế", phong, "Không", "Tháng 12/2025",
         "Ngân sách Sở"],
    ]
    d.table(rows)
    d.save(path)
