"""Plans made up for the tests and benchmarks of size: a fixed header and
ending (a valid plan of 2026 with one reporting duty) around sections of
activities written alike, so that only the count of a thing varies."""

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
