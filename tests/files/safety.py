#!/usr/bin/env python3
"""kehoach's files: never through a planted link, never over a special file
or an input, modes and owners kept, no temporary left, no hand edit lost.

The promises (engine/lib/base/outfile.c, engine/lib/base/lockfile.c, docs/commands.md
"Files kehoach writes"), each checked in a folder of its own on the small plan of
tests/progress/fixture.py:

  lock-*      LOG.lock planted as a symbolic link (to a file, and dangling),
              as a hard link, as a FIFO, owned by another user: `update`
              refuses (exit 3) and the file behind it is untouched; a stale
              lock of the log's owner is taken over. LOG itself as a link:
              refused, the link and its target untouched.
  output-*    -o naming a folder, a FIFO, a socket, a device (made with
              mknod in the test's folder, as root), a link to a file, an
              input (the plan, a hard link to it, the text imported): every
              command refuses (exit 3) before writing; the thing named is
              as it was.
  swap        the report's temporary file swapped for a link to another file
              while the workbook is written: that file is untouched, the
              report refused.
  modes-*     a 0600 output stays 0600, set-id bits are dropped, a new file
              gets 0666 less the umask; a log keeps its mode without set-id
              bits; as root, a log or an output owned by uid 1 stays so.
  signal-*    `report` stopped while its temporary exists, then sent SIGINT,
              SIGTERM or SIGHUP: it dies of that signal and leaves no
              temporary; the earlier report is as it was.
  stale       after SIGKILL the temporary stays; the next run removes it and
              other unlocked temporaries of the same output, and leaves one
              that a live writer holds locked, names of other shapes, and
              (as root) another user's.
  race-*      a hand edit while `update` runs: saved in place between the
              read and the commit, saved by renaming a new file, and the
              issue's case - the update reads a log the editor has only half
              written, the editor then finishes: the update refuses (exit 3,
              "was changed while the update ran"), the log is the editor's,
              every record is there, and the next update goes through.

To stop a command at an exact point, KEHOACH_TEST_STOP names the point
(engine/cli/main.c) and the command stops itself with SIGSTOP there; the
test waits for the stop (waitpid WUNTRACED), acts, then sends SIGCONT.
Nothing here depends on timing. The owner checks and the device need
root and are skipped (and said so) otherwise; as root, a device that
cannot be made is a failure, not a skip.

usage: safety.py KEHOACH
exit: 0 passed, 1 failed
"""
import fcntl
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "progress"))
from fixture import LOCK, LOG, PLAN, PLAN_ID  # noqa: E402

GUARD_S = 120           # against hangs only
ROOT = os.geteuid() == 0
KEHOACH = None
TEXT = """\
Số: 07/KH-STP
Nghệ An, ngày 10 tháng 01 năm 2025
KẾ HOẠCH
Trợ giúp pháp lý cho trẻ em năm 2025
II. NỘI DUNG
1. Truyền thông cho trẻ em tại trường học
- Đơn vị chủ trì: Trung tâm Trợ giúp pháp lý Nhà nước
- Thời gian thực hiện: Quý III
"""


def log_text(n, note="tay"):
    """A log of n records written by hand."""
    lines = [f"plan: {PLAN_ID}", "records:"]
    for i in range(n):
        lines += [f"- date: 2026-01-{i % 28 + 1:02d}", '  activity: "1.2"',
                  "  state: in-progress", f"  note: {note}-{i}"]
    return "\n".join(lines) + "\n"


def write(path, text, mode="w"):
    with open(path, mode, encoding="utf-8") as f:
        f.write(text)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def kehoach(cwd, *args, env=None, umask=None):
    return subprocess.run([KEHOACH, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=GUARD_S, env=env,
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def update(cwd, note="moi", env=None):
    return kehoach(cwd, "update", "plan.yaml", "1.2", "--state", "in-progress",
                   "--date", "2026-02-01", "--note", note, env=env)


def folder(work, name, records=3):
    """A folder with the plan and a log of `records` records."""
    d = os.path.join(work, name)
    os.mkdir(d)
    write(os.path.join(d, "plan.yaml"), PLAN)
    if records is not None:
        write(os.path.join(d, LOG), log_text(records))
    return d


class Check:
    def __init__(self, name):
        self.name, self.problems = name, []

    def expect(self, cond, what):
        if not cond:
            self.problems.append(what)
        return cond

    def refused(self, proc, words, code=3):
        self.expect(proc.returncode == code,
                    f"exit {proc.returncode}, not {code} (stderr: {proc.stderr.strip()!r})")
        self.expect(words in proc.stderr, f"stderr {proc.stderr.strip()!r} lacks {words!r}")

    def ok(self, proc):
        return self.expect(proc.returncode == 0,
                           f"exit {proc.returncode} (stderr: {proc.stderr.strip()!r})")


# --- stopping a command at a point ---------------------------------------

def default_signals():
    """In the child: the signals the test sends at their default action.
    kehoach leaves a signal its parent ignores ignored (main.c), as under
    nohup, which ignores SIGHUP for everything it starts; the test is
    about a kehoach that gets them."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def start(cwd, args, points):
    env = dict(os.environ, KEHOACH_TEST_STOP=points)
    return subprocess.Popen([KEHOACH, *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=default_signals)


def stopped(proc):
    """Waits until proc stops itself (True) or ends (False)."""
    _, status = os.waitpid(proc.pid, os.WUNTRACED)
    if os.WIFSTOPPED(status):
        return True
    proc.returncode = os.waitstatus_to_exitcode(status)
    return False


def finish(proc, sig=None):
    if sig is not None:
        os.kill(proc.pid, sig)
    if proc.returncode is None:
        os.kill(proc.pid, signal.SIGCONT)
    out, err = proc.communicate(timeout=GUARD_S)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def stop_at(c, proc, point):
    return c.expect(stopped(proc), f"kehoach did not stop at '{point}' (KEHOACH_TEST_STOP); "
                                   f"it ended with exit {proc.returncode}")


def report_stopped(c, d):
    """`report` to d/out.xlsx, stopped while it writes the workbook (its
    temporary is there); None, the run finished, when it did not stop."""
    p = start(d, ["report", "plan.yaml", "--period", "2026", "-o", "out.xlsx"],
              "report-writing")
    if stop_at(c, p, "report-writing"):
        return p
    finish(p)
    return None


def temporaries(d, base):
    return sorted(n for n in os.listdir(d) if n.startswith(base + ".tmp-"))


class Victim:
    """A file kehoach must never write, though a link planted by the test
    leads to it: made with a known text, checked after."""
    TEXT = "không được sửa\n"

    def __init__(self, path):
        self.path = path
        write(path, self.TEXT)

    def check(self, c, what):
        text = read(self.path)
        c.expect(text == self.TEXT, f"{what} was changed to {text[:60]!r}")


# --- the lock file and the log -------------------------------------------

def lock_links(work):
    c = Check("lock-links")
    for kind in ("symlink", "dangling", "hardlink", "fifo"):
        d = folder(work, "lock-" + kind)
        target = os.path.join(work, f"victim-{kind}.txt")
        victim = Victim(target) if kind in ("symlink", "hardlink") else None
        lock = os.path.join(d, LOCK)
        if kind in ("symlink", "dangling"):
            os.symlink(target, lock)
        elif kind == "hardlink":
            os.link(target, lock)
        else:
            os.mkfifo(lock)
        before = read(os.path.join(d, LOG))
        p = update(d)
        c.refused(p, "refusing the lock file")
        if kind == "dangling":
            c.expect(not os.path.lexists(target), f"{kind}: the link's target was created")
        if victim:
            victim.check(c, f"{kind}: the file behind the lock")
        log = os.path.join(d, LOG)
        c.expect(not os.path.islink(log) and read(log) == before,
                 f"{kind}: the log was changed or made a link")
    return c


def lock_owners(work):
    c = Check("lock-owners")
    if not ROOT:
        print("note: lock-owners needs root (chown); skipped")
        return c
    d = folder(work, "lock-owner")
    lock = os.path.join(d, LOCK)
    write(lock, "của người khác\n")
    os.chown(lock, 2, 2)
    c.refused(update(d), "belongs to another user")
    c.expect(read(lock) == "của người khác\n", "another user's lock file was emptied")
    os.chown(os.path.join(d, LOG), 1, 1)        # a stale lock of the log's owner is his
    os.chown(lock, 1, 1)
    p = update(d)
    c.ok(p)
    c.expect(not os.path.lexists(lock), "the lock file is left")
    return c


def log_link(work):
    c = Check("log-link")
    d = folder(work, "log-link", records=None)
    real = os.path.join(work, "real.progress.yaml")
    write(real, log_text(2))
    os.symlink(real, os.path.join(d, LOG))
    c.refused(update(d), "symbolic link")
    c.expect(os.path.islink(os.path.join(d, LOG)), "the log link was replaced")
    c.expect(read(real) == log_text(2), "the link's target was changed")
    return c


# --- -o ------------------------------------------------------------------

def special(d, name, kind, source):
    """Makes d/name a thing of this kind (a hard link: to source, the
    command's input); returns a description to compare after, or None
    when it cannot be made here."""
    path = os.path.join(d, name)
    if kind == "folder":
        os.mkdir(path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(path)
        s.close()
    elif kind == "device":
        if not ROOT:
            return None                         # mknod needs root
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))   # as root, must work
    elif kind == "link":
        write(os.path.join(d, "target-of-link"), "giữ nguyên\n")
        os.symlink("target-of-link", path)
    elif kind == "input":
        pass                                    # plan.yaml or the text
    elif kind == "hardlink":                    # to the command's input
        os.link(os.path.join(d, source), path)
    return describe(path)


def describe(path):
    st = os.lstat(path)
    content = None
    if stat.S_ISREG(st.st_mode):
        with open(path, "rb") as f:
            content = f.read()
    return (stat.S_IFMT(st.st_mode), st.st_ino, content)


OUTPUT_COMMANDS = {
    "deadlines": (["deadlines", "plan.yaml", "--as-of", "2026-03-01", "-o"], ".ics"),
    "status": (["status", "plan.yaml", "--as-of", "2026-03-01", "-o"], ".txt"),
    "report": (["report", "plan.yaml", "--period", "2026", "-o"], ".xlsx"),
    "import": (["import", "text.txt", "--force", "-o"], ".yaml"),
    "new": (["new", "--from", "plan.yaml", "--year", "2027", "--force", "-o"], ".yaml"),
}


def output_refusals(work):
    c = Check("output-refusals")
    skipped = set()
    for command, (args, ext) in OUTPUT_COMMANDS.items():
        for kind in ("folder", "fifo", "socket", "device", "link", "input", "hardlink"):
            d = folder(work, f"out-{command}-{kind}")
            write(os.path.join(d, "text.txt"), TEXT)
            name = "o" + ext
            source = "text.txt" if command == "import" else "plan.yaml"
            if kind == "input":
                name = source
                if command == "report":
                    continue                    # -o must end in .xlsx: see hardlink
            before = special(d, name, kind, source)
            if before is None:
                skipped.add(kind)
                continue
            p = kehoach(d, *args, name)
            c.refused(p, f"cannot write '{name}'")
            c.expect(describe(os.path.join(d, name)) == before,
                     f"{command} -o {kind}: it was replaced or changed")
            if kind == "link":
                c.expect(read(os.path.join(d, "target-of-link")) == "giữ nguyên\n",
                         f"{command} -o link: its target was changed")
            c.expect(not temporaries(d, name), f"{command} -o {kind}: temporary left")
    for kind in sorted(skipped):
        print(f"note: -o {kind} needs root (mknod); skipped")
    return c


def swap_temporary(work):
    c = Check("swap")
    d = folder(work, "swap")
    victim = Victim(os.path.join(work, "victim-swap.txt"))
    p = report_stopped(c, d)
    if not p:
        return c
    tmp = temporaries(d, "out.xlsx")
    if c.expect(len(tmp) == 1, f"temporaries {tmp}, not one"):
        os.rename(os.path.join(d, tmp[0]), os.path.join(d, "moved-away"))
        os.symlink(victim.path, os.path.join(d, tmp[0]))
    r = finish(p)
    c.refused(r, "was removed or replaced")
    victim.check(c, "the file behind the swapped name")
    c.expect(not os.path.lexists(os.path.join(d, "out.xlsx")), "out.xlsx was made")
    return c


# --- modes and owners ----------------------------------------------------

def mode_of(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def modes(work):
    c = Check("modes")
    d = folder(work, "modes")
    for name, args in (("o.ics", OUTPUT_COMMANDS["deadlines"][0]),
                       ("o.xlsx", OUTPUT_COMMANDS["report"][0])):
        path = os.path.join(d, name)
        for before, after in ((0o600, 0o600), (0o6755, 0o755), (0o1640, 0o640)):
            write(path, "cũ\n")
            os.chmod(path, before)
            c.ok(kehoach(d, *args, name))
            c.expect(mode_of(path) == after,
                     f"{name} of mode {before:o} became {mode_of(path):o}, not {after:o}")
        os.unlink(path)
        c.ok(kehoach(d, *args, name, umask=0o027))
        c.expect(mode_of(path) == 0o640, f"new {name} under umask 027 has mode "
                 f"{mode_of(path):o}, not 640")
    log = os.path.join(d, LOG)
    for before, after in ((0o600, 0o600), (0o4644, 0o644)):
        os.chmod(log, before)
        c.ok(update(d, note=f"mode-{before:o}"))
        c.expect(mode_of(log) == after,
                 f"the log of mode {before:o} became {mode_of(log):o}, not {after:o}")
    return c


def owners(work):
    c = Check("owners")
    if not ROOT:
        print("note: owners needs root (chown); skipped")
        return c
    d = folder(work, "owners")
    log, out = os.path.join(d, LOG), os.path.join(d, "o.ics")
    os.chown(log, 1, 1)
    c.ok(update(d))
    st = os.lstat(log)
    c.expect((st.st_uid, st.st_gid) == (1, 1),
             f"the log of uid 1 is now {st.st_uid}:{st.st_gid}")
    write(out, "cũ\n")
    os.chown(out, 1, 1)
    c.ok(kehoach(d, *OUTPUT_COMMANDS["deadlines"][0], "o.ics"))
    st = os.lstat(out)
    c.expect((st.st_uid, st.st_gid) == (1, 1),
             f"the output of uid 1 is now {st.st_uid}:{st.st_gid}")
    return c


# --- temporaries ---------------------------------------------------------

def signals(work):
    c = Check("signals")
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        d = folder(work, f"signal-{sig.name}")
        write(os.path.join(d, "out.xlsx"), "báo cáo cũ\n")
        p = report_stopped(c, d)
        if not p:
            continue
        c.expect(len(temporaries(d, "out.xlsx")) == 1, f"{sig.name}: no temporary while "
                 "stopped")
        r = finish(p, sig)
        c.expect(r.returncode == -sig, f"{sig.name}: exit {r.returncode}, not death by "
                 "the signal")
        c.expect(not temporaries(d, "out.xlsx"), f"{sig.name}: left "
                 f"{temporaries(d, 'out.xlsx')}")
        c.expect(read(os.path.join(d, "out.xlsx")) == "báo cáo cũ\n",
                 f"{sig.name}: the earlier report was changed")
    return c


def stale(work):
    c = Check("stale")
    d = folder(work, "stale")
    p = report_stopped(c, d)
    if p:
        finish(p, signal.SIGKILL)
    killed = temporaries(d, "out.xlsx")
    c.expect(len(killed) == 1, f"after SIGKILL: temporaries {killed}, not one")
    keep = ["out.xlsx.tmp-Locked", "out.xlsx.tmp-SEVEN77", "out.xlsx.tmp-abc",
            "other.xlsx.tmp-AAAAAA"]
    planted = ["out.xlsx.tmp-AAAAAA", "out.xlsx.tmp-zz9ZZ9"]
    if ROOT:
        keep.append("out.xlsx.tmp-Others")
    for name in keep + planted:
        write(os.path.join(d, name), "dở dang\n")
    gone = killed + planted
    if ROOT:
        os.chown(os.path.join(d, "out.xlsx.tmp-Others"), 1, 1)
    with open(os.path.join(d, "out.xlsx.tmp-Locked")) as held:
        fcntl.flock(held, fcntl.LOCK_EX)        # a live writer's
        c.ok(kehoach(d, "report", "plan.yaml", "--period", "2026", "-o", "out.xlsx"))
        held_left = os.path.exists(os.path.join(d, "out.xlsx.tmp-Locked"))
    left = set(os.listdir(d))
    c.expect(held_left, "a temporary a live writer holds was removed")
    for name in keep:
        c.expect(name in left, f"{name} was removed")
    for name in gone:
        c.expect(name not in left, f"{name} is left")
    write(os.path.join(d, "o.ics.tmp-Ab12Cd"), "dở dang\n")
    c.ok(kehoach(d, *OUTPUT_COMMANDS["deadlines"][0], "o.ics"))
    c.expect(not temporaries(d, "o.ics"), "deadlines left o.ics's stale temporary")
    return c


# --- hand edits racing an update ----------------------------------------

def race(work, name, points, act):
    """Runs an update stopped at points (one act per stop); the update must
    refuse, the log must be what the acts left, and a new update must work."""
    c = Check(name)
    d = folder(work, name, records=40)
    log = os.path.join(d, LOG)
    p = start(d, ["update", "plan.yaml", "1.2", "--state", "in-progress", "--date",
                  "2026-02-01", "--note", "moi"], points)
    for step, point in enumerate(points.split(",")):
        if not stop_at(c, p, point):
            break
        act(step, d, log)
        if step < points.count(","):
            os.kill(p.pid, signal.SIGCONT)
    r = finish(p)
    c.refused(r, "was changed while the update ran")
    edited = log_text(41)
    c.expect(read(log) == edited, "the log is not the editor's: "
             f"{read(log).count('- date:')} records, not 41")
    c.expect(not os.path.lexists(os.path.join(d, LOCK)), "the lock file is left")
    v = kehoach(d, "validate", ".")
    c.expect(v.returncode == 0 and "(41 records)" in v.stdout,
             f"validate: exit {v.returncode}: {v.stdout.strip()!r}")
    if c.ok(update(d, note="lan-hai")):
        c.expect(read(log).startswith(edited) and "lan-hai" in read(log),
                 "the next update did not append to the editor's log")
    return c


def edit_in_place(step, d, log):
    with open(log, "r+", encoding="utf-8") as f:
        f.truncate(0)
        f.write(log_text(41))


def save_by_rename(step, d, log):
    write(log + ".swp", log_text(41))
    os.rename(log + ".swp", log)


def half_then_whole(step, d, log):
    """The issue's case: the editor empties the log and writes it anew in
    place; the update reads it when only 6 records are written, and the
    editor then finishes."""
    half, whole = log_text(6), log_text(41)
    with open(log, "r+", encoding="utf-8") as f:
        if step == 0:
            f.truncate(0)
            f.write(half)
        else:
            f.seek(0, os.SEEK_END)
            f.write(whole[len(half):])


def main(argv):
    global KEHOACH
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-2])
        return 1
    KEHOACH = os.path.abspath(argv[1])
    work = tempfile.mkdtemp(prefix="kehoach-files-")
    os.chmod(work, 0o755)
    checks = [
        ("lock-links", lock_links), ("lock-owners", lock_owners), ("log-link", log_link),
        ("output-refusals", output_refusals), ("swap", swap_temporary),
        ("modes", modes), ("owners", owners), ("signals", signals), ("stale", stale),
        ("race-in-place", lambda w: race(w, "race-in-place", "update-commit",
                                         edit_in_place)),
        ("race-rename", lambda w: race(w, "race-rename", "update-commit",
                                       save_by_rename)),
        ("race-half-read", lambda w: race(w, "race-half-read",
                                          "update-locked,update-commit", half_then_whole)),
    ]
    failed = 0
    for name, check in checks:
        try:
            c = check(work)
        except (OSError, subprocess.SubprocessError) as e:
            c = Check(name)
            c.problems.append(f"stopped by {e!r}")
        for problem in c.problems:
            print(f"FAIL: {c.name}: {problem}")
        if c.problems:
            failed += 1
        else:
            print(f"ok: {c.name}")
    if failed:
        print(f"{failed} of {len(checks)} checks failed; the folders are kept in {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"all {len(checks)} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
