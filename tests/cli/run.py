#!/usr/bin/env python3
"""Golden CLI test: runs one case of tests/cli/ and compares exactly.

A case is a folder holding:
  cmd        the arguments after `kehoach`, one line, split like a shell
  stdout     expected standard output  (absent: must be empty)
  stderr     expected standard error   (absent: must be empty)
  status     expected exit code        (absent: 0)
  stdin        optional: what the command reads on its standard input
               (absent: nothing, as from /dev/null)
  generate.py  optional: writes further inputs into the working folder
               (it may import the helpers of tests/, such as madeplan)
  uses-plans   optional: the repository's plans/ is copied in as plans/
  expected.NAME  optional: the exact content of the file NAME the command
               writes in the working folder
  english      optional: the case is golden in English too, with
               stdout.en and stderr.en (absent: empty) its English output
  env          optional: variables for this case's run, one NAME=VALUE a
               line (the value as it is, to the end of the line), set on
               top of the rest; e.g. SOURCE_DATE_EPOCH=1709164800 for a
               command that writes a calendar, whose DTSTAMP is otherwise
               the time of the run
and any input files. The case runs in a copy of its folder, with
NO_COLOR=1, so paths and output are the same on every machine. What a
command asked for `--format json` prints on standard output must also
parse as JSON (RFC 8259: no inf, no nan), whatever the expected file says.

Every case runs twice: in Vietnamese, the language of a machine with no
language set (LC_ALL=C.UTF-8, no LANGUAGE), which the expected files hold,
and in English (LANG=en_US.UTF-8). The two runs must end with the same
exit code, and a line of words that reads like English (two or more
English function words outside quotes) printed the same in both is a
message left untranslated: the case fails on it, so every message of
every case is seen to be Vietnamese. Each run has its own copy of the
case's folder.

usage: run.py KEHOACH CASE_DIR [--update]
--update rewrites stdout, stderr and status (and stdout.en, stderr.en of a
case marked english) from the actual runs (review the diff before
committing it).
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

EXPECTED = ("stdout", "stderr", "status")
NOT_INPUTS = ("generate.py", "stdin", "env", "english", "stdout.en", "stderr.en")
WRITTEN = "expected."   # prefix of the expected content of a written file
TIMEOUT = 120  # seconds; a guard against hangs, not a speed check

# The language of each run: the variables gettext reads, set as a
# Vietnamese official's machine (nothing set, C.UTF-8) and an English one.
LANGUAGE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
VIETNAMESE = {"LC_ALL": "C.UTF-8"}
ENGLISH = {"LANG": "en_US.UTF-8"}

# Words of English that no Vietnamese message and no plan holds outside
# quotes; two of them on one line make it English.
ENGLISH_WORDS = {"the", "is", "not", "of", "to", "and", "in", "an", "no",
                 "with", "for", "be", "has", "are", "cannot", "must", "this",
                 "that", "it", "its", "from", "was", "does", "you", "mean",
                 "found", "given", "only", "or", "run", "see", "use"}
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
SOURCE_LINE = re.compile(r"^\s*\d*\s\|")  # a quoted source line, or its caret


def read(path, default=""):
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        return default


def case_env(case):
    """The variables of the case's env file: NAME=VALUE a line."""
    variables = {}
    for n, line in enumerate(read(os.path.join(case, "env")).splitlines(), 1):
        name, sep, value = line.partition("=")
        if not sep or not name:
            sys.exit(f"{case}/env:{n}: not NAME=VALUE: {line!r}")
        variables[name] = value
    return variables


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def json_problem(args, stdout):
    """Why stdout of a --format json command does not parse, or None."""
    asks = any(a == "--format=json" or (a in ("--format", "-f") and b == "json")
               for a, b in zip(args, args[1:] + [""]))
    if not asks or not stdout:
        return None
    try:
        json.loads(stdout, parse_constant=_refuse_constant)
    except ValueError as e:
        return str(e)
    return None


def english_lines(vietnamese, english):
    """The lines printed the same in both languages that read as English."""
    same = set(vietnamese.splitlines()) & set(english.splitlines())
    found = []
    for line in vietnamese.splitlines():
        if line not in same or SOURCE_LINE.match(line) or line in found \
                or " " not in line.strip():
            continue
        words = set(re.findall(r"[a-z]+", QUOTED.sub(" ", line).lower()))
        if len(words & ENGLISH_WORDS) >= 2:
            found.append(line)
    return found


def run_in(kehoach, args, work, case, language):
    """Runs the command in work under a language's variables."""
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARS}
    env.update(language, NO_COLOR="1")
    env.update(case_env(case))
    stdin = os.path.join(case, "stdin")
    with open(stdin if os.path.exists(stdin) else os.devnull, "rb") as given:
        return subprocess.run([kehoach] + args, cwd=work, env=env,
                              stdin=given, capture_output=True,
                              timeout=TIMEOUT)


def lay_out(case, work, repo):
    """The case's inputs in the folder work: its files, plans/ for
    uses-plans, and what generate.py makes."""
    for name in os.listdir(case):
        if name in EXPECTED or name in NOT_INPUTS or name.startswith(WRITTEN):
            continue
        src = os.path.join(case, name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(work, name), symlinks=True)
        else:
            shutil.copy(src, os.path.join(work, name), follow_symlinks=False)
    if os.path.exists(os.path.join(case, "uses-plans")):
        shutil.copytree(os.path.join(repo, "plans"), os.path.join(work, "plans"))
    if os.path.exists(os.path.join(case, "generate.py")):
        # the test helpers of tests/ (madeplan.py) are importable
        tests = os.path.dirname(os.path.dirname(case))
        subprocess.run([sys.executable, os.path.join(case, "generate.py")], cwd=work,
                       check=True, env=dict(os.environ, PYTHONPATH=tests,
                                            PYTHONDONTWRITEBYTECODE="1"))


def main():
    kehoach, case = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    update = "--update" in sys.argv[3:]
    repo = os.path.dirname(os.path.dirname(os.path.dirname(case)))
    args = shlex.split(read(os.path.join(case, "cmd")))
    with tempfile.TemporaryDirectory(prefix="kehoach-cli-") as work, \
            tempfile.TemporaryDirectory(prefix="kehoach-cli-en-") as english_work:
        lay_out(case, work, repo)
        lay_out(case, english_work, repo)
        try:
            english = run_in(kehoach, args, english_work, case, ENGLISH)
            proc = run_in(kehoach, args, work, case, VIETNAMESE)
        except subprocess.TimeoutExpired:
            print(f"kehoach {' '.join(args)}: no answer after {TIMEOUT} s")
            return 1
        written = {}
        for name in os.listdir(case):
            if name.startswith(WRITTEN):
                target = os.path.join(work, name[len(WRITTEN):])
                written[name] = (open(target, encoding="utf-8", newline="").read()
                                 if os.path.exists(target) else None)
    actual = {
        "stdout": proc.stdout.decode("utf-8", "replace"),
        "stderr": proc.stderr.decode("utf-8", "replace"),
        "status": f"{proc.returncode}\n",
    }
    in_english = {
        "stdout.en": english.stdout.decode("utf-8", "replace"),
        "stderr.en": english.stderr.decode("utf-8", "replace"),
    }
    both = os.path.exists(os.path.join(case, "english"))
    if update:
        for name, content in in_english.items() if both else ():
            path = os.path.join(case, name)
            if content:
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(content)
            elif os.path.exists(path):
                os.remove(path)
        for name, content in written.items():
            if content is not None:
                with open(os.path.join(case, name), "w", encoding="utf-8", newline="") as f:
                    f.write(content)
        for name in EXPECTED:
            path = os.path.join(case, name)
            default = "0\n" if name == "status" else ""
            if actual[name] == default:
                if os.path.exists(path):
                    os.remove(path)
            else:
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(actual[name])
        return 0
    failed = False
    for name in EXPECTED:
        want = read(os.path.join(case, name), "0\n" if name == "status" else "")
        if want != actual[name]:
            failed = True
            print(f"--- {name}: expected")
            print(want, end="" if want.endswith("\n") else "\n")
            print(f"--- {name}: actual")
            print(actual[name], end="" if actual[name].endswith("\n") else "\n")
    for name, content in in_english.items() if both else ():
        want = read(os.path.join(case, name))
        if want != content:
            failed = True
            print(f"--- {name}: expected")
            print(want, end="" if want.endswith("\n") else "\n")
            print(f"--- {name}: actual")
            print(content, end="" if content.endswith("\n") else "\n")
    if english.returncode != proc.returncode:
        failed = True
        print(f"--- exit code {english.returncode} in English, "
              f"{proc.returncode} in Vietnamese")
    for stream in ("stdout", "stderr"):
        for line in english_lines(actual[stream], in_english[stream + ".en"]):
            failed = True
            print(f"--- {stream}: not translated (the same in English): {line}")
    for name, content in written.items():
        want = read(os.path.join(case, name))
        if content != want:
            failed = True
            print(f"--- file {name[len(WRITTEN):]}: expected")
            print(want)
            print(f"--- file {name[len(WRITTEN):]}: actual")
            print(content if content is not None else "(not written)")
    problem = json_problem(args, actual["stdout"])
    if problem:
        failed = True
        print(f"--- stdout is not JSON: {problem}")
    if proc.returncode < 0:
        print(f"kehoach was killed by signal {-proc.returncode}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
