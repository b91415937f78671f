# writes the input of this case: a progress log one byte over the 512 MiB
# a log may have, refused before a byte of it is read (a sparse file: it
# takes no room on the disk)
with open("plan.progress.yaml", "wb") as f:
    f.truncate((512 << 20) + 1)
