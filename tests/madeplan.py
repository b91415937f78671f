"""Plans made up for the tests and benchmarks of size: a fixed header and
ending (a valid plan of 2026 with one reporting duty) around sections of
activities written alike, so that only the count of a thing varies; and a
long progress log for such a plan."""
import datetime

HEAD = {"id": "thu-nghiem-2026", "number": "/KH-STP", "issuer": "Sở Tư pháp tỉnh Thử Nghiệm",
        "place": "Thử Nghiệm", "issued": "2026-01-15", "year": 2026,
        "title": "Triển khai công tác trợ giúp pháp lý năm 2026"}
TAIL = {"reports": [{"by": "Sở Tư pháp", "to": "Bộ Tư pháp",
                     "what": "Kết quả thực hiện Kế hoạch", "due": "2026-10-30"}],
        "recipients": ["Bộ Tư pháp;", "Lưu: VT."],
        "signer": {"title": "GIÁM ĐỐC", "name": "Nguyễn Văn An"}}
LEAD = "Trung tâm Trợ giúp pháp lý Nhà nước"


def activity(ident, lead=LEAD, time="Quý II, IV"):
    """One activity; time None leaves it to the section's defaults."""
    act = {"id": ident, "title": "Tổ chức các đợt truyền thông về trợ giúp pháp lý tại cơ sở.",
           "lead": lead, "output": "Các đợt truyền thông được thực hiện."}
    if time is not None:
        act["time"] = time
    return act


def plan(sections, **changes):
    """The plan with these sections; changes replace or add top-level keys."""
    p = dict(HEAD, sections=sections, **TAIL)
    p.update(changes)
    return p


def sections_of(activities, per_section=10):
    """Sections of per_section activities each, as many as it takes."""
    return [{"id": str(s + 1), "title": "Truyền thông về trợ giúp pháp lý",
             "activities": [activity(f"{s + 1}.{k + 1}") for k in range(per_section)]}
            for s in range(max(1, activities // per_section))]


def write_long_log(records, path="plan.progress.yaml"):
    """The log of a plan whose activity 1.1 runs over two quarters: records
    short in-progress records of 13 values each (a note, four pieces of
    evidence, who reported it)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"plan: {HEAD['id']}\nrecords:\n")
        for i in range(records):
            day = datetime.date(2026, 4, 1) + datetime.timedelta(days=i * 180 // records)
            quarter = "2026-Q2" if day.month < 7 else "2026-Q4"
            f.write(f"- date: {day.isoformat()}\n  activity: \"1.1\"\n  occurrence: {quarter}\n"
                    f"  state: in-progress\n  percent: {i % 100}\n  note: n{i}\n"
                    f"  evidence: [a, b, c, d]\n  by: x\n")
