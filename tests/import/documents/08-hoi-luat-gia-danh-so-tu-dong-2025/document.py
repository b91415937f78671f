"""A central body's plan (Hội Luật gia Việt Nam) whose every number is
Word's automatic numbering: parts "I.", sections "1.", activities
"1.1." (a two-level list), the fields as "-" bullets of a bullet list,
under labels "Đơn vị chủ trì thực hiện", "Đơn vị tham gia", "Thời gian",
"Kết quả"."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["*HỘI LUẬT GIA VIỆT NAM", "", "Số: 15/KH-HLGVN"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Hà Nội, ngày 06 tháng 01 năm 2025"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Tham gia trợ giúp pháp lý của các tổ chức hội luật gia năm 2025", bold=True)
    d.para("Thực hiện Chương trình công tác năm 2025 của Ban Thường vụ Trung ương Hội Luật gia Việt Nam, "
           "Hội Luật gia Việt Nam ban hành Kế hoạch như sau:", align=JUSTIFY)
    parts = d.numbered([("roman", "%1.")])
    items = d.numbered([("decimal", "%1."), ("decimal", "%1.%2.")])
    bullets = d.numbered([("bullet", "-")])
    d.para("MỤC ĐÍCH, YÊU CẦU", bold=True, num=parts)
    d.para("Phát huy vai trò của luật gia trong hoạt động trợ giúp pháp lý miễn phí cho người dân.")
    d.para("NỘI DUNG", bold=True, num=parts)
    acts = [
        (0, "Củng cố tổ chức tư vấn pháp luật", None),
        (1, "Hướng dẫn các Hội Luật gia tỉnh đăng ký tham gia trợ giúp pháp lý theo Luật Trợ giúp pháp lý",
         ("Ban Công tác hội viên", "Hội Luật gia các tỉnh, thành phố", "Quý I/2025",
          "Văn bản hướng dẫn")),
        (1, "Tổng hợp danh sách tổ chức tư vấn pháp luật thuộc Hội đủ điều kiện ký hợp đồng thực hiện trợ "
            "giúp pháp lý", ("Văn phòng Trung ương Hội", "Cục Trợ giúp pháp lý", "Tháng 4/2025",
                             "Danh sách được gửi Cục Trợ giúp pháp lý")),
        (0, "Thực hiện trợ giúp pháp lý", None),
        (1, "Tổ chức các đợt tư vấn, trợ giúp pháp lý miễn phí nhân Ngày Pháp luật Việt Nam",
         ("Trung tâm Tư vấn pháp luật", "Hội Luật gia các tỉnh, thành phố", "Tháng 11/2025",
          "Các đợt tư vấn")),
        (1, "Tiếp nhận, giải đáp pháp luật qua đường dây nóng của Hội",
         ("Trung tâm Tư vấn pháp luật", None, "Thường xuyên", "Sổ theo dõi")),
        (0, "Kiểm tra, sơ kết", None),
        (1, "Kiểm tra hoạt động trợ giúp pháp lý của Hội Luật gia một số tỉnh",
         ("Ủy ban Kiểm tra Trung ương Hội", "Ban Công tác hội viên", "Quý III/2025", "Thông báo kết quả")),
        (1, "Sơ kết công tác trợ giúp pháp lý năm 2025",
         ("Văn phòng Trung ương Hội", "Các ban chuyên môn", "Tháng 12/2025", "Báo cáo sơ kết")),
    ]
    for level, title, fields in acts:
        d.para(title, bold=level == 0, num=items, level=level)
        if fields:
            lead, partners, time, result = fields
            d.para(f"Đơn vị chủ trì thực hiện: {lead}", num=bullets)
            if partners:
                d.para(f"Đơn vị tham gia: {partners}", num=bullets)
            d.para(f"Thời gian: {time}", num=bullets)
            d.para(f"Kết quả: {result}", num=bullets)
    d.para("TỔ CHỨC THỰC HIỆN", bold=True, num=parts)
    d.para("Hội Luật gia các tỉnh, thành phố báo cáo kết quả tham gia trợ giúp pháp lý về Trung ương Hội "
           "(qua Văn phòng) định kỳ 6 tháng và năm.")
    d.para("Văn phòng Trung ương Hội tổng hợp, báo cáo Ban Thường vụ Trung ương Hội trước ngày 20/12/2025.")
    d.signature(["- Ban Thường vụ TW Hội;", "- Hội Luật gia các tỉnh, thành phố;", "- Lưu: VP."],
                ["TM. BAN THƯỜNG VỤ"], "PHÓ CHỦ TỊCH", "Đỗ Ngọc Thịnh")
    d.save(path)
