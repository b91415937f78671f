# a link to a file: refused, neither the link nor its target replaced
import os
os.symlink("target.txt", "tinh-hinh.txt")
