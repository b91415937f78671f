#!/usr/bin/env python3
"""kehoach status and deadlines: an output larger than memory holds is the
same output, and still all or nothing.

Past CLI_SPOOL_THRESHOLD (1 MiB), status moves what it has formatted to a
temporary file after each plan, and deadlines keeps its items in one
until it sorts them (cli.h, deadline.h). On copies of the plans in
PLANS_DIR with their logs (COPIES folders of them, each plan with its own
id, as tests/bench/bench-plans.py makes them; enough for every output to
pass the threshold):
  - each format's output, to the standard output and with -o, is what the
    outputs of the folders a few at a time (each too small to be spooled)
    make together: status's plans one after the other between one heading and
    the totals; deadlines' items merged by due date, ties in reading
    order (folder by folder), and their counts added up;
  - with a plan with errors read last, after the output has been spooled
    (the run is stopped there, KEHOACH_TEST_STOP=output-spilled, and the
    temporary file is seen), nothing is printed, a file given with -o is
    as it was and no temporary file is left, and the exit code is 1.

usage: spool.py KEHOACH PLANS_DIR
"""
import csv
import glob
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile

COPIES = 180
FOLDERS_A_PART = 6  # folders whose output together stays under the threshold
THRESHOLD = 1 << 20
AS_OF = "2026-07-01"
ENV = dict(os.environ, SOURCE_DATE_EPOCH="0", NO_COLOR="1")
BOM = "\ufeff".encode()


def copy_plans(plans_dir, work, copies):
    plans = sorted(p for p in glob.glob(os.path.join(plans_dir, "*.yaml"))
                   if not p.endswith(".progress.yaml")
                   and not re.search(r"\.notes-[^./]+\.ya?ml$", p))
    folders = []
    for c in range(copies):
        folder = os.path.join(work, f"{c:05d}")
        os.makedirs(folder)
        folders.append(folder)
        for plan in plans:
            with open(plan, encoding="utf-8") as f:
                text = f.read()
            path = os.path.join(folder, os.path.basename(plan))
            with open(path, "w", encoding="utf-8") as f:
                f.write(re.sub(r"^id: (.*)$", rf"id: \1-{c}", text, count=1, flags=re.M))
            log = plan[:-len(".yaml")] + ".progress.yaml"
            if os.path.exists(log):
                with open(log, encoding="utf-8") as f:
                    text = f.read()
                with open(path[:-len(".yaml")] + ".progress.yaml", "w", encoding="utf-8") as f:
                    f.write(re.sub(r"^plan: (.*)$", rf"plan: \1-{c}", text, count=1,
                                   flags=re.M))
    return plans, folders


def args(command, paths, fmt):
    return [command, *paths, "--as-of", AS_OF, "--format", fmt]


def run(kehoach, command, paths, fmt, *more):
    proc = subprocess.run([kehoach, *args(command, paths, fmt), *more], capture_output=True,
                          env=ENV)
    if proc.returncode != 0:
        sys.exit(f"{command} {paths[0]}... --format {fmt} {' '.join(more)}: exit "
                 f"{proc.returncode}: {proc.stderr.decode()}")
    return proc.stdout


# --- what the folders one by one make together --------------------------

def status_text(parts):
    heading = parts[0][:parts[0].index(b"\n") + 1]
    body = b""
    for part in parts:
        if not part.startswith(heading):
            sys.exit("status --format text: the folders' headings differ")
        body += part[len(heading):part.rindex("\nTổng cộng".encode())]
    return heading + body


def status_csv(parts):
    header = parts[0][:parts[0].index(b"\n") + 1]
    return header + b"".join(part[len(header):] for part in parts)


def items_merged(parts, items, due):
    """The items of every part, in order of due date, ties in the order
    of the parts (sorted() is stable)."""
    return sorted((item for part in parts for item in items(part)), key=due)


def deadline_blocks(text):
    """The items of deadlines' text as (overdue, block of three lines)."""
    blocks, overdue, lines = [], None, text.decode().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("QUÁ HẠN ("):
            overdue = True
        elif line.startswith("SẮP TỚI ("):
            overdue = False
        elif re.match(r" \d\d/\d\d/\d{4} ", line):
            blocks.append((overdue, "\n".join(lines[i:i + 3])))
            i += 3
            continue
        i += 1
    return blocks


def block_due(block):
    d, m, y = re.match(r" (\d\d)/(\d\d)/(\d{4}) ", block[1]).groups()
    return (not block[0], y, m, d)


def ics_events(text):
    return re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, re.S)


def ics_due(event):
    return re.search(rb"DTSTART;VALUE=DATE:(\d{8})", event).group(1)


def check_whole(command, fmt, whole, parts, problems):
    what = f"{command} --format {fmt}"
    if command == "status" and fmt == "text":
        if not whole.startswith(status_text(parts)) or \
                not whole[len(status_text(parts)):].startswith("\nTổng cộng".encode()):
            problems.append(f"{what}: not the folders' plans one after the other")
    elif command == "status" and fmt == "csv":
        if whole != status_csv(parts):
            problems.append(f"{what}: not the folders' rows one after the other")
    elif command == "status" and fmt == "json":
        got = json.loads(whole)
        want = [plan for part in parts for plan in json.loads(part)["plans"]]
        if got["plans"] != want or got["totals"]["plans"] != len(want):
            problems.append(f"{what}: not the folders' plans one after the other")
    elif fmt == "json":
        got = json.loads(whole)
        want = items_merged(parts, lambda p: json.loads(p)["items"], lambda i: i["due"])
        counts = {k: sum(json.loads(p)["counts"][k] for p in parts) for k in got["counts"]}
        if got["items"] != want or got["counts"] != counts:
            problems.append(f"{what}: not the folders' items merged by due date")
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(whole.decode(), newline="")))
        due = rows[0].index("due")
        want = items_merged(parts,
                            lambda p: list(csv.reader(io.StringIO(p.decode(), newline="")))[1:],
                            lambda r: r[due])
        if rows[1:] != want:
            problems.append(f"{what}: not the folders' rows merged by due date")
    elif fmt == "ics":
        head = parts[0][:parts[0].index(b"BEGIN:VEVENT")]
        want = head + b"".join(items_merged(parts, ics_events, ics_due)) + \
            b"END:VCALENDAR\r\n"
        if whole != want:
            problems.append(f"{what}: not the folders' events merged by due date")
    else:  # deadlines text
        got = deadline_blocks(whole)
        want = items_merged(parts, deadline_blocks, block_due)
        late = sum(1 for b in want if b[0])
        heading = f"Tính đến ngày 01/07/2026: {late} quá hạn, {len(want) - late} sắp tới\n"
        if got != want or not whole.decode().startswith(heading):
            problems.append(f"{what}: not the folders' items merged by due date")


def check_spooled(kehoach, work, folders, out_dir, problems):
    formats = {"status": ["text", "json", "csv"], "deadlines": ["text", "json", "csv", "ics"]}
    for command, fmts in formats.items():
        for fmt in fmts:
            whole = run(kehoach, command, folders, fmt)
            if len(whole) <= THRESHOLD:
                problems.append(f"{command} --format {fmt}: {len(whole)} bytes, not past "
                                f"the threshold; make COPIES larger")
            out = os.path.join(out_dir, f"{command}.{fmt}")
            run(kehoach, command, folders, fmt, "-o", out)
            with open(out, "rb") as f:
                written = f.read()
            if written != (BOM + whole if fmt == "csv" else whole):
                problems.append(f"{command} --format {fmt} -o: not the standard output's")
            parts = [run(kehoach, command, folders[i:i + FOLDERS_A_PART], fmt)
                     for i in range(0, len(folders), FOLDERS_A_PART)]
            if max(len(p) for p in parts) > THRESHOLD:
                problems.append(f"{command} --format {fmt}: a part's output is spooled; "
                                f"make FOLDERS_A_PART smaller")
            check_whole(command, fmt, whole, parts, problems)


# --- a plan with errors read last ---------------------------------------

def temporaries(folder, base):
    return sorted(n for n in os.listdir(folder) if n.startswith(base + ".tmp-"))


def stopped_run(kehoach, argv):
    """kehoach run with KEHOACH_TEST_STOP=output-spilled: whether it
    stopped there, and the process (stopped, or ended)."""
    proc = subprocess.Popen([kehoach, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(ENV, KEHOACH_TEST_STOP="output-spilled"))
    _, status = os.waitpid(proc.pid, os.WUNTRACED)
    if os.WIFSTOPPED(status):
        return True, proc
    proc.returncode = os.waitstatus_to_exitcode(status)
    return False, proc


def finish(proc):
    if proc.returncode is None:
        os.kill(proc.pid, signal.SIGCONT)
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


def check_errors_last(kehoach, work, plans, out_dir, problems):
    broken_dir = os.path.join(work, "zzzzz")
    os.makedirs(broken_dir)
    with open(plans[0], encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(broken_dir, "broken.yaml"), "w", encoding="utf-8") as f:
        f.write(re.sub(r"^id: (.*)$", "id: Không-phải-id", text, count=1, flags=re.M))
    formats = {"status": ["text", "json", "csv"], "deadlines": ["text", "json", "csv", "ics"]}
    for command, fmts in formats.items():
        for fmt in fmts:
            what = f"{command} --format {fmt}, a plan with errors last"
            # the standard output: status spools it to an anonymous file
            spilled, proc = stopped_run(kehoach, args(command, [work], fmt))
            if command == "status" and not spilled:
                problems.append(f"{what}: the output was not spooled before the error")
            code, out, err = finish(proc)
            if code != 1 or out or "broken.yaml" not in err.decode():
                problems.append(f"{what}: exit {code}, {len(out)} bytes printed, "
                                f"stderr {err.decode()[-200:]!r}")
            # -o: the file's own temporary, then nothing
            out_path = os.path.join(out_dir, f"old.{fmt}")
            with open(out_path, "w", encoding="utf-8") as f:
                f.write("cũ\n")
            spilled, proc = stopped_run(kehoach, args(command, [work], fmt) + ["-o", out_path])
            if command == "status":
                if not spilled:
                    problems.append(f"{what} -o: the output was not spooled before the error")
                elif not temporaries(out_dir, f"old.{fmt}"):
                    problems.append(f"{what} -o: no temporary beside the file once spooled")
            code, out, err = finish(proc)
            with open(out_path, encoding="utf-8") as f:
                kept = f.read()
            if code != 1 or out or kept != "cũ\n" or temporaries(out_dir, f"old.{fmt}"):
                problems.append(f"{what} -o: exit {code}, the file "
                                f"{'kept' if kept == 'cũ' + chr(10) else 'changed'}, "
                                f"temporaries {temporaries(out_dir, f'old.{fmt}')}")


def main():
    kehoach, plans_dir = sys.argv[1:3]
    problems = []
    with tempfile.TemporaryDirectory(prefix="kehoach-spool-") as tmp:
        work, out_dir = os.path.join(tmp, "plans"), os.path.join(tmp, "out")
        os.makedirs(out_dir)
        plans, folders = copy_plans(plans_dir, work, COPIES)
        check_spooled(kehoach, work, folders, out_dir, problems)
        check_errors_last(kehoach, work, plans, out_dir, problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
