#!/usr/bin/env python3
"""kehoach update killed with SIGKILL at any instant: all or nothing.

The promise of `kehoach update` (engine/cli/cmd-update.c with
engine/lib/base/lockfile.c): a writer killed at any point leaves the log either
as it was or with its whole new record, and never blocks the next writer
(the fcntl lock dies with the process; a LOG.lock left behind is reused).

KILLS rounds, on one small plan written below. Each round starts 1 to 4
`kehoach update` calls at once (each with a unique note and its own
options), sends SIGKILL to one of them (or, one round in four, to all of
them) after a random delay - or, one round in five, to all of them as
soon as LOG.lock has content, that is between the write and the rename,
a window too short for random delays to hit often - lets the others
finish, and checks:

  - the writers not killed exited 0; a killed one either died of the
    signal or had already exited 0;
  - the log, if there is one, only grew: the old bytes are a prefix of the
    new ones (a record is only ever added after the last byte);
  - it parses with PyYAML and `kehoach validate` on the folder exits 0;
  - every record in it is whole and is one that was sent, and no note
    appears twice: the records of every writer that exited 0 are there, a
    killed writer's record at most once;
  - a LOG.lock left behind holds nothing but (a prefix of) the log followed
    by the new text: a torn write stays there, out of the log;
  - then one more `kehoach update` must exit 0 (within a guard timeout
    above the engine's own 120 s lock timeout: a stale LOG.lock must not
    block), add its record, and leave no LOG.lock.

The delay is random.uniform(0, (0.25 + 0.75 n) D), where n is the number
of writers in the round and D the duration of one normal update, measured
before the first round and kept up to date from the recovery updates (the
log grows): so kills land while a writer starts or waits for the lock,
while it holds the lock and checks, while it fills LOG.lock, and after the
rename. Just before each kill, /proc/locks (Linux) and the size of
LOG.lock tell which; the counts are printed. The random seed is printed
and can be set with KEHOACH_CRASH_SEED to replay a failing run's choices
(the timing of the processes cannot be replayed exactly). Timeouts only
guard against hangs.

usage: crash.py KEHOACH [KILLS]    (default 200)
exit: 0 passed, 1 failed, 77 skipped (cannot run here, e.g. no PyYAML)
"""
import datetime
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import yaml
except ImportError:
    print("SKIP: PyYAML (python3-yaml) is not installed; it reads the log back")
    sys.exit(77)

if os.name != "posix" or not hasattr(signal, "SIGKILL"):
    print("SKIP: needs POSIX processes and SIGKILL")
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture import LOCK, LOG, PLAN, PLAN_ID, SANITIZER, TARGET, normal  # noqa: E402

GUARD_S = 240           # against hangs only; the engine gives up a lock after 120 s
DEFAULT_SEED = 20260115


class Failure(Exception):
    pass


def make_call(rng, note):
    """Random arguments for one update, and the record it must leave."""
    day = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    state = rng.choice(["in-progress", "in-progress", "done", "cancelled"])
    args = ["--state", state, "--date", day.isoformat(), "--note", note]
    rec = {"date": day.isoformat(), "state": state, "note": note}
    kind = rng.randrange(3)
    if kind == 0:
        occ = f"2026-{rng.randrange(1, 13):02d}"
        rec.update(activity="1.1", occurrence=occ)
        args += ["--occurrence", occ]
    elif kind == 1:
        rec["activity"] = "1.2"
        if state != "done" and rng.random() < 0.7:
            rec["percent"] = rng.randrange(101)
            args += ["--percent", str(rec["percent"])]
        if rng.random() < 0.5:
            value = rng.randrange(10000) / 4
            rec["values"] = {TARGET: value}
            args += ["--value", f"{rng.choice(['1', TARGET])}={value}"]
    else:
        occ = f"2026-Q{rng.randrange(1, 5)}"
        rec.update(activity="1.3", occurrence=occ)
        args += ["--occurrence", occ]
    if rng.random() < 0.5:
        ev = [f"Báo cáo số {rng.randrange(1000)}/BC-TTTGPL", "biên bản.pdf"]
        ev = ev[:rng.randint(1, 2)]
        rec["evidence"] = ev
        for e in ev:
            args += ["--evidence", e]
    if rng.random() < 0.5:
        rec["by"] = "Phòng Phổ biến, giáo dục pháp luật"
        args += ["--by", rec["by"]]
    return [rec["activity"]] + args, rec


def text(b):
    return b.decode("utf-8", errors="replace").strip()


class Run:
    def __init__(self, kehoach, tmp):
        self.kehoach = kehoach
        self.tmp = tmp
        self.log = os.path.join(tmp, LOG)
        self.lock = os.path.join(tmp, LOCK)
        self.sent = {}              # note -> record
        self.must = set()           # notes whose writer exited 0
        self.old = b""              # the log's bytes after the last check
        self.durations = []         # of normal updates, in seconds

    def start(self, args):
        return subprocess.Popen([self.kehoach, "update", "plan.yaml"] + args, cwd=self.tmp,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def finish(self, p, what):
        try:
            out, err = p.communicate(timeout=GUARD_S)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            raise Failure(f"{what} was still running after {GUARD_S} s: a hang "
                          f"(a stale {LOCK} blocking it?)")
        if SANITIZER.search(text(err)):
            raise Failure(f"{what}: the sanitizer said:\n{text(err)}")
        return p.returncode, out, err

    def update(self, note, rng):
        """One normal update that must succeed; returns its duration."""
        args, rec = make_call(rng, note)
        self.sent[note] = rec
        t = time.monotonic()
        code, out, err = self.finish(self.start(args), f"the update {note}")
        took = time.monotonic() - t
        if code != 0:
            raise Failure(f"the update {note} exited {code}: {text(err) or text(out)}")
        self.must.add(note)
        self.durations.append(took)
        return took

    def typical(self):
        return statistics.median(self.durations[-9:])

    def check(self, round_notes, killed):
        """The log and LOG.lock after a round; returns (notes in the log,
        whether LOG.lock holds a torn or unrenamed write)."""
        data = b""
        if os.path.exists(self.log):
            with open(self.log, "rb") as f:
                data = f.read()
        if not data.startswith(self.old):
            raise Failure(f"{LOG} did not only grow: its earlier bytes changed "
                          f"({len(self.old)} bytes before, {len(data)} now)")
        present = {}
        if data:
            try:
                loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
                doc = yaml.load(data, Loader=loader)
            except yaml.YAMLError as e:
                raise Failure(f"{LOG} does not parse with PyYAML: {e}")
            if (not isinstance(doc, dict) or doc.get("plan") != PLAN_ID
                    or not isinstance(doc.get("records"), list)):
                raise Failure(f"{LOG} is not a log of {PLAN_ID}: {str(doc)[:300]}")
            for i, raw in enumerate(doc["records"]):
                r = normal(raw)
                note = r.get("note") if isinstance(r, dict) else None
                if note not in self.sent:
                    raise Failure(f"record {i + 1} of {LOG} was never sent (torn?): {raw!r}")
                if r != self.sent[note]:
                    raise Failure(f"record {i + 1} of {LOG} is not whole or not what was "
                                  f"sent:\n  in the log: {raw!r}\n  sent:       "
                                  f"{self.sent[note]!r}")
                if note in present:
                    raise Failure(f"the record {note} is in {LOG} twice (records "
                                  f"{present[note] + 1} and {i + 1})")
                present[note] = i
        lost = self.must - present.keys()
        if lost:
            raise Failure(f"records of writers that exited 0 are missing from {LOG}: "
                          f"{sorted(lost)}")
        strays = [n for n in present if n in round_notes and n not in self.must
                  and n not in killed]
        if strays:                  # (a writer that failed would have stopped the run)
            raise Failure(f"records of writers that did not exit 0 nor were killed: "
                          f"{strays}")
        v = subprocess.run([self.kehoach, "validate", "."], cwd=self.tmp,
                           capture_output=True, timeout=GUARD_S)
        if v.returncode != 0:
            raise Failure(f"kehoach validate on the folder exited {v.returncode}:\n"
                          f"{text(v.stdout)}\n{text(v.stderr)}")
        torn = False
        if os.path.exists(self.lock):
            with open(self.lock, "rb") as f:
                left = f.read()
            n = min(len(left), len(data))
            if left[:n] != data[:n]:
                raise Failure(f"{LOCK} holds something other than the log followed by "
                              f"a new record:\n{left[:2000]!r}")
            torn = len(left) > 0
        self.old = data
        return present, torn


def main(argv):
    if len(argv) < 2 or len(argv) > 3:
        print(__doc__.strip().splitlines()[-2])
        return 1
    kehoach = os.path.abspath(argv[1])
    try:
        kills = int(argv[2]) if len(argv) > 2 else 200
        seed = int(os.environ.get("KEHOACH_CRASH_SEED", DEFAULT_SEED))
    except ValueError:
        print("FAIL: KILLS and KEHOACH_CRASH_SEED must be whole numbers")
        return 1
    if not os.access(kehoach, os.X_OK):
        print(f"FAIL: {kehoach} is not an executable")
        return 1
    print(f"seed {seed} (replay with KEHOACH_CRASH_SEED={seed})")
    tmp = tempfile.mkdtemp(prefix="kehoach-crash-")
    try:
        rounds(kehoach, tmp, kills, random.Random(seed))
    except (Failure, subprocess.TimeoutExpired) as e:
        print(f"FAIL: {e}")
        print(f"seed {seed}; the plan, its log and any {LOCK} are kept in {tmp}")
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def lock_state(lock_path):
    """Just before a kill: the pids holding a POSIX lock (from Linux's
    /proc/locks; None elsewhere), and the size of LOG.lock (0: none)."""
    try:
        with open("/proc/locks") as f:
            lines = f.read().splitlines()
        holders = {int(p[4]) for p in (line.split() for line in lines)
                   if len(p) > 4 and p[1] == "POSIX" and p[4].isdigit()}
    except OSError:
        holders = None
    try:
        size = os.stat(lock_path).st_size
    except OSError:
        size = 0
    return holders, size


def rounds(kehoach, tmp, kills, rng):
    with open(os.path.join(tmp, "plan.yaml"), "w", encoding="utf-8") as f:
        f.write(PLAN)
    v = subprocess.run([kehoach, "validate", "plan.yaml"], cwd=tmp, capture_output=True,
                       timeout=GUARD_S)
    if v.returncode != 0:
        raise Failure(f"the test's own plan does not validate (exit {v.returncode}):\n"
                      f"{text(v.stdout)}\n{text(v.stderr)}")
    run = Run(kehoach, tmp)
    for i in range(5):                              # a normal update's duration
        run.update(f"m-{i}", rng)
    run.check(set(), set())
    print(f"a normal update takes {run.typical() * 1000:.1f} ms (median of 5)")

    stats = dict(writers=0, signalled=0, before=0, locked=0, during=0, after=0,
                 too_late=0, unknown=0, stale=0, torn=0)
    slowest_recovery = 0.0
    began = time.monotonic()
    for k in range(kills):
        n = rng.randint(1, 4)
        at_write = rng.random() < 0.2
        if at_write or rng.random() < 0.25:
            victims = set(range(n))
        else:
            victims = {rng.randrange(n)}
        delay = rng.uniform(0, (0.25 + 0.75 * n) * run.typical())
        notes = [f"r{k}-w{i}" for i in range(n)]
        calls = [make_call(rng, note) for note in notes]
        for note, (_, rec) in zip(notes, calls):
            run.sent[note] = rec
        t0 = time.monotonic()
        procs = [run.start(args) for args, _ in calls]
        if at_write:
            # as soon as LOG.lock has content: between write() and rename()
            deadline = t0 + 4 * n * run.typical()
            while time.monotonic() < deadline:
                try:
                    if os.stat(run.lock).st_size:
                        break
                except OSError:
                    pass
                time.sleep(0.0001)
        else:
            pause = t0 + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        holders, lock_size = lock_state(run.lock)
        for i in victims:
            os.kill(procs[i].pid, signal.SIGKILL)   # not yet reaped: the pid is its own
        stats["writers"] += n
        stats["signalled"] += len(victims)
        killed = set()
        for i, p in enumerate(procs):
            code, out, err = run.finish(p, f"round {k}: writer {notes[i]}")
            if code == 0:
                run.must.add(notes[i])
                if i in victims:
                    stats["too_late"] += 1
            elif i in victims and code == -signal.SIGKILL:
                killed.add(notes[i])
            else:
                raise Failure(f"round {k}: writer {notes[i]} exited {code}"
                              f"{' (it was not killed)' if i not in victims else ''}: "
                              f"{text(err) or text(out)}")
        present, torn = run.check(set(notes), killed)
        for i in victims:
            if notes[i] not in killed:
                continue
            if notes[i] in present:
                stats["after"] += 1
            elif holders is None:
                stats["unknown"] += 1
            elif procs[i].pid not in holders:
                stats["before"] += 1
            elif lock_size:
                stats["during"] += 1
            else:
                stats["locked"] += 1
        stats["torn"] += torn
        if os.path.exists(run.lock):
            stats["stale"] += 1
        # A stale LOG.lock must not block the next writer.
        took = run.update(f"r{k}-next", rng)
        slowest_recovery = max(slowest_recovery, took)
        if os.path.exists(run.lock):
            raise Failure(f"round {k}: {LOCK} is still there after a successful update")
    present, _ = run.check(set(), set())
    wall = time.monotonic() - began

    print(f"{kills} rounds, {stats['writers']} writers, in {wall:.1f} s; "
          f"{stats['signalled']} SIGKILLs sent:")
    print(f"  {stats['before']:5} before the write, starting or waiting for the lock "
          f"(no record)")
    print(f"  {stats['locked']:5} before the write, holding the lock (no record)")
    print(f"  {stats['during']:5} during the write, {LOCK} filled but not renamed "
          f"(no record)")
    print(f"  {stats['after']:5} after the write, renamed over the log (record present)")
    print(f"  {stats['too_late']:5} too late, the writer had exited 0 (record present)")
    if stats["unknown"]:
        print(f"  {stats['unknown']:5} before or during the write, not told apart "
              f"(no /proc/locks; no record)")
    print(f"{LOCK} left behind after {stats['stale']} rounds ({stats['torn']} with a write "
          f"that never reached the log); the next update went through every time "
          f"(slowest {slowest_recovery:.2f} s)")
    print(f"ok: {len(present)} records in {LOG}, all whole, each once; it validates")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
