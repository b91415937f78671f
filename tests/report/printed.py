#!/usr/bin/env python3
"""kehoach report, printed: the PDF LibreOffice makes of each Ministry
report, checked as the official who signs it would look at it.

For every year a bundled plan belongs to, runs `kehoach report plans/
--period YEAR` as of today (the signing day and the number left blank),
has LibreOffice Calc print the workbook to PDF (Liberation Serif standing
in for Times New Roman, Carlito for Calibri, the workbook's default font,
which sets the column widths), and requires of the PDF:

  - one document per sheet, told apart by their page numbers: the first
    page of each carries no number, its k-th page carries k at the top;
  - on the first page of each plan's document: the issuing body in
    capitals (from the plan file), the national name and motto, "Số:"
    with the number left blank, "ngày ... tháng ... năm YYYY" left blank,
    "BÁO CÁO" and a subject line "Kết quả thực hiện Kế hoạch ..." without
    holes (no "số /", no "ngày của", no double spaces); the governing
    body, where the plan's registry gives the issuer one, above it; and
    the short solid lines (underscores, measured by their printed boxes):
    under the motto as long as it, under the issuing body and under the
    subject a quarter to a half of their width, each centred under its
    text;
  - after the table of activities, the closing parts' headings in the
    order of the template's `closing` (the targets, "II. ĐÁNH GIÁ CHUNG"
    to "V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"), then "Nơi nhận:" with the bodies
    its reporting duties report to (by their registered names, read from
    the plan file and its registry) and "Lưu: VT.";
  - no printed text below 11 points (Decree 30/2020), every character in
    a Times New Roman face (Liberation Serif), none in a fallback font;
  - no cell's text cut: every word of every cell of the workbook (read
    back with openpyxl) is printed at least as many times as the cells
    hold it, so a row too short for its text, which LibreOffice clips,
    shows as words missing; and no text printed over other text (a
    merged heading's row too short for it, centred, spills over its
    neighbours).

Skips (77) without LibreOffice, poppler's pdftotext, pdfminer or
openpyxl, or without the fonts (fonts-liberation2,
fonts-crosextra-carlito), since text measured in other fonts proves
nothing.

usage: printed.py KEHOACH PLANS_DIR TEMPLATES_DIR
"""
import collections
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import rules  # noqa: E402

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def skip(why):
    print(f"skipped: {why}")
    sys.exit(77)


if not SOFFICE:
    skip("LibreOffice (soffice) is not installed")
if not shutil.which("pdftotext"):
    skip("pdftotext (poppler-utils) is not installed")
try:
    import openpyxl
    import yaml
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine
except ImportError as e:
    skip(f"{e.name} is not installed (python3-openpyxl, python3-yaml, python3-pdfminer)")


def font_file(family):
    out = subprocess.run(["fc-match", "-f", "%{family}", family],
                         capture_output=True, text=True).stdout
    return out


if "Liberation Serif" not in font_file("Times New Roman") or "Carlito" not in font_file("Calibri"):
    skip("fonts-liberation2 and fonts-crosextra-carlito are needed to print as Word and "
         "Excel would")

PAGE_WIDTH = 841.89         # A4 landscape, in points
MIN_POINTS = 10.95          # 11 pt, as pdfminer measures LibreOffice's output
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def squeeze(s):
    return " ".join(nfc(s).split())


def page_texts(pdf, layout):
    """Each page's text: laid out as printed (where the page number is), or
    in reading order (a block's lines together)."""
    out = subprocess.run(["pdftotext"] + (["-layout"] if layout else []) + [pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def page_number(text):
    """The number printed alone on the page's first line, or None."""
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and re.fullmatch(r"\s*\d+\s*", lines[0]):
        return int(lines[0])
    return None


def documents(pages):
    """The pages split where a page without a number starts a document;
    each document's pages must be numbered 2, 3, ... after its first."""
    docs = []
    for i, text in enumerate(pages, 1):
        n = page_number(text)
        if n is None:
            docs.append([text])
            continue
        if not docs:
            problems.append(f"page {i}: numbered {n}, but no document started before it")
            docs.append([])
        docs[-1].append(text)
        check(n == len(docs[-1]), f"page {i}: numbered {n}, expected {len(docs[-1])}")
    return docs


def sizes_and_fonts(pdf):
    """{(points rounded to 0.1, font)}: characters counted."""
    seen = collections.Counter()
    for page in extract_pages(pdf):
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if not isinstance(line, LTTextLine):
                    continue
                for ch in line:
                    if isinstance(ch, LTChar) and ch.get_text().strip():
                        seen[(round(ch.size, 2), ch.fontname.split("+")[-1])] += 1
    return seen


def plan_docs(plans_dir):
    out = {}
    for name in sorted(os.listdir(plans_dir)):
        if name.endswith(".yaml") and not name.endswith(".progress.yaml") \
                and name != "units.yaml" and "." not in name[:-5]:
            with open(os.path.join(plans_dir, name), encoding="utf-8") as f:
                doc = yaml.safe_load(f)
            if isinstance(doc, dict) and "sections" in doc:
                doc["_path"] = os.path.join(plans_dir, name)
                doc["_parent"] = rules.issuer_parent(rules.Plan(doc["_path"]))
                out[doc["id"]] = doc
    return out


def years_of(doc):
    if "span" in doc:
        return list(range(doc["span"]["from"], doc["span"]["to"] + 1))
    return [doc["year"]]


def recipients(path):
    """The bodies the plan's duties report to, by their registered names,
    each once, then "Lưu: VT." (tests/rules.py, from the plan file)."""
    plan = rules.Plan(path)
    names, keys = [], set()
    for duty in plan.duties:
        for name in rules.shown(plan.registry, duty.to):
            key = nfc(str(name)).casefold()
            if key not in keys:
                keys.add(key)
                names.append(f"- {name};")
    return names + ["- Lưu: VT."]


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"([^<]*)</word>")


def printed_words(pdf, first, last):
    """The words printed on pages first..last (1-based), each as poppler
    finds it on the page (no joining across lines or columns), with its
    box: [(page, x0, y0, x1, y1, word)]."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(first), "-l", str(last), pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    words_of = []
    for page, body in enumerate(out.split("<page ")[1:], first):
        words_of += [(page, *map(float, m.groups()[:4]), html.unescape(m.group(5)))
                     for m in WORD.finditer(body)]
    return words_of


def overlapping(printed, where):
    """Words printed over each other (a row too short for text it centres
    vertically): boxes sharing more than a third of the smaller one."""
    found = []
    by_page = collections.defaultdict(list)
    for w in printed:
        by_page[w[0]].append(w)
    for page, ws in by_page.items():
        ws.sort(key=lambda w: w[2])
        for i, a in enumerate(ws):
            for b in ws[i + 1:]:
                if b[2] >= a[4]:
                    break
                dx = min(a[3], b[3]) - max(a[1], b[1])
                dy = min(a[4], b[4]) - max(a[2], b[2])
                small = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]))
                if dx > 0 and dy > 0 and dx * dy > small / 3:
                    found.append(f"page {page}: {a[5]!r} over {b[5]!r}")
    check(not found, f"{where}: text printed over text: {found[:5]}")


def line_box(words_of, first_word, x_range=None):
    """(x0, x1, y1) of the printed line starting with first_word (all the
    words on its baseline, within x_range), or None."""
    for w in words_of:
        if w[5] == first_word and (not x_range or x_range[0] <= w[1] < x_range[1]):
            same = [v for v in words_of if abs(v[2] - w[2]) < 1
                    and (not x_range or x_range[0] <= v[1] < x_range[1])]
            return min(v[1] for v in same), max(v[3] for v in same), max(v[4] for v in same)
    return None


def rules_under(words_of, page_width, doc, where):
    """The short solid lines of Decree 30/2020 (annex I), printed as
    underscores: under the motto as long as it, under the issuing body
    and under the subject a third to a half of their width, each centred
    under its text and below it."""
    rules = [w for w in words_of if w[5] and set(w[5]) == {"_"}]

    def under(box, what, low, high):
        if not box:
            problems.append(f"{where}: no {what} on page 1")
            return
        x0, x1, y1 = box
        mid, width = (x0 + x1) / 2, x1 - x0
        near = [r for r in rules if r[4] > y1 + 2 and r[2] < y1 + 40
                and abs((r[1] + r[3]) / 2 - mid) < 6]
        if not near:
            problems.append(f"{where}: no line centred under the {what}")
            return
        r = min(near, key=lambda r: r[2])
        ratio = (r[3] - r[1]) / width
        check(low <= ratio <= high, f"{where}: the line under the {what} is "
                                    f"{ratio:.2f} of its width, not {low}-{high}")

    half = page_width / 2
    under(line_box(words_of, "Độc", (half, page_width)), "motto", 0.9, 1.1)
    issuer = squeeze(doc["issuer"]).upper().split()
    lines = {}
    for w in words_of:
        if w[1] < half and w[5] in issuer and w[2] < 140:
            lines.setdefault(round(w[2]), []).append(w)
    widest = max(lines.values(), key=lambda ws: max(v[3] for v in ws) - min(v[1] for v in ws),
                 default=None)
    last = max(lines.values(), key=lambda ws: ws[0][2], default=None)
    under(widest and (min(v[1] for v in widest), max(v[3] for v in widest),
                      max(v[4] for v in last)), "issuing body", 0.25, 0.55)
    subject = line_box(words_of, "Kết")
    if subject:
        below = [w for w in words_of if w[2] > subject[2] - 1 and w[2] < subject[2] + 60
                 and not set(w[5]) <= {"_"}]
        bottom = max([subject[2]] + [w[4] for w in below if w[4] < subject[2] + 60
                                     and w[1] < subject[1] + 200])
        subject = (subject[0], subject[1], min(bottom, subject[2] + 60))
    under(subject, "subject", 0.25, 0.55)


def first_page(text, read, doc, where):
    """text: the page laid out as printed; read: in reading order. The
    issuing body (and the governing body above it) may wrap, so each is
    looked for word by word, in order, in the page's first lines."""
    flat = squeeze(read)
    for body, what in ((doc["issuer"], "issuing body"),
                       (doc.get("_parent"), "governing body")):
        if body:
            head = iter(nfc(" ".join(text.split("\n")[:8])).split())
            check(all(w in head for w in squeeze(body).upper().split()),
                  f"{where}: {what} {body.upper()!r} not at the top of page 1")
    for line in MOTTO:
        check(line in flat, f"{where}: {line!r} not on page 1")
    check(re.search(r"Số:\s+/BC-", text) is not None,
          f"{where}: no 'Số:' with its number left blank on page 1")
    check(re.search(r"ngày\s+tháng\s+năm \d{4}", text) is not None,
          f"{where}: no place-and-date line left blank for signing on page 1")
    check("BÁO CÁO" in flat, f"{where}: no 'BÁO CÁO' on page 1")
    subject = next((line.strip() for line in text.split("\n")
                    if line.strip().startswith("Kết quả thực hiện Kế hoạch")), None)
    check(subject is not None, f"{where}: no subject line on page 1")
    if subject:
        holes = [h for h in ("số /", "ngày của", "  ", " số của") if h in subject]
        check(not holes and not re.search(r"\b(số|ngày|của)$", subject),
              f"{where}: subject line with a hole: {subject!r}")


def last_part(doc_pages, doc, headings, where):
    """After the table of activities, the closing parts' headings in the
    template's order, then "Nơi nhận" and the report's recipients."""
    text = squeeze(" ".join(doc_pages))
    at = text.find("2. Kết quả thực hiện các hoạt động")
    check(at >= 0, f"{where}: no table of activities")
    for heading in headings + ["Nơi nhận:"]:
        found = text.find(heading, at)
        check(found > at, f"{where}: {heading!r} not printed after "
                          f"{'the table' if at >= 0 else 'what comes before it'}")
        at = max(at, found)
    tail = text[at:]
    for name in recipients(doc["_path"]):
        check(squeeze(name) in tail, f"{where}: recipient {name!r} not on its last pages")


def words(s):
    """Words, a '/' or '-' apart from what it joins: LibreOffice may break
    a line after one."""
    return re.findall(r"[^\s/-]+|[/-]", nfc(s))


def uncut(xlsx, sheet_name, printed, where):
    """Every word of every cell of the sheet printed at least as often."""
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    want = collections.Counter()
    for row in wb[sheet_name].iter_rows(values_only=True):
        for value in row:
            if isinstance(value, str):
                want.update(words(value))
    wb.close()
    got = collections.Counter(words(" ".join(printed)))
    missing = {w: n - got[w] for w, n in want.items() if got[w] < n}
    check(not missing, f"{where}: words of its cells not printed (cut?): "
                       f"{dict(list(missing.items())[:8])}")


def check_year(kehoach, work, plans, headings, year):
    xlsx = os.path.join(work, f"{year}.xlsx")
    subprocess.run([kehoach, "report", "plans", "--period", str(year), "-o", xlsx],
                   cwd=work, check=True, capture_output=True)
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", work, xlsx],
                   cwd=work, check=True, capture_output=True, timeout=600)
    pdf = xlsx[:-5] + ".pdf"
    laid_out = page_texts(pdf, True)
    docs = documents(laid_out)
    read = page_texts(pdf, False)
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    sheets = wb.sheetnames
    wb.close()
    check(len(docs) == len(sheets),
          f"{year}: {len(docs)} documents printed, for {len(sheets)} sheets")
    check(any(s in plans for s in sheets), f"{year}: no plan's sheet in {sheets}")
    at = 0
    for sheet, laid in zip(sheets, docs):
        pages = read[at:at + len(laid)]
        where = f"{year} {sheet}"
        if sheet in plans:
            first_page(laid[0], pages[0], plans[sheet], where)
            last_part(pages, plans[sheet], headings, where)
        printed = printed_words(pdf, at + 1, at + len(laid))
        if sheet in plans:
            rules_under([w for w in printed if w[0] == at + 1], PAGE_WIDTH, plans[sheet], where)
        uncut(xlsx, sheet, [w[5] for w in printed], where)
        overlapping(printed, where)
        at += len(laid)
    small = {k: n for k, n in sizes_and_fonts(pdf).items() if k[0] < MIN_POINTS}
    check(not small, f"{year}: text below 11 pt: {small}")
    fonts = {f for _, f in sizes_and_fonts(pdf)}
    check(all(f.startswith("LiberationSerif") for f in fonts),
          f"{year}: text in fonts other than Times New Roman's: {fonts}")
    return sum(len(d) for d in docs), len(docs)


def main():
    kehoach, plans_dir, templates = (os.path.abspath(a) for a in sys.argv[1:4])
    plans = plan_docs(plans_dir)
    with open(os.path.join(templates, "ministry.template.yaml"), encoding="utf-8") as f:
        tpl = yaml.safe_load(f)
    sheet = next(s for s in tpl["sheets"] if s["kind"] == "activities")
    headings = [squeeze(p["heading"]) for p in sheet.get("closing", {}).get("parts", [])]
    years = sorted({y for doc in plans.values() for y in years_of(doc)})
    pages = docs = 0
    with tempfile.TemporaryDirectory(prefix="kehoach-printed-") as work:
        shutil.copytree(plans_dir, os.path.join(work, "plans"))
        for year in years:
            p, d = check_year(kehoach, work, plans, headings, year)
            pages += p
            docs += d
    print(f"{len(years)} reports printed ({', '.join(map(str, years))}): {docs} documents, "
          f"{pages} pages looked at: {len(problems)} problems")
    for p in problems:
        print("FAILED", p)
    sys.exit(1 if problems or not docs else 0)


if __name__ == "__main__":
    main()
