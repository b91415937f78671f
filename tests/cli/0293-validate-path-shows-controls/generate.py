"""A plan whose file name holds an ESC sequence and a right-to-left
override (a file name may hold any byte but '/' and NUL), with a mistake
in it, so that the name is printed."""
with open("ke-hoach\x1b[31m-\u202e.yaml", "w", encoding="utf-8") as f:
    f.write("id: thu-nghiem-2026\nid: thu-nghiem-2027\n")
