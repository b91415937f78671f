"""xlsxparts.py - workbooks made by hand from their XML parts, for tests that
need a file no spreadsheet application would write: a workbook of one
sheet whose text is given (a document type, a row beyond the grid, a
million rows), so the reader and `collect` can be shown refusing it."""
import zipfile

NS = "http://schemas.openxmlformats.org"
SHEET_OPEN = (f'<worksheet xmlns="{NS}/spreadsheetml/2006/main">'
              '<sheetData>')
SHEET_CLOSE = '</sheetData></worksheet>'

PARTS = {
    "[Content_Types].xml": f'<Types xmlns="{NS}/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{NS}/package/2006/relationships">'
    f'<Relationship Id="r1" Type="{NS}/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{NS}/spreadsheetml/2006/main" '
    f'xmlns:r="{NS}/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Trang 1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{NS}/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{NS}/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '</Relationships>',
}


def workbook(path, sheet, chunks=None):
    """Writes a workbook of one sheet: its text `sheet`, or, with chunks,
    `sheet` then every chunk of bytes streamed into the part (a part too
    large to hold in memory), then SHEET_CLOSE."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in PARTS.items():
            z.writestr(name, text)
        if chunks is None:
            z.writestr("xl/worksheets/sheet1.xml", sheet)
            return path
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
            w.write(sheet.encode())
            for chunk in chunks:
                w.write(chunk)
            w.write(SHEET_CLOSE.encode())
    return path
