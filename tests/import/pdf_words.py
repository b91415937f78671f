#!/usr/bin/env python3
"""The PDF reader loses no word and makes none up, and reads the plan of
golden case 0520 in the order a person reads it.

The plan is printed to PDF as the case prints it (its generate.py:
python3-docx, then LibreOffice Writer). Its words as pdf-text-dump reads
them (engine/lib/pdf/pdf_text.c, as `kehoach import` imports them) are
compared, as a multiset, with the words of poppler's own `pdftotext`
(poppler-utils): the same words, but for the page numbers, which only
pdftotext keeps. Then the order: the header's left column before its
right one, the motto whole, one line a table row ("| a | b |") with five
cells, the
row broken by the page whole, and no line a page number.

Skips (77) without LibreOffice, python3-docx or pdftotext.

usage: pdf_words.py PDF_TEXT_DUMP CASE_DIR
"""
import collections
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    dump, case = sys.argv[1], sys.argv[2]
    for tool in ("soffice", "pdftotext"):
        if not shutil.which(tool):
            print(f"SKIP: {tool} is not installed")
            return 77
    try:
        import docx  # noqa: F401
    except ImportError:
        print("SKIP: python3-docx is not installed")
        return 77
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, os.path.join(case, "generate.py")], cwd=work,
                       check=True)
        pdf = os.path.join(work, "plan.pdf")
        ours = subprocess.run([dump, pdf], capture_output=True, text=True,
                              check=True).stdout
        theirs = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                                check=True).stdout
    problems = []
    # a table's rows are written as the Word reader writes them, "| a | b |"
    mine = collections.Counter(w for w in ours.split() if w != "|")
    poppler = collections.Counter(theirs.split())
    if mine - poppler:
        problems.append(f"words pdftotext does not read: {dict(mine - poppler)}")
    if poppler - mine != collections.Counter({"1": 1, "2": 1}):
        problems.append(f"words left out, page numbers aside: {dict(poppler - mine)}")
    lines = ours.splitlines()

    def at(text):
        return lines.index(text) if text in lines else -1

    header = ["UBND TỈNH BẠC LIÊU", "SỞ TƯ PHÁP", "Số: 12/KH-STP",
              "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "Bạc Liêu, ngày 05 tháng 3 năm 2025", "KẾ HOẠCH"]
    places = [at(h) for h in header]
    if -1 in places or places != sorted(places):
        problems.append(f"the header's lines out of order or missing: {places}")
    rows = [[cell.strip() for cell in line.split("|")[1:-1]]
            for line in lines if line.startswith("| ") and line.endswith("|")]
    if len(rows) != 5 or any(len(r) != 5 for r in rows):
        problems.append(f"the table is not 5 rows of 5 cells: {rows}")
    elif rows[2] != ["2", "Thực hiện vụ việc trợ giúp pháp lý tham gia tố tụng",
                     "Trung tâm Trợ giúp pháp lý Nhà nước",
                     "Công an tỉnh, Tòa án nhân dân tỉnh", "Cả năm"]:
        problems.append(f"the row broken by the page: {rows[2]}")
    if any(line.strip().isdigit() for line in lines):
        problems.append("a page number is left in")
    for p in problems:
        print("FAILED", p)
    print(f"{sum(mine.values())} words, {len(lines)} lines, {len(rows)} table rows")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
