"""What the progress tests share: a small plan with a monthly, a one-off
(with a target) and a quarterly activity, the names of its log and lock
file, and how to read a record back.

Imported by concurrency.py and crash.py (beside this file)."""
import datetime
import re

PLAN_ID = "thu-nghiem-2026"
TARGET = "Số tờ gấp được cấp phát"
PLAN = f"""\
# yaml-language-server: $schema=../schemas/plan.schema.json
id: {PLAN_ID}
number: "/KH-STP"
issuer: Sở Tư pháp tỉnh Thử Nghiệm
place: Thử Nghiệm
issued: "2026-01-15"
year: 2026
title: Triển khai công tác trợ giúp pháp lý năm 2026
sections:
  - id: "1"
    title: Truyền thông về trợ giúp pháp lý
    activities:
      - id: "1.1"
        title: Tổ chức các đợt truyền thông về trợ giúp pháp lý tại cơ sở.
        lead: Trung tâm Trợ giúp pháp lý Nhà nước
        partners:
          - Ủy ban nhân dân cấp xã
        time: Hàng tháng
        output: Các đợt truyền thông được thực hiện.
      - id: "1.2"
        title: Biên soạn tờ gấp pháp luật về trợ giúp pháp lý.
        lead: Trung tâm Trợ giúp pháp lý Nhà nước
        time: Hoàn thành trong Quý III năm 2026
        output: Tờ gấp được cấp phát.
        targets:
          - name: {TARGET}
            value: 5000
            unit: tờ
      - id: "1.3"
        title: Tập huấn nghiệp vụ cho người thực hiện trợ giúp pháp lý.
        lead: Trung tâm Trợ giúp pháp lý Nhà nước
        time: Quý I-IV
        output: Các lớp tập huấn.
reports:
  - by: Sở Tư pháp
    to: Bộ Tư pháp
    what: Kết quả thực hiện Kế hoạch
    due: "2026-10-30"
recipients:
  - Bộ Tư pháp;
  - "Lưu: VT."
signer:
  title: GIÁM ĐỐC
  name: Nguyễn Văn An
"""
LOG = "plan.progress.yaml"
LOCK = LOG + ".lock"
SANITIZER = re.compile(r"runtime error:|Sanitizer|LeakSanitizer")


def normal(record):
    """A record as read by PyYAML, with its date as text."""
    if not isinstance(record, dict):
        return record
    r = dict(record)
    if isinstance(r.get("date"), datetime.date):
        r["date"] = r["date"].isoformat()
    return r
