import os
os.mkfifo("han.ics")
