"""Helpers the document scripts of the import test set write .docx with.

Each folder of tests/import/documents/ holds document.py (its text, laid
out with these helpers) and expected.yaml (the answers, written by
reading that text).  The helpers make what Word makes and a text export
loses: the borderless two-column header table, automatic list numbering
(numbering.xml definitions; the numbers are not in the text), tables
with merged cells (gridSpan, vMerge), tracked changes not yet accepted
(w:ins, w:del), footnotes, comments and text boxes.  Everything is deterministic: the
same script writes the same document.
"""

import re

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# Word's number formats by the names used here.
_FORMATS = {"decimal": "decimal", "roman": "upperRoman", "letter": "lowerLetter",
            "bullet": "bullet"}


class Doc:
    """A document being written: paragraphs, tables and numbered lists."""

    def __init__(self):
        self.doc = docx.Document()
        style = self.doc.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(13)
        self._abstract = 100
        self._num = 100

    def para(self, text="", bold=False, italic=False, align=None, num=None, level=0):
        """A paragraph; runs of "**...**" in text are bold, "\\n" is a line
        break within the paragraph (Shift+Enter).  num: a list
        from numbered(), the paragraph then carries that list's number."""
        p = self.doc.add_paragraph()
        parts = text.split("**")
        for i, part in enumerate(parts):
            for k, piece in enumerate(part.split("\n")):
                run = p.add_run(piece)
                run.bold = bold or i % 2 == 1
                run.italic = italic
                if k < part.count("\n"):
                    run.add_break()
        if align is not None:
            p.alignment = align
        if num is not None:
            ppr = p._p.get_or_add_pPr()
            numpr = OxmlElement("w:numPr")
            ilvl = OxmlElement("w:ilvl")
            ilvl.set(qn("w:val"), str(level))
            numid = OxmlElement("w:numId")
            numid.set(qn("w:val"), str(num))
            numpr.append(ilvl)
            numpr.append(numid)
            ppr.append(numpr)
        return p

    def tracked(self, text, deleted=False):
        """A paragraph with tracked changes: "{+...+}" an insertion and
        "{-...-}" a deletion not yet accepted (Word's w:ins, w:del); with
        deleted=True the whole paragraph, its mark too, is a deletion."""
        p = self.doc.add_paragraph()
        if deleted:
            text = "{-" + text + "-}"
            rpr = OxmlElement("w:rPr")
            rpr.append(self._change("w:del"))
            p._p.get_or_add_pPr().append(rpr)
        for piece in re.split(r"(\{\+.*?\+\}|\{-.*?-\})", text):
            if not piece:
                continue
            kind = piece[:2]
            body = piece[2:-2] if kind in ("{+", "{-") else piece
            run = OxmlElement("w:r")
            t = OxmlElement("w:delText" if kind == "{-" else "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = body
            run.append(t)
            if kind in ("{+", "{-"):
                change = self._change("w:ins" if kind == "{+" else "w:del")
                change.append(run)
                p._p.append(change)
            else:
                p._p.append(run)
        return p

    def _change(self, tag):
        self._change_id = getattr(self, "_change_id", 0) + 1
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self._change_id))
        el.set(qn("w:author"), "Phòng Hành chính tư pháp")
        el.set(qn("w:date"), "2025-03-10T08:00:00Z")
        return el

    def _xml_part(self, name, content_type, reltype, root):
        """A part of the package (footnotes, comments) the default
        template lacks, related from the document."""
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from lxml import etree
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI(name), content_type, xml, self.doc.part.package)
        self.doc.part.relate_to(part, reltype)

    def footnote(self, p, text):
        """A footnote whose mark ends paragraph p; its text belongs to the
        page's foot, not to the paragraph."""
        self._footnotes = getattr(self, "_footnotes", [])
        self._footnotes.append(text)
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), "superscript")
        rpr.append(va)
        run.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(len(self._footnotes)))
        run.append(ref)
        p._p.append(run)

    def comment(self, p, text, author="Phòng Kế hoạch - Tài chính"):
        """A reviewer's comment on the whole of paragraph p."""
        self._comments = getattr(self, "_comments", [])
        cid = str(len(self._comments))
        self._comments.append((author, text))
        start = OxmlElement("w:commentRangeStart")
        start.set(qn("w:id"), cid)
        first = p._p.find(qn("w:r"))
        first.addprevious(start)
        end = OxmlElement("w:commentRangeEnd")
        end.set(qn("w:id"), cid)
        p._p.append(end)
        run = OxmlElement("w:r")
        ref = OxmlElement("w:commentReference")
        ref.set(qn("w:id"), cid)
        run.append(ref)
        p._p.append(run)

    def textbox(self, p, lines, italic=True):
        """A text box (VML, as Word writes one for compatibility) anchored
        in paragraph p, holding lines as its paragraphs."""
        from lxml import etree
        v = "urn:schemas-microsoft-com:vml"
        run = OxmlElement("w:r")
        pict = OxmlElement("w:pict")
        shape = etree.SubElement(pict, f"{{{v}}}shape")
        shape.set("id", f"textbox{id(p) % 100000}")
        shape.set("type", "#_x0000_t202")
        shape.set("style", "width:230pt;height:22pt")
        shape.set("stroked", "f")
        box = etree.SubElement(shape, f"{{{v}}}textbox")
        content = OxmlElement("w:txbxContent")
        for line in lines:
            para = OxmlElement("w:p")
            r = OxmlElement("w:r")
            if italic:
                rpr = OxmlElement("w:rPr")
                rpr.append(OxmlElement("w:i"))
                r.append(rpr)
            t = OxmlElement("w:t")
            t.text = line
            r.append(t)
            para.append(r)
            content.append(para)
        box.append(content)
        run.append(pict)
        p._p.append(run)

    def _notes_parts(self):
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        ct = "application/vnd.openxmlformats-officedocument.wordprocessingml."

        def para(text):
            p = OxmlElement("w:p")
            r = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            r.append(t)
            p.append(r)
            return p

        from lxml import etree
        if getattr(self, "_footnotes", None):
            root = etree.Element(f"{{{w}}}footnotes", nsmap={"w": w})
            for fid, kind in (("-1", "separator"), ("0", "continuationSeparator")):
                fn = OxmlElement("w:footnote")
                fn.set(qn("w:type"), kind)
                fn.set(qn("w:id"), fid)
                p = OxmlElement("w:p")
                r = OxmlElement("w:r")
                r.append(OxmlElement("w:" + kind))
                p.append(r)
                fn.append(p)
                root.append(fn)
            for i, text in enumerate(self._footnotes, 1):
                fn = OxmlElement("w:footnote")
                fn.set(qn("w:id"), str(i))
                fn.append(para(text))
                root.append(fn)
            self._xml_part("/word/footnotes.xml", ct + "footnotes+xml", rel + "footnotes", root)
        if getattr(self, "_comments", None):
            root = etree.Element(f"{{{w}}}comments", nsmap={"w": w})
            for i, (author, text) in enumerate(self._comments):
                c = OxmlElement("w:comment")
                c.set(qn("w:id"), str(i))
                c.set(qn("w:author"), author)
                c.set(qn("w:date"), "2025-03-10T08:00:00Z")
                c.append(para(text))
                root.append(c)
            self._xml_part("/word/comments.xml", ct + "comments+xml", rel + "comments", root)

    def center(self, text, bold=False, italic=False):
        return self.para(text, bold=bold, italic=italic, align=CENTER)

    def numbered(self, levels):
        """A new list numbered as Word numbers it; levels is a list of
        (format, text) per level, e.g. [("decimal", "%1."), ("decimal",
        "%1.%2.")] or [("letter", "%1)")] or [("bullet", "-")].  Returns
        the numId to give para(num=...)."""
        numbering = self.doc.part.numbering_part.element
        self._abstract += 1
        self._num += 1
        absn = OxmlElement("w:abstractNum")
        absn.set(qn("w:abstractNumId"), str(self._abstract))
        for i, (fmt, text) in enumerate(levels):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(i))
            for tag, val in (("w:start", "1"), ("w:numFmt", _FORMATS[fmt]),
                             ("w:lvlText", text), ("w:lvlJc", "left")):
                el = OxmlElement(tag)
                el.set(qn("w:val"), val)
                lvl.append(el)
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(360 * (i + 1)))
            ind.set(qn("w:hanging"), "360")
            ppr.append(ind)
            lvl.append(ppr)
            absn.append(lvl)
        # abstractNum elements come before every num element.
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(absn)
        else:
            numbering.append(absn)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self._num))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(self._abstract))
        num.append(ref)
        numbering.append(num)
        return self._num

    @staticmethod
    def _widths(table, inches):
        """Column widths as Word stores them: the grid and every cell."""
        table.autofit = False
        for i, w in enumerate(inches):
            table.columns[i].width = Inches(w)
            for cell in table.columns[i].cells:
                cell.width = Inches(w)

    def header_table(self, left, right):
        """The borderless two-column header: left and right are lists of
        lines (a line starting with "_" is italic, "*" bold)."""
        table = self.doc.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (left, right)):
            cell.paragraphs[0].text = ""
            for i, line in enumerate(lines):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                p.alignment = CENTER
                italic = line.startswith("_")
                bold = line.startswith("*")
                run = p.add_run(line.lstrip("_*"))
                run.font.size = Pt(12)
                run.italic = italic
                run.bold = bold
        self._widths(table, [2.3, 4.0])
        return table

    def table(self, rows, header_rows=1, grid=True):
        """A table from rows of cell texts.  A cell "<" is merged with the
        cell on its left (gridSpan), "^" with the cell above (vMerge).  A
        cell's text may hold several paragraphs separated by "\\n"."""
        ncols = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        if grid:
            table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text in ("<", "^"):
                    continue
                cell = table.cell(r, c)
                lines = text.split("\n")
                cell.paragraphs[0].text = ""
                for i, line in enumerate(lines):
                    p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                    run = p.add_run(line)
                    run.bold = r < header_rows
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text == "<":
                    start = c
                    while row[start] == "<":
                        start -= 1
                    table.cell(r, start).merge(table.cell(r, c))
                elif text == "^":
                    start = r
                    while rows[start][c] == "^":
                        start -= 1
                    table.cell(start, c).merge(table.cell(r, c))
        self._widths(table, [0.45, 2.1] + [3.45 / (ncols - 2)] * (ncols - 2) if ncols > 2 else
                     [6.0 / ncols] * ncols)
        for row in table.rows[:header_rows]:
            trpr = row._tr.get_or_add_trPr()
            head = OxmlElement("w:tblHeader")
            trpr.append(head)
        return table

    def signature(self, recipients, authority, title, name):
        """The closing block: "Nơi nhận" on the left, the signer on the
        right, in a borderless table as Word documents lay it out."""
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.paragraphs[0].text = ""
        run = left.paragraphs[0].add_run("Nơi nhận:")
        run.bold = run.italic = True
        for line in recipients:
            left.add_paragraph(line)
        right.paragraphs[0].text = ""
        lines = list(authority) + [title, "", "", name]
        for i, line in enumerate(lines):
            p = right.paragraphs[0] if i == 0 else right.add_paragraph()
            p.alignment = CENTER
            p.add_run(line).bold = True
        self._widths(table, [3.0, 3.0])
        return table

    def page_break(self):
        self.doc.add_page_break()

    def save(self, path):
        # A fixed creation date: the same script writes the same bytes.
        import datetime
        props = self.doc.core_properties
        props.created = props.modified = datetime.datetime(2025, 1, 1)
        props.last_modified_by = props.author = "kehoach"
        props.revision = 1
        self._notes_parts()
        self.doc.save(path)
