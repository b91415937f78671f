# writes plan.docx: a Word document whose main part is cut in the middle
# of a paragraph; the error names the part, its line and column
import zipfile

from docxplan import Plan

Plan().save("whole.docx")
with zipfile.ZipFile("whole.docx") as src, zipfile.ZipFile("plan.docx", "w") as out:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "word/document.xml":
            data = data.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>K\xe1\xba\xbe HO\xe1\xba\xa0CH</w:r></w:p>")
        out.writestr(item, data)
