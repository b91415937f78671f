#!/usr/bin/env python3
"""The list numbers docx_read writes, against LibreOffice Writer's.

Word documents made with python-docx (tests/docxplan.py): the plans of the
golden cases 0500 and 0501 and one of every kind of list a plan uses
(Roman parts, "1." sections, "1.1." and "a)" items, bullets, lists
restarted with a startOverride, lists continued under a second numId,
other formats and starts). Each is read by docx-dump and converted to text
by LibreOffice (`soffice --headless --convert-to txt`), which numbers the
lists itself. Outside the tables of activities, the paragraphs must be the
same, once LibreOffice's indentation is trimmed and the bullets of both
written "-" (LibreOffice writes its own glyphs), and those that open with
a number or a bullet must come in the same order.

The plan of golden case 0580 is typed in the TCVN3 fonts (.VnTime,
.VnTimeH): LibreOffice's text holds the fonts' raw letters ("KÕ HO¹CH"),
which shows the document really is in them, and docx_read's the
Vietnamese they draw: each of our lines is compared in the form
tests/import/vnenc.py types it in those fonts, and most must differ from
their Unicode.

Skipped (77) where LibreOffice Writer is not installed.

usage: docx_libreoffice.py DOCX_DUMP TESTS_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# LibreOffice writes a bullet as its own glyph, whatever the document's
# ("-", "+", a Symbol font's); docx_read as "-" or "+"
BULLETS = re.compile(r"^[-+\u2022\u25e6\u25aa\u25cf\uf0b7\uf0a7\u2013\u2212]\s+")
MARKER = re.compile(r"^(- |\(?[IVXivx]+[.)]|\d+[.)]|\d+(\.\d+)+\.|[a-zA-Z][.)])")
RULE = re.compile(r"^[-_=.* ]*$")


def every_list(path, tests):
    sys.path.insert(0, tests)
    from docxplan import Plan
    p = Plan()
    parts = p.list([("upperRoman", "%1."), ("decimal", "%2."), ("decimal", "%2.%3."),
                    ("lowerLetter", "%4)")])
    bullets = p.list([("bullet", "\uf0b7"), ("bullet", "-"), ("bullet", "+")])
    other = p.list([("lowerRoman", "(%1)"), ("upperLetter", "%2."), ("decimalZero", "%3.")])
    p.para("MỞ ĐẦU", num=parts, level=0)
    p.para("Mục đích", num=parts, level=1)
    p.para("Chi tiết một", num=parts, level=2)
    p.para("Chi tiết hai", num=parts, level=2)
    p.para("Việc nhỏ", num=parts, level=3)
    p.para("Việc nhỏ khác", num=parts, level=3)
    p.para("Yêu cầu", num=parts, level=1)
    p.para("Việc của yêu cầu", num=parts, level=3)
    p.para("Gạch đầu dòng", num=bullets, level=0)
    p.para("Gạch cấp hai", num=bullets, level=1)
    p.para("Dấu cộng", num=bullets, level=2)
    p.para("NỘI DUNG", num=parts, level=0)
    p.para("Truyền thông", num=parts, level=1)
    p.para("Đoạn không số giữa danh sách")
    p.para("Tập huấn", num=parts, level=1)
    again = p.restart(parts, level=0, start=1)
    p.para("Danh sách bắt đầu lại", num=again, level=0)
    p.para("Mục của nó", num=again, level=1)
    p.para("Danh sách đi tiếp", num=parts, level=0)
    p.para("La Mã nhỏ", num=other, level=0)
    p.para("La Mã nhỏ hai", num=other, level=0)
    p.para("Chữ hoa", num=other, level=1)
    p.para("Số có số không", num=other, level=2)
    five = p.restart(other, level=0, start=5)
    p.para("Bắt đầu từ năm", num=five, level=0)
    p.save(path)


def as_typed(lines, theirs):
    """Each line in the form LibreOffice shows: as it is, or typed in
    .VnTime or .VnTimeH; and how many are in a legacy font."""
    import vnenc
    out, legacy = [], 0
    for line in lines:
        typed = line
        for font in (vnenc.tcvn3, vnenc.tcvn3_capitals):
            try:
                form = font(line).decode("latin-1")
            except subprocess.CalledProcessError:  # a letter it cannot type
                continue
            if form != line and form in theirs and line not in theirs:
                typed = form
                break
        legacy += typed != line
        out.append(typed)
    return out, legacy


def body_lines(text):
    """The lines, trimmed, bullets as "-", rules and blank lines left out."""
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        line = BULLETS.sub("- ", line)
        if line and not RULE.match(line):
            out.append(line)
    return out


def main():
    dump, tests = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sys.path[:0] = [tests, os.path.join(tests, "import")]
    soffice = shutil.which("soffice")
    if not soffice or not os.path.exists("/usr/lib/libreoffice/share/registry/writer.xcd"):
        print("SKIP: LibreOffice Writer is not installed (libreoffice-writer-nogui)")
        return 77
    failures = 0
    with tempfile.TemporaryDirectory(prefix="kehoach-docx-lo-") as work:
        docs = []
        for case in ("0500-import-docx-plan", "0501-import-docx-table",
                     "0580-import-docx-vntime"):
            folder = os.path.join(work, case)
            os.mkdir(folder)
            subprocess.run([sys.executable, os.path.join(tests, "cli", case, "generate.py")],
                           cwd=folder, check=True, env=dict(os.environ, PYTHONPATH=tests))
            docs.append(os.path.join(folder, "plan.docx"))
        docs.append(os.path.join(work, "lists.docx"))
        every_list(docs[-1], tests)
        profile = "file://" + os.path.join(work, "profile")
        for doc in docs:
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                            "--convert-to", "txt:Text (encoded):UTF8", "--outdir",
                            os.path.dirname(doc), doc],
                           check=True, capture_output=True, timeout=300)
            with open(doc[:-5] + ".txt", encoding="utf-8-sig") as f:
                theirs = body_lines(f.read())
            ours_text = subprocess.run([dump, doc], check=True, capture_output=True,
                                       text=True).stdout
            # table rows are ours alone (LibreOffice writes a cell a line);
            # lines of a cell, LibreOffice's, are left out with them
            ours = [line for line in body_lines(ours_text) if not line.startswith("|")]
            legacy = 0
            if "vntime" in doc:
                ours, legacy = as_typed(ours, set(theirs))
            cells = set()
            for line in body_lines(ours_text):
                if line.startswith("|"):
                    cells.update(c.strip() for c in line.strip("|").split("|"))
            theirs = [line for line in theirs if line not in cells]
            # the same paragraphs; the numbered ones in the same order (the
            # two-column tables' lines come in another: ours by column)
            ours_numbered = [line for line in ours if MARKER.match(line)]
            theirs_numbered = [line for line in theirs if MARKER.match(line)]
            numbered = len(ours_numbered)
            name = os.path.relpath(doc, work)
            if "vntime" in doc and legacy * 2 < len(ours):
                failures += 1
                print(f"FAILED {name}: only {legacy} of {len(ours)} paragraphs read from "
                      "the legacy fonts (LibreOffice shows them typed so)")
            elif sorted(ours) != sorted(theirs) or ours_numbered != theirs_numbered:
                failures += 1
                print(f"FAILED {name}: docx_read and LibreOffice differ")
                for line in sorted(set(ours) ^ set(theirs)):
                    print(f"  {'ours  ' if line in ours else 'theirs'}: {line}")
            else:
                print(f"ok {name}: {len(ours)} paragraphs, {numbered} with a number or bullet, "
                      f"{legacy} in a legacy font, the same as LibreOffice's")
    print(f"{len(docs) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
