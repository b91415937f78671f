"""A district's plan whose activities name no units: "Tổ chức thực
hiện" assigns them by unit ("Phòng Tư pháp huyện chủ trì thực hiện các
nội dung 1, 2 và 4 Mục II"); times are inside the activities'
sentences."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["*ỦY BAN NHÂN DÂN", "*HUYỆN BẢO LÂM", "", "Số: 96/KH-UBND"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Bảo Lâm, ngày 12 tháng 3 năm 2024"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Triển khai công tác trợ giúp pháp lý trên địa bàn huyện năm 2024", bold=True)
    d.para("Thực hiện Kế hoạch số 402/KH-UBND ngày 20/02/2024 của Ủy ban nhân dân tỉnh Cao Bằng về công "
           "tác trợ giúp pháp lý năm 2024, Ủy ban nhân dân huyện Bảo Lâm ban hành Kế hoạch như sau:",
           align=JUSTIFY)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("Nâng cao hiểu biết của người dân về quyền được trợ giúp pháp lý; phát huy vai trò của Ủy ban "
           "nhân dân cấp xã trong việc giới thiệu người được trợ giúp pháp lý.")
    d.para("II. NỘI DUNG", bold=True)
    d.para("1. Rà soát, lập danh sách người thuộc diện được trợ giúp pháp lý tại các xã, thị trấn, hoàn "
           "thành trong Quý II/2024.")
    d.para("2. Tổ chức 03 đợt trợ giúp pháp lý lưu động tại các xã Lý Bôn, Nam Quang, Vĩnh Phong trong "
           "tháng 8/2024.")
    d.para("3. Tuyên truyền về trợ giúp pháp lý trên hệ thống loa truyền thanh cơ sở, thực hiện hằng "
           "quý.")
    d.para("4. Kiểm tra việc niêm yết thông tin trợ giúp pháp lý tại trụ sở Ủy ban nhân dân các xã, "
           "thị trấn trong tháng 10/2024.")
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("1. Phòng Tư pháp huyện chủ trì thực hiện các nội dung 1, 2 và 4 Mục II, phối hợp với Trung "
           "tâm Trợ giúp pháp lý nhà nước tỉnh Cao Bằng; tổng hợp kết quả, báo cáo Ủy ban nhân dân huyện "
           "trước ngày 05/12/2024.")
    d.para("2. Phòng Văn hóa và Thông tin huyện chủ trì thực hiện nội dung 3 Mục II, phối hợp với Phòng "
           "Tư pháp huyện.")
    d.para("3. Ủy ban nhân dân các xã, thị trấn phối hợp thực hiện các nội dung của Kế hoạch; báo cáo "
           "kết quả về Phòng Tư pháp huyện trước ngày 30/11/2024.")
    d.signature(["- UBND tỉnh Cao Bằng;", "- Sở Tư pháp;", "- TT Huyện ủy;", "- Lưu: VT, TP."],
                ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nông Văn Thạch")
    d.save(path)
