# writes the input of this case (too large to keep in the repository): a
# plan written as one line of JSON, 1.6 MB, its text decomposed (NFD), with
# a time kehoach cannot read in each of its 6,000 activities and an unknown
# key at the end of the line
import json
import unicodedata

activities = [{"id": f"1.{k + 1}",
               "title": "Tổ chức các đợt truyền thông về trợ giúp pháp lý tại cơ sở.",
               "lead": "Trung tâm Trợ giúp pháp lý Nhà nước", "time": "Quý V",
               "output": "Các đợt truyền thông được thực hiện."} for k in range(6000)]
plan = {"id": "thu-nghiem-2026", "number": "/KH-STP", "issuer": "Sở Tư pháp tỉnh Thử Nghiệm",
        "place": "Thử Nghiệm", "issued": "2026-01-15", "year": 2026,
        "title": "Triển khai công tác trợ giúp pháp lý năm 2026",
        "sections": [{"id": "1", "title": "Truyền thông", "activities": activities}],
        "reports": [{"by": "Sở Tư pháp", "to": "Bộ Tư pháp",
                     "what": "Kết quả thực hiện Kế hoạch", "due": "2026-10-30"}],
        "recipients": ["Bộ Tư pháp;", "Lưu: VT."],
        "signer": {"title": "GIÁM ĐỐC", "name": "Nguyễn Văn An", "nam": "x"}}
with open("plan.yaml", "w", encoding="utf-8") as f:
    f.write(unicodedata.normalize("NFD", json.dumps(plan, ensure_ascii=False)) + "\n")
