#!/usr/bin/env python3
"""A write killed part way stops at a page boundary of the file: what
`kehoach update` relies on to add records in place.

engine/lib/base/lockfile.h: an update adds its records with one write at
the log's end, the records lying within one page of the file after a
comment line that fills the page before them; that is all or nothing only
if the kernel, when it kills a writer in the middle of a write, leaves
the bytes cut at a multiple of the page size (as an offset in the file),
never inside a page. This test checks that premise on the file system
the tests run on (the build folder's): a child appends 16 MiB in one
write(2) after a head of a length that is no multiple of a page, and is
sent SIGKILL after a random delay; the file must then hold the head
followed by a prefix of what was written, cut at a page boundary (or
nothing of it, or all of it). It goes on until 10 kills have landed in
the middle of a write (at most 300 rounds) and prints the counts. When
none lands in the middle (a machine too fast for the delays) it skips,
saying so: it could not see what it checks.

usage: page_cut.py
exit: 0 passed, 1 failed, 77 skipped
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SIZE = 16 << 20
HEAD = 1000             # no multiple of a page
WANTED = 10             # kills in the middle of a write
MAX_ROUNDS = 300
SEED = 20261204

CHILD = r"""
import os, sys
path, size = sys.argv[1], int(sys.argv[2])
data = bytes(range(256)) * (size // 256)
fd = os.open(path, os.O_WRONLY | os.O_APPEND)
os.write(1, b"r")
os.write(fd, data)
os.write(1, b"d")
"""


def pattern(n):
    """The first n bytes the child writes."""
    return (bytes(range(256)) * (n // 256 + 1))[:n]


def round_once(path, delay):
    """One child killed after delay seconds (None: not killed). Returns
    how many of its bytes reached the file, and the seconds its write
    took when it was not killed."""
    with open(path, "wb") as f:
        f.write(b"h" * HEAD)
    child = subprocess.Popen([sys.executable, "-c", CHILD, path, str(SIZE)],
                             stdout=subprocess.PIPE)
    if child.stdout.read(1) != b"r":
        raise RuntimeError("the writer did not start")
    start = time.monotonic()
    if delay is None:
        child.stdout.read(1)
        took = time.monotonic() - start
    else:
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        took = None
    child.wait()
    child.stdout.close()
    return os.path.getsize(path) - HEAD, took


def main():
    page = os.sysconf("SC_PAGE_SIZE")
    rng = random.Random(SEED)
    folder = tempfile.mkdtemp(prefix="page-cut-", dir=os.getcwd())
    path = os.path.join(folder, "log")
    try:
        _, took = round_once(path, None)
        counts = {"nothing": 0, "cut": 0, "whole": 0}
        rounds = 0
        while counts["cut"] < WANTED and rounds < MAX_ROUNDS:
            rounds += 1
            put, _ = round_once(path, rng.uniform(0, 1.5 * took))
            if put == 0:
                counts["nothing"] += 1
                continue
            if put == SIZE:
                counts["whole"] += 1
                continue
            counts["cut"] += 1
            if (HEAD + put) % page:
                print(f"FAIL: a write killed part way left {put} of its bytes after a "
                      f"head of {HEAD}: the file ends at {HEAD + put}, inside a "
                      f"page of {page}")
                return 1
            with open(path, "rb") as f:
                data = f.read()
            if data[:HEAD] != b"h" * HEAD or data[HEAD:] != pattern(put):
                print("FAIL: the bytes of a write killed part way are not a prefix of "
                      "what was written")
                return 1
        print(f"{rounds} rounds of one {SIZE >> 20} MiB write ({took * 1000:.1f} ms) "
              f"killed at random: {counts['nothing']} left nothing, {counts['whole']} "
              f"all, {counts['cut']} a part, each cut at a page boundary "
              f"({page} bytes)")
        if counts["cut"] == 0:
            print("SKIP: no kill landed in the middle of a write")
            return 77
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
