# writes plan.docx: a plan as a provincial department drafts it in Word,
# its part, section and activity numbers all automatic (none is in the
# text), its header a borderless table of two columns, its signature
# block another
from docxplan import Plan

p = Plan()
p.table([["ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU\nSỞ TƯ PHÁP\n-------",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------"],
         ["Số: 45/KH-STP", "Bạc Liêu, ngày 10 tháng 01 năm 2025"]], layout=True)
p.para("KẾ HOẠCH", bold=True)
p.para("Triển khai công tác trợ giúp pháp lý năm 2025", bold=True)
p.para("Căn cứ Quyết định số 123/QĐ-UBND ngày 05/01/2025 của Ủy ban nhân dân tỉnh "
       "về công tác trợ giúp pháp lý năm 2025, Sở Tư pháp ban hành Kế hoạch triển "
       "khai công tác trợ giúp pháp lý năm 2025 như sau:")
parts = p.list([("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")])
bullets = p.list([("bullet", "\uf0b7")])
p.para("MỤC ĐÍCH, YÊU CẦU", num=parts, level=0, bold=True)
p.para("Mục đích", num=parts, level=1)
p.para("Nâng cao chất lượng trợ giúp pháp lý cho người được trợ giúp pháp lý.",
       num=bullets)
p.para("Yêu cầu", num=parts, level=1)
p.para("Bám sát nhiệm vụ được giao, phối hợp chặt chẽ giữa các đơn vị.", num=bullets)
p.para("NỘI DUNG", num=parts, level=0, bold=True)
p.para("Truyền thông về trợ giúp pháp lý", num=parts, level=1)
p.para("Tổ chức truyền thông về trợ giúp pháp lý tại các xã vùng sâu", num=parts, level=2)
p.para("Đơn vị chủ trì: Trung tâm Trợ giúp pháp lý nhà nước")
p.para("Đơn vị phối hợp: Ủy ban nhân dân cấp xã; Phòng Dân tộc")
p.para("Thời gian thực hiện: Quý II, III")
p.para("Sản phẩm: Các đợt truyền thông")
p.para("Biên soạn, in ấn tờ gấp pháp luật về trợ giúp pháp lý", num=parts, level=2)
p.para("Đơn vị chủ trì: Trung tâm Trợ giúp pháp lý nhà nước")
p.para("Thời gian thực hiện: Quý I")
p.para("Sản phẩm: 2.000 tờ gấp")
p.para("Thực hiện vụ việc trợ giúp pháp lý", num=parts, level=1)
p.para("Thực hiện vụ việc trợ giúp pháp lý cho người dân tộc thiểu số", num=parts, level=2)
p.para("Đơn vị chủ trì: Trung tâm Trợ giúp pháp lý nhà nước")
p.para("Đơn vị phối hợp: Cơ quan tiến hành tố tụng")
p.para("Thời gian thực hiện: Cả năm")
p.para("Sản phẩm: Đáp ứng 100% yêu cầu trợ giúp pháp lý")
p.para("TỔ CHỨC THỰC HIỆN", num=parts, level=0, bold=True)
p.para("Trung tâm Trợ giúp pháp lý nhà nước có trách nhiệm triển khai Kế hoạch này, "
       "báo cáo Sở Tư pháp kết quả thực hiện trước ngày 15/11/2025.", num=parts, level=1)
p.para("Văn phòng Sở bảo đảm kinh phí thực hiện Kế hoạch.", num=parts, level=1)
p.para("Trên đây là Kế hoạch triển khai công tác trợ giúp pháp lý năm 2025 của Sở Tư pháp.")
p.table([["Nơi nhận:\n- Cục Trợ giúp pháp lý;\n- UBND tỉnh;\n- Lưu: VT.",
          "GIÁM ĐỐC\n\n\nLê Văn Minh"]], layout=True)
p.save("plan.docx")
