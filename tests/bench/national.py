#!/usr/bin/env python3
"""A national corpus in kehoach's own format, for the national benchmark.

One folder per province (34, the provinces and cities of 2025), each with
a shared unit registry (units.yaml: the Ủy ban, its Sở, their Trung tâm
and Phòng) and PLANS plans shaped like the bundled ones in plans/: a
header, basis, purposes, numbered sections of activities with a lead and
partners named as the registry or generic phrases, the time phrases the
bundled plans print (whole year, months, quarters, "Hàng tháng", "trước
ngày ...", two windows on two lines...), targets, reporting duties by date
and periodic, and beside each plan its progress log: a year of records per
activity (one per month for a single window, three per quarter for a
quarterly one, one per occurrence for a monthly one), with percent,
values of targets, notes, evidence and records of reports sent.

Everything comes from random.Random seeded by (seed, province, plan), so a
plan is the same whatever the scale: the corpus of 2 x PLANS plans per
province holds the corpus of PLANS. The files pass `kehoach validate`.

usage: national.py OUT_DIR [--plans N] [--seed S] [--scale F]
  --plans N   plans per province (default 60: 2,040 plans, ~612,000
              records, ~250 MiB); --scale F multiplies it (2 = doubled)
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

PROVINCES = [  # (name, "tỉnh" or "thành phố")
    ("Hà Nội", "thành phố"), ("Huế", "thành phố"), ("Lai Châu", "tỉnh"),
    ("Điện Biên", "tỉnh"), ("Sơn La", "tỉnh"), ("Lạng Sơn", "tỉnh"),
    ("Quảng Ninh", "tỉnh"), ("Thanh Hóa", "tỉnh"), ("Nghệ An", "tỉnh"),
    ("Hà Tĩnh", "tỉnh"), ("Cao Bằng", "tỉnh"), ("Tuyên Quang", "tỉnh"),
    ("Lào Cai", "tỉnh"), ("Thái Nguyên", "tỉnh"), ("Phú Thọ", "tỉnh"),
    ("Bắc Ninh", "tỉnh"), ("Hưng Yên", "tỉnh"), ("Hải Phòng", "thành phố"),
    ("Ninh Bình", "tỉnh"), ("Quảng Trị", "tỉnh"), ("Đà Nẵng", "thành phố"),
    ("Quảng Ngãi", "tỉnh"), ("Gia Lai", "tỉnh"), ("Khánh Hòa", "tỉnh"),
    ("Lâm Đồng", "tỉnh"), ("Đắk Lắk", "tỉnh"), ("Hồ Chí Minh", "thành phố"),
    ("Đồng Nai", "tỉnh"), ("Tây Ninh", "tỉnh"), ("Cần Thơ", "thành phố"),
    ("Vĩnh Long", "tỉnh"), ("Đồng Tháp", "tỉnh"), ("Cà Mau", "tỉnh"),
    ("An Giang", "tỉnh"),
]

# The Sở of a province: (id, name without the province, symbol), each with
# a Trung tâm or Văn phòng and two Phòng of its own.
DEPARTMENTS = [
    ("stp", "Sở Tư pháp", "STP", "Trung tâm Trợ giúp pháp lý Nhà nước"),
    ("syt", "Sở Y tế", "SYT", "Trung tâm Kiểm soát bệnh tật"),
    ("sgddt", "Sở Giáo dục và Đào tạo", "SGDĐT", "Trung tâm Giáo dục thường xuyên"),
    ("snv", "Sở Nội vụ", "SNV", "Trung tâm Dịch vụ việc làm"),
    ("stc", "Sở Tài chính", "STC", "Trung tâm Tư vấn và Dịch vụ tài chính"),
    ("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "Trung tâm Văn hóa - Điện ảnh"),
    ("snnmt", "Sở Nông nghiệp và Môi trường", "SNNMT", "Trung tâm Khuyến nông"),
    ("skhcn", "Sở Khoa học và Công nghệ", "SKHCN", "Trung tâm Chuyển đổi số"),
    ("sxd", "Sở Xây dựng", "SXD", "Trung tâm Quy hoạch xây dựng"),
    ("sct", "Sở Công Thương", "SCT", "Trung tâm Khuyến công và Xúc tiến thương mại"),
]
OFFICES = ["Văn phòng", "Thanh tra", "Phòng Kế hoạch - Tài chính"]

TOPICS = [
    ("tgpl", "công tác trợ giúp pháp lý", "người thuộc diện được trợ giúp pháp lý"),
    ("pbgdpl", "công tác phổ biến, giáo dục pháp luật", "cán bộ, công chức và nhân dân"),
    ("cds", "chuyển đổi số và ứng dụng công nghệ thông tin", "cơ quan, đơn vị và người dân"),
    ("cchc", "cải cách hành chính", "tổ chức và cá nhân"),
    ("nkt", "chính sách trợ giúp pháp lý cho người khuyết tật", "người khuyết tật"),
    ("nct", "chính sách trợ giúp pháp lý cho người cao tuổi", "người cao tuổi"),
    ("bdg", "bình đẳng giới và vì sự tiến bộ của phụ nữ", "phụ nữ và trẻ em gái"),
    ("pctn", "phòng, chống tham nhũng, tiêu cực", "cán bộ, đảng viên"),
]

VERBS = ["Tổ chức", "Triển khai", "Tăng cường", "Đẩy mạnh", "Rà soát, cập nhật",
         "Xây dựng và ban hành", "Theo dõi, hướng dẫn", "Kiểm tra, giám sát",
         "Tập huấn, bồi dưỡng", "Truyền thông về", "Nghiên cứu, đề xuất", "Phối hợp thực hiện"]
OBJECTS = ["các hoạt động {t} trên địa bàn {p}",
           "tài liệu, ấn phẩm về {t} phù hợp với {w}",
           "việc thực hiện {t} tại các cơ quan, đơn vị và địa phương",
           "đội ngũ người làm {t} ở cấp tỉnh và cấp xã",
           "kênh tiếp nhận phản ánh, kiến nghị của {w} về {t}",
           "cơ sở dữ liệu phục vụ {t}, bảo đảm đầy đủ, chính xác, kịp thời",
           "mô hình điểm về {t} tại một số xã, phường có điều kiện khó khăn",
           "các văn bản quy phạm pháp luật liên quan đến {t}"]
TAILS = ["", "; ưu tiên {w} ở vùng đồng bào dân tộc thiểu số, vùng sâu, vùng xa",
         ", bảo đảm đúng quy định của pháp luật và phù hợp với điều kiện thực tiễn",
         "; lồng ghép với các chương trình mục tiêu quốc gia để tiết kiệm nguồn lực",
         " (trên Cổng thông tin điện tử, mạng xã hội, hệ thống loa truyền thanh cơ sở...)"]
OUTPUTS = ["Các văn bản hướng dẫn được ban hành.", "Các lớp tập huấn được tổ chức.",
           "Báo cáo kết quả thực hiện.", "Tài liệu, ấn phẩm được phát hành.",
           "Cơ sở dữ liệu được cập nhật đầy đủ, kịp thời.",
           "Các đợt truyền thông, kiểm tra được thực hiện theo kế hoạch."]
TARGETS = [("Tỷ lệ {w} được tiếp cận thông tin về {t}", 100, "%"),
           ("Số lớp tập huấn được tổ chức", 12, "lớp"),
           ("Số người được tập huấn", 500, "người"),
           ("Tỷ lệ hồ sơ được số hóa, cập nhật lên phần mềm", 90, "%"),
           ("Số tin, bài được đăng tải", 48, "tin, bài")]
GENERIC_PARTNERS = ["Ủy ban nhân dân cấp xã", "các cơ quan, tổ chức có liên quan",
                    "cơ sở giam giữ", "các tổ chức đoàn thể", "Các cơ quan, đơn vị có liên quan",
                    "các cơ sở trợ giúp xã hội", "Những đơn vị được giao nhiệm vụ"]
ROMAN = ["I", "II", "III", "IV"]


def slug(text):
    table = str.maketrans("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                          "ùúủũụưừứửữựỳýỷỹỵđ",
                          "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooo"
                          "uuuuuuuuuuuyyyyyd")
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def q(text):
    """A YAML scalar for text: plain when that reads back the same string,
    else double-quoted (JSON's quoting is YAML's)."""
    if re.fullmatch(r"[^\s\"'#:&*!|>%@`,\[\]{}\-?][^\n#\"]*", text) and ": " not in text \
            and not text.endswith(":") and not re.fullmatch(r"[\d.\-]+|true|false|null|~|yes|no",
                                                             text, re.I):
        return text
    return json.dumps(text, ensure_ascii=False)


def d(day):
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def month_end(year, month):
    return datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)


class Province:
    def __init__(self, index):
        self.name, self.kind = PROVINCES[index]
        self.full = f"{self.kind} {self.name}"
        self.slug = slug(self.name)
        self.ubnd = f"Ủy ban nhân dân {self.full}"
        self.ubnd_short = "UBND tỉnh" if self.kind == "tỉnh" else "UBND thành phố"

    def registry(self):
        """The text of units.yaml and the names it registers, by unit id."""
        lines = [f"# Danh mục đơn vị dùng chung của {self.full}, cho mọi kế hoạch trong thư mục.",
                 "# yaml-language-server: $schema=../../schemas/units.schema.json", "units:",
                 "  - id: btp", "    name: Bộ Tư pháp",
                 "  - id: ubnd", f"    name: {q(self.ubnd)}", "    aliases:",
                 f"      - {q(self.ubnd_short)}", f"      - Ủy ban nhân dân {self.kind}",
                 "  - id: ubnd-xa", "    name: Ủy ban nhân dân cấp xã", "    aliases:",
                 "      - UBND cấp xã"]
        for dep, name, _, centre in DEPARTMENTS:
            lines += [f"  - id: {dep}", f"    name: {q(f'{name} {self.full}')}",
                      "    aliases:", f"      - {q(name)}", "    parent: ubnd",
                      f"  - id: {dep}-tt", f"    name: {q(f'{centre} {self.full}')}",
                      "    aliases:", f"      - {q(centre)}", f"      - {q(f'{name} ({centre})')}",
                      f"    parent: {dep}"]
            for n, office in enumerate(OFFICES):
                lines += [f"  - id: {dep}-p{n}", f"    name: {q(f'{office} {name}')}",
                          f"    parent: {dep}"]
        return "\n".join(lines) + "\n"


def time_phrase(rng, year):
    """(the phrase as printed, its occurrences: [(key or None, first day,
    last day)]) of one activity; a key only when there are several."""
    jan, dec = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    quarters = [(f"{year}-Q{n + 1}", datetime.date(year, 3 * n + 1, 1),
                 month_end(year, 3 * n + 3)) for n in range(4)]
    kind = rng.choices(range(12), weights=[8, 4, 3, 2, 2, 2, 2, 3, 2, 2, 1, 1])[0]
    if kind == 0:
        first = rng.choice([1, 1, 2, 3])
        return (f"Từ tháng {first:02d}/{year} đến tháng 12/{year}.",
                [(None, datetime.date(year, first, 1), dec)])
    if kind == 1:
        return rng.choice([f"Trong năm {year}.", "Cả năm.", f"Cả năm {year}."]), [(None, jan, dec)]
    if kind == 2:
        n = rng.randrange(4)
        return (rng.choice([f"Quý {ROMAN[n]}.", f"Quý {ROMAN[n]} năm {year}."]),
                [(None,) + quarters[n][1:]])
    if kind == 3:
        return "Quý II, IV.", [quarters[1], quarters[3]]
    if kind == 4:
        return "Quý I-IV.", quarters
    if kind == 5:
        return (rng.choice(["Hàng tháng", "Định kỳ hằng tháng"]),
                [(f"{year}-{m:02d}", datetime.date(year, m, 1), month_end(year, m))
                 for m in range(1, 13)])
    if kind == 6:
        return "Định kỳ hằng quý", quarters
    if kind == 7:
        due = datetime.date(year, rng.randrange(3, 13), rng.choice([15, 20, 25, 28]))
        return rng.choice([f"Trước ngày {d(due)}", f"trước ngày {d(due)}.",
                           f"Chậm nhất ngày {d(due)}."]), [(None, jan, due)]
    if kind == 8:
        return f"Hoàn thành trước Quý III năm {year}.", [(None, jan, datetime.date(year, 6, 30))]
    if kind == 9:
        m = rng.randrange(1, 13)
        return f"tháng {m}/{year}", [(None, datetime.date(year, m, 1), month_end(year, m))]
    if kind == 10:
        return "6 tháng đầu năm", [(None, jan, datetime.date(year, 6, 30))]
    windows = [(3, 4, "đợt hưởng ứng Ngày Pháp luật Việt Nam"),
               (10, 11, "đợt cao điểm cuối năm")]
    lines, occurrences = [], []
    for first, last, note in windows:
        start, end = datetime.date(year, first, 1), month_end(year, last)
        lines.append(f"Từ tháng {first:02d}/{year} đến tháng {last:02d}/{year} đối với {note}.")
        occurrences.append((f"{start.isoformat()}..{end.isoformat()}", start, end))
    return "\n".join(lines), occurrences


def yaml_block(key, text, indent):
    if "\n" not in text:
        return [f"{' ' * indent}{key}: {q(text)}"]
    return [f"{' ' * indent}{key}: |-"] + [f"{' ' * (indent + 2)}{line}" for line in text.split("\n")]


def plan_files(province, index, number, seed):
    """(plan id, the plan's text, its log's text, records) of plan number
    `number` of a province."""
    rng = random.Random(f"{seed}/{index}/{number}")
    year = rng.choice([2025, 2026, 2026])
    dep, dep_name, symbol, centre = rng.choice(DEPARTMENTS)
    topic, topic_text, whom = rng.choice(TOPICS)
    plan_id = f"{province.slug}-{dep}-{topic}-{year}-{number:03d}"
    issuer = f"{dep_name} {province.full}"
    issued = datetime.date(year - 1, 12, 1) + datetime.timedelta(days=rng.randrange(60))
    title = f"Triển khai {topic_text} năm {year} của {dep_name} {province.full}"
    fill = {"t": topic_text, "w": whom, "p": province.full}
    units = [dep_name, centre, f"{dep_name} ({centre})"] + [f"{o} {dep_name}" for o in OFFICES]
    others = [name for _, name, _, _ in DEPARTMENTS if name != dep_name]
    out = ["# yaml-language-server: $schema=../../schemas/plan.schema.json",
           f"id: {plan_id}", f"number: \"{rng.randrange(1, 400)}/KH-{symbol}\"",
           f"issuer: {q(issuer)}", f"place: {q(province.name)}",
           f"issued: \"{issued.isoformat()}\"", f"year: {year}", f"title: {q(title)}",
           "preamble:",
           f"  - {q(f'Thực hiện Kế hoạch số {rng.randrange(1, 300)}/KH-UBND ngày {d(issued - datetime.timedelta(days=20))} của {province.ubnd_short} về {topic_text} năm {year}, {dep_name} ban hành Kế hoạch thực hiện như sau:')}",
           "basis:", f"  - document: Kế hoạch số {rng.randrange(1, 300)}/KH-UBND",
           f"    date: \"{(issued - datetime.timedelta(days=20)).isoformat()}\"",
           f"    issuer: {q(province.ubnd)}", f"    about: {q(f'về {topic_text} năm {year}')}",
           "purposes:"]
    for _ in range(rng.randrange(2, 5)):
        out.append(f"  - {q(rng.choice(VERBS) + ' ' + rng.choice(OBJECTS).format(**fill) + '.')}")
    out += ["requirements:",
            f"  - {q('Triển khai nghiêm túc, đồng bộ, hiệu quả; xác định rõ trách nhiệm của từng cơ quan, đơn vị trong ' + topic_text + '.')}",
            "sections:"]
    activities = []  # (id, occurrences, targets)
    for s in range(1, rng.randrange(4, 7) + 1):
        out += [f"  - id: \"{s}\"",
                f"    title: {q(rng.choice(VERBS) + ' ' + rng.choice(OBJECTS).format(**fill))}",
                "    activities:"]
        for a in range(rng.randrange(3, 7)):
            act_id = f"{s}.{'abcdefgh'[a]}"
            title = (rng.choice(VERBS) + " " + rng.choice(OBJECTS) + rng.choice(TAILS) + ".").format(**fill)
            phrase, occurrences = time_phrase(rng, year)
            out += [f"      - id: \"{act_id}\"", f"        title: {q(title)}",
                    f"        lead: {q(rng.choice(units))}", "        partners:"]
            for partner in rng.sample(others, rng.randrange(1, 4)) + \
                    rng.sample(GENERIC_PARTNERS, rng.randrange(1, 4)):
                out.append(f"          - {q(partner)}")
            out += yaml_block("time", phrase, 8)
            out.append(f"        output: {q(rng.choice(OUTPUTS))}")
            targets = []
            if rng.random() < 0.3:
                out.append("        targets:")
                for name, value, unit in rng.sample(TARGETS, rng.randrange(1, 3)):
                    name = name.format(**fill)
                    targets.append((name, value))
                    out += [f"          - name: {q(name)}", f"            value: {value}",
                            f"            unit: {q(unit)}"]
            activities.append((act_id, occurrences, targets))
    out += ["budget:",
            "  - Kinh phí thực hiện Kế hoạch được bố trí từ dự toán ngân sách nhà nước giao hằng năm và các nguồn kinh phí hợp pháp khác.",
            "organisation:",
            f"  - {q(f'Giao {centre} chủ trì, phối hợp với các phòng chuyên môn tổ chức thực hiện Kế hoạch này.')}",
            "reports:"]
    reports = []  # (id, occurrences)
    due = datetime.date(year, rng.choice([10, 11, 12]), rng.choice([15, 20, 30]))
    out += [f"  - text: {q(f'{centre} báo cáo kết quả thực hiện về {dep_name} trước ngày {d(due)}.')}",
            "    what: Kết quả thực hiện Kế hoạch", f"    by: {q(centre)}", f"    to: {q(dep_name)}",
            f"    when: trước ngày {d(due)}", f"    due: \"{due.isoformat()}\""]
    reports.append(("BC1", [(None, due)]))
    if rng.random() < 0.6:
        out += [f"  - text: {q(f'Định kỳ 06 tháng, cuối năm, {dep_name} báo cáo {province.ubnd_short} kết quả thực hiện Kế hoạch.')}",
                "    what: Kết quả thực hiện Kế hoạch", f"    by: {q(dep_name)}",
                f"    to: {q(province.ubnd_short)}", "    when: Định kỳ 06 tháng, cuối năm",
                "    every: [first-half, year]"]
        reports.append(("BC2", [(f"{year}-H1", datetime.date(year, 6, 25)),
                                (str(year), datetime.date(year, 12, 25))]))
    out += [f"closing: {q(f'Trên đây là Kế hoạch {topic_text} năm {year} của {dep_name}; yêu cầu các đơn vị nghiêm túc thực hiện./.')}",
            "recipients:", f"  - {q(province.ubnd_short + ';')}", "  - \"Lưu: VT.\"",
            "signer:", "  authority:", "    - KT. GIÁM ĐỐC", "  title: PHÓ GIÁM ĐỐC",
            f"  name: {q(rng.choice(['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng']) + ' Văn ' + rng.choice(['An', 'Bình', 'Cường', 'Dũng', 'Hùng']))}"]
    log, records = progress_log(rng, plan_id, year, activities, reports, units)
    return plan_id, "\n".join(out) + "\n", log, records


NOTES = ["Đã ban hành văn bản triển khai tới các đơn vị trực thuộc.",
         "Tổ chức {n} lớp tập huấn cho {k} lượt người tham dự.",
         "Đăng tải {n} tin, bài trên Cổng thông tin điện tử; phát {k} lượt trên loa truyền thanh cơ sở.",
         "Kiểm tra tại {n} xã, phường; phát hiện và hướng dẫn khắc phục {k} tồn tại.",
         "Cập nhật {k} hồ sơ lên phần mềm quản lý; đang tiếp tục số hóa hồ sơ giấy.",
         "Tiếp nhận {k} yêu cầu, đã giải quyết {n} yêu cầu, số còn lại đang xử lý."]


def progress_log(rng, plan_id, year, activities, reports, units):
    """The log's text and its number of records: a year of records per
    activity, in date order, and the reports sent."""
    records = []  # (date, order, text)
    for act_id, occurrences, targets in activities:
        for key, first, last in occurrences:
            span = (last - first).days
            steps = 12 if len(occurrences) == 1 else max(1, 12 // len(occurrences))
            finished = rng.random() < 0.8
            for step in range(steps):
                day = first + datetime.timedelta(days=span * (step + 1) // (steps + 1))
                done = finished and step == steps - 1
                lines = [f"- date: {day.isoformat()}", f"  activity: \"{act_id}\""]
                if key:
                    lines.append(f"  occurrence: \"{key}\"")
                lines.append(f"  state: {'done' if done else 'in-progress'}")
                if not done:
                    lines.append(f"  percent: {100 * (step + 1) // (steps + 1)}")
                if targets:
                    lines.append("  values:")
                    for name, value in targets:
                        lines.append(f"    {q(name)}: {value * (step + 1) // steps}")
                note = rng.choice(NOTES).format(n=rng.randrange(1, 30), k=rng.randrange(10, 900))
                lines.append(f"  note: {json.dumps(note, ensure_ascii=False)}")
                if rng.random() < 0.4:
                    lines += ["  evidence:", f"    - \"Báo cáo số {rng.randrange(1, 500)}/BC-{plan_id[-12:]} ngày {d(day)}\""]
                lines.append(f"  by: {json.dumps(rng.choice(units), ensure_ascii=False)}")
                records.append((day, len(records), "\n".join(lines)))
    for report_id, occurrences in reports:
        for key, due in occurrences:
            day = due - datetime.timedelta(days=rng.randrange(0, 10))
            lines = [f"- date: {day.isoformat()}", f"  report: \"{report_id}\""]
            if key:
                lines.append(f"  occurrence: \"{key}\"")
            lines += ["  state: done", f"  document: \"Số {rng.randrange(1, 900)}/BC\""]
            records.append((day, len(records), "\n".join(lines)))
    records.sort()
    head = [f"# Nhật ký tiến độ thực hiện kế hoạch {plan_id}.",
            "# yaml-language-server: $schema=../../schemas/progress.schema.json",
            f"plan: {plan_id}", "records:"]
    return "\n".join(head + [r[2] for r in records]) + "\n", len(records)


def generate(out_dir, plans, seed):
    """Writes the corpus; returns (plans, files, records, bytes)."""
    totals = [0, 0, 0, 0]
    for index in range(len(PROVINCES)):
        province = Province(index)
        folder = os.path.join(out_dir, province.slug)
        os.makedirs(folder, exist_ok=True)
        texts = [("units.yaml", province.registry())]
        for number in range(plans):
            plan_id, plan, log, records = plan_files(province, index, number, seed)
            texts += [(plan_id + ".yaml", plan), (plan_id + ".progress.yaml", log)]
            totals[0] += 1
            totals[2] += records
        for name, text in texts:
            data = text.encode("utf-8")
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
            totals[1] += 1
            totals[3] += len(data)
    return tuple(totals)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--plans", type=int, default=60, help="plans per province")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies --plans")
    parser.add_argument("--seed", default="17")
    args = parser.parse_args()
    plans, files, records, size = generate(args.out_dir, round(args.plans * args.scale), args.seed)
    print(f"{plans} plans, {records} records, {files} files, {size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
