# writes plan.docx: a zip archive holding a text file, not a Word document
import zipfile

with zipfile.ZipFile("plan.docx", "w") as z:
    z.writestr("ke-hoach.txt", "KẾ HOẠCH\n")
