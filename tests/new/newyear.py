#!/usr/bin/env python3
"""`kehoach new` checked from outside, on every bundled plan.

Usage: newyear.py KEHOACH PLANS_DIR [MORE_PLANS_DIR...] [--clean-below DIR]

For every plan P in the folders given (plans/, and tests/new/plans/ with
a leap-year plan, a plan over a span whose id names no year, cited dates
and periods), and with --clean-below for every plan file below DIR that
`kehoach validate` accepts without an error (the golden cases' plans: a
byte order mark, CR LF, one-line and flow-style plans, structured times,
registries, warnings of every kind), in a copy of its folder (its units.yaml and progress logs
beside it), `kehoach new --from P --year Y+1 -o NEW.yaml` (Y the plan's
year, or the first of its span) must exit 0, and then, reading both files
with the tests' own YAML reader (yaml12.py) and PyYAML's composer:

  - the draft has the plan's shape: the same keys in the same order, the
    same lists, every value equal but for the moved ones below;
  - every year in a date or a time phrase (activities' and defaults'
    times, structured times, duties' `when` and `due`) is the old one plus
    one, and every year of an activity's time is a year of the new plan;
    `year` or `span` moved by one; the id's year moved (or the id kept
    when it names none); `issued` is the old year plus one with day and
    month left blank; `number` lost its digits before the '/';
  - line by line, once the draft's inserted comment lines are taken out
    (its two header lines and its "# REVIEW" comments), the draft has the
    old plan's lines, and every line that differs differs only in years
    moved by exactly one, each of the plan or next to it (a 29 February
    into a year without one becoming the 28th), or is the `number` or
    `issued` line blanked as above: the official wording stays word for
    word; and the date of every document of the basis, wherever the
    wording cites it, stays as it was;
  - every "# REVIEW" comment stands before an entry that needs a decision,
    and every such entry has one, where the places that need one are
    recomputed here: an entry whose value changed, the id, number,
    issued, year or span, basis and signer, a value still holding a year
    of the old plan (a date citing a document, a period that is not the
    plan's), and the lines where `kehoach validate` warned about the old
    plan;
  - the draft's schema line (where the plan has one) leads to the plan
    schema from where the draft is: the work folder has schemas/ beside
    the plan's folder, as the repository has, so it must read
    "../schemas/plan.schema.json", whatever the plan's said;
  - `kehoach validate` on the draft (in the folder beside the old plan)
    reports problems only on entries that carry a review comment;
  - nothing of the progress is carried: no progress log for the new plan,
    no other file written;
  - the last line on stderr names the new id, the new year, the number of
    activities and the number of "# REVIEW" comments, all recounted here.

Exit status: 0 all good, 1 a check failed, 2 usage.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import yaml12  # noqa: E402

YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
DIGITS = re.compile(r"\d+")
HEADER = "# Drafted by `kehoach new` from "
HEADER_2 = "# `kehoach validate` on this file."

failures = []


SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "schemas",
                      "plan.schema.json")
MODELINE = "# yaml-language-server:"


def fail(plan, message):
    failures.append(f"{plan}: {message}")


def real_dates_needed(text):
    """(day, month, year) of every date written 30/10/2026, "ngày 30
    tháng 10 năm 2026" or 2026-10-30 in text."""
    out = [(int(d), int(m), int(y)) for d, m, y in re.findall(
        r"(?<!\d)(\d{1,2})(?:[/.-]| tháng )(\d{1,2})(?:[/.-]| năm )(\d{4})(?!\d)", text)]
    out += [(int(d), int(m), int(y)) for y, m, d in re.findall(
        r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", text)]
    return out


def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


NOTES = re.compile(r"\.notes-[^./]+\.ya?ml$")     # a plan's notes for a period


def plan_files(folder):
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".yaml", ".yml")) or name.startswith(("units.", "expected.")):
            continue
        if ".progress." in name or ".template." in name or NOTES.search(name):
            continue
        yield name


def years_of(text):
    return [int(m.group()) for m in YEAR.finditer(text)]


# ---- the line-by-line rule -------------------------------------------

def moved_by_one(old, new, first, last):
    """new is old with some four-digit years plus one, each a year of the
    plan or the year before or after it (and a 29 February into a year
    without one made the 28th); nothing else differs."""
    parts_old, parts_new = DIGITS.split(old), DIGITS.split(new)
    runs_old, runs_new = DIGITS.findall(old), DIGITS.findall(new)
    if parts_old != parts_new or len(runs_old) != len(runs_new):
        return False
    changed = False
    for i, (a, b) in enumerate(zip(runs_old, runs_new)):
        if a == b:
            continue
        if len(a) == 4 and len(b) == 4 and int(b) == int(a) + 1 and \
                first - 1 <= int(a) <= last + 1:
            changed = True
            continue
        # 29/02/YYYY or YYYY-02-29 into a year without a 29 February
        if a == "29" and b == "28":
            after = runs_new[i + 2] if i + 2 < len(runs_new) else ""
            before = runs_new[i - 2] if i >= 2 else ""
            month_after = runs_new[i + 1] if i + 1 < len(runs_new) else ""
            month_before = runs_new[i - 1] if i >= 1 else ""
            if (month_after in ("2", "02") and len(after) == 4 and not is_leap(int(after))) or \
               (month_before == "02" and len(before) == 4 and not is_leap(int(before))):
                continue
        return False
    return changed


def blanked(old, new):
    """The number or issued line with its value blanked for the new plan."""
    m_old = re.match(r'^(number|issued): (.*)$', old)
    m_new = re.match(r'^(number|issued): (.*)$', new)
    if not m_old or not m_new or m_old.group(1) != m_new.group(1):
        return False
    was, now = yaml12.load(m_old.group(2)), yaml12.load(m_new.group(2))
    if m_old.group(1) == "number":
        return re.sub(r"^\d+", "", was) == now and now != was
    return now == str(int(was[:4]) + 1)


# ---- entries: where a review comment goes ------------------------------

def entries(text):
    """{line (1-based) of every block entry: a mapping key or a list item
    written in block style} and, for every scalar, the line of its entry,
    as (scalar node, entry line) in document order."""
    root = yaml.compose(text, Loader=yaml12.Yaml12Loader)
    lines, scalars = set(), []

    def walk(n, entry):
        if isinstance(n, yaml.ScalarNode):
            scalars.append((n, entry))
        elif isinstance(n, yaml.SequenceNode):
            for item in n.value:
                at = entry if n.flow_style else item.start_mark.line + 1
                if not n.flow_style:
                    lines.add(at)
                walk(item, at)
        else:
            for key, value in n.value:
                at = entry if n.flow_style else key.start_mark.line + 1
                if not n.flow_style:
                    lines.add(at)
                walk(value, at)

    walk(root, root.start_mark.line + 1)
    return root, lines, scalars


def lines_of(key_node, value_node):
    """The lines (1-based) of a member, from its key to its value's end."""
    end = value_node.end_mark
    last = end.line + 1 if end.column > 0 else end.line
    return set(range(key_node.start_mark.line + 1, max(last, key_node.start_mark.line + 1) + 1))


def entry_of(line, lines):
    return max((e for e in lines if e <= line), default=min(lines))


# ---- the data: dates and times --------------------------------------

def times(plan_data):
    """(path, text, is an activity's) of every date and time phrase."""
    out = []

    def time_value(path, t, of_activity):
        if isinstance(t, str):
            out.append((path, t, of_activity))
        elif isinstance(t, dict):
            for k in ("phrase", "from", "to", "due", "by"):
                if k in t:  # a due date may fall after the plan's years
                    out.append((f"{path}.{k}", str(t[k]), of_activity and k != "due"))
            for i, w in enumerate(t.get("windows", [])):
                time_value(f"{path}.windows[{i}]", w, of_activity)

    def section(s, path):
        if "defaults" in s and "time" in s["defaults"]:
            time_value(f"{path}.defaults.time", s["defaults"]["time"], True)
        for a in s.get("activities", []):
            if "time" in a:
                time_value(f"{path}/{a['id']}.time", a["time"], True)
        for sub in s.get("sections", []):
            section(sub, f"{path}/{sub['id']}")

    if "defaults" in plan_data and "time" in plan_data["defaults"]:
        time_value("defaults.time", plan_data["defaults"]["time"], True)
    for s in plan_data.get("sections", []):
        section(s, s["id"])
    for i, r in enumerate(plan_data.get("reports", [])):
        for k in ("when", "due"):
            if k in r:
                out.append((f"reports[{i}].{k}", str(r[k]), False))
    return out


def activities(plan_data):
    def count(s):
        return len(s.get("activities", [])) + sum(count(x) for x in s.get("sections", []))
    return sum(count(s) for s in plan_data.get("sections", []))


def same_shape(a, b, path, plan, moved):
    """a and b alike but for strings (checked elsewhere) and the numbers
    of year and span."""
    if isinstance(a, dict):
        if not isinstance(b, dict) or list(a) != list(b):
            fail(plan, f"{path}: keys {list(a)} became {list(b) if isinstance(b, dict) else b!r}")
            return
        for k in a:
            same_shape(a[k], b[k], f"{path}.{k}" if path else k, plan, moved)
    elif isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            fail(plan, f"{path}: a list of {len(a)} became {b!r}")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            same_shape(x, y, f"{path}[{i}]", plan, moved)
    elif isinstance(a, str):
        if not isinstance(b, str):
            fail(plan, f"{path}: text became {b!r}")
        elif a != b:
            moved.append(path)
    elif path in ("year", "span.from", "span.to"):
        if b != a + 1:
            fail(plan, f"{path}: {a} became {b}, not {a + 1}")
    elif a != b or type(a) is not type(b):
        fail(plan, f"{path}: {a!r} became {b!r}")


def check_plan(kehoach, folder, name, work):
    plan = os.path.join(os.path.basename(folder.rstrip("/")), name)
    copy = os.path.join(work, os.path.basename(folder.rstrip("/")))
    shutil.copytree(folder, copy)
    os.mkdir(os.path.join(work, "schemas"))
    shutil.copy(SCHEMA, os.path.join(work, "schemas"))
    path = os.path.join(copy, name)
    with open(path, encoding="utf-8-sig", newline="") as f:
        old_text = f.read()
    old = yaml12.load(old_text)
    first = old["year"] if "year" in old else old["span"]["from"]
    last = old["year"] if "year" in old else old["span"]["to"]
    new_path = os.path.join(copy, "new-" + name)
    before = set(os.listdir(copy))
    run = subprocess.run([kehoach, "new", "--from", path, "--year", str(first + 1),
                          "-o", new_path], capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        fail(plan, f"kehoach new exited {run.returncode}: {run.stderr[-2000:]}")
        return
    after = set(os.listdir(copy))
    if after - before != {"new-" + name}:
        fail(plan, f"files written besides the draft: {sorted(after - before - {'new-' + name})}")
    with open(new_path, encoding="utf-8-sig", newline="") as f:
        new_text = f.read()
    new = yaml12.load(new_text)
    if "progress" in new_text.lower() or "records:" in new_text:
        fail(plan, "the draft speaks of progress")

    # the shape, and the values that are not text
    moved_paths = []
    same_shape(old, new, "", plan, moved_paths)

    # dates and time phrases
    for (path_old, t_old, act), (path_new, t_new, _) in zip(times(old), times(new)):
        y_old, y_new = years_of(t_old), years_of(t_new)
        if len(y_old) != len(y_new) or any(b != a + 1 for a, b in zip(y_old, y_new)):
            fail(plan, f"{path_new}: years {y_old} became {y_new} ('{t_old}' -> '{t_new}')")
        if act and any(not first + 1 <= y <= last + 1 for y in y_new):
            fail(plan, f"{path_new}: '{t_new}' is not in the new plan's years")
        for d, m, y in real_dates_needed(t_new):
            try:
                datetime.date(y, m, d)
            except ValueError:
                fail(plan, f"{path_new}: '{t_new}' names {d}/{m}/{y}, no real date")
    if len(times(old)) != len(times(new)):
        fail(plan, "the draft has other times than the plan")

    # the header
    want_id = re.sub(r"(?<![0-9])(\d{4})(?![0-9])",
                     lambda m: str(int(m.group()) + 1)
                     if first <= int(m.group()) <= last and
                     re.search(rf"(^|-){m.group()}(-|$)", old["id"]) else m.group(),
                     old["id"])
    if new["id"] != want_id:
        fail(plan, f"id {old['id']} became {new['id']}, not {want_id}")
    if "issued" in old and new["issued"] != str(int(old["issued"][:4]) + 1):
        fail(plan, f"issued {old['issued']} became {new['issued']}")
    if "number" in old and new["number"] != re.sub(r"^\d+", "", old["number"]):
        fail(plan, f"number {old['number']} became {new['number']}")

    # the schema line, made from where the draft is
    old_lines = old_text.split("\n")
    new_lines = new_text.split("\n")
    if old_lines[0].startswith(MODELINE):
        want = MODELINE + " $schema=../schemas/plan.schema.json"
        if new_lines[0].rstrip("\r") != want:
            fail(plan, f"the draft's first line is {new_lines[0]!r}, not {want!r}")
        elif not os.path.isfile(os.path.join(copy, "../schemas/plan.schema.json")):
            fail(plan, "the draft's schema line leads to no file")
        new_lines[0] = old_lines[0]  # compared as the plan's from here on

    # line by line
    kept, origin, marks = [], [], {}  # origin: draft line -> index in kept
    pending = []
    for i, line in enumerate(new_lines):
        stripped = line.lstrip()
        if stripped.startswith("# REVIEW"):
            pending.append(i + 1)
        elif line.startswith(HEADER) or line.rstrip("\r") == HEADER_2:
            continue
        else:
            kept.append(line)
            if pending:
                marks[len(kept)] = pending  # before old line len(kept)
                pending = []
    if pending:
        fail(plan, f"review comments at the end of the draft: lines {pending}")
    if len(kept) != len(old_lines):
        fail(plan, f"the draft has {len(kept)} lines of the plan's, the plan {len(old_lines)}")
        return
    changed_lines = []
    for n, (a, b) in enumerate(zip(old_lines, kept), 1):
        if a == b:
            continue
        changed_lines.append(n)
        if not moved_by_one(a, b, first, last) and not blanked(a, b):
            fail(plan, f"line {n} changed beyond a year moved by one or a field blanked:\n"
                       f"  - {a}\n  + {b}")

    # the documents of the basis keep their dates wherever the wording
    # cites them ("số 04/KH-UBND ngày 08/01/2026")
    for b in old.get("basis", []):
        if "date" not in b:
            continue
        y, m, d = (int(x) for x in b["date"].split("-"))
        cited = re.compile(rf"(?<!\d)0?{d}(/| tháng )0?{m}(/| năm ){y}(?!\d)")
        for n, (a, line) in enumerate(zip(old_lines, kept), 1):
            if len(cited.findall(a)) != len(cited.findall(line)):
                fail(plan, f"line {n}: the date of {b['document']} ({b['date']}) moved")

    # where a decision is needed, recomputed from the old plan
    root, entry_lines, scalars = entries(old_text)
    _, _, new_scalars = entries(new_text)
    need = {}

    def want(line, why):
        need.setdefault(entry_of(line, entry_lines), why)

    for key_node, value_node in root.value:
        key = key_node.value
        if key in ("id", "number", "issued", "year", "span", "basis", "signer"):
            want(key_node.start_mark.line + 1, key)
    basis_lines = set()
    for key_node, value_node in root.value:
        if key_node.value == "basis":
            basis_lines = lines_of(key_node, value_node)
    span_lines = set()  # the span's review comment stands before "span:"
    for key_node, value_node in root.value:
        if key_node.value == "span":
            span_lines = lines_of(key_node, value_node)
    for (node_old, entry), (node_new, _) in zip(scalars, new_scalars):
        if entry in span_lines:
            continue
        if node_old.value != node_new.value:
            want(entry, f"changed: {node_old.value[:60]!r}")
        elif node_old.start_mark.line + 1 not in basis_lines and \
                any(first <= y <= last for y in years_of(node_old.value)) and \
                node_old.tag == "tag:yaml.org,2002:str":
            want(entry, f"holds a year of the plan, kept: {node_old.value[:60]!r}")
    check = subprocess.run([kehoach, "validate", "--format", "json", path],
                           capture_output=True, text=True, timeout=60)
    for d in json.loads(check.stdout)["diagnostics"]:
        if d["file"] == path and d["severity"] == "warning" and d.get("line"):
            want(d["line"], f"warned: {d['message']}")
    for n in changed_lines:
        if n not in need and entry_of(n, entry_lines) not in need and n not in span_lines:
            fail(plan, f"line {n} changed, yet no decision was recomputed for it")
    marked = set(marks)
    for line, why in sorted(need.items()):
        if line not in marked:
            fail(plan, f"line {line} needs a review comment ({why}) and has none")
    for line in sorted(marked - set(need)):
        fail(plan, f"a review comment before line {line} where nothing needs a decision: "
                   f"{old_lines[line - 1].strip()[:80]!r}")

    # the draft validates but at its review comments
    # the old plan first: a problem between the two (an id both use) is
    # reported at the draft
    check = subprocess.run([kehoach, "validate", "--format", "json", path, new_path],
                           capture_output=True, text=True, timeout=60)
    _, new_entries, _ = entries(new_text)
    # the draft's entry lines that follow a review comment
    reviewed = set()
    for i, line in enumerate(new_lines):
        if line.lstrip().startswith("# REVIEW"):
            k = i + 1
            while k < len(new_lines) and new_lines[k].lstrip().startswith("#"):
                k += 1
            reviewed.add(k + 1)
    problems = [d for d in json.loads(check.stdout)["diagnostics"] if d["file"] == new_path]
    for d in problems:
        if entry_of(d["line"], new_entries) not in reviewed:
            fail(plan, f"validate: line {d['line']} of the draft, with no review comment: "
                       f"{d['message']}")

    # the summary line
    last_line = run.stderr.rstrip("\n").split("\n")[-1]
    reviews = sum(1 for line in new_lines if line.lstrip().startswith("# REVIEW"))
    n = activities(new)
    want_line = (f"kehoach new: wrote {new_path}: plan '{new['id']}' for {first + 1}, "
                 f"{n} {'activity' if n == 1 else 'activities'}; {reviews} "
                 f"{'place' if reviews == 1 else 'places'} marked for review")
    if last_line != want_line:
        fail(plan, f"last line {last_line!r}, not {want_line!r}")
    print(f"{plan}: {len(changed_lines)} lines moved or blanked, {reviews} review comments "
          f"at {len(marked)} entries, {len(problems)} problems in the draft")


def clean_plans(kehoach, top):
    """(folder, name) of every plan below top that validates without an
    error and can move a year on."""
    for root, dirs, files in sorted(os.walk(top)):
        dirs.sort()
        for name in plan_files(root):
            path = os.path.join(root, name)
            if subprocess.run([kehoach, "validate", path], capture_output=True,
                              timeout=60).returncode != 0:
                continue
            with open(path, encoding="utf-8-sig") as f:
                data = yaml12.load(f.read())
            if not isinstance(data, dict) or data.get("id") is None:
                continue  # a unit registry or another document
            last = data["year"] if "year" in data else data["span"]["to"]
            if last < 2100:
                yield root, name


def main():
    args = sys.argv[1:]
    below = None
    if "--clean-below" in args:
        k = args.index("--clean-below")
        below = args[k + 1]
        del args[k:k + 2]
    if len(args) < 2:
        print(__doc__)
        return 2
    kehoach = os.path.abspath(args[0])
    todo = [(folder, name) for folder in args[1:] for name in plan_files(folder)]
    if below:
        todo += list(clean_plans(kehoach, below))
    for folder, name in todo:
        with tempfile.TemporaryDirectory(prefix="kehoach-new-") as work:
            check_plan(kehoach, folder, name, work)
    for f in failures:
        print("FAILED", f)
    print(f"{len(todo)} plans drafted for the next year; {len(failures)} failures")
    return 1 if failures or not todo else 0


if __name__ == "__main__":
    sys.exit(main())
