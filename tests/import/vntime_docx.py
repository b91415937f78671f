#!/usr/bin/env python3
"""Every Word document of the test set (tests/import/documents/), typed
again in the TCVN3 fonts, imports to the same draft.

Each .docx that a document.py builds is retyped as a typist of the 1990s
would have had it: every run's text in .VnTime, a capital with a tone
mark (which .VnTime lacks) in a run of its own in the capitals font
.VnTimeH, and what neither can type (©, °, ...) in Times New Roman; the
text holds the fonts' bytes as code points ("KÕ ho¹ch"), as Word keeps
it, typed by glibc's TCVN5712-1 for the letters VN3 shares with it
(vnenc.py), apart from the engine's tables. `kehoach import` must write
the same draft, byte for byte, and exit the same, from both files.

Skipped (77) without python3-docx.

usage: vntime_docx.py KEHOACH TESTS_DIR
"""
import copy
import glob
import importlib.util
import os
import subprocess
import sys
import tempfile
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CAPS = "ĂÂÊÔƠƯĐ"  # capitals .VnTime has


def q(name):
    return "{%s}%s" % (W, name)


class Typist:
    def __init__(self, vnenc):
        self.vnenc, self.codes = vnenc, {}

    def code(self, c):
        """The .VnTime code of one letter, or None."""
        if c not in self.codes:
            try:
                b = self.vnenc.tcvn3(c)
                self.codes[c] = b.decode("latin-1") if len(b) == 1 else None
            except subprocess.CalledProcessError:
                self.codes[c] = None
        return self.codes[c]

    def segments(self, text):
        """text as (font, typed text) pieces"""
        out = []
        for c in text:
            if c < "\x80" and c.isalpha():
                kind, ch = ".VnTime", c  # .VnTimeH would make it a capital
            elif c < "\x80" or (ord(c) > 0xFF and self.code(c) is None):
                kind, ch = None, c  # the same in every font: “, –, digits
            elif c.isupper() and c not in CAPS and self.code(c.lower()):
                kind, ch = ".VnTimeH", self.code(c.lower())
            elif self.code(c):
                kind, ch = ".VnTime", self.code(c)
            else:
                kind, ch = "Times New Roman", c
            if out and (kind is None or out[-1][0] in (kind, None)):
                out[-1][0] = out[-1][0] or kind
                out[-1][1] += ch
            else:
                out.append([kind, ch])
        return [(kind or ".VnTime", s) for kind, s in out]

    def retype(self, src, dst):
        """src's document part retyped into dst; returns the runs in a
        legacy font."""
        import lxml.etree as ET
        with zipfile.ZipFile(src) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        root = ET.fromstring(parts["word/document.xml"])
        legacy = 0
        for r in list(root.iter(q("r"))):
            texts = [t for t in r if t.tag == q("t")]
            if len(texts) != 1 or not texts[0].text:
                continue
            pieces = self.segments(texts[0].text)
            parent = r.getparent()
            at = parent.index(r)
            parent.remove(r)
            for i, (font, s) in enumerate(pieces):
                run = copy.deepcopy(r)
                if i < len(pieces) - 1:  # a break or tab after the text, once
                    for child in list(run):
                        if child.tag not in (q("rPr"), q("t")):
                            run.remove(child)
                rpr = run.find(q("rPr"))
                if rpr is None:
                    rpr = ET.Element(q("rPr"))
                    run.insert(0, rpr)
                for f in rpr.findall(q("rFonts")):
                    rpr.remove(f)
                rpr.insert(0, ET.Element(q("rFonts"), {q("ascii"): font, q("hAnsi"): font}))
                t = run.find(q("t"))
                t.text = s
                t.set(XML_SPACE, "preserve")
                parent.insert(at + i, run)
                legacy += font.startswith(".Vn")
        parts["word/document.xml"] = ET.tostring(root, xml_declaration=True,
                                                 encoding="UTF-8", standalone=True)
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
        return legacy


def main():
    kehoach, tests = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    documents = os.path.join(tests, "import", "documents")
    sys.path[:0] = [tests, os.path.join(tests, "import"), documents]
    try:
        import docx  # noqa: F401  (docgen builds with it)
    except ImportError:
        print("SKIP: python3-docx is not installed")
        return 77
    import vnenc
    typist = Typist(vnenc)
    same = total = runs = 0
    with tempfile.TemporaryDirectory(prefix="kehoach-vntime-") as work:
        for folder in sorted(glob.glob(os.path.join(documents, "[0-9]*"))):
            name = os.path.basename(folder)
            spec = importlib.util.spec_from_file_location("document", os.path.join(folder, "document.py"))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            if "docx" not in module.FORMATS:
                continue
            unicode_docx = os.path.join(work, name + ".docx")
            vntime_docx = os.path.join(work, name + ".vntime.docx")
            module.build(unicode_docx)
            legacy = typist.retype(unicode_docx, vntime_docx)
            drafts = [subprocess.run([kehoach, "import", path, "--id", name],
                                     capture_output=True, env=dict(os.environ, LANGUAGE="en"))
                      for path in (unicode_docx, vntime_docx)]
            total += 1
            runs += legacy
            if drafts[0].stdout == drafts[1].stdout and drafts[0].returncode == drafts[1].returncode:
                same += 1
                print(f"ok {name}: {legacy} runs in .VnTime fonts, the same draft")
            else:
                print(f"FAILED {name}: the draft of the .VnTime document differs")
                a = drafts[0].stdout.decode().splitlines()
                b = drafts[1].stdout.decode().splitlines()
                for line in sorted(set(a) ^ set(b))[:10]:
                    print(f"  {'unicode' if line in a else 'vntime '}: {line}")
    print(f"{same} of {total} documents ({runs} runs in .VnTime fonts) give the same draft")
    return 0 if total and same == total else 1


if __name__ == "__main__":
    sys.exit(main())
