"""An older plan kept as plain text in TCVN3 (ABC), the encoding of the
.VnTime fonts: no Word file, only the text.  TCVN3 has no capital
letters with tone marks (Ấ, Ở, Ộ ...): typed in capitals they are saved
as the small letter's code ("KẾ HOẠCH" reads "Kế HOạCH"), while Ă Â Ê Ô
Ơ Ư Đ and the letters without marks keep their capitals; the old tone
placement of the time ("Uỷ ban", "hoà giải").  score.py encodes text()
with its own table of the code page."""

FORMATS = ["tcvn3", "txt-lo"]


def text():
    return """UỶ BAN NHÂN DÂN TỈNH HẬU GIANG        CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ TƯ PHÁP                             Độc lập - Tự do - Hạnh phúc

Số: 09/KH-STP                          Hậu Giang, ngày 20 tháng 01 năm 2015

KẾ HOẠCH
Triển khai công tác trợ giúp pháp lý năm 2015

Thực hiện Quyết định số 1208/QĐ-UBND ngày 15/12/2014 của Uỷ ban nhân dân tỉnh Hậu Giang về việc giao chỉ tiêu công tác tư pháp năm 2015, Sở Tư pháp tỉnh Hậu Giang xây dựng Kế hoạch triển khai công tác trợ giúp pháp lý năm 2015 như sau:

I. MỤC ĐÍCH, YÊU CẦU

- Bảo đảm người nghèo, người dân tộc thiểu số, người có công với cách mạng được trợ giúp pháp lý miễn phí khi có yêu cầu.

- Gắn trợ giúp pháp lý với công tác hoà giải ở cơ sở.

II. NỘI DUNG

1. Thực hiện trợ giúp pháp lý lưu động tại 12 xã đặc biệt khó khăn.

- Đơn vị thực hiện: Trung tâm Trợ giúp pháp lý nhà nước tỉnh.

- Đơn vị phối hợp: Uỷ ban nhân dân các huyện, thị xã; Hội Nông dân tỉnh.

- Thời gian: Quý II và Quý III năm 2015.

2. Sinh hoạt Câu lạc bộ trợ giúp pháp lý ở xã, phường, thị trấn.

- Đơn vị thực hiện: Trung tâm Trợ giúp pháp lý nhà nước tỉnh.

- Đơn vị phối hợp: Uỷ ban nhân dân cấp xã.

- Thời gian: Hàng quý.

3. Tập huấn nghiệp vụ trợ giúp pháp lý cho cộng tác viên và hoà giải viên.

- Đơn vị thực hiện: Phòng Phổ biến, giáo dục pháp luật.

- Đơn vị phối hợp: Trung tâm Trợ giúp pháp lý nhà nước tỉnh.

- Thời gian: Tháng 8/2015.

4. Kiểm tra tình hình thực hiện trợ giúp pháp lý tại các huyện Long Mỹ, Vị Thuỷ.

- Đơn vị thực hiện: Thanh tra Sở.

- Đơn vị phối hợp: Trung tâm Trợ giúp pháp lý nhà nước tỉnh.

- Thời gian: Quý IV năm 2015.

5. Sơ kết, tổng kết công tác trợ giúp pháp lý năm 2015.

- Đơn vị thực hiện: Văn phòng Sở.

- Đơn vị phối hợp: Trung tâm Trợ giúp pháp lý nhà nước tỉnh.

- Thời gian: Tháng 6 và tháng 12/2015.

III. TỔ CHỨC THỰC HIỆN

Trung tâm Trợ giúp pháp lý nhà nước tỉnh báo cáo kết quả thực hiện về Sở Tư pháp (qua Văn phòng Sở) trước ngày 10/12/2015 để tổng hợp, báo cáo Uỷ ban nhân dân tỉnh và Cục Trợ giúp pháp lý - Bộ Tư pháp.

Nơi nhận:                                         GIÁM ĐỐC
- Cục TGPL - Bộ Tư pháp;
- UBND tỉnh;
- Lưu: VT.                                      Nguyễn Văn Hoà
"""
