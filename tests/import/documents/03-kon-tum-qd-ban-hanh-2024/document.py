"""A plan issued by a decision of a provincial People's Committee:
"QUYẾT ĐỊNH Về việc ban hành Kế hoạch ...", "Căn cứ" lines, Điều 1-3,
the signature, then the plan "(Ban hành kèm theo Quyết định số ...)".
Part headings, sections and activities carry Word's automatic numbering
only (I., 1., a)); lead, partners and time are said inside the
activity's sentence."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "utf16", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["*ỦY BAN NHÂN DÂN", "*TỈNH KON TUM", "", "Số: 512/QĐ-UBND"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Kon Tum, ngày 08 tháng 4 năm 2024"])
    d.para()
    d.center("QUYẾT ĐỊNH", bold=True)
    d.center("Về việc ban hành Kế hoạch thực hiện công tác trợ giúp pháp lý trong hoạt động tố tụng "
             "năm 2024 trên địa bàn tỉnh", bold=True)
    d.center("ỦY BAN NHÂN DÂN TỈNH KON TUM", bold=True)
    d.para("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", italic=True)
    d.para("Căn cứ Luật Trợ giúp pháp lý ngày 20 tháng 6 năm 2017;", italic=True)
    d.para("Căn cứ Thông tư liên tịch số 10/2018/TTLT-BTP-BCA-BQP-BTC-TANDTC-VKSNDTC ngày 26 tháng 6 "
           "năm 2018 của Bộ Tư pháp và các cơ quan liên quan quy định về phối hợp thực hiện trợ giúp "
           "pháp lý trong hoạt động tố tụng;", italic=True)
    d.para("Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 61/TTr-STP ngày 01 tháng 4 năm 2024.",
           italic=True)
    d.center("QUYẾT ĐỊNH:", bold=True)
    d.para("**Điều 1.** Ban hành kèm theo Quyết định này Kế hoạch thực hiện công tác trợ giúp pháp lý "
           "trong hoạt động tố tụng năm 2024 trên địa bàn tỉnh.", align=JUSTIFY)
    d.para("**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.", align=JUSTIFY)
    d.para("**Điều 3.** Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tư pháp, Thủ trưởng các cơ "
           "quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.", align=JUSTIFY)
    d.signature(["- Như Điều 3;", "- Bộ Tư pháp (b/c);", "- Chủ tịch, các PCT UBND tỉnh;",
                 "- Lưu: VT, NC."], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH",
                "Y Ngọc Đinh")
    d.page_break()
    d.header_table(["*ỦY BAN NHÂN DÂN", "*TỈNH KON TUM"],
                   ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc"])
    d.center("KẾ HOẠCH", bold=True)
    d.center("Thực hiện công tác trợ giúp pháp lý trong hoạt động tố tụng năm 2024", bold=True)
    d.center("(Ban hành kèm theo Quyết định số 512/QĐ-UBND ngày 08/4/2024 của Ủy ban nhân dân tỉnh "
             "Kon Tum)", italic=True)
    parts = d.numbered([("roman", "%1.")])
    acts = d.numbered([("decimal", "%1."), ("letter", "%2)")])
    d.para("MỤC ĐÍCH, YÊU CẦU", bold=True, num=parts)
    d.para("Bảo đảm người thuộc diện trợ giúp pháp lý trong các vụ án được trợ giúp pháp lý kịp thời.")
    d.para("NHIỆM VỤ CỤ THỂ", bold=True, num=parts)
    d.para("Thực hiện trợ giúp pháp lý trong tố tụng", bold=True, num=acts, level=0)
    d.para("Trung tâm Trợ giúp pháp lý nhà nước tỉnh chủ trì, phối hợp với Công an tỉnh, Viện kiểm sát "
           "nhân dân tỉnh cử người tham gia tố tụng cho người thuộc diện trợ giúp pháp lý; thực hiện "
           "thường xuyên trong năm 2024.", num=acts, level=1)
    d.para("Công an tỉnh chủ trì, phối hợp với Trung tâm Trợ giúp pháp lý nhà nước tỉnh niêm yết thông "
           "tin về trợ giúp pháp lý tại nơi tạm giữ, tạm giam; hoàn thành trong Quý II/2024.",
           num=acts, level=1)
    d.para("Tòa án nhân dân tỉnh chủ trì, phối hợp với Trung tâm Trợ giúp pháp lý nhà nước tỉnh thông "
           "báo quyền được trợ giúp pháp lý cho đương sự trong các vụ việc dân sự, hành chính; thực "
           "hiện thường xuyên.", num=acts, level=1)
    d.para("Nâng cao năng lực và kiểm tra", bold=True, num=acts, level=0)
    d.para("Sở Tư pháp chủ trì, phối hợp với Công an tỉnh, Tòa án nhân dân tỉnh tổ chức hội nghị sơ kết "
           "công tác phối hợp trong hoạt động tố tụng vào tháng 7/2024.", num=acts, level=1)
    d.para("Sở Tư pháp chủ trì, phối hợp với Sở Tài chính kiểm tra việc thực hiện trợ giúp pháp lý tại "
           "các huyện Sa Thầy, Ngọc Hồi trong Quý IV/2024.", num=acts, level=1)
    d.para("TỔ CHỨC THỰC HIỆN", bold=True, num=parts)
    d.para("Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện về Sở Tư pháp trước ngày "
           "20/11/2024 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh và Bộ Tư pháp.")
    d.save(path)
