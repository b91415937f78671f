"""A header without a table, each item broken over lines: the issuer in
two lines of capitals, the place and date broken after "ngày", a title
over three lines, a part heading broken after a comma; activities with
lead, partners and time under labels unlike the seeds' ("Đơn vị thực
hiện chính", "Đơn vị cùng thực hiện", "Thời điểm thực hiện")."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "cp1258", "txt-lo"]


def build(path):
    d = Doc()
    d.para("UBND TỈNH AN GIANG")
    d.para("SỞ LAO ĐỘNG - THƯƠNG BINH", bold=True)
    d.para("VÀ XÃ HỘI", bold=True)
    d.para("Số: 233/KH-SLĐTBXH")
    d.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    d.para("Độc lập - Tự do - Hạnh phúc", bold=True)
    d.para("An Giang, ngày", italic=True)
    d.para("05 tháng 3 năm 2025", italic=True)
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Phối hợp thực hiện trợ giúp pháp lý", bold=True)
    d.center("cho người có công với cách mạng và trẻ em", bold=True)
    d.center("không nơi nương tựa năm 2025", bold=True)
    d.para("Thực hiện Kế hoạch số 40/KH-UBND ngày 22/01/2025 của UBND tỉnh An Giang về công tác trợ giúp "
           "pháp lý năm 2025, Sở Lao động - Thương binh và Xã hội xây dựng Kế hoạch như sau:",
           align=JUSTIFY)
    d.para("I. MỤC ĐÍCH,", bold=True)
    d.para("YÊU CẦU", bold=True)
    d.para("Bảo đảm người có công với cách mạng, trẻ em không nơi nương tựa có yêu cầu được trợ giúp "
           "pháp lý kịp thời.")
    d.para("II. CÁC HOẠT ĐỘNG", bold=True)
    rows = [
        ("Giới thiệu người có công với cách mạng, trẻ em không nơi nương tựa đến Trung tâm Trợ giúp pháp "
         "lý nhà nước tỉnh khi có vướng mắc pháp luật.",
         "Phòng Người có công", "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "Thường xuyên"),
        ("Niêm yết thông tin về trợ giúp pháp lý tại các cơ sở bảo trợ xã hội trực thuộc Sở.",
         "Văn phòng Sở", "Các cơ sở bảo trợ xã hội", "Quý I/2025"),
        ("Tổ chức 02 buổi tư vấn, trợ giúp pháp lý lưu động tại Trung tâm Bảo trợ xã hội tỉnh.",
         "Phòng Bảo trợ xã hội", "Trung tâm Trợ giúp pháp lý nhà nước tỉnh; Trung tâm Bảo trợ xã hội tỉnh",
         "Tháng 5 và tháng 9/2025"),
        ("Lồng ghép nội dung trợ giúp pháp lý cho trẻ em trong Tháng hành động vì trẻ em.",
         "Phòng Trẻ em và Bình đẳng giới", "Hội Liên hiệp Phụ nữ tỉnh", "Tháng 6/2025"),
        ("Sơ kết 6 tháng, tổng kết năm việc thực hiện Kế hoạch.",
         "Văn phòng Sở", "Các phòng chuyên môn thuộc Sở", "Tháng 6 và tháng 12/2025"),
    ]
    for i, (title, lead, partners, time) in enumerate(rows, 1):
        d.para(f"{i}. {title}", bold=True)
        d.para(f"- Đơn vị thực hiện chính: {lead}.")
        d.para(f"- Đơn vị cùng thực hiện: {partners}.")
        d.para(f"- Thời điểm thực hiện: {time}.")
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("Văn phòng Sở tổng hợp kết quả, báo cáo Sở Tư pháp định kỳ 6 tháng (trước ngày 15/6/2025) và "
           "năm (trước ngày 15/11/2025).")
    d.signature(["- Sở Tư pháp;", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT."],
                ["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Nguyễn Thị Kim Hằng")
    d.save(path)
