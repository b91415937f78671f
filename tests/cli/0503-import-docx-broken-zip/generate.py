# writes plan.docx: a Word document cut off after its first 3,000 bytes,
# as a download that stopped (the archive's directory, at its end, lost)
from docxplan import Plan

p = Plan()
p.para("KẾ HOẠCH")
p.save("whole.docx")
with open("whole.docx", "rb") as f:
    data = f.read()
with open("plan.docx", "wb") as f:
    f.write(data[:3000])
