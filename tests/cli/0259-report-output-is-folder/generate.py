import os
os.mkdir("bao-cao.xlsx")
