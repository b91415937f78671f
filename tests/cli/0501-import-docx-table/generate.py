# writes plan.docx: a plan whose activities are a Word table, its section
# rows one cell merged across the columns (gridSpan), a lead unit merged
# down over two activities (vMerge), its numbers (STT) typed
from docxplan import Plan

p = Plan()
p.table([["SỞ TƯ PHÁP TỈNH QUẢNG TRỊ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
         ["Số: 15/KH-STP", "Quảng Trị, ngày 05 tháng 3 năm 2025"]], layout=True)
p.para("KẾ HOẠCH")
p.para("Trợ giúp pháp lý cho người dân tộc thiểu số năm 2025")
p.para("Căn cứ Kế hoạch số 120/KH-UBND ngày 20/02/2025 của UBND tỉnh về công tác trợ giúp "
       "pháp lý năm 2025, Sở Tư pháp ban hành Kế hoạch như sau:")
p.para("I. MỤC ĐÍCH, YÊU CẦU")
p.para("1. Mục đích")
p.para("- Bảo đảm người dân tộc thiểu số được trợ giúp pháp lý khi có yêu cầu.")
p.para("2. Yêu cầu")
p.para("- Bám sát nhiệm vụ được giao, phối hợp chặt chẽ.")
p.para("II. NỘI DUNG")
p.table([["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Sản phẩm"],
         ["I", "Truyền thông về trợ giúp pháp lý", "", "", "", ""],
         ["1", "Tổ chức truyền thông tại các xã vùng sâu", "Trung tâm Trợ giúp pháp lý Nhà nước",
          "Ủy ban nhân dân cấp xã; Phòng Dân tộc", "Quý II, III", "Các đợt truyền thông"],
         ["2", "Biên soạn tờ gấp pháp luật", "", "", "Quý I", "2.000 tờ gấp"],
         ["II", "Thực hiện vụ việc trợ giúp pháp lý", "", "", "", ""],
         ["1", "Thực hiện vụ việc cho người dân tộc thiểu số", "Trung tâm Trợ giúp pháp lý Nhà nước",
          "Cơ quan tiến hành tố tụng", "Cả năm", "Đáp ứng 100% yêu cầu"]],
        merges=[(1, 1, 1, 5), (2, 2, 2, 1), (4, 1, 1, 5)])
p.para("III. TỔ CHỨC THỰC HIỆN")
p.para("1. Trung tâm Trợ giúp pháp lý Nhà nước có trách nhiệm triển khai Kế hoạch này, báo cáo "
       "Sở Tư pháp kết quả thực hiện trước ngày 15/11/2025.")
p.para("Nơi nhận:")
p.para("- Lưu: VT.")
p.para("GIÁM ĐỐC")
p.para("Lê Văn Minh")
p.save("plan.docx")
