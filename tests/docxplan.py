"""Plan documents written as Word writes them, with python-docx, for the
tests of `kehoach import FILE.docx` (tests/cli/05xx-import-docx-*).

What python-docx cannot make through its API is written into the parts
as Word writes it: list definitions in numbering.xml (multilevel "I." /
"1." / "a)" lists and bullets, a list restarted by a startOverride),
cells merged across (gridSpan) and down (vMerge), tracked changes.

    from docxplan import Plan
    p = Plan()
    p.header("SỞ TƯ PHÁP", ...)
    p.save("plan.docx")
"""
import copy

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")


class Plan:
    def __init__(self):
        self.doc = Document()
        self.numbering = self.doc.part.numbering_part.element
        self.next_abstract = 90
        self.next_num = 90

    # ---- lists ----

    def list(self, levels):
        """A list definition and one list using it; levels are (format,
        text) pairs, ("upperRoman", "%1."). Returns the list's numId."""
        aid, nid = self.next_abstract, self.next_num
        self.next_abstract += 1
        self.next_num += 1
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels))
        abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{aid}">'
                             f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
        # abstractNum elements come before the num elements
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        self.numbering.append(parse_xml(
            f'<w:num {W} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
        self._abstract_of = getattr(self, "_abstract_of", {})
        self._abstract_of[nid] = aid
        return nid

    def restart(self, nid, level=0, start=1):
        """A new list of the same definition as nid, starting again at
        level (a startOverride, as Word writes "Restart numbering")."""
        new = self.next_num
        self.next_num += 1
        self.numbering.append(parse_xml(
            f'<w:num {W} w:numId="{new}"><w:abstractNumId w:val="{self._abstract_of[nid]}"/>'
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/>'
            f'</w:lvlOverride></w:num>'))
        self._abstract_of[new] = self._abstract_of[nid]
        return new

    # ---- paragraphs ----

    def para(self, text="", num=None, level=0, style=None, bold=False, caps=False):
        p = self.doc.add_paragraph(style=style)
        if text:
            run = p.add_run(text)
            run.bold = bold
            run.font.all_caps = caps or None
        if num is not None:
            p_pr = p._p.get_or_add_pPr()
            p_pr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/>'
                                  f'<w:numId w:val="{num}"/></w:numPr>'))
        return p

    def raw(self, xml):
        """A paragraph written as XML (w: elements of a w:p)."""
        p = self.doc.add_paragraph()
        for child in parse_xml(f"<w:p {W}>{xml}</w:p>"):
            p._p.append(copy.deepcopy(child))
        return p

    # ---- tables ----

    def table(self, rows, merges=(), layout=False):
        """rows: lists of cell texts (a text with '\\n' is several
        paragraphs). merges: (row, col, rows_down, cols_across) merged as
        Word merges them, the text of the first cell kept."""
        ncols = max(len(r) for r in rows)
        t = self.doc.add_table(rows=len(rows), cols=ncols)
        if not layout:
            t.style = "Table Grid"
        for i, r in enumerate(rows):
            for j, text in enumerate(r):
                cell = t.cell(i, j)
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        for (i, j, down, across) in merges:
            t.cell(i, j).merge(t.cell(i + down - 1, j + across - 1))
        return t

    def save(self, path):
        self.doc.save(path)
