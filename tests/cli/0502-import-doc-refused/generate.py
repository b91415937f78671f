# writes plan.doc: the start of a Word 97-2003 document, an OLE2 compound
# file (its signature, then a header of zeros)
with open("plan.doc", "wb") as f:
    f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
