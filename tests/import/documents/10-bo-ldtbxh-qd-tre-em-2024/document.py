"""A ministry's decision issuing a plan (Bộ Lao động - Thương binh và Xã
hội), signed by a deputy minister, the plan attached after it; the
plan's activities in a table with a two-row header: "Đơn vị thực hiện"
spans "Chủ trì" and "Phối hợp" (gridSpan), the other header cells span
both rows (vMerge); the columns "TT | Nhiệm vụ | ... | Thời hạn"."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "utf16", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["*BỘ LAO ĐỘNG - THƯƠNG BINH", "*VÀ XÃ HỘI", "", "Số: 1422/QĐ-LĐTBXH"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Hà Nội, ngày 19 tháng 6 năm 2024"])
    d.para()
    d.center("QUYẾT ĐỊNH", bold=True)
    d.center("Ban hành Kế hoạch phối hợp trợ giúp pháp lý cho trẻ em có hoàn cảnh đặc biệt năm 2024",
             bold=True)
    d.center("BỘ TRƯỞNG BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", bold=True)
    d.para("Căn cứ Nghị định số 62/2022/NĐ-CP ngày 12 tháng 9 năm 2022 của Chính phủ quy định chức năng, "
           "nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Lao động - Thương binh và Xã hội;", italic=True)
    d.para("Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;", italic=True)
    d.para("Theo đề nghị của Cục trưởng Cục Trẻ em.", italic=True)
    d.center("QUYẾT ĐỊNH:", bold=True)
    d.para("**Điều 1.** Ban hành kèm theo Quyết định này Kế hoạch phối hợp trợ giúp pháp lý cho trẻ em có "
           "hoàn cảnh đặc biệt năm 2024.", align=JUSTIFY)
    d.para("**Điều 2.** Quyết định này có hiệu lực thi hành kể từ ngày ký.", align=JUSTIFY)
    d.para("**Điều 3.** Chánh Văn phòng Bộ, Cục trưởng Cục Trẻ em, Thủ trưởng các đơn vị có liên quan chịu "
           "trách nhiệm thi hành Quyết định này./.", align=JUSTIFY)
    d.signature(["- Như Điều 3;", "- Bộ trưởng (để b/c);", "- Bộ Tư pháp;", "- Lưu: VT, TE."],
                ["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG", "Nguyễn Thị Hà")
    d.page_break()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Phối hợp trợ giúp pháp lý cho trẻ em có hoàn cảnh đặc biệt năm 2024", bold=True)
    d.center("(Ban hành kèm theo Quyết định số 1422/QĐ-LĐTBXH ngày 19 tháng 6 năm 2024 của Bộ trưởng "
             "Bộ Lao động - Thương binh và Xã hội)", italic=True)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("Trẻ em có hoàn cảnh đặc biệt có nhu cầu được trợ giúp pháp lý kịp thời, thân thiện.")
    d.para("II. NHIỆM VỤ", bold=True)
    d.table([
        ["TT", "Nhiệm vụ", "Đơn vị thực hiện", "<", "Thời hạn"],
        ["^", "^", "Chủ trì", "Phối hợp", "^"],
        ["1", "Hướng dẫn Sở Lao động - Thương binh và Xã hội các tỉnh phối hợp với Trung tâm Trợ giúp pháp "
              "lý nhà nước giới thiệu trẻ em có hoàn cảnh đặc biệt", "Cục Trẻ em", "Cục Trợ giúp pháp lý, Bộ Tư pháp",
         "Quý III/2024"],
        ["2", "Lồng ghép nội dung trợ giúp pháp lý vào Tổng đài điện thoại quốc gia bảo vệ trẻ em 111",
         "Cục Trẻ em", "Không", "Thường xuyên"],
        ["3", "Tập huấn kỹ năng làm việc với trẻ em cho người thực hiện trợ giúp pháp lý", "Cục Trẻ em",
         "Cục Trợ giúp pháp lý, Bộ Tư pháp; Quỹ Bảo trợ trẻ em Việt Nam", "Tháng 10/2024"],
        ["4", "Truyền thông về quyền được trợ giúp pháp lý của trẻ em trên Báo Lao động và Xã hội",
         "Báo Lao động và Xã hội", "Cục Trẻ em", "Quý II - Quý IV/2024"],
        ["5", "Tổng hợp, đánh giá kết quả thực hiện Kế hoạch", "Cục Trẻ em", "Văn phòng Bộ",
         "Tháng 12/2024"],
    ], header_rows=2)
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Cục Trẻ em theo dõi, tổng hợp kết quả, báo cáo Bộ trưởng trước ngày 25/12/2024.")
    d.save(path)
