import os
os.mkdir("han")
