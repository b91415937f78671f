"""A district People's Committee's plan whose sections "1.", "2." under
"II." hold activities "a)", "b)" that name no units; each section closes
with a sentence assigning them: "Giao Phòng ... chủ trì, phối hợp với
... thực hiện ..." (lead, partners and time for every item above it).
"1. Mục đích", "2. Yêu cầu" under "I." are numbered too but are no
activities; the last section is one paragraph with its "Giao" sentence."""

from docgen import Doc, JUSTIFY

FORMATS = ["docx", "pdf", "txt-lo"]


def build(path):
    d = Doc()
    d.header_table(
        ["*ỦY BAN NHÂN DÂN", "*HUYỆN KRÔNG PA", "", "Số: 148/KH-UBND"],
        ["*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*Độc lập - Tự do - Hạnh phúc", "",
         "_Krông Pa, ngày 17 tháng 3 năm 2025"])
    d.para()
    d.center("KẾ HOẠCH", bold=True)
    d.center("Thực hiện công tác trợ giúp pháp lý cho người dân tộc thiểu số trên địa bàn huyện năm 2025",
             bold=True)
    d.para("Căn cứ Luật Trợ giúp pháp lý ngày 20 tháng 6 năm 2017;", align=JUSTIFY)
    d.para("Căn cứ Kế hoạch số 35/KH-UBND ngày 10/02/2025 của UBND tỉnh Gia Lai về triển khai công tác "
           "trợ giúp pháp lý năm 2025;", align=JUSTIFY)
    d.para("Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện công tác trợ giúp pháp lý cho người dân tộc "
           "thiểu số trên địa bàn huyện năm 2025, cụ thể như sau:", align=JUSTIFY)
    d.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    d.para("1. Mục đích", bold=True)
    d.para("Bảo đảm người dân tộc thiểu số thuộc diện trợ giúp pháp lý biết và thực hiện được quyền được "
           "trợ giúp pháp lý của mình.", align=JUSTIFY)
    d.para("2. Yêu cầu", bold=True)
    d.para("Các nhiệm vụ được triển khai đồng bộ, đúng tiến độ; phát huy vai trò của Ủy ban nhân dân cấp "
           "xã và người có uy tín trong cộng đồng.", align=JUSTIFY)
    d.para("II. NỘI DUNG THỰC HIỆN", bold=True)
    d.para("1. Rà soát đối tượng và nhu cầu trợ giúp pháp lý", bold=True)
    d.para("a) Rà soát, thống kê người dân tộc thiểu số cư trú tại các xã đặc biệt khó khăn thuộc diện "
           "được trợ giúp pháp lý.", align=JUSTIFY)
    d.para("b) Khảo sát nhu cầu trợ giúp pháp lý của người dân tại 05 xã Ia Rmok, Chư Drăng, Ia Hdreh, "
           "Krông Năng, Đất Bằng.", align=JUSTIFY)
    d.para("Giao Phòng Tư pháp huyện chủ trì, phối hợp với Ủy ban nhân dân các xã, thị trấn thực hiện; "
           "hoàn thành trong Quý II/2025.", align=JUSTIFY)
    d.para("2. Truyền thông về trợ giúp pháp lý", bold=True)
    d.para("a) Tuyên truyền về quyền được trợ giúp pháp lý bằng tiếng Jrai trên hệ thống truyền thanh của "
           "các xã.", align=JUSTIFY)
    d.para("b) Treo băng rôn, pa nô về trợ giúp pháp lý tại trung tâm các xã, thị trấn.", align=JUSTIFY)
    d.para("Giao Phòng Văn hóa và Thông tin huyện chủ trì, phối hợp với Phòng Tư pháp huyện, Trung tâm "
           "Văn hóa - Thông tin và Thể thao huyện thực hiện thường xuyên trong năm 2025.", align=JUSTIFY)
    d.para("3. Trợ giúp pháp lý lưu động và giới thiệu người được trợ giúp pháp lý", bold=True)
    d.para("a) Phối hợp tổ chức 04 đợt trợ giúp pháp lý lưu động tại các xã đặc biệt khó khăn.",
           align=JUSTIFY)
    d.para("b) Giới thiệu người thuộc diện trợ giúp pháp lý đến Chi nhánh Trợ giúp pháp lý nhà nước số 3 "
           "hoặc Trung tâm Trợ giúp pháp lý nhà nước tỉnh.", align=JUSTIFY)
    d.para("Giao Ủy ban nhân dân các xã, thị trấn chủ trì, phối hợp với Trung tâm Trợ giúp pháp lý nhà "
           "nước tỉnh Gia Lai thực hiện trong Quý III và Quý IV/2025.", align=JUSTIFY)
    d.para("4. Kiểm tra việc thực hiện Kế hoạch", bold=True)
    d.para("Kiểm tra việc thực hiện Kế hoạch tại 03 xã; tổng hợp kết quả, tham mưu Ủy ban nhân dân huyện "
           "sơ kết. Giao Phòng Tư pháp huyện chủ trì thực hiện trong tháng 11/2025.", align=JUSTIFY)
    d.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    d.para("1. Kinh phí thực hiện Kế hoạch được bảo đảm từ ngân sách huyện năm 2025.", align=JUSTIFY)
    d.para("2. Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện về Phòng Tư pháp huyện "
           "trước ngày 10/11/2025; Phòng Tư pháp huyện tổng hợp, báo cáo Ủy ban nhân dân huyện trước "
           "ngày 20/11/2025.", align=JUSTIFY)
    d.signature(["- UBND tỉnh Gia Lai (b/c);", "- Sở Tư pháp;", "- UBND các xã, thị trấn;",
                 "- Lưu: VT, TP."],
                ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Rơ Châm Y Thuận")
    d.save(path)
